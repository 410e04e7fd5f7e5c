"""Undo and redo in the protocol editor: each saved change, undone by saving what was before.

The editor keeps typing in its text boxes until Save, as before; each change
Save writes (the details, or one item's text in one language) becomes a step
here.  Undo and redo write the text or the details back through the services
at once (:func:`restore_narrative`, :func:`update_protocol` with the version
the last step left), which refuse, changing nothing, once the protocol is
signed or the text was changed meanwhile; the refused step leaves the stack.

Typing not yet saved is undone by the text box itself (Ctrl+Z while it has
something to undo); after that, Ctrl+Z in the box reaches the saved steps.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QPlainTextEdit, QStyle, QWidget
from shiboken6 import isValid

from app.domain.errors import KenesError
from app.i18n import _
from app.services.base import Actor
from app.services.handles import Database
from app.services.protocols.actions import Narrative, ProtocolDetails, update_protocol
from app.services.protocols.common import ProtocolInfo
from app.services.protocols.restore_narrative import restore_narrative
from app.views.operations import PROTOCOLS, announce, refuse
from app.views.undo_actions import describe

Label = Callable[[], str]


def details_of(info: ProtocolInfo) -> ProtocolDetails:
    """The details of a protocol as the editor sends them."""
    return ProtocolDetails(info.number, dict(info.cities), info.main_language)


class ProtocolStep(QUndoCommand):
    """A saved change; the first redo is the save that was already made."""

    def __init__(self, owner: ProtocolUndo, label: Label) -> None:
        super().__init__(label())
        self.owner, self.label = owner, label
        self._saved = True

    def redo(self) -> None:
        if self._saved:
            self._saved = False
            return
        self.owner.apply(self, forward=True)

    def undo(self) -> None:
        self.owner.apply(self, forward=False)


class TextStep(ProtocolStep):
    """One item's text in one language, from ``before`` to ``after``."""

    def __init__(
        self,
        owner: ProtocolUndo,
        label: Label,
        key: tuple[int, str],
        before: Narrative,
        after: Narrative,
    ) -> None:
        super().__init__(owner, label)
        self.key, self.before, self.after = key, before, after


class DetailsStep(ProtocolStep):
    """The number, city and main language, from ``before`` to ``after``."""

    def __init__(
        self, owner: ProtocolUndo, before: ProtocolDetails, after: ProtocolDetails
    ) -> None:
        super().__init__(owner, lambda: _("Protocol details"))
        self.before, self.after = before, after


class ProtocolUndo(QObject):
    """The protocol editor's undo stack, with its Undo and Redo actions."""

    def __init__(
        self,
        db: Database,
        actor: Actor,
        parent: QWidget,
        info: Callable[[], ProtocolInfo],
        on_text: Callable[[tuple[int, str], Narrative], None],
        on_details: Callable[[ProtocolInfo], None],
    ) -> None:
        super().__init__(parent)
        self._db, self._actor, self._parent = db, actor, parent
        self._info, self._on_text, self._on_details = info, on_text, on_details
        self.stack = QUndoStack(self)
        icons = QStyle.StandardPixmap
        style = parent.style()
        self.undo_action = QAction(style.standardIcon(icons.SP_ArrowBack), "", parent)
        self.undo_action.setObjectName("protocolUndo")
        self.undo_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])
        self.redo_action = QAction(style.standardIcon(icons.SP_ArrowForward), "", parent)
        self.redo_action.setObjectName("protocolRedo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        for action in (self.undo_action, self.redo_action):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            parent.addAction(action)
        self.undo_action.triggered.connect(lambda _checked=False: self.stack.undo())
        self.redo_action.triggered.connect(lambda _checked=False: self.stack.redo())
        self.stack.indexChanged.connect(self._stack_changed)
        self.retranslate()

    def watch(self, editor: QPlainTextEdit) -> None:
        """Let Ctrl+Z in ``editor`` reach the saved steps once the box has nothing to undo."""
        editor.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(watched, QPlainTextEdit)
            and isinstance(event, QKeyEvent)
        ):
            document = watched.document()
            undo = event.matches(QKeySequence.StandardKey.Undo)
            redo = event.matches(QKeySequence.StandardKey.Redo) or _is_redo(event)
            if (undo and not document.isUndoAvailable()) or (
                redo and not document.isRedoAvailable()
            ):
                event.ignore()  # not the box's: the window's Undo / Redo shortcut takes it
                return True
        return super().eventFilter(watched, event)

    # -- steps ---------------------------------------------------------------------------------
    def text_saved(
        self, key: tuple[int, str], label: Label, before: Narrative, after: Narrative
    ) -> None:
        if before != after:
            self.stack.push(TextStep(self, label, key, before, after))

    def details_saved(self, before: ProtocolDetails, after: ProtocolDetails) -> None:
        if before != after:
            self.stack.push(DetailsStep(self, before, after))

    def apply(self, step: ProtocolStep, *, forward: bool) -> None:
        """Write a step back or again; a refusal is shown and drops the step."""
        info = self._info()
        try:
            if isinstance(step, TextStep):
                item_id, lang = step.key
                expected, target = (
                    (step.before, step.after) if forward else (step.after, step.before)
                )
                written = restore_narrative(
                    self._db, self._actor, info.id, item_id, lang, expected, target
                )
                if forward:
                    step.after = written
                else:
                    step.before = written
            elif isinstance(step, DetailsStep):
                target_details = step.after if forward else step.before
                info = update_protocol(
                    self._db, self._actor, info.id, target_details, expected_version=info.version
                )
        except KenesError as exc:
            step.setObsolete(True)  # nothing was saved: the stack must not keep it
            refuse(self._parent, exc)
            return
        announce(PROTOCOLS, self._parent)
        if isinstance(step, TextStep):
            self._on_text(step.key, written)
        else:
            self._on_details(info)

    def _stack_changed(self, _index: int) -> None:
        if isValid(self.stack) and isValid(self.undo_action):  # not while the editor closes
            self.retranslate()

    # -- language ------------------------------------------------------------------------------
    def retranslate(self) -> None:
        describe(self.stack, self.undo_action, self.redo_action, ProtocolStep)


def _is_redo(event: QKeyEvent) -> bool:
    """Ctrl+Shift+Z and Ctrl+Y, the redo keys on every platform."""
    combo = event.keyCombination()
    ctrl = Qt.KeyboardModifier.ControlModifier
    shift = Qt.KeyboardModifier.ShiftModifier
    mods = combo.keyboardModifiers()
    return (combo.key() == Qt.Key.Key_Z and mods == ctrl | shift) or (
        combo.key() == Qt.Key.Key_Y and mods == ctrl
    )
