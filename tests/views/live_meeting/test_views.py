"""The live meeting's keyboard: which keys vote or mark attendance, and the views that take them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from app.domain.composition import Role
from app.domain.voting import Choice
from app.views.live_meeting.views import (
    KeyListView,
    KeyTableView,
    column,
    current_person,
    heading,
    letter_key,
    plain_key,
    select_person,
    vote_key,
)
from app.views.live_meeting.voting_models import VoterRow, VotingModel

NONE = Qt.KeyboardModifier.NoModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def key(code: Qt.Key, text: str = "", modifiers: Qt.KeyboardModifier = NONE) -> QKeyEvent:
    return QKeyEvent(QEvent.Type.KeyPress, code, modifiers, text)


@pytest.mark.parametrize(
    ("code", "text", "choice"),
    [
        (Qt.Key.Key_F, "f", Choice.FOR),
        (Qt.Key.Key_1, "1", Choice.FOR),
        (Qt.Key.Key_A, "a", Choice.AGAINST),
        (Qt.Key.Key_2, "2", Choice.AGAINST),
        (Qt.Key.Key_B, "b", Choice.ABSTAINED),
        (Qt.Key.Key_3, "3", Choice.ABSTAINED),
        (Qt.Key.Key_0, "0", Choice.DID_NOT_VOTE),
        (Qt.Key.Key_Delete, "", Choice.DID_NOT_VOTE),
        (Qt.Key.Key_Backspace, "", Choice.DID_NOT_VOTE),
        # The same keys on a Kazakh or Russian layout type А, Ф, И.
        (Qt.Key.Key_unknown, "а", Choice.FOR),
        (Qt.Key.Key_unknown, "Ф", Choice.AGAINST),
        (Qt.Key.Key_unknown, "и", Choice.ABSTAINED),
        (Qt.Key.Key_X, "x", None),
    ],
)
def test_the_vote_keys(code: Qt.Key, text: str, choice: Choice | None) -> None:
    assert vote_key(key(code, text)) is choice
    # Shift keeps a letter a letter; Ctrl makes it a shortcut, never a vote.
    assert vote_key(key(code, text.upper(), Qt.KeyboardModifier.ShiftModifier)) is choice
    assert vote_key(key(code, text, CTRL)) is None


def test_attendance_letters_and_plain_keys() -> None:
    assert letter_key(key(Qt.Key.Key_P, "p"), Qt.Key.Key_P)
    assert letter_key(key(Qt.Key.Key_unknown, "з"), Qt.Key.Key_P)  # P on a Cyrillic layout
    assert letter_key(key(Qt.Key.Key_unknown, "К"), Qt.Key.Key_R)
    assert letter_key(key(Qt.Key.Key_unknown, "д"), Qt.Key.Key_L)
    assert not letter_key(key(Qt.Key.Key_unknown, "д"), Qt.Key.Key_P)
    assert not letter_key(key(Qt.Key.Key_P, "p", CTRL), Qt.Key.Key_P)
    assert plain_key(key(Qt.Key.Key_Return), Qt.Key.Key_Return, Qt.Key.Key_Enter)
    assert plain_key(
        key(Qt.Key.Key_Enter, "", Qt.KeyboardModifier.KeypadModifier), Qt.Key.Key_Enter
    )
    assert not plain_key(key(Qt.Key.Key_Return, "", CTRL), Qt.Key.Key_Return)
    assert not plain_key(key(Qt.Key.Key_Delete), Qt.Key.Key_Return)


def grid_model() -> VotingModel:
    model = VotingModel()
    model.set_voters(
        [VoterRow(p, f"Member {p}", Role.MEMBER, False, None) for p in (11, 12, 13)],
        closed=False,
    )
    return model


def test_a_table_takes_its_panels_keys_first_then_qts(qtbot: QtBot) -> None:
    taken: list[int] = []

    def on_key(event: QKeyEvent) -> bool:
        if event.key() == Qt.Key.Key_F:
            taken.append(event.key())
            return True
        return False

    model = grid_model()
    view = KeyTableView(on_key)
    view.setModel(model)
    qtbot.addWidget(view)
    view.show()
    assert current_person(view, model) is None  # nothing selected yet
    select_person(view, model, 12)
    assert current_person(view, model) == 12
    select_person(view, model, 99)  # not shown: the selection stays
    assert current_person(view, model) == 12
    qtbot.keyClick(view, Qt.Key.Key_F)  # type: ignore[no-untyped-call]
    assert taken == [Qt.Key.Key_F] and current_person(view, model) == 12
    qtbot.keyClick(view, Qt.Key.Key_Down)  # type: ignore[no-untyped-call]
    assert current_person(view, model) == 13  # Qt's own handling moved the selection
    assert view.selectionBehavior() == view.SelectionBehavior.SelectRows
    assert view.editTriggers() == view.EditTrigger.NoEditTriggers


def test_a_list_takes_its_panels_keys_first_then_qts(qtbot: QtBot) -> None:
    deleted: list[bool] = []
    model = grid_model()
    view = KeyListView(lambda event: event.key() == Qt.Key.Key_Delete and not deleted.append(True))
    view.setModel(model)
    qtbot.addWidget(view)
    view.show()
    view.setCurrentIndex(model.index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_Delete)  # type: ignore[no-untyped-call]
    assert deleted == [True] and view.currentIndex().row() == 0
    qtbot.keyClick(view, Qt.Key.Key_Down)  # type: ignore[no-untyped-call]
    assert view.currentIndex().row() == 1


def test_headings_and_columns(qtbot: QtBot) -> None:
    title = heading("gridHeading")
    assert title.objectName() == "gridHeading" and title.font().bold()
    body = QLabel("body")
    box = column(title, body, stretch=body)
    qtbot.addWidget(box)
    layout = box.layout()
    assert layout is not None and layout.count() == 2
    assert layout.stretch(0) == 0 and layout.stretch(1) == 1
    assert layout.itemAt(1).widget() is body
