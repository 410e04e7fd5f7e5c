"""Undo and redo in the protocol editor: each saved change, back and again, at once in the database.

The rows of ``protocol_narratives`` and the protocol's own row are compared
before and after; an undo once the protocol is signed is refused and changes
nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from app.domain.errors import KenesError
from app.models.database import Database
from app.services.protocols.actions import Narrative, Signing, sign_protocol
from app.services.protocols.common import ProtocolInfo
from app.views import operations, protocol_editor
from app.views.protocol_editor import ProtocolEditor
from app.views.qt_i18n import apply_language
from tests.services.conduct_helpers import ME

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture(autouse=True)
def refusals(monkeypatch: pytest.MonkeyPatch) -> list[KenesError]:
    seen: list[KenesError] = []
    monkeypatch.setattr(operations, "show_refusal", lambda _p, e: seen.append(e))
    monkeypatch.setattr(protocol_editor, "ask", lambda _p, _q: True)  # closing: lose typing
    return seen


@pytest.fixture
def editor(qtbot: QtBot, database: Database, protocol: ProtocolInfo) -> Iterator[ProtocolEditor]:
    dialog = ProtocolEditor(database, ME, protocol.id)
    qtbot.addWidget(dialog)
    dialog.show()
    yield dialog
    apply_language("en")


def narratives(database: Database, protocol_id: int) -> list[tuple[Any, ...]]:
    with database.engine.connect() as conn:
        return [
            tuple(row)
            for row in conn.execute(
                text(
                    "SELECT item_id, lang, heard, spoke, discussion FROM protocol_narratives "
                    "WHERE protocol_id = :p ORDER BY item_id, lang"
                ),
                {"p": protocol_id},
            )
        ]


def details(database: Database, protocol_id: int) -> tuple[Any, ...]:
    with database.engine.connect() as conn:
        row = conn.execute(
            text(
                "SELECT number, main_language, city_kk, city_ru, city_en "
                "FROM protocols WHERE id = :p"
            ),
            {"p": protocol_id},
        ).one()
    return tuple(row)


def press(qtbot: QtBot, widget: QWidget, key: Qt.Key, modifier: Any) -> None:
    window = widget.window()
    if QApplication.activeWindow() is not window:
        with qtbot.waitActive(window):
            window.activateWindow()
    widget.setFocus()
    qtbot.keyClick(widget, key, modifier)  # type: ignore[no-untyped-call]


def test_a_saved_text_is_undone_and_redone(
    editor: ProtocolEditor, qtbot: QtBot, database: Database, protocol: ProtocolInfo
) -> None:
    before = narratives(database, protocol.id)
    editor.panes["ru"].heard.setPlainText("Доклад о плане работы.")
    assert editor.save()
    saved = narratives(database, protocol.id)
    assert saved != before
    assert editor.undo.undo_action.toolTip() == "Undo: Text of item 1 (Русский) (Ctrl+Z)"
    press(qtbot, editor.items, Qt.Key.Key_Z, CTRL)
    assert narratives(database, protocol.id) == [(*r[:2], "", "", "") for r in saved]
    assert editor.panes["ru"].heard.toPlainText() == ""
    assert not editor.is_dirty()
    press(qtbot, editor.items, Qt.Key.Key_Z, CTRL | SHIFT)
    assert narratives(database, protocol.id) == saved
    assert editor.panes["ru"].heard.toPlainText() == "Доклад о плане работы."


def test_ctrl_z_in_a_text_box_undoes_typing_first_then_the_saved_step(
    editor: ProtocolEditor, qtbot: QtBot, database: Database, protocol: ProtocolInfo
) -> None:
    box = editor.panes["en"].heard
    box.setPlainText("Report on the plan.")
    assert editor.save()
    saved = narratives(database, protocol.id)
    press(qtbot, box, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier)  # typing, not saved
    assert box.toPlainText() == "aReport on the plan."
    press(qtbot, box, Qt.Key.Key_Z, CTRL)  # the box undoes its own typing
    assert box.toPlainText() == "Report on the plan."
    assert narratives(database, protocol.id) == saved
    press(qtbot, editor.panes["en"].heard, Qt.Key.Key_Z, CTRL)  # now the saved step
    assert [r[2] for r in narratives(database, protocol.id)] == [""]


def test_details_are_undone_and_redone(
    editor: ProtocolEditor, qtbot: QtBot, database: Database, protocol: ProtocolInfo
) -> None:
    before = details(database, protocol.id)
    editor.number.setText("7-К")
    editor.cities["en"].setText("Astana")
    assert editor.save()
    saved = details(database, protocol.id)
    assert saved[0] == "7-К" and saved[4] == "Astana"
    press(qtbot, editor.items, Qt.Key.Key_Z, CTRL)
    assert details(database, protocol.id) == before
    assert editor.number.text() == before[0]
    press(qtbot, editor.items, Qt.Key.Key_Y, CTRL)
    assert details(database, protocol.id) == saved


def test_undo_after_signing_is_refused_and_changes_nothing(
    editor: ProtocolEditor,
    qtbot: QtBot,
    database: Database,
    protocol: ProtocolInfo,
    refusals: list[KenesError],
) -> None:
    editor.panes["kk"].heard.setPlainText("Жұмыс жоспары туралы баяндама.")
    for code, city in {"kk": "Астана", "ru": "Астана", "en": "Astana"}.items():
        editor.cities[code].setText(city)
    assert editor.save()
    sign_protocol(
        database, ME, protocol.id, Signing(date(2024, 3, 20), languages=("kk",), accept_gaps=True)
    )
    signed = narratives(database, protocol.id), details(database, protocol.id)
    press(qtbot, editor.items, Qt.Key.Key_Z, CTRL)
    assert (narratives(database, protocol.id), details(database, protocol.id)) == signed
    assert len(refusals) == 1
    assert not editor.undo.undo_action.toolTip().startswith("Undo: Text")


def test_undo_after_a_change_elsewhere_is_refused(
    editor: ProtocolEditor,
    qtbot: QtBot,
    database: Database,
    protocol: ProtocolInfo,
    refusals: list[KenesError],
) -> None:
    from app.services.protocols.actions import set_narrative

    editor.panes["en"].heard.setPlainText("Report.")
    assert editor.save()
    item_id = editor.current_item_id()
    assert item_id is not None
    set_narrative(database, ME, protocol.id, item_id, "en", Narrative("Another report."))
    changed = narratives(database, protocol.id)
    press(qtbot, editor.items, Qt.Key.Key_Z, CTRL)
    assert narratives(database, protocol.id) == changed
    assert "changed since it was saved here" in refusals[0].message()
