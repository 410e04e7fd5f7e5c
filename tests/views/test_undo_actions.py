"""The Undo and Redo actions of an editor: enabled only when a step of the editor's kind waits,
and their tool tips name that step."""

from __future__ import annotations

from PySide6.QtGui import QAction, QUndoCommand, QUndoStack
from pytestqt.qtbot import QtBot

from app.views.qt_i18n import apply_language
from app.views.undo_actions import describe, step_at


class Step(QUndoCommand):
    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name

    def label(self) -> str:
        return self.name


class Foreign(QUndoCommand):
    """A command of another kind on the same stack: never described."""


def actions(stack: QUndoStack) -> tuple[QAction, QAction]:
    undo, redo = QAction(), QAction()
    describe(stack, undo, redo, Step)
    return undo, redo


def test_an_empty_stack_offers_nothing(qtbot: QtBot) -> None:
    undo, redo = actions(QUndoStack())

    assert (undo.text(), redo.text()) == ("Undo", "Redo")
    assert not undo.isEnabled() and not redo.isEnabled()
    assert (undo.toolTip(), redo.toolTip()) == ("Nothing to undo", "Nothing to redo")


def test_the_tool_tips_name_the_next_step_each_way(qtbot: QtBot) -> None:
    stack = QUndoStack()
    stack.push(Step("Add item 1"))
    stack.push(Step("Move item 2"))
    stack.undo()

    undo, redo = actions(stack)

    assert undo.isEnabled() and redo.isEnabled()
    assert undo.toolTip() == "Undo: Add item 1 (Ctrl+Z)"
    assert redo.toolTip() == "Redo: Move item 2 (Ctrl+Shift+Z)"


def test_a_command_of_another_kind_is_not_offered(qtbot: QtBot) -> None:
    stack = QUndoStack()
    stack.push(Foreign())

    undo, _redo = actions(stack)

    assert step_at(stack, 0, Step) is None
    assert not undo.isEnabled()
    assert undo.toolTip() == "Nothing to undo"


def test_an_index_outside_the_stack_is_no_step(qtbot: QtBot) -> None:
    stack = QUndoStack()
    stack.push(Step("Edit"))

    assert step_at(stack, -1, Step) is None
    assert step_at(stack, 1, Step) is None
    found = step_at(stack, 0, Step)
    assert found is not None and found.label() == "Edit"


def test_the_texts_follow_the_interface_language(qtbot: QtBot) -> None:
    stack = QUndoStack()
    try:
        apply_language("ru")
        undo, redo = actions(stack)
        assert (undo.text(), undo.toolTip()) == ("Отменить", "Нечего отменять")
        assert redo.text() != "Redo"
    finally:
        apply_language("en")
