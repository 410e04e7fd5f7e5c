"""Read a composition file: every row checked, every problem named, nothing written."""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app import i18n
from app.domain.composition import Role, SeatKind, Side
from app.domain.errors import DomainError
from app.formats.composition_rows import DATE_PROBLEM, ROLE_PROBLEM, TWICE_PROBLEM, YES_NO_PROBLEM
from app.formats.composition_sheet_reader import MAX_CELL_CHARS, MAX_ROWS, ImportFileError
from app.models.database import Database
from app.services.compositions.read_composition_file import read_composition_file
from tests.services.compositions.composition_helpers import (
    broken_rows,
    counts,
    problems_by_row,
    write_csv,
    write_xlsx,
)


def test_a_kazakh_csv_with_commas(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "құрам.csv",
        [
            [
                "Рөлі",
                "Орын түрі",
                "Лауазымы (қаз.)",
                "Лауазымы (орыс.)",
                "Тегі",
                "Аты",
                "Әкесінің аты",
                "Келісу бойынша",
                "Тарап",
                "Дауыс беру",
                "Басталу күні",
            ],
            [
                "төраға",
                "лауазымы бойынша",
                "Қаржы министрі, бірінші басшы",
                "Министр финансов",
                "",
                "",
                "",
                "жоқ",
                "Қазақстан тарапы",
                "иә",
                "01.03.2024",
            ],
            ["хатшы", "жеке", "", "", "Сейітов", "Ерлан", "Маратұлы", "иә", "", "", ""],
            ["", "", "Әкім", "", "", "", "", "", "шетел тарапы", "", ""],
            ["тең төраға", "", "Басқарма төрағасы", "", "", "", "", "1", "", "0", ""],
        ],
    )

    preview = read_composition_file(path)

    assert preview.ok, problems_by_row(preview)
    rows = [r.values for r in preview.rows]
    assert [r.role for r in rows] == [Role.CHAIR, Role.SECRETARY, Role.MEMBER, Role.CO_CHAIR]
    assert rows[0].position_kk == "Қаржы министрі, бірінші басшы"
    assert rows[0].position_ru == "Министр финансов" and rows[0].side is Side.KAZAKH
    assert rows[1].kind is SeatKind.PERSONAL and rows[1].by_agreement
    assert rows[2].side is Side.FOREIGN and rows[2].kind is SeatKind.EX_OFFICIO
    assert rows[3].by_agreement and not rows[3].voting


def test_a_broken_file_lists_every_bad_row_with_its_reason(tmp_path: Path) -> None:
    preview = read_composition_file(write_xlsx(tmp_path / "broken.xlsx", broken_rows()))

    assert not preview.ok
    found = problems_by_row(preview)
    assert sorted(found) == [3, 4, 5, 6, 8, 9, 10]
    assert found[3] == [ROLE_PROBLEM]
    assert found[4] == ["The row names neither a position nor a person."]
    assert found[5] == [DATE_PROBLEM]
    assert found[6] == ["A second chair in the file (the first is in row {first})."]
    assert sorted(found[8]) == sorted([YES_NO_PROBLEM, TWICE_PROBLEM])
    assert found[9] == ["The field “{field}” is too long ({length} characters; at most {limit})."]
    assert found[10] == ["The person's surname is missing; write it or leave the name cells empty."]
    assert preview.bad_row_count == 7 and preview.row_count == 10
    messages = {row.row: [p.message() for p in row.problems] for row in preview.bad_rows}
    assert "“president of the world”" in messages[3][0] and "“Role”" in messages[3][0]
    assert "“31.02.2024”" in messages[5][0]
    assert messages[6] == ["A second chair in the file (the first is in row 2)."]
    assert any("already in row 7" in m for m in messages[8])
    assert "“Surname”" in messages[9][0] and "300 characters" in messages[9][0]
    assert preview.rows[9].values.valid_from == date(2024, 3, 1)


def test_problems_are_translated_when_shown(tmp_path: Path) -> None:
    preview = read_composition_file(write_xlsx(tmp_path / "broken.xlsx", broken_rows()))
    problem = preview.rows[1].problems[0]
    ru = i18n.translations("ru")
    assert problem.message(ru) == DomainError(problem.msgid, **dict(problem.params)).message(ru)


# -- files that are not composition lists ---------------------------------------------------


