"""Undo and redo in the agenda editor: every step saved at once, undone by its inverse.

The live meeting's grids are the model (:mod:`app.views.live_meeting.commands`,
STYLE.md 11): the editor saves each step through its service as before, then
hands it here (:meth:`AgendaUndo.done`) with the step that redoes it and the
step that undoes it.  Undo and redo run :func:`apply_undo_step` through the
operation runner's refusal and announcement; the service refuses, changing
nothing, when the agenda moved on since the last step (approved by the chair,
the meeting held, changed by anyone), and the refused step leaves the stack.

An item removed and put back is a new record with a new id; the steps keep
the id the item had when they were made and look up the one it has now.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QStyle, QWidget
from shiboken6 import isValid

from app.domain.errors import KenesError
from app.i18n import _
from app.services.agenda.undo_step import apply_undo_step
from app.services.agenda.undo_steps import (
    AgendaStamp,
    AgendaStep,
    ItemContent,
    PlaceItem,
    RestoreItem,
    RestoreTexts,
    WithdrawItem,
    item_data,
    stamp_of,
)
from app.services.base import Actor
from app.services.handles import Database
from app.services.meetings.common import AgendaChange, ItemInfo
from app.views.agenda_widgets import AGENDA_CHANGES
from app.views.operations import announce, refuse
from app.views.undo_actions import describe

Label = Callable[[], str]  # a step's name, in the interface language when asked


class StepCommand(QUndoCommand):
    """One saved step: its redo and undo are steps for :func:`apply_undo_step`."""

    def __init__(
        self, owner: AgendaUndo, label: Label, key: int, forward: AgendaStep, backward: AgendaStep
    ) -> None:
        super().__init__(label())
        self.owner, self.label, self.key = owner, label, key
        self.forward, self.backward = forward, backward
        self._saved = True  # pushed after the editor saved it: the first redo is done

    def redo(self) -> None:
        if self._saved:
            self._saved = False
            return
        self.owner.apply(self, self.forward)

    def undo(self) -> None:
        self.owner.apply(self, self.backward)


class AgendaUndo(QObject):
    """The undo stack of one meeting's agenda, with its Undo and Redo actions."""

    def __init__(
        self,
        db: Database,
        actor: Actor,
        parent: QWidget,
        on_change: Callable[[AgendaChange], None],
    ) -> None:
        super().__init__(parent)
        self._db, self._actor, self._parent = db, actor, parent
        self._on_change = on_change
        self.stack = QUndoStack(self)
        self.stamp: AgendaStamp | None = None  # the agenda as the last step left it
        self._current: dict[int, int] = {}  # id an item had when a step was made -> id now
        icons = QStyle.StandardPixmap
        style = parent.style()
        self.undo_action = QAction(style.standardIcon(icons.SP_ArrowBack), "", parent)
        self.undo_action.setObjectName("agendaUndo")
        self.undo_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])
        self.redo_action = QAction(style.standardIcon(icons.SP_ArrowForward), "", parent)
        self.redo_action.setObjectName("agendaRedo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        for action in (self.undo_action, self.redo_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            parent.addAction(action)
        self.undo_action.triggered.connect(lambda _checked=False: self.stack.undo())
        self.redo_action.triggered.connect(lambda _checked=False: self.stack.redo())
        self.stack.indexChanged.connect(self._stack_changed)
        self.retranslate()

    # -- ids -----------------------------------------------------------------------------------
    def key(self, item_id: int) -> int:
        """The id a step keeps for the item that has ``item_id`` now."""
        return next((k for k, v in self._current.items() if v == item_id), item_id)

    def current(self, key: int) -> int:
        return self._current.get(key, key)

    def _resolved(self, step: AgendaStep) -> AgendaStep:
        if isinstance(step, RestoreItem):
            return step
        return replace(step, item_id=self.current(step.item_id))

    # -- steps ---------------------------------------------------------------------------------
    def clear(self) -> None:
        """Another meeting is shown: its agenda starts a new history."""
        self.stack.clear()
        self.stamp = None
        self._current.clear()

    def added(self, change: AgendaChange) -> None:
        item = _item(change, change.item_id)
        if item is None:
            return
        forward = RestoreItem(item.meeting_id, item.number - 1, ItemContent(item_data(item)))
        self._push(change, lambda: _("Adding an item"), item.id, forward, WithdrawItem(item.id))

    def corrected(self, before: ItemInfo, change: AgendaChange) -> None:
        after = _item(change, before.id)
        if after is None or not change.changed:
            return
        key = self.key(before.id)
        forward = RestoreTexts(key, item_data(after))
        backward = RestoreTexts(key, item_data(before))
        self._push(change, lambda: _("Correcting an item"), key, forward, backward)

    def removed(self, before: ItemInfo, content: ItemContent, change: AgendaChange) -> None:
        key = self.key(before.id)
        forward = WithdrawItem(key)
        backward = RestoreItem(before.meeting_id, before.number - 1, content)
        self._push(change, lambda: _("Removing an item"), key, forward, backward)

    def moved(self, before: ItemInfo, change: AgendaChange) -> None:
        after = _item(change, before.id)
        if after is None or not change.changed:
            return
        key = self.key(before.id)
        forward = PlaceItem(key, after.number - 1)
        backward = PlaceItem(key, before.number - 1)
        self._push(change, lambda: _("Moving an item"), key, forward, backward)

    def _push(
        self,
        change: AgendaChange,
        label: Label,
        key: int,
        forward: AgendaStep,
        backward: AgendaStep,
    ) -> None:
        self.stamp = stamp_of(change)
        self.stack.push(StepCommand(self, label, key, forward, backward))

    def apply(self, command: StepCommand, step: AgendaStep) -> None:
        """Run a redo or an undo; a refusal is shown and drops the step."""
        stamp = self.stamp
        if stamp is None:
            command.setObsolete(True)
            return
        try:
            change = apply_undo_step(self._db, self._actor, self._resolved(step), stamp)
        except KenesError as exc:
            command.setObsolete(True)  # nothing was saved: the stack must not keep it
            refuse(self._parent, exc)
            return
        if isinstance(step, RestoreItem) and change.item_id is not None:
            self._current[command.key] = change.item_id
        self.stamp = stamp_of(change)
        announce(AGENDA_CHANGES, self._parent)
        self._on_change(change)

    def _stack_changed(self, _index: int) -> None:
        if isValid(self.stack) and isValid(self.undo_action):  # not while the editor closes
            self.retranslate()

    # -- language ------------------------------------------------------------------------------
    def retranslate(self) -> None:
        describe(self.stack, self.undo_action, self.redo_action, StepCommand)


def _item(change: AgendaChange, item_id: int | None) -> ItemInfo | None:
    return next((i for i in change.agenda if i.id == item_id), None)
