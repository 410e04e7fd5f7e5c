"""End meeting… in the live window: close the open votings, mark held, close, or refuse first."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from app.domain.errors import KenesError
from app.domain.meeting import MeetingState
from app.domain.regulation import AT_LEAST_TWO_THIRDS, SUPERVISORY_BOARD_690
from app.domain.voting import Choice
from app.models.database import Database
from app.services.conduct.decisions import add_decision_point
from app.services.conduct.queries import live_meeting
from app.services.conduct.voting import cast_ballot
from app.services.councils import set_profile
from app.services.meetings.notify_members import notify_members
from app.views.live_meeting import ending
from app.views.live_meeting.window import LiveMeetingWindow
from tests.services.conduct_helpers import ME, Board, all_present, counts
from tests.views.view_helpers import answering


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    return answering(monkeypatch, True, ending)


def open_window(qtbot: QtBot, database: Database, board: Board) -> LiveMeetingWindow:
    window = LiveMeetingWindow(database, ME, board.meeting_id)
    qtbot.addWidget(window)
    window.show()
    return window


def meeting_state(database: Database, board: Board) -> MeetingState:
    return live_meeting(database, board.meeting_id).meeting.state


def test_end_meeting_is_greyed_out_with_the_reason_before_notice(
    qtbot: QtBot, database: Database, board: Board
) -> None:
    window = open_window(qtbot, database, board)
    action = window.end_meeting_action
    assert action.text() == "End meeting…"
    assert not action.isEnabled()
    assert "have not been notified" in action.toolTip()


def test_ending_closes_the_open_votings_then_the_meeting(
    qtbot: QtBot,
    database: Database,
    board: Board,
    refusals: list[KenesError],
    asked: list[str],
) -> None:
    all_present(database, board)
    first = add_decision_point(database, ME, board.items[0], {"en": "Approve the plan"})
    add_decision_point(database, ME, board.items[1], {"en": "Approve the report"})
    for person in board.members:
        cast_ballot(database, ME, first.id, person, Choice.FOR)
    notify_members(database, ME, board.meeting_id, "en")
    window = open_window(qtbot, database, board)
    assert window.end_meeting_action.isEnabled()

    assert window.end_meeting()
    assert refusals == []
    assert len(asked) == 1
    assert "End meeting No. 1?" in asked[0]
    assert "2 open decision points will be closed" in asked[0]
    assert "recorded as held" in asked[0]
    live = live_meeting(database, board.meeting_id)
    assert live.meeting.state is MeetingState.CLOSED
    assert all(point.closed for item in live.items for point in item.points)
    assert not window.isVisible()


@pytest.mark.parametrize("why", ["counts missing", "no quorum", "answered no"])
def test_a_refusal_or_a_no_changes_nothing(
    qtbot: QtBot,
    database: Database,
    board: Board,
    refusals: list[KenesError],
    monkeypatch: pytest.MonkeyPatch,
    why: str,
) -> None:
    if why == "no quorum":
        profile = SUPERVISORY_BOARD_690.profile.with_changes(quorum=AT_LEAST_TWO_THIRDS)
        set_profile(database, ME, 1, profile)
        all_present(database, board, except_=tuple(board.members[6:]))
    else:
        all_present(database, board)
    add_decision_point(database, ME, board.items[0], {"en": "Approve the plan"})
    if why == "counts missing":
        add_decision_point(database, ME, board.items[1], {"en": "By hands"}, mode="counts")
    notify_members(database, ME, board.meeting_id, "en")
    questions: list[str] = []
    monkeypatch.setattr(ending, "ask", lambda _parent, text: questions.append(text) and False)
    window = open_window(qtbot, database, board)
    before = counts(database)

    assert not window.end_meeting()
    assert counts(database) == before
    assert meeting_state(database, board) is MeetingState.NOTIFIED
    assert window.isVisible()
    if why == "answered no":
        assert refusals == [] and len(questions) == 1
        return
    assert questions == []  # refused before asking
    (refusal,) = refusals
    expected = "have not been entered" if why == "counts missing" else "has no quorum"
    assert expected in refusal.message()
