"""app/reports/protocol_docx_styles.py: the DOCX page, defaults and styles, saved and read back."""

from __future__ import annotations

import io

import docx
from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from app.reports.protocol_docx_styles import (
    FONT,
    LINE_PITCH,
    _dxa,
    _page,
    _set_defaults,
    _Styles,
    _t,
)


def saved(doc: DocumentObject) -> DocumentObject:
    out = io.BytesIO()
    doc.save(out)
    return docx.Document(io.BytesIO(out.getvalue()))


def test_a_text_is_one_line_of_characters_xml_can_hold() -> None:
    assert _t("Хаттама\n№\u202f3\tжобасы\x00\x0b\ufffe") == "Хаттама №\u00a03 жобасы"


def test_widths_are_in_twentieths_of_a_point() -> None:
    assert _dxa(25.4) == 1440  # an inch
    assert _dxa(165) == 9354  # the text width of an official page


def test_the_defaults_are_times_new_roman_14_in_the_protocol_s_language() -> None:
    doc = docx.Document()
    _set_defaults(doc, "ru")

    defaults = saved(doc).styles.element.findall(qn("w:docDefaults"))
    assert len(defaults) == 1  # the template's replaced, not amended
    run = defaults[0].find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert run.find(qn("w:rFonts")).get(qn("w:ascii")) == FONT == "Times New Roman"
    assert run.find(qn("w:sz")).get(qn("w:val")) == "28"
    assert run.find(qn("w:lang")).get(qn("w:val")) == "ru-RU"
    spacing = defaults[0].find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    assert (spacing.get(qn("w:line")), spacing.get(qn("w:lineRule"))) == ("322", "exact")


def test_the_page_is_a4_with_the_official_margins_and_a_numbered_footer() -> None:
    doc = docx.Document()
    _page(doc, "Хаттама № 3 <жоба>")

    section = saved(doc).sections[0]
    sizes = [
        section.page_width,
        section.page_height,
        section.left_margin,
        section.right_margin,
        section.top_margin,
        section.bottom_margin,
    ]
    assert [round(size.mm, 1) for size in sizes] == [210, 297, 30, 15, 20, 20]  # stored in twips
    footer = section.footer.paragraphs[0]
    assert footer.text.startswith("Хаттама № 3 <жоба>")
    codes = [f.get(qn("w:instr")) for f in footer._p.findall(qn("w:fldSimple"))]
    assert codes == [" PAGE ", " NUMPAGES "]


def test_the_styles_are_added_once_with_the_pdf_s_spacing() -> None:
    doc = docx.Document()
    styles = _Styles(doc)

    again = saved(doc).styles
    body, cell, annex_ref = again["Kenes Body"], again["Kenes Cell"], again["Kenes Annex Reference"]
    assert body.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert round(body.paragraph_format.first_line_indent.mm, 1) == 12.5
    assert cell.font.size == Pt(12)
    assert cell.paragraph_format.line_spacing == Pt(round(12 * LINE_PITCH, 2))
    assert annex_ref.paragraph_format.page_break_before is True
    assert again["Kenes Decision"].paragraph_format.keep_with_next is True
    assert styles.body.name == "Kenes Body"
