"""The undo steps of the live meeting's grids: each redo and undo saves at once, or is dropped."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot

from app.domain.errors import KenesError
from app.domain.voting import Choice
from app.models.database import Database
from app.services.conduct.attendance import AttendanceInfo, record_attendance
from app.services.conduct.decisions import add_decision_point
from app.services.conduct.queries import live_meeting
from app.services.conduct.voting import VoteChange, close_voting
from app.views.live_meeting.commands import (
    AttendanceCommand,
    BallotCommand,
    Presence,
    apply_presence,
)
from tests.services.conduct_helpers import ME, Board, all_present, counts


def ballots(database: Database, board: Board) -> dict[int, Choice]:
    point = live_meeting(database, board.meeting_id).items[0].points[0]
    return dict(point.ballots)


def attendance(database: Database, board: Board, person: int) -> AttendanceInfo | None:
    live = live_meeting(database, board.meeting_id)
    return next(m.attendance for m in live.members if m.person.id == person)


@pytest.fixture
def point(database: Database, board: Board) -> int:
    all_present(database, board)
    return add_decision_point(database, ME, board.items[0], {"en": "Approve"}).id


def test_a_ballot_is_saved_undone_and_redone(
    qtbot: QtBot, database: Database, board: Board, point: int
) -> None:
    stack = QUndoStack()
    changes: list[VoteChange] = []
    errors: list[KenesError] = []
    member = board.members[3]

    def step(choice: Choice, previous: Choice | None) -> BallotCommand:
        return BallotCommand(
            database,
            ME,
            point,
            member,
            choice,
            previous,
            text="vote",
            on_change=changes.append,
            on_error=errors.append,
        )

    stack.push(step(Choice.FOR, None))
    assert ballots(database, board) == {member: Choice.FOR}
    assert changes[-1].choice is Choice.FOR and changes[-1].previous is None
    assert changes[-1].result is not None and changes[-1].result.for_ == 1
    stack.push(step(Choice.AGAINST, Choice.FOR))
    assert ballots(database, board) == {member: Choice.AGAINST}
    stack.undo()  # back to "for"
    assert ballots(database, board) == {member: Choice.FOR}
    assert changes[-1].choice is Choice.FOR and changes[-1].previous is Choice.AGAINST
    stack.undo()  # back to no ballot at all
    assert ballots(database, board) == {}
    assert changes[-1].choice is None and changes[-1].result is not None
    assert changes[-1].result.for_ == 0
    stack.redo()
    assert ballots(database, board) == {member: Choice.FOR}
    assert errors == [] and stack.count() == 2


def test_a_refused_undo_saves_nothing_and_leaves_the_stack(
    qtbot: QtBot, database: Database, board: Board, point: int
) -> None:
    stack = QUndoStack()
    errors: list[KenesError] = []
    changes: list[VoteChange] = []
    stack.push(
        BallotCommand(
            database,
            ME,
            point,
            board.members[3],
            Choice.FOR,
            None,
            text="vote",
            on_change=changes.append,
            on_error=errors.append,
        )
    )
    close_voting(database, ME, point)
    before = counts(database)
    stack.undo()  # the voting is closed: reopen it first
    assert len(errors) == 1 and "closed" in errors[0].message()
    assert counts(database) == before and len(changes) == 1
    assert stack.count() == 0  # the obsolete step is dropped


def test_presence_as_recorded(database: Database, board: Board) -> None:
    assert Presence.of(None) == Presence(False)
    person = board.members[4]
    info = record_attendance(database, ME, board.meeting_id, person, False, absence_kind="illness")
    assert Presence.of(info) == Presence(False, info.absence_reason, kind="illness")
    present = record_attendance(database, ME, board.meeting_id, person, True)
    assert Presence.of(present) == Presence(True)


def test_arriving_after_the_old_departure_runs_in_a_valid_order(
    database: Database, board: Board
) -> None:
    person = board.members[5]
    meeting = board.meeting_id
    # Absent -> present at item 2 only (0-based 1): an arrival, then a departure.
    only_second = Presence(True, arrived=1, left=1)
    first = apply_presence(database, ME, meeting, person, Presence(False), only_second, board.items)
    assert (first.arrived_before_item, first.left_after_item) == (1, 1)
    # From the start, leaving after item 1: the arrival is cleared first, then the departure.
    left_early = Presence(True, left=0)
    apply_presence(database, ME, meeting, person, only_second, left_early, board.items)
    # Left after item 1, now arriving before item 3: the departure must be cleared first,
    # or the record would say "left before arriving" in between.
    moved = apply_presence(
        database, ME, meeting, person, left_early, Presence(True, arrived=2), board.items
    )
    assert (moved.arrived_before_item, moved.left_after_item) == (2, None)


def test_an_attendance_step_is_undone_to_what_was_recorded(
    qtbot: QtBot, database: Database, board: Board
) -> None:
    all_present(database, board)
    person = board.members[6]
    stack = QUndoStack()
    changed: list[int] = []
    errors: list[KenesError] = []
    stack.push(
        AttendanceCommand(
            database,
            ME,
            board.meeting_id,
            person,
            Presence(True),
            Presence(True, arrived=1),
            board.items,
            text="arrived",
            on_change=changed.append,
            on_error=errors.append,
        )
    )
    info = attendance(database, board, person)
    assert info is not None and info.arrived_before_item == 1
    stack.undo()
    info = attendance(database, board, person)
    assert info is not None and info.present and not info.arrived_before_item
    assert changed == [person, person] and errors == []