def refused_file(path: Path) -> ImportFileError:
    with pytest.raises(ImportFileError) as refused:
        read_composition_file(path)
    return refused.value


def test_files_that_cannot_be_read_are_refused(
    database: Database, demo: int, tmp_path: Path
) -> None:
    before = counts(database)
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(os.urandom(4096))
    assert "not an Excel workbook" in str(refused_file(junk))
    text_as_xlsx = tmp_path / "text.xlsx"
    text_as_xlsx.write_text("role,position_en\nchair,Minister\n", encoding="utf-8")
    assert "not an Excel workbook" in str(refused_file(text_as_xlsx))
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    assert "is empty" in str(refused_file(empty))
    empty_csv = tmp_path / "empty.csv"
    empty_csv.write_bytes(b"\xef\xbb\xbf\r\n  \r\n")
    assert "is empty" in str(refused_file(empty_csv))
    for name in ("list.docx", "list.txt", "list"):
        (tmp_path / name).write_bytes(b"role\nchair\n")
        assert ".xlsx and .csv" in str(refused_file(tmp_path / name))
    cp1251 = tmp_path / "cp1251.csv"
    cp1251.write_bytes("Роль;Должность\nчлен;Аким\n".encode("cp1251"))
    assert "UTF-8" in str(refused_file(cp1251))
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"role,position_en\x00\nchair,x\n")
    assert "not a text file" in str(refused_file(binary))
    assert "cannot be read" in str(refused_file(tmp_path / "missing.xlsx"))
    assert counts(database) == before


def test_files_without_the_needed_columns_are_refused(tmp_path: Path) -> None:
    no_role = write_csv(tmp_path / "a.csv", [["Position (en)", "Surname"], ["Minister", ""]])
    assert "Role / Роль / Рөлі" in str(refused_file(no_role))
    no_position = write_csv(tmp_path / "b.csv", [["Role", "Voting"], ["chair", "yes"]])
    assert "position title or for the surname" in str(refused_file(no_position))
    twice = write_csv(tmp_path / "c.csv", [["Role", "Роль", "Title"], ["chair", "", "x"]])
    assert "“Role” and “Роль”" in str(refused_file(twice))
    header_only = write_xlsx(tmp_path / "d.xlsx", [["Role", "Title"]])
    assert "no rows under the header row 1" in str(refused_file(header_only))


def test_too_many_rows_and_huge_cells_are_refused(tmp_path: Path) -> None:
    rows: list[list[object]] = [["Role", "Title"]]
    rows += [["member", f"Position {n}"] for n in range(MAX_ROWS + 1)]
    assert "too many rows" in str(refused_file(write_csv(tmp_path / "many.csv", rows)))
    assert read_composition_file(write_csv(tmp_path / "enough.csv", rows[:-1])).ok
    huge = [["Role", "Title"], ["member", "x" * (MAX_CELL_CHARS + 1)]]
    assert "characters" in str(refused_file(write_xlsx(tmp_path / "huge.xlsx", huge)))
    assert "characters" in str(refused_file(write_csv(tmp_path / "huge.csv", huge)))


def test_unknown_columns_are_ignored_and_blank_rows_skipped(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "extra.xlsx",
        [
            [None, None],
            ["Role", "Title", "Телефон"],
            [None, None, None],
            ["member", "Akim", "+7 701"],
        ],
    )
    preview = read_composition_file(path)
    assert preview.ok and preview.ignored_headers == ("Телефон",)
    assert [row.row for row in preview.rows] == [4]


@settings(max_examples=60, deadline=None)
@given(
    cells=st.lists(st.lists(st.text(max_size=40), min_size=0, max_size=6), min_size=1, max_size=8),
    delimiter=st.sampled_from([",", ";"]),
)
def test_any_csv_gives_a_preview_or_a_clear_refusal(cells: list[list[str]], delimiter: str) -> None:
    """Whatever a CSV holds, reading it never fails with anything but a file refusal."""
    header = ["Role", "Title", "Surname", "By agreement", "Valid from", "Side"]
    with tempfile.TemporaryDirectory() as folder:
        path = write_csv(Path(folder) / "any.csv", [header, *cells], delimiter=delimiter)
        try:
            preview = read_composition_file(path)
        except ImportFileError:
            return
    assert all(row.row >= 2 for row in preview.rows)
    for row in preview.rows:
        for problem in row.problems:
            assert problem.message()
