"""What one ballot costs: a few statements in one transaction, and the same answers.

A ballot is cast on every key of a roll call, and on ten PostgreSQL workstations every
statement is a round trip: the point, its meeting, the item's place and the protocol's
lock are read in one statement (``ballot_frame``), the composition in one.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event

from app.domain.errors import DomainError, NotFoundError
from app.domain.voting import Choice
from app.models.conduct import DecisionPoint
from app.models.database import Database
from app.services.conduct.common import (
    ballot_frame,
    frame,
    guard_conduct,
    load_point,
    point_frame,
)
from app.services.conduct.decisions import add_decision_point
from app.services.conduct.voting import cast_ballot
from app.services.meetings.cancel_meeting import cancel_meeting
from tests.services.conduct_helpers import ME, Board, all_present, board_meeting, counts

# BEGIN, the frame, the profile (versions, then the council's own), the composition,
# the attendance, the ballots, the write, the accounts check, the chain's end, the event.
MOST_STATEMENTS = 11


@contextmanager
def statements(db: Database) -> Iterator[list[str]]:
    seen: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def few_statements(db: Database, board: Board, most: int = MOST_STATEMENTS) -> None:
    point = add_decision_point(db, ME, board.items[1], {"en": "Approve the plan"})
    with statements(db) as seen:
        change = cast_ballot(db, ME, point.id, board.members[3], Choice.FOR)
    assert change.result is not None and change.result.for_ == 1
    assert len(seen) <= most, "\n".join(seen)
    with statements(db) as seen:
        again = cast_ballot(db, ME, point.id, board.members[3], Choice.AGAINST)
    assert again.previous is Choice.FOR and again.result is not None
    assert (again.result.for_, again.result.against) == (0, 1)
    assert len(seen) <= most, "\n".join(seen)


def same_frame(db: Database, board: Board) -> None:
    points = [add_decision_point(db, ME, item, {"en": "Point"}).id for item in board.items]
    with db.reading() as session:
        full = frame(session, board.meeting_id)
        for point_id in points:
            point, fr, index = ballot_frame(session, point_id)
            row = load_point(session, point_id)
            assert point is row
            assert index == full.item_index(row.item_id)
            assert fr.meeting is full.meeting
            assert (fr.profile, fr.members, fr.chair_id) == (
                full.profile,
                full.members,
                full.chair_id,
            )
            assert fr.voting_ids() == full.voting_ids()


def same_refusals(db: Database, board: Board) -> None:
    point = add_decision_point(db, ME, board.items[0], {"en": "Approve the plan"})
    with db.reading() as session:
        with pytest.raises(NotFoundError, match="#404404"):
            ballot_frame(session, 404404)
        with pytest.raises(DomainError):
            ballot_frame(session, 0)
    cancel_meeting(db, ME, board.meeting_id, "Кворум болмайды.")
    with db.reading() as session:
        row = session.get(DecisionPoint, point.id)
        assert row is not None
        fr, _index = point_frame(session, row)
        with pytest.raises(DomainError) as expected:
            guard_conduct(session, fr.meeting)
        with pytest.raises(DomainError) as refused:
            ballot_frame(session, point.id)
    assert refused.value.message() == expected.value.message()
    before = counts(db)
    with pytest.raises(DomainError):
        cast_ballot(db, ME, point.id, board.members[3], Choice.FOR)
    assert counts(db) == before


def held_board(db: Database, items: int = 3) -> Board:
    board = board_meeting(db, items=items)
    all_present(db, board)
    return board


def test_a_ballot_takes_few_statements(database: Database) -> None:
    few_statements(database, held_board(database))


def test_the_ballot_frame_equals_the_meetings_frame(database: Database) -> None:
    same_frame(database, held_board(database, items=4))


def test_the_ballot_frame_refuses_what_the_other_actions_refuse(database: Database) -> None:
    same_refusals(database, held_board(database))
