"""The live meeting screen, driven by the keyboard on the demo board of seed 000.

The walk records a whole meeting without the mouse: attendance, an arrival and
a departure, three decision points voted by roll call (one a 7–7 tie that the
presiding chair's vote decides, 000 §15), a dissenting opinion (000 §16),
closing each voting, undo and redo; then it checks the database.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.domain.errors import KenesError
from app.domain.voting import Choice
from app.models.database import Database
from app.services.conduct.decisions import add_decision_point
from app.services.conduct.queries import live_meeting
from app.views import operations
from app.views.live_meeting.dialogs import (
    DissentDialog,
)
from app.views.live_meeting.state import LiveState
from app.views.live_meeting.window import LiveMeetingWindow
from tests.services.conduct_helpers import ME, Board, all_present, counts
from tests.views.live_meeting.live_helpers import (
    CTRL,
    grid_names,
    new_point,
    open_window,
    press,
)


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

    press(qtbot, window.grid, Qt.Key.Key_F)  # a ballot: an undo step, announced at a pause
    assert heard == [] and saved == [True]
    qtbot.waitUntil(lambda: len(heard) == 1, timeout=LiveState.ANNOUNCE_AFTER_MS + 3000)
    assert heard[0] == (operations.CONDUCT, window.voting)
    press(qtbot, window.grid, Qt.Key.Key_Return, CTRL)  # closing: a structural action
    assert len(heard) == 2 and heard[1][0] == operations.CONDUCT and len(saved) == 2
    assert window.current_point() is not None and window.current_point().closed  # type: ignore[union-attr]

    before = counts(database)
    press(qtbot, window.grid, Qt.Key.Key_Z, CTRL)  # undoing a vote of a closed point: refused
    assert len(refusals) == 1 and len(heard) == 2 and len(saved) == 2
    assert counts(database) == before
