"""Councils cannot become each other's parents, and senseless profile numbers are refused.

Every refusal goes through the real service on a real SQLite file and leaves the
file (and its write-ahead log) byte for byte as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from app.domain.composition import Role, SeatKind, Side
from app.domain.council import CouncilKind
from app.domain.errors import DomainError
from app.domain.regulation import (
    AI_COUNCIL_881,
    SUPERVISORY_BOARD_690,
    DayCount,
    Deadline,
    RegulationProfile,
    Share,
)
from app.i18n import translations
from app.models.database import Database
from app.services.base import Actor
from app.services.councils import CouncilData, create_council, set_profile, update_council
from app.services.people import PersonData, create_person
from app.services.seats import SeatData, add_seat, update_seat_details

ME = Actor("secretary")


def files(path: Path) -> dict[str, bytes]:
    """The database file and its write-ahead log, byte for byte."""
    return {
        p.name: p.read_bytes() for p in (path, path.with_name(path.name + "-wal")) if p.exists()
    }


def refused(db_path: Path, action: Callable[[], Any], message: str) -> DomainError:
    before = files(db_path)
    with pytest.raises(DomainError) as caught:
        action()
    assert caught.value.message() == message
    assert files(db_path) == before
    return caught.value


def council(db: Database, name: str, kind: CouncilKind, parent: int | None = None) -> int:
    data = CouncilData(name_en=name, kind=kind, parent_id=parent)
    return create_council(db, ME, data).id


def data(name: str, kind: CouncilKind, parent: int | None) -> CouncilData:
    return CouncilData(name_en=name, kind=kind, parent_id=parent)


# Finding 11: cycles of parents, at any depth.


def test_a_council_cannot_be_its_own_parent(database: Database, db_path: Path) -> None:
    board = council(database, "Board", CouncilKind.SUPERVISORY_BOARD)
    error = refused(
        db_path,
        lambda: update_council(database, ME, board, data("Board", CouncilKind.COUNCIL, board)),
        "The council “Board” cannot be its own parent council.",
    )
    assert error.message(translations("ru")) == (
        "«Board» не может быть вышестоящим советом по отношению к себе."
    )


def test_a_board_cannot_go_under_its_own_working_group(database: Database, db_path: Path) -> None:
    board = council(database, "Board", CouncilKind.SUPERVISORY_BOARD)
    group = council(database, "Working group", CouncilKind.WORKING_GROUP, board)
    error = refused(
        db_path,
        lambda: update_council(
            database, ME, board, data("Board", CouncilKind.SUPERVISORY_BOARD, group)
        ),
        "Councils cannot be each other's parent councils: Board → Working group → Board.",
    )
    assert error.message(translations("kk")).startswith(
        "Кеңестер бір-біріне жоғары тұрған кеңес бола алмайды: Board → Working group"
    )


def test_a_cycle_of_three_is_refused(database: Database, db_path: Path) -> None:
    council_a = council(database, "A", CouncilKind.COUNCIL)
    council_b = council(database, "B", CouncilKind.COMMISSION, council_a)
    council_c = council(database, "C", CouncilKind.WORKING_GROUP, council_b)
    refused(
        db_path,
        lambda: update_council(database, ME, council_a, data("A", CouncilKind.COUNCIL, council_c)),
        "Councils cannot be each other's parent councils: A → C → B → A.",
    )


def test_the_new_name_is_the_one_shown(database: Database, db_path: Path) -> None:
    board = council(database, "Board", CouncilKind.SUPERVISORY_BOARD)
    group = council(database, "Group", CouncilKind.WORKING_GROUP, board)
    refused(
        db_path,
        lambda: update_council(database, ME, board, data("New board", CouncilKind.COUNCIL, group)),
        "Councils cannot be each other's parent councils: New board → Group → New board.",
    )


def test_moving_a_council_within_a_tree_is_accepted(database: Database) -> None:
    council_a = council(database, "A", CouncilKind.COUNCIL)
    council_b = council(database, "B", CouncilKind.COUNCIL)
    group = council(database, "Group", CouncilKind.WORKING_GROUP, council_a)
    moved = update_council(database, ME, group, data("Group", CouncilKind.WORKING_GROUP, council_b))
    assert moved.parent_id == council_b
    under = update_council(database, ME, council_b, data("B", CouncilKind.COUNCIL, council_a))
    assert under.parent_id == council_a


# Finding 12: numbers in a profile that make no sense.

BAD_PROFILES = [
    (
        AI_COUNCIL_881.profile.with_changes(min_meetings_per_year=10**40),
        "The field “Meetings a year, at least” must be a whole number from 0 to 365.",
    ),
    (
        AI_COUNCIL_881.profile.with_changes(max_deputy_chairs=-3),
        "The field “Deputy chairs, at most” must be a whole number from 0 to 20.",
    ),
    (
        AI_COUNCIL_881.profile.with_changes(max_co_chairs=10**6),
        "The field “Co-chairs, at most” must be a whole number from 0 to 20.",
    ),
    (
        AI_COUNCIL_881.profile.with_changes(quorum=Share(3, 1000, inclusive=True)),
        "The value of “Quorum” must be a fraction of at most one, with a denominator from 1 "
        "to 100; 3/1000 is not.",
    ),
    (
        AI_COUNCIL_881.profile.with_changes(copies_deadline=Deadline(30, DayCount.MONTHS)),
        "The deadline “Copies to members, after signing” must be from 0 to 24 months.",
    ),
    (
        AI_COUNCIL_881.profile.with_changes(
            materials_deadline=Deadline(10**40, DayCount.CALENDAR_DAYS)
        ),
        "The deadline “Materials, before a session” must be from 0 to 366 calendar days.",
    ),
]


@pytest.mark.parametrize(("profile", "message"), BAD_PROFILES)
def test_set_profile_refuses_senseless_numbers(
    database: Database, db_path: Path, profile: RegulationProfile, message: str
) -> None:
    board = council(database, "Board", CouncilKind.COUNCIL)
    error = refused(db_path, lambda: set_profile(database, ME, board, profile), message)
    assert error.message(translations("ru")) != message
    assert error.message(translations("kk")) != message


@pytest.mark.parametrize(("profile", "message"), BAD_PROFILES)
def test_create_and_update_refuse_senseless_numbers(
    database: Database, db_path: Path, profile: RegulationProfile, message: str
) -> None:
    board = council(database, "Board", CouncilKind.COUNCIL)
    bad = CouncilData(name_en="Board", kind=CouncilKind.COUNCIL, profile=profile)
    refused(db_path, lambda: create_council(database, ME, bad), message)
    refused(db_path, lambda: update_council(database, ME, board, bad), message)


def test_the_limits_themselves_are_accepted(database: Database) -> None:
    board = council(database, "Board", CouncilKind.COUNCIL)
    profile = SUPERVISORY_BOARD_690.profile.with_changes(
        min_meetings_per_year=365,
        max_deputy_chairs=20,
        max_co_chairs=0,
        quorum=Share(67, 100, inclusive=True),
        copies_deadline=Deadline(52, DayCount.WEEKS),
    )
    assert set_profile(database, ME, board, profile).profile == profile


def test_a_negative_seat_order_is_refused(database: Database, db_path: Path) -> None:
    board = council(database, "Board", CouncilKind.COUNCIL)
    person = create_person(database, ME, PersonData(surname="Ахметов")).id
    start = date(2024, 1, 10)

    def seat(order: int | None) -> SeatData:
        return SeatData(Role.MEMBER, SeatKind.PERSONAL, start, person_id=person, sort_order=order)

    message = "The field “Order” must be a whole number from 0 to 1000000."
    refused(db_path, lambda: add_seat(database, ME, board, seat(-1)), message)
    refused(db_path, lambda: add_seat(database, ME, board, seat(10**40)), message)
    seat_id = add_seat(database, ME, board, seat(None)).id

    def update(order: int) -> Callable[[], Any]:
        return lambda: update_seat_details(
            database, ME, seat_id, by_agreement=False, voting=True, side=Side.NONE,
            sort_order=order, note="",
        )  # fmt: skip

    refused(db_path, update(-5), message)
    refused(db_path, update(1_000_001), message)
    assert update(30)().sort_order == 30
