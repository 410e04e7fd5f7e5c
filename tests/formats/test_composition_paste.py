"""Tables pasted from Excel (tab-separated text) and Word (HTML), read as a composition file."""

from __future__ import annotations

import gettext
from datetime import date

import pytest

from app.domain.composition import Role
from app.formats.composition_columns import Vocabulary
from app.formats.composition_paste import (
    html_table_rows,
    read_pasted_table,
    text_table_rows,
)
from app.formats.composition_rows import FieldRules
from app.formats.composition_sheet_reader import ImportFileError

WORDS = Vocabulary.build(lambda _lang: gettext.NullTranslations())
RULES = FieldRules(text=lambda value, _field, _limit: value.strip(), day=lambda d, _f: d)
NAME = "The pasted table"

# Excel, Russian settings: a selection of A1:F4 copied; a cell with a line break is quoted.
EXCEL_TSV = (
    "Роль\tДолжность\tФамилия\tИмя\tОтчество\tПо согласованию\r\n"
    "председатель\tПремьер-Министр Республики Казахстан\tӘбенов\tНұрлан\tСерікұлы\tнет\r\n"
    'член\t"Председатель правления\nАО «Самрук-Казына»"\tСмаилов\tАлихан\t\tда\r\n'
    "секретарь\tВице-министр цифрового развития\t\t\t\t\r\n"
)

# Word (Windows) puts a table on the clipboard as HTML of this shape: Office namespaces,
# paragraphs and spans in each cell, the header row in bold, a nbsp in an empty cell.
WORD_HTML = """<html xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word"><head><meta charset="utf-8">
<style><!-- p.MsoNormal {margin:0cm;} --></style></head>
<body lang=KK><!--StartFragment-->
<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse'>
 <tr style='mso-yfti-irow:0;mso-yfti-firstrow:yes'>
  <td width=60 valign=top><p class=MsoNormal><b><span lang=KK>Рөлі</span></b></p></td>
  <td width=300 valign=top><p class=MsoNormal><b><span lang=KK>Лауазымы</span></b></p></td>
  <td width=120 valign=top><p class=MsoNormal><b><span lang=KK>Тегі</span></b></p></td>
  <td width=120 valign=top><p class=MsoNormal><b><span lang=KK>Аты</span></b></p></td>
  <td width=80 valign=top><p class=MsoNormal><b>Келісу бойынша</b></p></td>
 </tr>
 <tr style='mso-yfti-irow:1'>
  <td><p class=MsoNormal><span lang=KK>төраға</span></p></td>
  <td><p class=MsoNormal><span lang=KK>Қазақстан Республикасының Ұлттық</span></p>
      <p class=MsoNormal><span lang=KK>экономика министрі</span></p></td>
  <td><p class=MsoNormal>Жақсылықова</p></td>
  <td><p class=MsoNormal>Гүлнар</p></td>
  <td><p class=MsoNormal>&nbsp;</p></td>
 </tr>
 <tr style='mso-yfti-irow:2;mso-yfti-lastrow:yes'>
  <td><p class=MsoNormal>мүше</p></td>
  <td><p class=MsoNormal>&quot;Атамекен&quot; ҰКП басқармасының төрағасы</p></td>
  <td><p class=MsoNormal></p></td>
  <td><p class=MsoNormal></p></td>
  <td><p class=MsoNormal>иә</p></td>
 </tr>
</table>
<!--EndFragment--></body></html>"""

# The text Word puts beside the HTML loses the line break inside a cell.
WORD_TEXT = "Рөлі\tЛауазымы\tТегі\tАты\tКелісу бойынша\n"

# The list as the resolution prints it, one position a line, copied from the text.
RESOLUTION_LIST = (
    "Қазақстан Республикасының Премьер-Министрі, төраға\n"
    "\n"
    "Алматы қаласының әкімі\n"
    '"Verny Capital" жауапкершілігі шектеулі серіктестігінің бас директоры (келісу бойынша)\n'
)


def test_excel_tab_separated_text_with_a_quoted_line_break() -> None:
    rows = text_table_rows(EXCEL_TSV)
    assert rows[2][1] == "Председатель правления\nАО «Самрук-Казына»"
    preview = read_pasted_table(EXCEL_TSV, "", NAME, WORDS, RULES)
    assert preview.ok and preview.source == NAME and preview.row_count == 3
    chair, member, secretary = (r.values for r in preview.rows)
    assert chair.role is Role.CHAIR and chair.position_ru.startswith("Премьер-Министр")
    assert chair.surname == "Әбенов" and not chair.by_agreement
    assert member.by_agreement and member.position_ru == "Председатель правления АО «Самрук-Казына»"
    assert secretary.role is Role.SECRETARY and not secretary.has_person


def test_word_html_table_is_read_cell_by_cell() -> None:
    rows = html_table_rows(WORD_HTML)
    assert rows[0] == ["Рөлі", "Лауазымы", "Тегі", "Аты", "Келісу бойынша"]
    assert rows[1][1] == "Қазақстан Республикасының Ұлттық экономика министрі"
    assert rows[2][1] == '"Атамекен" ҰКП басқармасының төрағасы'
    preview = read_pasted_table(WORD_TEXT, WORD_HTML, NAME, WORDS, RULES)
    assert preview.ok and preview.row_count == 2
    chair, member = (r.values for r in preview.rows)
    assert chair.role is Role.CHAIR and chair.position_kk.endswith("экономика министрі")
    assert member.by_agreement and not member.has_person


def test_a_resolution_list_without_a_header_is_read_line_by_line() -> None:
    preview = read_pasted_table(RESOLUTION_LIST, "", NAME, WORDS, RULES)
    assert preview.ok and [r.row for r in preview.rows] == [1, 2, 3]
    chair, akim, director = (r.values for r in preview.rows)
    assert chair.role is Role.CHAIR
    assert chair.position_kk == "Қазақстан Республикасының Премьер-Министрі"
    assert akim.role is Role.MEMBER and not akim.by_agreement
    assert director.by_agreement and director.position_kk.endswith("бас директоры")


def test_bad_rows_are_listed_with_their_reasons() -> None:
    text = "Role\tPosition\tValid from\nemperor\tMinister\t31.02.2024\nmember\tAkim\t\n"
    preview = read_pasted_table(text, "", NAME, WORDS, RULES)
    assert not preview.ok and preview.bad_row_count == 1
    assert preview.rows[1].ok


@pytest.mark.parametrize(
    ("text", "html", "message"),
    [
        ("", "", "The pasted table is empty."),
        ("   \n\t\n", "", "The pasted table is empty."),
        ("Name\tE-mail\nAbenov\ta@b.kz\n", "", "The pasted table has no column"),
        ("x" * 20_000, "", "The pasted table: a cell in row 1 holds 20000 characters"),
        ("", "<table>" + "<tr><td>a</td></tr>" * 300_000 + "</table>", "too large"),
    ],
)
def test_what_is_no_composition_is_refused(text: str, html: str, message: str) -> None:
    with pytest.raises(ImportFileError) as caught:
        read_pasted_table(text, html, NAME, WORDS, RULES)
    assert message in caught.value.message()


def test_dates_are_read_as_in_a_file() -> None:
    text = "Role\tPosition (en)\tValid from\nchair\tPrime Minister\t26.01.2022\n"
    preview = read_pasted_table(text, "", NAME, WORDS, RULES)
    assert preview.rows[0].values.valid_from == date(2022, 1, 26)
