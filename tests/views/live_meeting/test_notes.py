"""The notes of a decision point in the live window: dissenting opinions and instructions."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.domain.errors import KenesError
from app.domain.voting import Choice
from app.models.database import Database
from app.services.conduct.decisions import add_decision_point
from app.services.conduct.queries import live_meeting
from app.services.conduct.voting import cast_ballot
from app.views.live_meeting import notes
from app.views.live_meeting.dialogs import DissentDialog, InstructionDialog
from app.views.live_meeting.window import LiveMeetingWindow
from tests.services.conduct_helpers import ME, Board, all_present, counts
from tests.views.live_meeting.live_helpers import open_window, press


@pytest.fixture
def voted(qtbot: QtBot, database: Database, board: Board) -> LiveMeetingWindow:
    """Everyone present; on point 1 the chair voted for and member 4 against, no one else."""
    all_present(database, board)
    point = add_decision_point(database, ME, board.items[0], {"en": "Approve"}).id
    cast_ballot(database, ME, point, board.chair, Choice.FOR)
    cast_ballot(database, ME, point, board.members[4], Choice.AGAINST)
    return open_window(qtbot, database, board)


def point_notes(database: Database, board: Board) -> tuple[int, int]:
    point = live_meeting(database, board.meeting_id).items[0].points[0]
    return len(point.dissents), len(point.instructions)


def test_a_dissent_is_offered_to_those_who_voted_only(
    voted: LiveMeetingWindow, database: Database, board: Board, refusals: list[KenesError]
) -> None:
    box = voted.voting.notes
    dialog = box.add_dissent()
    assert isinstance(dialog, DissentDialog) and voted.dialog is dialog
    offered = dialog.person.values()
    assert set(offered) == {board.chair, board.members[4]}
    assert dialog.person.value() == board.chair  # the member selected in the grid (the first)
    dialog.person.set_value(board.members[4])
    dialog.text.setPlainText("I disagree with the plan.")
    dialog.accept()
    assert point_notes(database, board) == (1, 0) and refusals == []
    assert voted.notes_model.rowCount() == 1
    assert "I disagree with the plan." in voted.notes_model.data(voted.notes_model.index(0, 0))


def test_an_empty_instruction_is_refused_and_nothing_is_saved(
    voted: LiveMeetingWindow, database: Database, board: Board, refusals: list[KenesError]
) -> None:
    before = counts(database)
    dialog = voted.voting.notes.add_instruction()
    assert isinstance(dialog, InstructionDialog)
    # The members first, then the rest of the directory.
    assert dialog.executor_person.values()[1 : 1 + len(board.members)] == [
        m.person.id for m in live_meeting(database, board.meeting_id).members
    ]
    dialog.accept()  # no text at all
    assert len(refusals) == 1 and counts(database) == before
    assert dialog.isVisible()
    dialog.instruction.set_values({"en": "Report by June"})
    dialog.executor.set_values({"en": "The working body"})
    dialog.accept()
    assert point_notes(database, board) == (0, 1) and not dialog.isVisible()
    assert voted.notes_model.rowCount() == 1


def test_a_note_is_edited_with_f2_and_removed_with_delete_after_a_question(
    qtbot: QtBot,
    voted: LiveMeetingWindow,
    database: Database,
    board: Board,
    refusals: list[KenesError],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialog = voted.voting.notes.add_dissent()
    assert isinstance(dialog, DissentDialog)
    dialog.text.setPlainText("First wording.")
    dialog.accept()
    voted.notes_view.setCurrentIndex(voted.notes_model.index(0, 0))
    press(qtbot, voted.notes_view, Qt.Key.Key_F2)
    editing = voted.dialog
    assert isinstance(editing, DissentDialog) and not editing.person.isEnabled()
    assert editing.text.toPlainText() == "First wording."
    editing.text.setPlainText("Second wording.")
    editing.accept()
    point = live_meeting(database, board.meeting_id).items[0].points[0]
    assert [d.text for d in point.dissents] == ["Second wording."]

    asked: list[str] = []
    monkeypatch.setattr(notes, "ask", lambda _parent, question: asked.append(question) or False)
    voted.notes_view.setCurrentIndex(voted.notes_model.index(0, 0))
    press(qtbot, voted.notes_view, Qt.Key.Key_Delete)
    assert len(asked) == 1 and "Second wording." in asked[0]
    assert point_notes(database, board) == (1, 0)  # answered no: kept
    monkeypatch.setattr(notes, "ask", lambda _parent, _question: True)
    press(qtbot, voted.notes_view, Qt.Key.Key_Delete)
    assert point_notes(database, board) == (0, 0) and voted.notes_model.rowCount() == 0
    assert refusals == []


def test_without_a_point_there_is_nothing_to_note(
    window: LiveMeetingWindow, refusals: list[KenesError]
) -> None:
    box = window.voting.notes
    assert box.add_dissent() is None and box.add_instruction() is None
    assert box.edit_note() is None and window.dialog is None
    box.remove_note()  # nothing selected: nothing asked, nothing refused
    assert refusals == []
