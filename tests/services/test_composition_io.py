"""Import a composition from XLSX/CSV with a preview; export it as XLSX and PDF (seed 000)."""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from app import i18n
from app.domain.composition import Role, SeatKind, Side
from app.domain.errors import DomainError
from app.models.database import Database
from app.services import composition_io as cio
from app.services import demo_data
from app.services.base import SYSTEM
from app.services.composition_io import (
    ImportFileError,
    ImportPreview,
    ImportRowError,
    export_composition_xlsx,
    import_composition,
    read_composition_file,
)
from app.services.councils import CouncilData, create_council, list_councils
from app.services.demo import create_demo
from app.services.people import (
    ActData,
    PersonData,
    PositionData,
    appoint_to_position,
    create_person,
    create_position,
)
from app.services.seats import CompositionLine, SeatData, add_seat, composition

ON = date(2024, 1, 1)
EFFECTIVE = date(2024, 3, 1)
ACT = ActData("Қазақстан Республикасы Үкіметінің қаулысы", "99", date(2024, 2, 20))
TABLES = ("seats", "people", "positions", "position_holdings", "acts", "audit_events", "councils")
BY_AGREEMENT = sum(1 for _role, agreed, _titles, _holder in demo_data.SEATS if agreed)


@pytest.fixture
def demo(database: Database) -> int:
    """The seed 000 board; returns its council id."""
    assert create_demo(database, SYSTEM)
    return list_councils(database)[0].id


def new_council(db: Database, name: str = "Жаңа кеңес") -> int:
    return create_council(db, SYSTEM, CouncilData(name_kk=name, name_en="New council")).id


def counts(db: Database) -> dict[str, int]:
    with db.engine.connect() as conn:
        return {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in TABLES}


