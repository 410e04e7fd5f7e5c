"""Undo and redo in the agenda editor: Ctrl+Z puts the database back, Ctrl+Shift+Z redoes.

Each step is compared on the rows of the database (the items, their speakers
and materials, without ids: an item put back is a new row), and an undo the
services refuse (the chair approved the agenda since) leaves them as they were.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from app.domain.errors import KenesError
from app.domain.meeting import MeetingState
from app.models.database import Database
from app.services.agenda.add_speaker import SpeakerData, add_speaker
from app.services.agenda.attach_material import attach_material
from app.services.meeting_queries import meeting_detail
from app.services.meetings.approve_agenda import approve_agenda
from app.views import agenda_editor, operations
from app.views.agenda_editor import AgendaEditor
from app.views.qt_i18n import apply_language
from tests.services.meeting_helpers import AT, ME, World, item, material_file, plan

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def meeting_id(database: Database, world: World) -> int:
    meeting = plan(database, world)
    item(database, meeting, "Бірінші мәселе")
    item(database, meeting, "Екінші мәселе")
    return meeting


@pytest.fixture
def refusals(monkeypatch: pytest.MonkeyPatch) -> list[KenesError]:
    seen: list[KenesError] = []
    monkeypatch.setattr(operations, "show_refusal", lambda _parent, error: seen.append(error))
    monkeypatch.setattr(agenda_editor, "ask", lambda _parent, _question: True)
    return seen


@pytest.fixture
def editor(
    qtbot: QtBot, database: Database, meeting_id: int, refusals: list[KenesError]
) -> Iterator[AgendaEditor]:
    widget = AgendaEditor(database, ME)
    qtbot.addWidget(widget)
    widget.set_meeting(meeting_id)
    widget.show()
    yield widget
    apply_language("en")


def rows(database: Database, meeting_id: int) -> list[tuple[Any, ...]]:
    """The meeting's agenda as stored: items in order, with their speakers and materials."""
    with database.engine.connect() as conn:
        items = conn.execute(
            text(
                "SELECT id, position, title_kk, title_ru, title_en, responsible_en, note "
                "FROM agenda_items WHERE meeting_id = :m ORDER BY position"
            ),
            {"m": meeting_id},
        ).all()
        found = []
        for row in items:
            speakers = conn.execute(
                text(
                    "SELECT position, person_id, name FROM item_speakers "
                    "WHERE item_id = :i ORDER BY position"
                ),
                {"i": row[0]},
            ).all()
            materials = conn.execute(
                text(
                    "SELECT position, file_name, sha256 FROM materials "
                    "WHERE item_id = :i ORDER BY position"
                ),
                {"i": row[0]},
            ).all()
            found.append(
                (tuple(row[1:]), tuple(map(tuple, speakers)), tuple(map(tuple, materials)))
            )
        return found


def press(qtbot: QtBot, widget: QWidget, key: Qt.Key, modifier: Any) -> None:
    """A key to ``widget`` in its active window, as a user's (shortcuts need that)."""
    window = widget.window()
    if QApplication.activeWindow() is not window:
        with qtbot.waitActive(window):
            window.activateWindow()
    widget.setFocus()
    qtbot.keyClick(widget, key, modifier)  # type: ignore[no-untyped-call]


def undo(qtbot: QtBot, editor: AgendaEditor) -> None:
    press(qtbot, editor.table, Qt.Key.Key_Z, CTRL)


def redo(qtbot: QtBot, editor: AgendaEditor) -> None:
    press(qtbot, editor.table, Qt.Key.Key_Z, CTRL | SHIFT)


def test_an_added_item_is_undone_and_redone(
    editor: AgendaEditor, qtbot: QtBot, database: Database, meeting_id: int
) -> None:
    before = rows(database, meeting_id)
    assert not editor.undo.undo_action.isEnabled()
    dialog = editor.add_item()
    assert dialog is not None
    dialog.titles.edits["kk"].setText("Үшінші мәселе")
    dialog.titles.edits["en"].setText("Third item")
    dialog.accept()
    added = rows(database, meeting_id)
    assert len(added) == 3
    assert editor.undo.undo_action.toolTip() == "Undo: Adding an item (Ctrl+Z)"
    undo(qtbot, editor)
    assert rows(database, meeting_id) == before
    assert len(editor.item_titles()) == 2
    redo(qtbot, editor)
    assert [r[0][1:] for r in rows(database, meeting_id)] == [r[0][1:] for r in added]
    assert editor.item_titles()[-1] == "Third item"


