"""The Undo and Redo actions of an editor's undo stack: their texts name the next step.

Shared by the agenda editor and the protocol editor (``agenda_undo.py``,
``protocol_undo.py``), whose steps each know their own label.
"""

from __future__ import annotations

from typing import Protocol, cast

from PySide6.QtGui import QAction, QUndoStack

from app.i18n import _


class LabelledStep(Protocol):
    def label(self) -> str: ...


def step_at(stack: QUndoStack, index: int, kind: type) -> LabelledStep | None:
    """The stack's command at ``index`` if it is one of ``kind``'s steps."""
    if not 0 <= index < stack.count():
        return None
    command = stack.command(index)
    return cast(LabelledStep, command) if isinstance(command, kind) else None


def describe(stack: QUndoStack, undo_action: QAction, redo_action: QAction, kind: type) -> None:
    """Texts, tooltips naming the step, and whether each action can be used now."""
    undo = step_at(stack, stack.index() - 1, kind)
    redo = step_at(stack, stack.index(), kind)
    undo_action.setText(_("Undo"))
    redo_action.setText(_("Redo"))
    undo_action.setToolTip(
        _("Undo: {step} (Ctrl+Z)").format(step=undo.label()) if undo else _("Nothing to undo")
    )
    redo_action.setToolTip(
        _("Redo: {step} (Ctrl+Shift+Z)").format(step=redo.label()) if redo else _("Nothing to redo")
    )
    undo_action.setEnabled(undo is not None)
    redo_action.setEnabled(redo is not None)
