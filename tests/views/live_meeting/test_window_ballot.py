"""One ballot in the live window touches only what it changes (issue 20: within a frame).

The grid's row and the point's row change in place (no model is reset), the status
line does not re-lay out the window, the undo button's tool tip is read when asked,
and the other pages hear of the ballots once the secretary pauses or closes the window.
"""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from app.domain.errors import KenesError
from app.models.database import Database
from app.services.conduct.decisions import add_decision_point
from app.views import operations
from app.views.live_meeting.state import LiveState
from app.views.live_meeting.window import LiveMeetingWindow, TextSlot
from tests.services.conduct_helpers import ME, Board, all_present
from tests.views.live_meeting.live_helpers import open_window, press


class Events(QObject):
    """Counts resizes and model resets while a roll call goes on."""

    def __init__(self) -> None:
        super().__init__()
        self.resized: Counter[str] = Counter()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.resized[watched.objectName() or type(watched).__name__] += 1
        return False


@pytest.fixture
def voting(qtbot: QtBot, database: Database, board: Board) -> LiveMeetingWindow:
    all_present(database, board)
    add_decision_point(database, ME, board.items[0], {"en": "Approve the plan"})
    window = open_window(qtbot, database, board)
    press(qtbot, window.grid, Qt.Key.Key_F)  # the first ballot sizes the status line
    return window


def test_a_roll_call_resets_no_model_and_lays_out_nothing(
    qtbot: QtBot, voting: LiveMeetingWindow, refusals: list[KenesError]
) -> None:
    window = voting
    resets: list[str] = []
    models = {
        "agenda": window.agenda_model,
        "attendance": window.attendance_model,
        "grid": window.voting_model,
        "points": window.voting.points_model,
        "notes": window.notes_model,
    }
    for name, model in models.items():
        model.modelReset.connect(lambda name=name: resets.append(name))
    events = Events()
    app = QApplication.instance()
    assert app is not None
    keys = (Qt.Key.Key_A, Qt.Key.Key_B, Qt.Key.Key_F, Qt.Key.Key_A, Qt.Key.Key_0)
    for key in keys:  # the status line grows once, the first time a result needs a line more
        press(qtbot, window.grid, key)
        app.processEvents()
    app.installEventFilter(events)
    height = window.status.height()
    try:
        for key in keys * 2:
            press(qtbot, window.grid, key)
            app.processEvents()
    finally:
        app.removeEventFilter(events)
    assert refusals == [] and resets == []
    assert window.status.height() == height
    assert not events.resized, f"a ballot re-laid out the window: {dict(events.resized)}"
    assert window.voting_model.voter(1).choice is not None  # the ballots were made


class LayoutRequests(QObject):
    """Counts the layout requests that reach the window or its status line."""

    def __init__(self, window: LiveMeetingWindow) -> None:
        super().__init__()
        self.watched = {window, window.status}
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest and watched in self.watched:
            self.count += 1
        return False


def test_a_new_result_repaints_the_status_line_without_laying_out_the_window(
    qtbot: QtBot, voting: LiveMeetingWindow, refusals: list[KenesError]
) -> None:
    window = voting
    app = QApplication.instance()
    assert app is not None

    def roll_call(keys: tuple[Qt.Key, ...]) -> tuple[list[str], int]:
        """The results shown after each key, and how many times the status line grew."""
        texts, grew = [], 0
        window.grid.setCurrentIndex(window.voting_model.index(0, 1))
        for key in keys:
            height = window.status.height()
            press(qtbot, window.grid, key)
            app.processEvents()
            texts.append(window.result_label.text())
            grew += window.status.height() > height
        return texts, grew

    roll_call((Qt.Key.Key_A, Qt.Key.Key_B, Qt.Key.Key_F, Qt.Key.Key_A, Qt.Key.Key_0))
    requests = LayoutRequests(window)
    app.installEventFilter(requests)
    try:
        texts, grew = roll_call((Qt.Key.Key_B, Qt.Key.Key_F, Qt.Key.Key_A, Qt.Key.Key_B))
    finally:
        app.removeEventFilter(requests)
    assert refusals == [] and len(set(texts)) >= 3  # the ballots changed the result
    assert requests.count <= grew  # only a result needing more lines than ever lays out
    label = window.result_label
    assert label.height() >= label.heightForWidth(label.width())  # never cut off


def test_a_text_slot_grows_with_its_text_and_fits_a_new_width(qtbot: QtBot) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    label = QLabel()
    label.setWordWrap(True)
    slot = TextSlot(label)
    layout = QVBoxLayout(holder)
    layout.addWidget(slot)
    layout.addStretch(1)
    holder.resize(900, 300)
    holder.show()
    slot.set_text("Point 1: " + "ten for, two against, one abstained; " * 6 + "adopted.")
    QApplication.processEvents()
    wide = label.height()
    assert wide >= label.heightForWidth(label.width()) > 0
    holder.resize(300, 300)
    qtbot.waitUntil(lambda: label.width() <= 300)
    QApplication.processEvents()
    assert label.height() >= label.heightForWidth(label.width()) > wide  # more lines, all shown
    narrow = slot.height()
    slot.set_text("Point 1: adopted.")
    QApplication.processEvents()
    assert slot.height() == narrow  # a shorter result does not shrink it (nor lay out again)
    holder.resize(900, 300)
    qtbot.waitUntil(lambda: label.width() > 300)
    QApplication.processEvents()
    # A new width lays out the window anyway: the slot fits its text again, without the
    # empty lines a narrower width needed.
    assert label.heightForWidth(label.width()) <= slot.height() < narrow


@pytest.mark.qt_log_ignore("does not support raise")  # the tool tip, offscreen
def test_the_undo_tool_tip_names_the_step_when_asked(
    voting: LiveMeetingWindow, refusals: list[KenesError]
) -> None:
    window = voting
    button = window.toolbar.widgetForAction(window.undo_action)
    assert button is not None
    name = window.voting_model.voter(0).name
    assert name not in window.undo_action.toolTip()  # not rebuilt on every ballot
    QApplication.sendEvent(
        button, QHelpEvent(QEvent.Type.ToolTip, QPoint(2, 2), button.mapToGlobal(QPoint(2, 2)))
    )
    assert window.undo_action.toolTip() == f"Undo: vote of {name}: For"
    assert window.redo_action.toolTip() == "Redo"


def test_closing_the_window_announces_the_last_ballots_at_once(
    qtbot: QtBot,
    database: Database,
    board: Board,
    refusals: list[KenesError],
    heard: list[tuple[operations.Changes, object]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(LiveState, "ANNOUNCE_AFTER_MS", 60_000)
    all_present(database, board)
    add_decision_point(database, ME, board.items[0], {"en": "Approve the plan"})
    window = open_window(qtbot, database, board)
    press(qtbot, window.grid, Qt.Key.Key_F, times=3)
    assert heard == []
    window.close()
    assert heard == [(operations.CONDUCT, window.voting)]
