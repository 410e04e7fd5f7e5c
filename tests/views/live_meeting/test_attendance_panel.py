"""The attendance panel: presence, arrivals and departures as undo steps, invited persons."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.domain.errors import KenesError
from app.models.database import Database
from app.services.conduct.queries import live_meeting
from app.views.live_meeting.dialogs import (
    PointDialog,
)
from app.views.live_meeting.window import LiveMeetingWindow
from tests.services.conduct_helpers import Board, counts
from tests.views.live_meeting.live_helpers import (
    CTRL,
    new_point,
    press,
)


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


def attendance_of(
    database: Database, board: Board, person: int
) -> tuple[bool, int | None, int | None] | None:
    live = live_meeting(database, board.meeting_id)
    info = next(m.attendance for m in live.members if m.person.id == person)
    if info is None:
        return None
    return info.present, info.arrived_before_item, info.left_after_item


def test_p_r_and_l_on_the_attendance_are_undo_steps(
    qtbot: QtBot,
    database: Database,
    board: Board,
    window: LiveMeetingWindow,
    refusals: list[KenesError],
) -> None:
    att, model = window.attendance_view, window.attendance_model
    chair, deputy = board.members[0], board.members[1]
    att.setCurrentIndex(model.index(0, 1))
    press(qtbot, att, Qt.Key.Key_P)  # present, then the next member is selected
    assert attendance_of(database, board, chair) == (True, None, None)
    assert att.currentIndex().row() == 1
    press(qtbot, att, Qt.Key.Key_P)
    assert attendance_of(database, board, deputy) == (True, None, None)
    assert len(window.voting_model.voters()) == 2  # the grid follows the attendance

    # On item 2: the deputy arrived before it (R), then left after it (L); L again: stayed.
    window.select_item(1)
    att.setCurrentIndex(model.index(model.row_of(deputy) or 0, 1))
    press(qtbot, att, Qt.Key.Key_R)
    assert attendance_of(database, board, deputy) == (True, 1, None)
    press(qtbot, att, Qt.Key.Key_L)
    assert attendance_of(database, board, deputy) == (True, 1, 1)
    press(qtbot, att, Qt.Key.Key_L)
    assert attendance_of(database, board, deputy) == (True, 1, None)
    assert model.data(model.index(model.row_of(deputy) or 0, 3)) == "present from item 2"

    # Each key was one step, undone in turn; "not marked" comes back as absent, no reason.
    for expected in ((True, 1, 1), (True, 1, None), (True, None, None), (False, None, None)):
        press(qtbot, window.grid, Qt.Key.Key_Z, CTRL)
        assert attendance_of(database, board, deputy) == expected
    assert attendance_of(database, board, chair) == (True, None, None)
    assert refusals == []


def test_leaving_when_absent_is_refused_and_changes_nothing(
    qtbot: QtBot,
    database: Database,
    board: Board,
    window: LiveMeetingWindow,
    refusals: list[KenesError],
) -> None:
    before = counts(database)
    window.attendance_view.setCurrentIndex(window.attendance_model.index(2, 1))
    press(qtbot, window.attendance_view, Qt.Key.Key_L)  # not marked present: cannot leave
    assert len(refusals) == 1 and counts(database) == before
    assert window.undo_stack.count() == 0
