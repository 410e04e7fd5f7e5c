"""The live meeting screen, driven by the keyboard on the demo board of seed 000.

The walk records a whole meeting without the mouse: attendance, an arrival and
a departure, three decision points voted by roll call (one a 7–7 tie that the
presiding chair's vote decides, 000 §15), a dissenting opinion (000 §16),
closing each voting, undo and redo; then it checks the database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
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
from app.views import operations
from app.views.live_meeting import attendance_panel, notes, voting_panel
from app.views.live_meeting.dialogs import (
    CountsDialog,
    DissentDialog,
    InvitedDialog,
    PointDialog,
    ReopenDialog,
)
from app.views.live_meeting.window import LiveMeetingWindow
from app.views.qt_i18n import apply_language
from tests.services.conduct_helpers import ME, Board, all_present, board_meeting, counts

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def refusals(monkeypatch: pytest.MonkeyPatch) -> list[KenesError]:
    """Refusals the window would show, captured instead of opening a modal box."""
    seen: list[KenesError] = []
    monkeypatch.setattr(operations, "show_refusal", lambda _parent, error: seen.append(error))
    return seen


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Questions the window asks; every one is answered yes unless a test says otherwise."""
    asked: list[str] = []

    def ask(_parent: object, question: str) -> bool:
        asked.append(question)
        return True

    answer_all(monkeypatch, ask)
    return asked


def answer_all(monkeypatch: pytest.MonkeyPatch, ask: Callable[[object, str], Any]) -> None:
    """Every panel of the window asks its questions with ``ask``."""
    for module in (attendance_panel, voting_panel, notes):
        monkeypatch.setattr(module, "ask", ask)


@pytest.fixture
def board(database: Database) -> Board:
    return board_meeting(database)


def open_window(qtbot: QtBot, database: Database, board: Board) -> LiveMeetingWindow:
    window = LiveMeetingWindow(database, ME, board.meeting_id)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    return window


@pytest.fixture
def window(qtbot: QtBot, database: Database, board: Board) -> Iterator[LiveMeetingWindow]:
    yield open_window(qtbot, database, board)
    apply_language("en")


def press(qtbot: QtBot, widget: QWidget, key: Qt.Key, modifier: Any = None, times: int = 1) -> None:
    """Keys go to ``widget`` (window shortcuts need the window active, as a user's is)."""
    window = widget.window()
    if QApplication.activeWindow() is not window:
        with qtbot.waitActive(window):
            window.activateWindow()
    widget.setFocus()
    for _ in range(times):
        qtbot.keyClick(widget, key, modifier or Qt.KeyboardModifier.NoModifier)  # type: ignore[no-untyped-call]


def new_point(qtbot: QtBot, window: LiveMeetingWindow, texts: dict[str, str]) -> None:
    """Ctrl+N, then the dialog's fields filled directly (Kazakh text cannot be typed by QTest)."""
    press(qtbot, window.grid, Qt.Key.Key_N, CTRL)
    dialog = window.dialog
    assert isinstance(dialog, PointDialog)
    dialog.decision.set_values(texts)
    dialog.accept()
    assert window.dialog is None or not window.dialog.isVisible()


def grid_names(window: LiveMeetingWindow) -> list[int]:
    return [v.person_id for v in window.voting_model.voters()]


