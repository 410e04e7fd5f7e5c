"""Import a composition file as a new edition: everything or nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from app.domain.composition import Role, SeatKind, Side
from app.domain.errors import DomainError
from app.formats.composition_columns import COLUMN_KEYS
from app.formats.composition_rows import CompositionRow, ImportPreview, ImportRow
from app.models.database import Database
from app.services import demo_data
from app.services.base import SYSTEM
from app.services.compositions.export_composition_xlsx import export_composition_xlsx
from app.services.compositions.import_composition import ImportRowError, import_composition
from app.services.compositions.read_composition_file import read_composition_file
from app.services.people import (
    ActData,
    PersonData,
    PositionData,
    appoint_to_position,
    create_person,
    create_position,
)
from app.services.seats import composition
from tests.services.compositions.composition_helpers import (
    ACT,
    EFFECTIVE,
    ON,
    broken_rows,
    counts,
    new_council,
    problems_by_row,
    write_csv,
    write_xlsx,
)


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


GOOD_WORDS = st.sampled_from(["", "Министр", "Әкім", "Директор", "Ахметов", "Серік", "Иванова"])
BAD_WORDS = st.sampled_from(["x" * 2000, "a\x07b", "  ", "\u202eabc"]) | st.text(max_size=12)
WORDS = st.one_of(GOOD_WORDS, GOOD_WORDS, GOOD_WORDS, GOOD_WORDS, BAD_WORDS)
ROWS = st.builds(
    CompositionRow,
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
    database: Database, rows: list[CompositionRow], effective: date
) -> None:
    """Rows a hand-made preview claims to be fine are checked again by every rule."""
    target = new_council(database)
    preview = ImportPreview(
        "made.csv",
        COLUMN_KEYS,
        tuple(ImportRow(n, row) for n, row in enumerate(rows, start=2)),
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
