"""The voting panel: who may vote, closing without a quorum, counts only, reopening."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app import i18n
from app.domain.errors import KenesError
from app.domain.regulation import AT_LEAST_TWO_THIRDS, SUPERVISORY_BOARD_690, NoQuorumVote
from app.domain.voting import Choice
from app.models.database import Database
from app.services.conduct.decisions import add_decision_point
from app.services.conduct.invited import InvitedData, InvitedRole, add_invited_person
from app.services.conduct.queries import live_meeting
from app.services.councils import set_profile
from app.services.people import PersonData, create_person
from app.views.live_meeting.dialogs import (
    CountsDialog,
    InvitedDialog,
    ReopenDialog,
)
from app.views.live_meeting.window import LiveMeetingWindow
from app.views.qt_i18n import apply_language
from tests.services.conduct_helpers import ME, Board, all_present, counts
from tests.views.live_meeting.live_helpers import (
    CTRL,
    answer_all,
    new_point,
    open_window,
    press,
)


def test_a_vote_for_an_invited_substitute_is_refused_with_the_rule(
    qtbot: QtBot, database: Database, board: Board, refusals: list[KenesError]
) -> None:
    all_present(database, board, except_=(board.members[9],))
    add_decision_point(database, ME, board.items[0], {"en": "Approve"})
    deputy = create_person(database, ME, PersonData("Алмастырушы", "Әлия", latin_name="A. Deputy"))
    window = open_window(qtbot, database, board)
    dialog = window.invite()
    assert isinstance(dialog, InvitedDialog)
    dialog.role.set_value(InvitedRole.SUBSTITUTE)
    dialog.person.set_value(deputy.id)
    dialog.instead_of.set_value(board.members[9])
    dialog.position.set_values({"kk": "Орынбасар", "ru": "Заместитель"})
    dialog.accept()
    assert refusals == []
    assert window.invited_model.rowCount() == 1
    assert window.invited_model.data(window.invited_model.index(0, 1)).startswith("on behalf of ")
    before = counts(database)
    window.invited_view.setCurrentIndex(window.invited_model.index(0, 0))
    press(qtbot, window.invited_view, Qt.Key.Key_F)
    assert len(refusals) == 1
    message = refusals[0].message()
    assert "without the right of substitution" in message
    assert "paragraph 14 of the Regulation" in message
    press(qtbot, window.invited_view, Qt.Key.Key_P)  # nor can they be marked present
    assert len(refusals) == 2 and "not a member" in refusals[1].message()
    assert counts(database) == before
    assert window.undo_stack.count() == 0
    assert deputy.id not in live_meeting(database, board.meeting_id).items[0].entitled


def test_an_invited_person_known_by_name_only_cannot_vote_either(
    qtbot: QtBot, database: Database, board: Board, refusals: list[KenesError]
) -> None:
    all_present(database, board)
    add_decision_point(database, ME, board.items[0], {"en": "Approve"})
    add_invited_person(
        database, ME, board.meeting_id, InvitedData(InvitedRole.EXPERT, name="Ахметов Данияр")
    )
    window = open_window(qtbot, database, board)
    window.invited_view.setCurrentIndex(window.invited_model.index(0, 0))
    press(qtbot, window.invited_view, Qt.Key.Key_A)
    assert len(refusals) == 1 and "(paragraph 14 of the Regulation)" in refusals[0].message()
    press(qtbot, window.invited_view, Qt.Key.Key_P)
    assert len(refusals) == 2 and "never counted for the quorum" in refusals[1].message()


def test_closing_without_a_quorum_asks_first(
    qtbot: QtBot,
    database: Database,
    board: Board,
    refusals: list[KenesError],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    set_profile(
        database, ME, 1, SUPERVISORY_BOARD_690.profile.with_changes(quorum=AT_LEAST_TWO_THIRDS)
    )
    all_present(database, board, except_=tuple(board.members[6:]))
    add_decision_point(database, ME, board.items[0], {"en": "Approve"})
    window = open_window(qtbot, database, board)
    assert window.quorum_label.text().startswith("Item 1: No quorum")
    answers: list[bool] = [False, True]
    asked: list[str] = []

    def ask(_parent: object, question: str) -> bool:
        asked.append(question)
        return answers.pop(0)

    answer_all(monkeypatch, ask)
    press(qtbot, window.grid, Qt.Key.Key_F, times=6)
    press(qtbot, window.grid, Qt.Key.Key_Return, CTRL)
    assert len(asked) == 1 and "recorded as not considered for lack of a quorum" in asked[0]
    assert not live_meeting(database, board.meeting_id).items[0].points[0].closed
    press(qtbot, window.grid, Qt.Key.Key_Enter, CTRL | Qt.KeyboardModifier.KeypadModifier)
    point = live_meeting(database, board.meeting_id).items[0].points[0]
    assert point.closed and point.without_quorum
    assert point.result is not None and not point.result.adopted  # 6 for, yet no decision
    assert "without a quorum" in window.result_label.text()
    assert refusals == []


def test_a_profile_that_refuses_a_vote_without_a_quorum_asks_nothing_and_refuses(
    qtbot: QtBot,
    database: Database,
    board: Board,
    refusals: list[KenesError],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    profile = SUPERVISORY_BOARD_690.profile.with_changes(
        quorum=AT_LEAST_TWO_THIRDS, no_quorum_vote=NoQuorumVote.REFUSE
    )
    set_profile(database, ME, 1, profile)
    all_present(database, board, except_=tuple(board.members[6:]))
    add_decision_point(database, ME, board.items[0], {"en": "Approve"})
    window = open_window(qtbot, database, board)
    asked: list[str] = []
    answer_all(monkeypatch, lambda _parent, question: asked.append(question))
    press(qtbot, window.grid, Qt.Key.Key_F, times=6)
    press(qtbot, window.grid, Qt.Key.Key_Return, CTRL)
    assert asked == []
    assert len(refusals) == 1 and "cannot be closed" in refusals[0].message()
    assert not live_meeting(database, board.meeting_id).items[0].points[0].closed


def test_counts_only_reopen_and_language(
    qtbot: QtBot,
    database: Database,
    board: Board,
    window: LiveMeetingWindow,
    refusals: list[KenesError],
    answers: list[str],
) -> None:
    all_present(database, board, except_=(board.members[14],))
    window.reload()
    new_point(qtbot, window, {"en": "Take note."})
    press(qtbot, window.grid, Qt.Key.Key_K, CTRL)  # counts only
    assert window.current_point() is not None and window.current_point().counts_only  # type: ignore[union-attr]
    assert window.grid_stack.currentIndex() == 1
    dialog = window.enter_counts()
    assert isinstance(dialog, CountsDialog)
    dialog.for_.setValue(7)
    dialog.against.setValue(7)
    dialog.accept()  # a tie without the casting vote is refused; the dialog stays open
    assert len(refusals) == 1 and "record how the presiding member voted" in refusals[0].message()
    dialog.casting.set_value(Choice.FOR)
    dialog.accept()
    assert len(refusals) == 1
    assert (
        "7 for, 7 against" in window.result_label.text()
        and "Adopted." in window.result_label.text()
    )
    press(qtbot, window.counts_button, Qt.Key.Key_Return, CTRL)
    assert window.current_point().closed  # type: ignore[union-attr]

    reopen = window.reopen_voting()
    assert isinstance(reopen, ReopenDialog)
    reopen.accept()  # no reason: refused
    assert len(refusals) == 2
    reopen.reason.setText("Санау қатесі")
    reopen.accept()
    assert not live_meeting(database, board.meeting_id).items[0].points[0].closed

    apply_language("kk")
    kk = i18n.translations("kk")
    assert window.agenda_heading.text() == kk.gettext("Agenda")
    assert window.menuBar().actions()[2].text() == kk.gettext("&Attendance")
    apply_language("en")
    assert window.agenda_heading.text() == "Agenda"
