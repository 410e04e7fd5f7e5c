"""Seats on a real SQLite file: the composition, succession, new editions, history."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.composition import Role, SeatKind, Side
from app.domain.errors import DomainError
from app.models.database import Database
from app.services.base import SYSTEM
from app.services.demo import create_demo
from app.services.people import (
    ActData,
    appoint_to_position,
    end_holding,
    holders,
)
from app.services.seats import (
    ChangeKind,
    SeatData,
    add_seat,
    composition,
    end_seat,
    history,
    record_new_edition,
    seats_of,
    update_seat_details,
)
from tests.services.composition_helpers import (
    DECREE,
    ME,
    START,
    new_council,
    person,
    position,
)
from tests.services.helpers import audit_actions, counts


@pytest.fixture
def council_id(database: Database) -> int:
    return new_council(database)


def test_personal_and_ex_officio_seats_make_the_composition(
    database: Database, council_id: int
) -> None:
    chair_pos = position(database, "Премьер-Министр")
    pm = person(database, "Әбенов", "Нұрлан")
    appoint_to_position(database, ME, chair_pos, pm, date(2020, 1, 1))
    expert = person(database, "Омарова", "Гүлнар")
    add_seat(
        database,
        ME,
        council_id,
        SeatData(Role.CHAIR, SeatKind.EX_OFFICIO, START, position_id=chair_pos),
        DECREE,
    )
    add_seat(
        database,
        ME,
        council_id,
        SeatData(
            Role.MEMBER,
            SeatKind.PERSONAL,
            START,
            person_id=expert,
            by_agreement=True,
            side=Side.FOREIGN,
        ),
    )
    lines = composition(database, council_id, date(2022, 2, 1))
    assert [(line.seat.role, line.person.surname if line.person else None) for line in lines] == [
        (Role.CHAIR, "Әбенов"),
        (Role.MEMBER, "Омарова"),
    ]
    assert lines[0].act.label("kk") == "Қаулы 26.01.2022 № 27"
    assert lines[1].seat.by_agreement and lines[1].seat.side is Side.FOREIGN
    assert composition(database, council_id, date(2022, 1, 25)) == []


def test_the_seat_passes_when_the_position_changes_hands(
    database: Database, council_id: int
) -> None:
    akim = position(database, "Алматы қаласының әкімі")
    first, second = person(database, "Құрманов"), person(database, "Мұхамеджанов")
    appoint_to_position(database, ME, akim, first, date(2021, 1, 1))
    add_seat(
        database,
        ME,
        council_id,
        SeatData(Role.MEMBER, SeatKind.EX_OFFICIO, START, position_id=akim),
    )
    appoint_to_position(
        database, ME, akim, second, date(2023, 9, 1), ActData("Өкім", "112", date(2023, 8, 31))
    )
    assert composition(database, council_id, date(2023, 8, 31))[0].person.surname == "Құрманов"
    assert composition(database, council_id, date(2023, 9, 1))[0].person.surname == "Мұхамеджанов"
    kept = holders(database, akim)
    assert [(h.person_id, h.valid_to) for h in kept] == [(first, date(2023, 8, 31)), (second, None)]
    changes = history(database, council_id)
    assert changes[0].kind is ChangeKind.HOLDER_CHANGED
    assert changes[0].day == date(2023, 9, 1)
    assert changes[0].act.label("kk") == "Өкім 31.08.2023 № 112"


def test_a_vacant_position_leaves_the_seat_vacant(database: Database, council_id: int) -> None:
    akim = position(database, "Әкім")
    holding = appoint_to_position(database, ME, akim, person(database, "Құрманов"), START)
    add_seat(
        database,
        ME,
        council_id,
        SeatData(Role.MEMBER, SeatKind.EX_OFFICIO, START, position_id=akim),
    )
    end_holding(database, ME, holding.id, date(2023, 1, 31))
    assert composition(database, council_id, date(2023, 2, 1))[0].vacant


def test_two_chairs_are_refused_and_nothing_is_written(database: Database, council_id: int) -> None:
    add_seat(
        database,
        ME,
        council_id,
        SeatData(Role.CHAIR, SeatKind.PERSONAL, START, person_id=person(database, "Әбенов")),
    )
    other = person(database, "Сейітов")
    before = counts(database)
    with pytest.raises(DomainError, match="two chairs"):
        add_seat(
            database,
            ME,
            council_id,
            SeatData(Role.CHAIR, SeatKind.PERSONAL, date(2023, 1, 1), person_id=other),
            DECREE,
        )
    assert counts(database) == before


def test_one_seat_per_person_also_through_an_appointment(
    database: Database, council_id: int
) -> None:
    minister = position(database, "Министр")
    someone = person(database, "Жақсылықова")
    add_seat(
        database, ME, council_id, SeatData(Role.MEMBER, SeatKind.PERSONAL, START, person_id=someone)
    )
    add_seat(
        database,
        ME,
        council_id,
        SeatData(Role.DEPUTY_CHAIR, SeatKind.EX_OFFICIO, START, position_id=minister),
    )
    before = counts(database)
    with pytest.raises(DomainError, match="two seats"):
        appoint_to_position(database, ME, minister, someone, date(2024, 1, 1))
    assert counts(database) == before


def test_date_ranges_must_be_consistent(database: Database, council_id: int) -> None:
    seat = add_seat(
        database,
        ME,
        council_id,
        SeatData(Role.MEMBER, SeatKind.PERSONAL, START, person_id=person(database, "Исаев")),
    )
    with pytest.raises(DomainError, match="before the start"):
        end_seat(database, ME, seat.id, date(2021, 1, 1))
    with pytest.raises(DomainError, match="before the start"):
        add_seat(
            database,
            ME,
            council_id,
            SeatData(
                Role.MEMBER,
                SeatKind.PERSONAL,
                START,
                person_id=person(database, "Келлер"),
                valid_to=date(2020, 1, 1),
            ),
        )
    ended = end_seat(database, ME, seat.id, date(2024, 12, 31), ActData("Қаулы", "5"))
    assert ended.valid_to == date(2024, 12, 31)
    assert composition(database, council_id, date(2025, 1, 1)) == []


def test_new_edition_replaces_the_composition_and_keeps_history(database: Database) -> None:
    create_demo(database, SYSTEM)
    council_id = 1
    old = composition(database, council_id, date(2024, 1, 1))
    assert len(old) == 15
    keep = [
        SeatData(
            line.seat.role,
            line.seat.kind,
            date(2025, 3, 1),
            position_id=line.seat.position_id,
            person_id=line.seat.person_id,
            by_agreement=line.seat.by_agreement,
        )
        for line in old[:3]
    ]
    created = record_new_edition(
        database, ME, council_id, date(2025, 3, 1), ActData("Қаулы", "200", date(2025, 2, 20)), keep
    )
    assert len(created) == 3
    assert len(composition(database, council_id, date(2025, 2, 28))) == 15
    assert len(composition(database, council_id, date(2025, 3, 1))) == 3
    assert "composition.new_edition" in audit_actions(database)
    assert len(seats_of(database, council_id)) == 18


def test_new_edition_needs_an_act_and_seats(database: Database, council_id: int) -> None:
    seat = SeatData(Role.MEMBER, SeatKind.PERSONAL, START, person_id=person(database, "Исаев"))
    with pytest.raises(DomainError, match="act"):
        record_new_edition(database, ME, council_id, START, ActData(), [seat])
    with pytest.raises(DomainError, match="at least one seat"):
        record_new_edition(database, ME, council_id, START, DECREE, [])


def test_seat_marks_can_be_corrected(database: Database, council_id: int) -> None:
    seat = add_seat(
        database,
        ME,
        council_id,
        SeatData(Role.MEMBER, SeatKind.PERSONAL, START, person_id=person(database, "Исаев")),
    )
    fixed = update_seat_details(
        database,
        ME,
        seat.id,
        by_agreement=True,
        voting=False,
        side=Side.KAZAKH,
        sort_order=5,
        note="келісу бойынша",
    )
    assert (fixed.by_agreement, fixed.voting, fixed.side) == (True, False, Side.KAZAKH)
