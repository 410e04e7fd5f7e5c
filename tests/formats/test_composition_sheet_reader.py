"""app/formats/composition_sheet_reader.py: a spreadsheet read into checked rows, or refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from app import i18n
from app.formats.composition_columns import Vocabulary
from app.formats.composition_rows import FieldRules
from app.formats.composition_sheet_reader import (
    MAX_ROWS,
    ImportFileError,
    preview_rows,
    read_composition_sheet,
)

RULES = FieldRules(text=lambda value, field, limit: value, day=lambda value, field: value)


@pytest.fixture
def words() -> Vocabulary:
    return Vocabulary.build(i18n.translations)


def test_a_semicolon_csv_with_a_byte_order_mark_reads(tmp_path: Path, words: Vocabulary) -> None:
    path = tmp_path / "состав.csv"
    path.write_bytes(
        "Роль;Фамилия;Имя;Примечание\nчлен;Ахметов;Серик;x\n\nпредседатель;Иванова;Анна;\n".encode(
            "utf-8-sig"
        )
    )

    preview = read_composition_sheet(path, words, RULES)

    assert preview.source == "состав.csv"
    assert preview.columns == ("role", "surname", "given_name")
    assert preview.ignored_headers == ("Примечание",)
    assert [(r.row, r.values.surname) for r in preview.rows] == [(2, "Ахметов"), (4, "Иванова")]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("c.ods", b"x", r"\.xlsx and \.csv files only"),
        ("c.csv", b"", "is empty"),
        ("c.csv", b" \n;;\n", "is empty"),
        ("c.csv", "Роль;Фамилия\n".encode("cp1251"), "not UTF-8"),
        ("c.csv", b"Role,Surname\x00\n", "not a text file"),
        ("c.csv", b"Surname\nAkhmetov\n", "no column"),
        ("c.csv", b"Role,Note\nmember,x\n", "position title or for the surname"),
        ("c.csv", "Role,Surname,Фамилия\nmember,A,B\n".encode(), "both mean"),
        ("c.csv", b"Role,Surname\n", "no rows under the header row 1"),
        ("c.xlsx", b"PK\x03\x04 not really", r"not an Excel workbook \(\.xlsx\)"),
    ],
)
def test_a_file_that_is_no_composition_is_refused(
    tmp_path: Path, words: Vocabulary, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ImportFileError, match=message):
        read_composition_sheet(path, words, RULES)


def test_a_missing_file_is_refused_with_the_reason(tmp_path: Path, words: Vocabulary) -> None:
    with pytest.raises(ImportFileError, match="cannot be read"):
        read_composition_sheet(tmp_path / "gone.csv", words, RULES)


def test_a_huge_cell_is_refused_naming_its_row(tmp_path: Path, words: Vocabulary) -> None:
    path = tmp_path / "c.csv"
    path.write_text("Role,Surname\nmember,A\nmember," + "ж" * 10_001 + "\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match="row 3 holds 10001 characters"):
        read_composition_sheet(path, words, RULES)


def test_rows_from_another_source_are_named_by_it(words: Vocabulary) -> None:
    raw: list[tuple[int, list[object]]] = [(1, ["Role", "Surname"])]
    raw += [(n, ["member", f"S{n}"]) for n in range(2, MAX_ROWS + 3)]

    with pytest.raises(ImportFileError, match="too many rows") as refused:
        preview_rows("the pasted table", raw, words, RULES)
    assert "the pasted table" in str(refused.value)

    preview = preview_rows("the pasted table", raw[:3], words, RULES)
    assert preview.source == "the pasted table" and len(preview.rows) == 2
