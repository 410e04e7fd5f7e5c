"""What the live meeting's tests share: opening the window, pressing keys, answering questions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app.models.database import Database
from app.views.live_meeting import attendance_panel, notes, voting_panel
from app.views.live_meeting.dialogs import (
    PointDialog,
)
from app.views.live_meeting.window import LiveMeetingWindow
from tests.services.conduct_helpers import ME, Board

CTRL = Qt.KeyboardModifier.ControlModifier


def answer_all(monkeypatch: pytest.MonkeyPatch, ask: Callable[[object, str], Any]) -> None:
    """Every panel of the window asks its questions with ``ask``."""
    for module in (attendance_panel, voting_panel, notes):
        monkeypatch.setattr(module, "ask", ask)


def open_window(qtbot: QtBot, database: Database, board: Board) -> LiveMeetingWindow:
    window = LiveMeetingWindow(database, ME, board.meeting_id)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    return window


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
