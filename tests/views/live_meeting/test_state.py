"""LiveState: the meeting as read, what is current, undo steps, when other pages hear of them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.domain.errors import KenesError
from app.domain.voting import Choice
from app.models.database import Database
from app.services.conduct.decisions import add_decision_point
from app.services.conduct.queries import live_meeting
from app.views import operations
from app.views.live_meeting.commands import BallotCommand
from app.views.live_meeting.state import LiveState
from tests.services.conduct_helpers import ME, Board, all_present, counts


@pytest.fixture
def state(qtbot: QtBot, database: Database, board: Board) -> Iterator[LiveState]:
    """The state of a meeting with everyone present and a decision point on items 1 and 2."""
    all_present(database, board)
    add_decision_point(database, ME, board.items[0], {"en": "Approve the plan"})
    add_decision_point(database, ME, board.items[1], {"en": "Take note"})
    state = LiveState(database, ME, board.meeting_id)
    state.load(live_meeting(database, board.meeting_id))
    yield state
    state.deleteLater()


def ballot(state: LiveState, person: int, choice: Choice) -> BallotCommand:
    """The grid's undo step for ``person``: refusals go to :meth:`LiveState.refused`."""
    point = state.current_point()
    assert point is not None
    return BallotCommand(
        state.db,
        state.actor,
        point.id,
        person,
        choice,
        point.ballots.get(person),
        text="vote",
        on_change=state.voted.emit,
        on_error=lambda error: state.refused(QWidget(), error),
    )


def test_load_keeps_the_points_by_id_and_what_is_current(state: LiveState, board: Board) -> None:
    assert state.live is not None and len(state.live.items) == 3
    assert len(state.points) == 2
    first, second = state.live.items[0], state.live.items[1]
    assert state.current_item() is first
    assert [p.id for p in state.item_points(first)] == [first.points[0].decision.id]
    assert state.item_points(None) == []
    assert state.current_point() is None  # nothing chosen yet
    state.point_id = second.points[0].decision.id
    assert state.row_of_point(state.point_id) == 1
    assert state.row_of_point(-5) is None
    state.item_row = 7
    assert state.current_item() is None
    # Names: members from the meeting; anyone else from the directory, once; unknown ids as #id.
    assert state.person_label(board.chair) == state.names[board.chair]
    assert state.person_label(999_999) == "#999999"


def test_a_refused_step_is_dropped_and_counted(
    state: LiveState, database: Database, board: Board, refusals: list[KenesError]
) -> None:
    assert state.live is not None
    state.point_id = state.live.items[0].points[0].decision.id
    changes: list[object] = []
    state.voted.connect(changes.append)
    assert state.push(ballot(state, board.chair, Choice.FOR))
    assert refusals == [] and len(changes) == 1 and state.undo_stack.count() == 1

    before = counts(database)
    assert not state.push(ballot(state, 999_999, Choice.FOR))  # not a member of the council
    assert len(refusals) == 1 and state.refusals == 1 and len(changes) == 1
    assert state.undo_stack.count() == 1  # the refused step is not on the stack
    assert counts(database) == before


def test_undo_steps_are_announced_once_at_a_pause_or_when_flushed(
    qtbot: QtBot, state: LiveState, monkeypatch: pytest.MonkeyPatch
) -> None:
    heard: list[tuple[operations.Changes, object]] = []
    saved: list[bool] = []

    def listen(changes: operations.Changes, source: object) -> None:
        heard.append((changes, source))

    operations.hub().changed.connect(listen)
    state.saved.connect(lambda: saved.append(True))
    source = QWidget()
    try:
        monkeypatch.setattr(LiveState, "ANNOUNCE_AFTER_MS", 60_000)
        for _ in range(3):  # three ballots in a row: saved at once, announced not yet
            state.recorded(source)
        assert saved == [True, True, True] and heard == []
        state.flush()  # the window closes
        assert heard == [(operations.CONDUCT, source)]
        state.flush()  # nothing left to announce
        assert len(heard) == 1

        monkeypatch.setattr(LiveState, "ANNOUNCE_AFTER_MS", 20)
        state.recorded(source)
        state.recorded(source)
        qtbot.waitUntil(lambda: len(heard) == 2, timeout=3000)
        qtbot.wait(100)
        assert len(heard) == 2  # once for the pair

        # An action announced by the runner includes the steps before it.
        monkeypatch.setattr(LiveState, "ANNOUNCE_AFTER_MS", 60_000)
        state.recorded(source)
        assert state.attempt(source, lambda: 42) == 42
        assert len(heard) == 3
        state.flush()
        assert len(heard) == 3
    finally:
        operations.hub().changed.disconnect(listen)


def test_a_batch_reads_the_meeting_once(state: LiveState) -> None:
    stale: list[bool] = []
    state.stale.connect(lambda: stale.append(True))
    with state.batched():
        state.outdated()
        with state.batched():
            state.outdated()
        assert stale == []
    assert stale == [True]
    state.outdated()
    assert stale == [True, True]


def test_a_refused_structural_action_saves_nothing_and_says_so(
    state: LiveState, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[KenesError] = []
    monkeypatch.setattr(operations, "show_refusal", lambda _parent, error: shown.append(error))
    stale: list[bool] = []
    state.stale.connect(lambda: stale.append(True))
    before = counts(database)
    assert not state.save(QWidget(), lambda: add_decision_point(database, ME, -1, {"en": "x"}))
    assert len(shown) == 1 and stale == [] and counts(database) == before
    assert (
        state.attempt(QWidget(), lambda: add_decision_point(database, ME, -1, {"en": "x"})) is None
    )
    assert len(shown) == 2