def test_an_edit_and_a_move_are_undone_in_turn(
    editor: AgendaEditor, qtbot: QtBot, database: Database, meeting_id: int
) -> None:
    before = rows(database, meeting_id)
    dialog = editor.edit_item()
    assert dialog is not None
    dialog.titles.edits["en"].setText("The first, corrected")
    dialog.note.setPlainText("Agreed with the ministry")
    dialog.accept()
    edited = rows(database, meeting_id)
    assert edited[0][0][3:] == ("The first, corrected", "", "Agreed with the ministry")
    editor.select_row(0)
    assert editor.move_selected(1)
    moved = rows(database, meeting_id)
    assert moved[1][0][3] == "The first, corrected"
    undo(qtbot, editor)
    assert rows(database, meeting_id) == edited
    undo(qtbot, editor)
    assert rows(database, meeting_id) == before
    redo(qtbot, editor)
    assert rows(database, meeting_id) == edited
    press(qtbot, editor.table, Qt.Key.Key_Y, CTRL)  # Ctrl+Y redoes as well
    assert rows(database, meeting_id) == moved


def test_a_removed_item_comes_back_with_its_speakers_and_materials(
    editor: AgendaEditor,
    qtbot: QtBot,
    database: Database,
    world: World,
    meeting_id: int,
    tmp_path: Path,
) -> None:
    first = meeting_detail(database, meeting_id).agenda[0].id
    add_speaker(database, ME, first, SpeakerData(person_id=world.members[0]))
    add_speaker(database, ME, first, SpeakerData(name="Келлер Анна", position_en="Expert"))
    attach_material(database, ME, first, material_file(tmp_path))
    editor.refresh(select_item=first)
    before = rows(database, meeting_id)
    assert editor.remove_item()
    assert len(rows(database, meeting_id)) == 1
    undo(qtbot, editor)
    after = rows(database, meeting_id)
    assert [(r[0][1:], r[1], r[2]) for r in after] == [(r[0][1:], r[1], r[2]) for r in before]
    restored = meeting_detail(database, meeting_id).agenda[0]
    assert restored.materials[0].file_name == "анықтама.pdf"
    # Redo removes the item put back (its new id), undo puts it back once more.
    redo(qtbot, editor)
    assert len(rows(database, meeting_id)) == 1
    undo(qtbot, editor)
    assert len(rows(database, meeting_id)) == 2


def test_undo_after_approval_is_refused_and_changes_nothing(
    editor: AgendaEditor,
    qtbot: QtBot,
    database: Database,
    meeting_id: int,
    refusals: list[KenesError],
) -> None:
    editor.select_row(0)
    assert editor.move_selected(1)
    approve_agenda(database, ME, meeting_id, at=AT)
    editor.refresh()
    approved = rows(database, meeting_id)
    undo(qtbot, editor)
    assert rows(database, meeting_id) == approved
    assert meeting_detail(database, meeting_id).meeting.state is MeetingState.AGENDA_APPROVED
    assert len(refusals) == 1
    assert "approved the agenda since" in refusals[0].message()
    assert not editor.undo.undo_action.isEnabled()  # the refused step left the stack


def test_undo_after_a_change_elsewhere_is_refused(
    editor: AgendaEditor,
    qtbot: QtBot,
    database: Database,
    meeting_id: int,
    refusals: list[KenesError],
) -> None:
    editor.select_row(0)
    assert editor.move_selected(1)
    item(database, meeting_id, "Басқа компьютерден")
    changed = rows(database, meeting_id)
    undo(qtbot, editor)
    assert rows(database, meeting_id) == changed
    assert "changed since this step" in refusals[0].message()


def test_the_undo_actions_are_translated(editor: AgendaEditor) -> None:
    editor.select_row(0)
    assert editor.move_selected(1)
    apply_language("ru")
    assert editor.undo.undo_action.text() == "Отменить"
    assert "Перемещение вопроса" in editor.undo.undo_action.toolTip()
    apply_language("kk")
    assert editor.undo.undo_action.text() != "Undo"