def test_a_whole_meeting_by_keyboard(
    qtbot: QtBot,
    database: Database,
    board: Board,
    window: LiveMeetingWindow,
    refusals: list[KenesError],
) -> None:
    members = board.members
    absent, late, leaver = members[14], members[13], members[12]
    att = window.attendance_view

    # -- attendance: P on every row marks everyone present; P again on the last marks absent
    att.setCurrentIndex(window.attendance_model.index(0, 1))
    press(qtbot, att, Qt.Key.Key_P, times=15)
    assert att.currentIndex().row() == 14
    press(qtbot, att, Qt.Key.Key_P)
    live = live_meeting(database, board.meeting_id)
    line = live.member(absent)
    assert line is not None and line.attendance is not None and not line.attendance.present
    assert len(live.items[0].entitled) == 14

    # -- an arrival before item 2 and a departure after item 2 (Ctrl+Down to item 2)
    press(qtbot, att, Qt.Key.Key_Down, CTRL)
    assert window.current_item() is not None and window.current_item().item.number == 2  # type: ignore[union-attr]
    assert window.attendance_model.headerData(4, Qt.Orientation.Horizontal) == "At item 2"
    att.setCurrentIndex(window.attendance_model.index(13, 1))
    press(qtbot, att, Qt.Key.Key_R)
    att.setCurrentIndex(window.attendance_model.index(12, 1))
    press(qtbot, att, Qt.Key.Key_L)
    texts = [window.attendance_model.data(window.attendance_model.index(r, 3)) for r in (12, 13)]
    assert texts == ["present until item 2", "present from item 2"]
    assert refusals == []

    # -- item 1: 13 members vote (the late one is not there yet); 10 for, 2 against, 1 abstained
    press(qtbot, att, Qt.Key.Key_Up, CTRL)
    assert window.current_item().item.number == 1  # type: ignore[union-attr]
    new_point(qtbot, window, {"kk": "Ақпарат назарға алынсын.", "en": "Take note."})
    assert late not in grid_names(window) and absent not in grid_names(window)
    assert len(grid_names(window)) == 13
    grid = window.grid
    assert grid.currentIndex().row() == 0
    press(qtbot, grid, Qt.Key.Key_F, times=10)
    press(qtbot, grid, Qt.Key.Key_A, times=2)
    press(qtbot, grid, Qt.Key.Key_B)
    assert "10 for, 2 against, 1 abstained" in window.result_label.text()
    assert "Adopted." in window.result_label.text()
    press(qtbot, grid, Qt.Key.Key_Return, CTRL)
    assert window.current_point() is not None and window.current_point().closed  # type: ignore[union-attr]

    # -- item 2 (PgDn): 14 present; 7-7 tie, the presiding chair voted for and decides
    press(qtbot, grid, Qt.Key.Key_PageDown)
    assert window.current_item().item.number == 2  # type: ignore[union-attr]
    new_point(qtbot, window, {"ru": "Утвердить план.", "en": "Approve the plan."})
    assert len(grid_names(window)) == 14 and grid_names(window)[0] == board.chair
    assert window.voting_model.data(window.voting_model.index(0, 2)) == "Presiding"
    assert window.grid_heading.text() == "Roll-call vote on point 1 (presiding: Nurlan Abenov)"
    press(qtbot, grid, Qt.Key.Key_F, times=7)
    press(qtbot, grid, Qt.Key.Key_A, times=7)
    assert window.result_label.text() == (
        "Point 1: 7 for, 7 against, 0 abstained: a tie; the presiding member voted for, and "
        "the presiding member's vote decides (paragraph 15 of the Regulation). Adopted."
    )
    assert window.quorum_label.text().startswith("Item 2: ")

    # -- a dissenting opinion from a member who voted against (the dialog filled directly)
    dissenter = grid_names(window)[10]
    grid.setCurrentIndex(window.voting_model.index(10, 1))
    press(qtbot, grid, Qt.Key.Key_D, CTRL)
    dialog = window.dialog
    assert isinstance(dialog, DissentDialog)
    assert dialog.person.value() == dissenter
    dialog.language.set_value("kk")
    dialog.text.setPlainText("Жоспарда қаржыландыру көздері көрсетілмеген.")
    dialog.accept()
    assert refusals == []
    assert "Dissenting opinion of" in window.notes_model.data(window.notes_model.index(0, 0))
    press(qtbot, grid, Qt.Key.Key_Return, CTRL)

    # -- item 3: the member who left after item 2 no longer votes
    press(qtbot, grid, Qt.Key.Key_Down, CTRL)
    new_point(qtbot, window, {"en": "Instruct the working body."})
    assert leaver not in grid_names(window) and len(grid_names(window)) == 13
    grid.setCurrentIndex(window.voting_model.index(0, 1))
    press(qtbot, grid, Qt.Key.Key_F, times=6)
    press(qtbot, grid, Qt.Key.Key_A, times=3)
    press(qtbot, grid, Qt.Key.Key_2)  # against, too
    press(qtbot, grid, Qt.Key.Key_3)  # abstained
    press(qtbot, grid, Qt.Key.Key_0)  # did not vote
    press(qtbot, grid, Qt.Key.Key_F)
    assert window.current_point().result.for_ == 7  # type: ignore[union-attr]

    # -- undo the last vote on the open point, then redo it (both saved at once)
    point3 = window.current_point()
    assert point3 is not None
    last_voter = grid_names(window)[12]
    press(qtbot, grid, Qt.Key.Key_Z, CTRL)
    assert last_voter not in live_meeting(database, board.meeting_id).items[2].points[0].ballots
    assert window.voting_model.data(window.voting_model.index(12, 3)) == "—"
    assert "6 for" in window.result_label.text()
    press(qtbot, grid, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert live_meeting(database, board.meeting_id).items[2].points[0].ballots[last_voter] is (
        Choice.FOR
    )
    press(qtbot, grid, Qt.Key.Key_Z, CTRL)
    press(qtbot, grid, Qt.Key.Key_Y, CTRL)
    assert window.voting_model.data(window.voting_model.index(12, 3)) == "For"
    press(qtbot, grid, Qt.Key.Key_Return, CTRL)
    assert refusals == []

    # -- undoing a vote of a closed point is refused, shown, and the step is dropped
    steps = window.undo_stack.count()
    press(qtbot, grid, Qt.Key.Key_Z, CTRL)
    assert len(refusals) == 1 and "reopen it first" in refusals[0].message()
    assert window.undo_stack.count() == steps - 1

    # -- the database
    live = live_meeting(database, board.meeting_id)
    first, second, third = (item.points[0] for item in live.items)
    assert all(p.closed for p in (first, second, third))
    assert first.result is not None and (first.result.for_, first.result.against) == (10, 2)
    assert first.result.abstained == 1 and len(first.ballots) == 13
    assert second.result is not None and second.result.adopted and second.result.tie
    assert second.result.deciding_voter_id == board.chair
    assert second.ballots[board.chair] is Choice.FOR and len(second.ballots) == 14
    assert [(d.person_id, d.language) for d in second.dissents] == [(dissenter, "kk")]
    assert third.result is not None
    assert (third.result.for_, third.result.against, third.result.abstained) == (7, 4, 1)
    assert third.result.did_not_vote == 1 and leaver not in third.ballots
    arrived = live.member(late)
    departed = live.member(leaver)
    assert arrived is not None and arrived.attendance is not None
    assert arrived.attendance.arrived_before_item == 1
    assert departed is not None and departed.attendance is not None
    assert departed.attendance.left_after_item == 1
    assert late not in live.items[0].entitled and leaver not in live.items[2].entitled


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


def test_attendance_steps_and_instructions(
    qtbot: QtBot,
    database: Database,
    board: Board,
    window: LiveMeetingWindow,
    refusals: list[KenesError],
    answers: list[str],
) -> None:
    # Everyone not marked yet is present, in one undo step.
    window.mark_rest_present()
    assert len(live_meeting(database, board.meeting_id).items[0].entitled) == 15
    assert window.undo_stack.count() == 1
    press(qtbot, window.grid, Qt.Key.Key_Z, CTRL)
    assert live_meeting(database, board.meeting_id).items[0].entitled == frozenset()
    press(qtbot, window.grid, Qt.Key.Key_Y, CTRL)
    assert len(live_meeting(database, board.meeting_id).items[0].entitled) == 15

    # F2 on the attendance: absent with a reason.
    att = window.attendance_view
    att.setCurrentIndex(window.attendance_model.index(4, 1))
    press(qtbot, att, Qt.Key.Key_F2)
    absence = window.dialog
    assert absence is not None and absence.objectName() == "absenceDialog"
    assert not absence.other.isEnabled()  # free text only for "other"
    absence.kind.set_value("business_trip")
    absence.accept()
    text = window.attendance_model.data(window.attendance_model.index(4, 3))
    assert text == "absent: on a business trip"
    assert len(window.voting_model.voters()) == 14

    # A protocol instruction (Ctrl+I), edited with F2 and removed with Delete.
    new_point(qtbot, window, {"en": "Approve the plan."})
    press(qtbot, window.grid, Qt.Key.Key_I, CTRL)
    dialog = window.dialog
    assert dialog is not None and dialog.objectName() == "instructionDialog"
    dialog.instruction.set_values({"kk": "Жоспарды іске асыру", "en": "Implement the plan"})
    dialog.executor.set_values({"en": "The working body"})
    dialog.completion_form.set_values({"en": "Information to the board"})
    dialog.accept()
    assert refusals == []
    notes = window.notes_model
    assert notes.rowCount() == 1 and "Implement the plan" in notes.data(notes.index(0, 0))
    window.notes_view.setCurrentIndex(notes.index(0, 0))
    press(qtbot, window.notes_view, Qt.Key.Key_F2)
    edit = window.dialog
    assert edit is not None and edit.objectName() == "instructionDialog"
    edit.instruction.set_values({"en": "Implement the plan by June"})
    edit.accept()
    assert "by June" in notes.data(notes.index(0, 0))
    window.notes_view.setCurrentIndex(notes.index(0, 0))
    press(qtbot, window.notes_view, Qt.Key.Key_Delete)
    assert notes.rowCount() == 0 and len(answers) == 1

    # F2 on the grid edits the decision point's wording.
    press(qtbot, window.grid, Qt.Key.Key_F2)
    point_dialog = window.dialog
    assert isinstance(point_dialog, PointDialog)
    point_dialog.decision.set_values({"en": "Approve the plan as amended."})
    point_dialog.accept()
    point = live_meeting(database, board.meeting_id).items[0].points[0]
    assert point.decision.text("en") == "Approve the plan as amended."
    assert refusals == []


@pytest.fixture
def heard() -> Iterator[list[tuple[operations.Changes, object]]]:
    """What the window announced to the other pages (changes, the widget that acted)."""
    found: list[tuple[operations.Changes, object]] = []

    def listen(changes: operations.Changes, source: object) -> None:
        found.append((changes, source))

    operations.hub().changed.connect(listen)
    yield found
    operations.hub().changed.disconnect(listen)


def test_changes_are_announced_to_the_other_pages_and_refusals_are_not(
    qtbot: QtBot,
    database: Database,
    board: Board,
    refusals: list[KenesError],
    answers: list[str],
    heard: list[tuple[operations.Changes, object]],
) -> None:
    all_present(database, board)
    add_decision_point(database, ME, board.items[0], {"en": "Approve"})
    window = open_window(qtbot, database, board)
    saved: list[bool] = []
    window.changed.connect(lambda: saved.append(True))

    press(qtbot, window.grid, Qt.Key.Key_F)  # a ballot: an undo step
    assert [changes for changes, _source in heard] == [operations.CONDUCT]
    assert heard[0][1] is window.voting and saved == [True]
    press(qtbot, window.grid, Qt.Key.Key_Return, CTRL)  # closing: a structural action
    assert len(heard) == 2 and heard[1][0] == operations.CONDUCT and len(saved) == 2
    assert window.current_point() is not None and window.current_point().closed  # type: ignore[union-attr]

    before = counts(database)
    press(qtbot, window.grid, Qt.Key.Key_Z, CTRL)  # undoing a vote of a closed point: refused
    assert len(refusals) == 1 and len(heard) == 2 and len(saved) == 2
    assert counts(database) == before
