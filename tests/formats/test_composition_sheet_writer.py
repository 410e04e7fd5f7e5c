"""app/formats/composition_sheet_writer.py: the composition spreadsheet written and read back."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl

from app import i18n
from app.formats import atomic
from app.formats.composition_columns import COLUMN_KEYS, Vocabulary
from app.formats.composition_rows import FieldRules
from app.formats.composition_sheet_reader import read_composition_sheet
from app.formats.composition_sheet_writer import sheet_title, write_composition_sheet

RULES = FieldRules(text=lambda value, field, limit: value, day=lambda value, field: value)


def row(**values: object) -> list[object]:
    return [values.get(key, "") for key in COLUMN_KEYS]


def test_a_written_sheet_reads_back(tmp_path: Path) -> None:
    rows = [
        row(
            role="төраға",
            kind="лауазымы бойынша",
            position_kk="Министр",
            valid_from=date(2024, 1, 2),
        ),
        row(
            role="мүшесі",
            kind="жеке",
            surname="Ахметов",
            by_agreement="иә",
            valid_from=date(2024, 1, 2),
        ),
    ]
    path = write_composition_sheet(tmp_path / "c.xlsx", rows, i18n.translations("kk"))

    preview = read_composition_sheet(path, Vocabulary.build(i18n.translations), RULES)

    assert preview.ok and preview.columns == COLUMN_KEYS and preview.source == "c.xlsx"
    assert [r.values.surname for r in preview.rows] == ["", "Ахметов"]
    assert preview.rows[1].values.by_agreement and preview.rows[0].values.valid_from == date(
        2024, 1, 2
    )
    assert not list(tmp_path.glob(atomic.PREFIX + "*"))


def test_a_formula_is_written_as_text(tmp_path: Path) -> None:
    path = write_composition_sheet(
        tmp_path / "f.xlsx", [row(role="member", position_en="=1+1")], i18n.translations("en")
    )
    book = openpyxl.load_workbook(path)
    sheet = book.active
    assert sheet is not None and sheet.title == "Composition"
    assert sheet.cell(row=2, column=COLUMN_KEYS.index("position_en") + 1).data_type == "s"
    book.close()


def test_a_sheet_title_is_what_excel_allows() -> None:
    assert sheet_title("Состав: [2024/25]?") == "Состав   2024 25"
    assert sheet_title("*") == "Composition" and len(sheet_title("ж" * 40)) == 31
