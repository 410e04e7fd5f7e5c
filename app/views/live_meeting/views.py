"""The keyboard of the live meeting: the keys that vote or mark attendance, the views taking them.

The grids are driven by plain letter keys, so each table or list hands its
key presses to its panel first (``on_key``) and falls back to Qt's own
handling when the panel did not use the key.  The letters also work on a
Cyrillic layout: the keys F, A, B, P, R, L type А, Ф, И, З, К, Д there.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListView,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.voting import Choice
from app.views.live_meeting.models import AttendanceModel
from app.views.live_meeting.voting_models import VotingModel

NO_MODIFIERS = Qt.KeyboardModifier.NoModifier | Qt.KeyboardModifier.KeypadModifier
VOTE_KEYS = {
    Qt.Key.Key_F: Choice.FOR,
    Qt.Key.Key_1: Choice.FOR,
    Qt.Key.Key_A: Choice.AGAINST,
    Qt.Key.Key_2: Choice.AGAINST,
    Qt.Key.Key_B: Choice.ABSTAINED,
    Qt.Key.Key_3: Choice.ABSTAINED,
    Qt.Key.Key_0: Choice.DID_NOT_VOTE,
    Qt.Key.Key_Delete: Choice.DID_NOT_VOTE,
    Qt.Key.Key_Backspace: Choice.DID_NOT_VOTE,
}
# The same physical keys on the Kazakh and Russian layouts (ЙЦУКЕН).
CYRILLIC_VOTE_KEYS = {"а": Choice.FOR, "ф": Choice.AGAINST, "и": Choice.ABSTAINED}
PRESENCE_KEYS = {Qt.Key.Key_P: "з", Qt.Key.Key_R: "к", Qt.Key.Key_L: "д"}
ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def plain(event: QKeyEvent) -> bool:
    """No Ctrl, Alt or Meta: a key that types, not a shortcut."""
    extra = event.modifiers() & ~(NO_MODIFIERS | Qt.KeyboardModifier.ShiftModifier)
    return extra == Qt.KeyboardModifier.NoModifier


def plain_key(event: QKeyEvent, *keys: Qt.Key) -> bool:
    """Whether the event is one of ``keys`` pressed without a shortcut modifier."""
    return plain(event) and event.key() in keys


def vote_key(event: QKeyEvent) -> Choice | None:
    """The vote a key records in the grid, or None."""
    if not plain(event):
        return None
    choice = VOTE_KEYS.get(Qt.Key(event.key()))
    if choice is not None:
        return choice
    return CYRILLIC_VOTE_KEYS.get(event.text().lower())


def letter_key(event: QKeyEvent, key: Qt.Key) -> bool:
    """Whether the event is the plain letter ``key`` (or the same key on a Cyrillic layout)."""
    if not plain(event):
        return False
    return event.key() == key or event.text().lower() == PRESENCE_KEYS.get(key, "\0")


class KeyTableView(QTableView):
    """A table whose letter keys its panel handles (``on_key`` returns True when it did)."""

    def __init__(self, on_key: Callable[[QKeyEvent], bool], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._on_key = on_key
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.horizontalHeader().setHighlightSections(False)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._on_key(event):
            event.accept()
            return
        super().keyPressEvent(event)


class KeyListView(QListView):
    """A list whose keys its panel handles first, as :class:`KeyTableView`."""

    def __init__(self, on_key: Callable[[QKeyEvent], bool], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._on_key = on_key
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._on_key(event):
            event.accept()
            return
        super().keyPressEvent(event)


def heading(name: str) -> QLabel:
    """A bold label over a list or a table."""
    label = QLabel()
    label.setObjectName(name)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def column(*widgets: QWidget, stretch: QWidget | None = None) -> QWidget:
    """Widgets one under the other; ``stretch`` takes the height left."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(4, 4, 4, 4)
    for widget in widgets:
        layout.addWidget(widget, 1 if widget is stretch else 0)
    return box


def wrap(widget: QWidget, owner: QWidget) -> None:
    """Make ``widget`` fill ``owner`` edge to edge (a panel around its splitter)."""
    layout = QVBoxLayout(owner)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(widget)


def current_person(view: QAbstractItemView, model: AttendanceModel | VotingModel) -> Any:
    """The person id of the row selected in ``view``, or None."""
    index = view.currentIndex()
    if not index.isValid() or index.row() >= model.rowCount():
        return None
    return model.data(model.index(index.row(), 0), Qt.ItemDataRole.UserRole)


def select_person(
    view: QAbstractItemView, model: AttendanceModel | VotingModel, person_id: int
) -> None:
    """Select the row of ``person_id`` in ``view``, if they are shown."""
    row = model.row_of(person_id)
    if row is not None:
        view.setCurrentIndex(model.index(row, 1))
