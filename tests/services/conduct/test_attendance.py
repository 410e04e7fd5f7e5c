"""Attendance without substitution: present, absent, arrivals and departures between items."""

from __future__ import annotations

import pytest

from app.domain.errors import DomainError
from app.domain.voting import Choice
from app.models.database import Database
from app.services.conduct.attendance import (
    record_arrival,
    record_attendance,
    record_departure,
)
from app.services.conduct.decisions import add_decision_point
from app.services.conduct.queries import live_meeting
from app.services.conduct.voting import cast_ballot, close_voting
from app.services.people import PersonData, create_person
from tests.services.conduct_helpers import ME, all_present, board_meeting, counts


def test_present_and_absent_members(database: Database) -> None:
    board = board_meeting(database)
    all_present(database, board, except_=(board.members[-1],))
    live = live_meeting(database, board.meeting_id)
    assert len(live.items[0].present) == 14
    absent = live.member(board.members[-1])
    assert absent is not None and absent.attendance is not None
    assert absent.attendance.absence_reason == "іссапар"


def test_a_member_who_left_does_not_count_for_later_items(database: Database) -> None:
    board = board_meeting(database)
    all_present(database, board)
    leaver = board.members[5]
    record_departure(database, ME, board.meeting_id, leaver, board.items[0])
    late = board.members[6]
    record_arrival(database, ME, board.meeting_id, late, board.items[2])
    live = live_meeting(database, board.meeting_id)
    assert leaver in live.items[0].entitled and leaver not in live.items[1].entitled
    assert late not in live.items[1].present and late in live.items[2].present


def test_a_non_member_cannot_be_marked_present(database: Database) -> None:
    board = board_meeting(database)
    deputy_minister = create_person(database, ME, PersonData(surname="Орынбасар")).id
    before = counts(database)
    with pytest.raises(DomainError, match="without the right of substitution"):
        record_attendance(database, ME, board.meeting_id, deputy_minister, True)
    assert counts(database) == before


def test_attendance_cannot_change_under_recorded_votes(database: Database) -> None:
    board = board_meeting(database)
    all_present(database, board)
    point = add_decision_point(database, ME, board.items[1], {"ru": "Одобрить"})
    voter = board.members[7]
    cast_ballot(database, ME, point.id, voter, Choice.FOR)
    before = counts(database)
    with pytest.raises(DomainError, match="has votes recorded on item 2"):
        record_departure(database, ME, board.meeting_id, voter, board.items[0])
    with pytest.raises(DomainError, match="has votes recorded"):
        record_attendance(database, ME, board.meeting_id, voter, False, "ауырып қалды")
    assert counts(database) == before
    close_voting(database, ME, point.id)
    other = board.members[8]
    with pytest.raises(DomainError, match="closed"):
        record_departure(database, ME, board.meeting_id, other, board.items[0])


def test_departure_of_someone_not_present_is_refused(database: Database) -> None:
    board = board_meeting(database)
    with pytest.raises(DomainError, match="not marked present"):
        record_departure(database, ME, board.meeting_id, board.members[4], board.items[0])


def test_arrival_after_the_item_they_left_is_refused(database: Database) -> None:
    board = board_meeting(database)
    all_present(database, board)
    member = board.members[4]
    record_departure(database, ME, board.meeting_id, member, board.items[0])
    with pytest.raises(DomainError):
        record_arrival(database, ME, board.meeting_id, member, board.items[2])
