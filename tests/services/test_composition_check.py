"""composition_check: a council's seats and holdings read as the rules see them, and checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.domain.composition import Role, SeatKind
from app.domain.errors import DomainError
from app.models.composition import PositionHolding, Seat
from app.models.database import Database
from app.services.base import SYSTEM
from app.services.composition_check import (
    check_council,
    check_councils_of_position,
    council_seat_facts,
    council_seats,
    holding_facts,
    person_names,
    seat_facts,
)
from app.services.councils import list_councils
from app.services.demo import create_demo
from app.services.people import PositionData, create_position
from app.services.seats import SeatData, add_seat
from tests.services.meeting_helpers import ME, START, World, make_world


def files(path: Path) -> dict[str, bytes]:
    return {
        p.name: p.read_bytes() for p in (path, path.with_name(path.name + "-wal")) if p.exists()
    }


def test_the_fast_read_agrees_with_the_records(database: Database) -> None:
    create_demo(database, SYSTEM)
    council = list_councils(database)[0].id
    with database.reading() as session:
        seats = council_seats(session, council)
        fast = council_seat_facts(session, council)
        assert sorted(fast, key=lambda s: s.seat_id) == sorted(
            (seat_facts(s) for s in seats), key=lambda s: s.seat_id
        )
        assert len(fast) == 15
        everyone = holding_facts(session)
        positions = {s.position_id for s in fast if s.position_id is not None}
        some = holding_facts(session, {min(positions)})
        assert holding_facts(session, set()) == []
        check_council(session, council)  # the seed's board keeps every rule
    assert some and {h.position_id for h in some} == {min(positions)}
    assert set(some) <= set(everyone)


def test_a_refusal_names_people_and_a_missing_record_by_id(database: Database) -> None:
    world = make_world(database)
    with database.reading() as session:
        name_of = person_names(session)
        assert name_of(world.chair) == "Әбенов Нұрлан"
        assert name_of(9999) == "#9999"


def second_chair(db: Database, world: World) -> None:
    with db.transaction() as session:
        session.add(
            Seat(
                council_id=world.council_id,
                role=Role.CHAIR.value,
                kind=SeatKind.PERSONAL.value,
                person_id=world.outsider,
                valid_from=START,
            )
        )
        check_council(session, world.council_id)


def test_a_broken_composition_is_refused_and_nothing_is_kept(
    database: Database, db_path: Path
) -> None:
    world = make_world(database)
    before = files(db_path)
    with pytest.raises(DomainError):
        second_chair(database, world)
    assert files(db_path) == before
    with database.reading() as session:
        assert len(council_seats(session, world.council_id)) == 5


def test_a_new_holder_must_not_sit_twice_in_a_council(database: Database, db_path: Path) -> None:
    world = make_world(database)
    minister = create_position(database, ME, PositionData(title_kk="Министр")).id
    seat = SeatData(Role.MEMBER, SeatKind.EX_OFFICIO, START, position_id=minister)
    add_seat(database, ME, world.council_id, seat)
    before = files(db_path)
    with pytest.raises(DomainError, match="Омарова"), database.transaction() as session:
        session.add(
            PositionHolding(position_id=minister, person_id=world.members[0], valid_from=START)
        )
        check_councils_of_position(session, minister)
    assert files(db_path) == before
    with database.transaction() as session:  # someone outside the council may hold it
        session.add(
            PositionHolding(position_id=minister, person_id=world.outsider, valid_from=START)
        )
        check_councils_of_position(session, minister)