def write_xlsx(path: Path, rows: Sequence[Sequence[object]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


def write_csv(
    path: Path, rows: Sequence[Sequence[object]], *, delimiter: str = ",", bom: bool = False
) -> Path:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + buffer.getvalue().encode("utf-8"))
    return path


def line_key(line: CompositionLine) -> tuple[object, ...]:
    seat = line.seat
    return (
        seat.role,
        seat.kind,
        line.position.id if line.position else None,
        line.person.id if line.person else None,
        seat.by_agreement,
        seat.voting,
        seat.side,
    )


def problems_by_row(preview: ImportPreview) -> dict[int, list[str]]:
    return {row.row: [p.msgid for p in row.problems] for row in preview.rows if row.problems}


# -- export, read back, import --------------------------------------------------------------


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_an_export_reads_back_as_the_same_rows(
    database: Database, demo: int, tmp_path: Path, lang: str
) -> None:
    lines = composition(database, demo, ON)
    path = export_composition_xlsx(database, demo, ON, tmp_path / f"board-{lang}.xlsx", lang)

    preview = read_composition_file(path)

    assert preview.ok and preview.problem_count == 0
    assert preview.columns == cio.COLUMN_KEYS and preview.ignored_headers == ()
    assert preview.row_count == len(lines) == len(demo_data.SEATS)
    assert [r.row for r in preview.rows] == list(range(2, len(lines) + 2))
    for row, line in zip(preview.rows, lines, strict=True):
        values = row.values
        assert line.position is not None and line.person is not None
        assert values.role is line.seat.role and values.kind is line.seat.kind
        assert values.titles == line.position.titles
        assert (values.surname, values.given_name, values.patronymic, values.latin_name) == (
            line.person.surname,
            line.person.given_name,
            line.person.patronymic,
            line.person.latin_name,
        )
        assert values.by_agreement is line.seat.by_agreement
        assert values.voting is line.seat.voting and values.side is line.seat.side
        assert values.valid_from == line.seat.valid_from
    assert preview.role_counts == {
        Role.CHAIR: 1,
        Role.DEPUTY_CHAIR: 1,
        Role.SECRETARY: 1,
        Role.MEMBER: len(lines) - 3,
    }


def test_the_export_has_a_bold_header_widths_and_a_titled_sheet(
    database: Database, demo: int, tmp_path: Path
) -> None:
    path = export_composition_xlsx(database, demo, ON, tmp_path / "board.xlsx", "ru")
    book = openpyxl.load_workbook(path)
    sheet = book.active
    assert sheet is not None
    assert sheet.title == i18n.translations("ru").gettext("Composition")[:31]
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.column_dimensions["C"].width >= 40
    assert sheet.freeze_panes == "A2"
    assert sheet.cell(row=2, column=1).value == "председатель"
    assert isinstance(sheet.cell(row=2, column=16).value, datetime)
    book.close()


def test_an_export_imports_into_another_council_as_the_same_composition(
    database: Database, demo: int, tmp_path: Path
) -> None:
    path = export_composition_xlsx(database, demo, ON, tmp_path / "board.xlsx", "kk")
    target = new_council(database)

    result = import_composition(
        database, SYSTEM, target, read_composition_file(path), EFFECTIVE, ACT
    )

    imported = composition(database, target, EFFECTIVE)
    assert [line_key(line) for line in imported] == [
        line_key(line) for line in composition(database, demo, EFFECTIVE)
    ]
    assert all(line.seat.valid_from == EFFECTIVE for line in imported)
    assert result.positions_created == result.people_created == result.holdings_created == 0
    assert result.positions_matched == result.people_matched == len(imported)
    assert len(result.seats) == len(imported) and result.ended_seats == 0
    assert composition(database, target, date(2024, 2, 29)) == []


def test_a_second_import_is_a_new_edition_and_keeps_the_history(
    database: Database, demo: int, tmp_path: Path
) -> None:
    path = export_composition_xlsx(database, demo, ON, tmp_path / "board.xlsx", "en")
    preview = read_composition_file(path)
    first = len(composition(database, demo, ON))

    result = import_composition(database, SYSTEM, demo, preview, EFFECTIVE, ACT)

    assert result.ended_seats == first
    assert [line.seat.valid_to for line in composition(database, demo, ON)] == [
        date(2024, 2, 29)
    ] * first
    now = composition(database, demo, EFFECTIVE)
    assert len(now) == first and all(line.act.label("kk").endswith("№ 99") for line in now)
    with database.engine.connect() as conn:
        event = conn.execute(
            text("SELECT after FROM audit_events WHERE action = 'composition.import'")
        ).scalar_one()
    assert '"seats": 15' in event and '"ended_seats": 15' in event


def test_an_import_creates_positions_people_and_appointments(
    database: Database, tmp_path: Path
) -> None:
    target = new_council(database)
    path = write_xlsx(
        tmp_path / "new.xlsx",
        [
            [
                "Role",
                "Position (kk)",
                "Position (ru)",
                "Surname",
                "Name",
                "Patronymic",
                "By agreement",
                "Kind of seat",
            ],
            ["chair", "Министр", "Министр", "Ахметов", "Серік", "Болатұлы", "", ""],
            ["secretary", "Вице-министр", "", "", "", "", "", ""],
            ["member", "", "", "Иванова", "Анна", "", "yes", ""],
            ["member", "Директор", "", "Петров", "Олег", "", "x", "personal"],
        ],
    )
    preview = read_composition_file(path)
    assert preview.ok, problems_by_row(preview)
    assert [r.values.kind for r in preview.rows] == [
        SeatKind.EX_OFFICIO,
        SeatKind.EX_OFFICIO,
        SeatKind.PERSONAL,
        SeatKind.PERSONAL,
    ]

    result = import_composition(database, SYSTEM, target, preview, EFFECTIVE, ACT)

    assert (result.positions_created, result.people_created, result.holdings_created) == (3, 3, 1)
    lines = composition(database, target, EFFECTIVE)
    assert [(line.seat.role, line.person.surname if line.person else None) for line in lines] == [
        (Role.CHAIR, "Ахметов"),
        (Role.SECRETARY, None),
        (Role.MEMBER, "Иванова"),
        (Role.MEMBER, "Петров"),
    ]
    assert lines[0].position is not None and lines[0].position.titles["ru"] == "Министр"
    assert lines[3].position is not None and lines[3].seat.kind is SeatKind.PERSONAL
    assert [line.seat.by_agreement for line in lines] == [False, False, True, True]
    assert composition(database, target, date(2024, 2, 29)) == []


def test_a_later_valid_from_starts_that_seat_later(database: Database, tmp_path: Path) -> None:
    target = new_council(database)
    path = write_csv(
        tmp_path / "c.csv",
        [
            ["role", "position_en", "valid_from"],
            ["chair", "Minister", ""],
            ["member", "Akim", "15.03.2024"],
            ["member", "Director", "01.01.2020"],
        ],
    )
    import_composition(database, SYSTEM, target, read_composition_file(path), EFFECTIVE, ACT)
    assert len(composition(database, target, EFFECTIVE)) == 2
    assert len(composition(database, target, date(2024, 3, 15))) == 3


# -- CSV and the three languages ---------------------------------------------------------


def test_a_russian_csv_with_semicolons_and_a_bom(database: Database, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "состав.csv",
        [
            [
                "Роль",
                "Вид места",
                "Должность",
                "Фамилия",
                "Имя",
                "Отчество",
                "По согласованию",
                "Сторона",
                "Право голоса",
                "Дата начала",
            ],
            [
                "Председатель",
                "по должности",
                "Министр финансов",
                "Ахметов",
                "Серік",
                "",
                "нет",
                "",
                "",
                "01.03.2024",
            ],
            ["Заместитель председателя", "", "Вице-министр; первый", "", "", "", "", "", "", ""],
            [
                "член",
                "персонально",
                "",
                "Иванова",
                "Анна",
                "Петровна",
                "да",
                "иностранная сторона",
                "нет",
                "2024-03-01",
            ],
        ],
        delimiter=";",
        bom=True,
    )

    preview = read_composition_file(path)

    assert preview.ok, problems_by_row(preview)
    first, second, third = (r.values for r in preview.rows)
    assert (first.role, first.kind, first.position_ru, first.surname) == (
        Role.CHAIR,
        SeatKind.EX_OFFICIO,
        "Министр финансов",
        "Ахметов",
    )
    assert (second.role, second.position_ru) == (Role.DEPUTY_CHAIR, "Вице-министр; первый")
    assert (third.kind, third.by_agreement, third.side, third.voting) == (
        SeatKind.PERSONAL,
        True,
        Side.FOREIGN,
        False,
    )
    assert first.valid_from == third.valid_from == date(2024, 3, 1)
    assert second.valid_from is None

    target = new_council(database)
    import_composition(database, SYSTEM, target, preview, EFFECTIVE, ACT)
    lines = composition(database, target, EFFECTIVE)
    assert [line.seat.role for line in lines] == [Role.CHAIR, Role.DEPUTY_CHAIR, Role.MEMBER]
    assert lines[2].seat.voting is False and lines[2].seat.side is Side.FOREIGN


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


def test_headers_are_recognised_in_every_language_and_spelling() -> None:
    words = cio.Vocabulary.build()
    for header, key in [
        ("ROLE", "role"),
        ("Роль", "role"),
        ("рөлі", "role"),
        ("position_kk", "position_kk"),
        ("Должность (каз.)", "position_kk"),
        ("Должность", "position_ru"),
        ("Лауазымы", "position_kk"),
        ("Position (en)", "position_en"),
        ("Title", "position_en"),
        ("Организация (англ.)", "organisation_en"),
        ("Фамилия", "surname"),
        ("Тегі", "surname"),
        ("Имя", "given_name"),
        ("Отчество", "patronymic"),
        ("По согласованию", "by_agreement"),
        ("Valid from", "valid_from"),
        ("Право голоса", "voting"),
        ("Тарап", "side"),
    ]:
        assert words.headers.get(cio._key(header)) == key, header
    for lang in ("kk", "ru", "en"):
        t = i18n.translations(lang)
        for column in cio.COLUMNS:
            assert words.headers[cio._key(t.gettext(column.label))] == column.key


def test_no_word_of_the_format_means_two_things() -> None:
    tables: list[tuple[str, Mapping[Any, tuple[str, ...]]]] = [
        ("headers", {c.key: (c.key, *c.aliases) for c in cio.COLUMNS}),
        ("roles", cio._ROLE_WORDS),
        ("kinds", cio._KIND_WORDS),
        ("sides", cio._SIDE_WORDS),
    ]
    for key, table in tables:
        seen: dict[str, object] = {}
        for value, aliases in table.items():
            for alias in aliases:
                assert seen.setdefault(cio._key(alias), value) == value, (key, alias)


# -- a broken file -------------------------------------------------------------------------

BROKEN_HEADER: list[object] = [
    "Role",
    "Position (kk)",
    "Surname",
    "Name",
    "Patronymic",
    "Valid from",
    "By agreement",
]


def broken_rows() -> list[list[object]]:
    return [
        BROKEN_HEADER,
        ["chair", "Премьер-Министр", "", "", "", "", ""],  # 2 fine
        ["president of the world", "Министр", "", "", "", "", ""],  # 3 role
        ["member", "", "", "", "", "", ""],  # 4 nothing
        ["member", "Әкім", "", "", "", "31.02.2024", ""],  # 5 date
        ["төраға", "Вице-министр", "", "", "", "", ""],  # 6 2nd chair
        ["member", "Директор", "Ахметов", "Серік", "", "", ""],  # 7 fine
        ["member", "", "ахметов", "Серік", "", "", "perhaps"],  # 8 twice, y/n
        ["member", "Бас директор", "Ә" * 300, "", "", "", ""],  # 9 too long
        ["member", "", "", "Серік", "", "", ""],  # 10 no surname
        ["secretary", "Хатшы", "", "", "", datetime(2024, 3, 1), "1"],  # 11 fine
    ]


def test_a_broken_file_lists_every_bad_row_with_its_reason(tmp_path: Path) -> None:
    preview = read_composition_file(write_xlsx(tmp_path / "broken.xlsx", broken_rows()))

    assert not preview.ok
    found = problems_by_row(preview)
    assert sorted(found) == [3, 4, 5, 6, 8, 9, 10]
    assert found[3] == [cio._ROLE_PROBLEM]
    assert found[4] == ["The row names neither a position nor a person."]
    assert found[5] == [cio._DATE_PROBLEM]
    assert found[6] == ["A second chair in the file (the first is in row {first})."]
    assert sorted(found[8]) == sorted([cio._YES_NO_PROBLEM, cio._TWICE_PROBLEM])
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


def test_a_broken_file_is_refused_and_nothing_is_written(
    database: Database, demo: int, tmp_path: Path
) -> None:
    preview = read_composition_file(write_xlsx(tmp_path / "broken.xlsx", broken_rows()))
    before = counts(database)

    with pytest.raises(DomainError) as refused:
        import_composition(database, SYSTEM, demo, preview, EFFECTIVE, ACT)

    assert refused.value.params["count"] == 7
    assert "7 row(s)" in str(refused.value)
    assert counts(database) == before


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
    rows += [["member", f"Position {n}"] for n in range(cio.MAX_ROWS + 1)]
    assert "too many rows" in str(refused_file(write_csv(tmp_path / "many.csv", rows)))
    assert read_composition_file(write_csv(tmp_path / "enough.csv", rows[:-1])).ok
    huge = [["Role", "Title"], ["member", "x" * (cio.MAX_CELL_CHARS + 1)]]
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


# -- rules refused while importing -----------------------------------------------------------


def test_a_composition_rule_refuses_the_whole_import(database: Database, tmp_path: Path) -> None:
    target = new_council(database)
    path = write_csv(
        tmp_path / "two-deputies.csv",
        [
            ["Role", "Title"],
            ["deputy chair", "Minister"],
            ["deputy chair", "Vice minister"],
            ["member", "Akim"],
        ],
    )
    preview = read_composition_file(path)
    assert preview.ok  # the profile's limit is the council's, checked on import
    before = counts(database)

    with pytest.raises(DomainError, match="deputy chair"):
        import_composition(database, SYSTEM, target, preview, EFFECTIVE, ACT)

    assert counts(database) == before


def test_a_person_other_than_the_holder_is_refused_with_the_row(
    database: Database, tmp_path: Path
) -> None:
    target = new_council(database)
    position = create_position(database, SYSTEM, PositionData(title_en="Minister"))
    holder = create_person(database, SYSTEM, PersonData("Әбенов", "Нұрлан"))
    appoint_to_position(database, SYSTEM, position.id, holder.id, date(2023, 1, 1))
    path = write_csv(
        tmp_path / "c.csv",
        [
            ["Role", "Title", "Surname", "Name"],
            ["chair", "Secretary general", "", ""],
            ["member", "Minister", "Ахметов", "Серік"],
        ],
    )
    before = counts(database)

    with pytest.raises(ImportRowError) as refused:
        import_composition(database, SYSTEM, target, read_composition_file(path), EFFECTIVE, ACT)

    assert refused.value.row == 3
    assert str(refused.value).startswith("Row 3: The position “Minister” is held by Әбенов")
    assert counts(database) == before


def test_the_holder_in_the_file_is_accepted(database: Database, tmp_path: Path) -> None:
    target = new_council(database)
    position = create_position(database, SYSTEM, PositionData(title_en="Minister"))
    holder = create_person(database, SYSTEM, PersonData("Әбенов", "Нұрлан"))
    appoint_to_position(database, SYSTEM, position.id, holder.id, date(2023, 1, 1))
    path = write_csv(
        tmp_path / "c.csv",
        [["Role", "Title", "Surname", "Name"], ["chair", "Minister", "ӘБЕНОВ", "Нұрлан"]],
    )

    result = import_composition(
        database, SYSTEM, target, read_composition_file(path), EFFECTIVE, ACT
    )

    assert (result.people_created, result.holdings_created) == (0, 0)
    [line] = composition(database, target, EFFECTIVE)
    assert line.person is not None and line.person.id == holder.id


def test_an_import_needs_an_act_and_a_date_after_the_current_edition(
    database: Database, demo: int, tmp_path: Path
) -> None:
    preview = read_composition_file(
        export_composition_xlsx(database, demo, ON, tmp_path / "b.xlsx", "kk")
    )
    before = counts(database)
    with pytest.raises(DomainError, match="act that approves it"):
        import_composition(database, SYSTEM, demo, preview, EFFECTIVE, ActData())
    with pytest.raises(DomainError, match="a new edition cannot start before it"):
        import_composition(database, SYSTEM, demo, preview, demo_data.ACT_EDITION[2], ACT)
    with pytest.raises(DomainError, match="at least one seat"):
        import_composition(database, SYSTEM, demo, ImportPreview("x", (), ()), EFFECTIVE, ACT)
    assert counts(database) == before


# -- export details ----------------------------------------------------------------------------


def test_a_title_that_looks_like_a_formula_is_exported_as_text(
    database: Database, tmp_path: Path
) -> None:
    target = new_council(database)
    position = create_position(database, SYSTEM, PositionData(title_en='=HYPERLINK("x")'))
    add_seat(
        database,
        SYSTEM,
        target,
        SeatData(Role.MEMBER, SeatKind.EX_OFFICIO, ON, position_id=position.id),
    )
    path = export_composition_xlsx(database, target, ON, tmp_path / "f.xlsx", "en")
    [row] = read_composition_file(path).rows
    assert row.values.position_en == '=HYPERLINK("x")'


def test_a_vacant_seat_exports_without_a_person(database: Database, tmp_path: Path) -> None:
    target = new_council(database)
    position = create_position(database, SYSTEM, PositionData(title_kk="Бос лауазым"))
    add_seat(
        database,
        SYSTEM,
        target,
        SeatData(Role.SECRETARY, SeatKind.EX_OFFICIO, ON, position_id=position.id),
    )
    path = export_composition_xlsx(database, target, ON, tmp_path / "v.xlsx", "kk")
    [row] = read_composition_file(path).rows
    assert row.values.surname == "" and row.values.position_kk == "Бос лауазым"
    assert row.values.role is Role.SECRETARY and row.values.kind is SeatKind.EX_OFFICIO


# -- the snapshot for the PDF -------------------------------------------------------------------


def test_the_snapshot_lists_the_seats_like_the_seed(database: Database, demo: int) -> None:
    snapshot = cio.composition_snapshot(database, demo, ON, "en")
    assert len(snapshot.entries) == len(demo_data.SEATS)
    assert snapshot.entries[0].text == "Prime Minister of the Republic of Kazakhstan, chair"
    assert snapshot.entries[3].text == "Akim of the city of Almaty"
    assert snapshot.entries[3].person == "Bakyt Mukhamedzhanov"
    assert sum(e.by_agreement for e in snapshot.entries) == BY_AGREEMENT == 11
    assert sum(e.text.endswith(" (by agreement)") for e in snapshot.entries) == BY_AGREEMENT
    assert snapshot.heading == (
        "Composition of the Supervisory board of the “Innovative "
        "Technologies Park” innovation cluster"
    )
    assert snapshot.edition_note.startswith("Note. The composition as amended by")
    assert "№" not in snapshot.edition_note and "No. 27" in snapshot.edition_note
    assert snapshot.date_line == "As of 1\u00a0January\u00a02024"  # a date never breaks
    assert cio.composition_snapshot(database, demo, ON, "en", heading=" Mine ").heading == "Mine"


def test_the_kazakh_snapshot_uses_the_genitive_of_the_council(
    database: Database, demo: int
) -> None:
    """Needs the kk catalog: "Composition of the {council}" -> "{council} құрамы"."""
    snapshot = cio.composition_snapshot(database, demo, ON, "kk")
    assert snapshot.heading == (
        "«Инновациялық технологиялар паркі» инновациялық кластерінің қамқоршылық кеңесінің құрамы"
    )
    assert snapshot.entries[0].text == "Қазақстан Республикасының Премьер-Министрі, төраға"
    assert snapshot.entries[4].text.endswith("(келісу бойынша)")
    assert snapshot.entries[0].person_lines == ("Әбенов", "Нұрлан Серікұлы")
    assert snapshot.edition_note == (
        "Ескерту. Құрам жаңа редакцияда – Қазақстан Республикасы Үкіметінің қаулысы "
        "26.01.2022 № 27."
    )
    assert snapshot.date_line == "2024\u00a0жылғы\u00a01\u00a0қаңтардағы жағдай бойынша"


def test_the_russian_snapshot_uses_the_genitive_of_the_council(
    database: Database, demo: int
) -> None:
    """Needs the ru catalog: "Composition of the {council}" -> "Состав {council}"."""
    snapshot = cio.composition_snapshot(database, demo, ON, "ru")
    assert snapshot.heading == (
        "Состав Попечительского совета инновационного кластера «Парк инновационных технологий»"
    )
    assert snapshot.entries[1].text.endswith(", заместитель председателя")
    assert snapshot.entries[4].text.endswith(" (по согласованию)")
    assert snapshot.date_line == "По состоянию на 1\u00a0января\u00a02024\u00a0года"


def test_a_personal_seat_is_listed_with_the_name(database: Database) -> None:
    target = new_council(database)
    person = create_person(
        database, SYSTEM, PersonData("Иванова", "Анна", "Петровна", latin_name="Anna Ivanova")
    )
    position = create_position(database, SYSTEM, PositionData(title_en="Professor"))
    add_seat(
        database,
        SYSTEM,
        target,
        SeatData(
            Role.SECRETARY,
            SeatKind.PERSONAL,
            ON,
            position_id=position.id,
            person_id=person.id,
            by_agreement=True,
        ),
    )
    [entry] = cio.composition_snapshot(database, target, ON, "en").entries
    assert entry.text == "Anna Ivanova – Professor, secretary (by agreement)"
    assert entry.table_text == "Professor, secretary (by agreement)"


@pytest.mark.parametrize(
    ("word", "genitive"),
    [
        ("кеңесі", "кеңесінің"),
        ("кеңес", "кеңестің"),
        ("комиссия", "комиссияның"),
        ("тобы", "тобының"),
        ("топ", "топтың"),
        ("орган", "органның"),
        ("штаб", "штабтың"),
        ("жол", "жолдың"),
        ("Кеңесі", "Кеңесінің"),
        ("КЕҢЕС", "КЕҢЕСТІҢ"),
        ("«Hub»", "«Hub»-тың"),
    ],
)
def test_kazakh_genitive(word: str, genitive: str) -> None:
    assert cio._kk_genitive(word) == genitive


@pytest.mark.parametrize(
    ("name", "genitive"),
    [
        ("Попечительский совет кластера", "Попечительского совета кластера"),
        ("Экспертный совет", "Экспертного совета"),
        ("Рабочая группа по вопросам", "Рабочей группы по вопросам"),
        ("Межведомственная комиссия", "Межведомственной комиссии"),
        (
            "Совет по развитию искусственного интеллекта",
            "Совета по развитию искусственного интеллекта",
        ),
        ("Правление", "Правления"),
        ("Высший совет", "Высшего совета"),
        ("Общее собрание", "Общего собрания"),
        ("«Astana Hub»", None),
    ],
)
def test_russian_genitive(name: str, genitive: str | None) -> None:
    assert cio._ru_genitive(name) == genitive


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


GOOD_WORDS = st.sampled_from(["", "Министр", "Әкім", "Директор", "Ахметов", "Серік", "Иванова"])
BAD_WORDS = st.sampled_from(["x" * 2000, "a\x07b", "  ", "\u202eabc"]) | st.text(max_size=12)
WORDS = st.one_of(GOOD_WORDS, GOOD_WORDS, GOOD_WORDS, GOOD_WORDS, BAD_WORDS)
ROWS = st.builds(
    cio.CompositionRow,
    role=st.sampled_from(list(Role)),
    kind=st.sampled_from(list(SeatKind)),
    position_kk=WORDS,
    position_en=WORDS,
    surname=WORDS,
    given_name=WORDS,
    by_agreement=st.booleans(),
    side=st.sampled_from(list(Side)),
    voting=st.booleans(),
    valid_from=st.one_of(
        st.none(), st.none(), st.dates(min_value=date(1800, 1, 1), max_value=date(2300, 1, 1))
    ),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(ROWS, min_size=1, max_size=4), effective=st.dates(date(2020, 1, 1)))
def test_an_import_succeeds_or_refuses_without_writing(
    database: Database, rows: list[cio.CompositionRow], effective: date
) -> None:
    """Rows a hand-made preview claims to be fine are checked again by every rule."""
    target = new_council(database)
    preview = ImportPreview(
        "made.csv",
        cio.COLUMN_KEYS,
        tuple(cio.ImportRow(n, row) for n, row in enumerate(rows, start=2)),
    )
    before = counts(database)
    try:
        result = import_composition(database, SYSTEM, target, preview, effective, ACT)
    except DomainError as refused:
        assert refused.message()
        event("refused")
        assert counts(database) == before
    else:
        event("imported")
        assert len(result.seats) == len(rows)
        last_start = max([effective, *(r.valid_from for r in rows if r.valid_from)])
        assert len(composition(database, target, last_start)) == len(rows)
