"""The one way a view runs a user's action: call the service, show a refusal, announce the change.

Anki's ``CollectionOp`` and its ``OpChanges`` are the pattern: a view hands an
action to :func:`run` (or to :func:`run_in_background` when it is long); a
refusal (a :class:`KenesError`) is shown by :func:`show_refusal` and nothing
else happens; a success announces which kinds of records changed
(:class:`Changes`) on the one :class:`ChangeHub`, so every open view that shows
them refreshes itself (:func:`follow`), and the view that acted refreshes the
way it wants (keeping its selection) from the result it gets back.

The hub is one object per process, like Anki's ``gui_hooks`` or qutebrowser's
``message.global_bridge``: the views that act and the views that show records
do not know each other, and there is one database per process.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Any, TypeVar

from PySide6.QtCore import QEvent, QObject, Signal, Slot
from PySide6.QtWidgets import QWidget

from app.domain.errors import ChangedMeanwhile, ConnectionLost, KenesError
from app.services.handles import commits_in_this_thread
from app.views.background import BackgroundTask
from app.views.messages import show_refusal

T = TypeVar("T")


class Record(StrEnum):
    """The kinds of records a view shows and an action changes."""

    COUNCILS = "councils"
    COMPOSITION = "composition"
    MEETINGS = "meetings"
    AGENDA = "agenda"
    CONDUCT = "conduct"  # attendance, invited persons, decision points, votes, dissents
    PROTOCOLS = "protocols"
    INSTRUCTIONS = "instructions"


@dataclass(frozen=True, init=False)
class Changes:
    """Which kinds of records an action changed (Anki's ``OpChanges``)."""

    records: frozenset[Record]

    def __init__(self, *records: Record) -> None:
        object.__setattr__(self, "records", frozenset(records))

    def __or__(self, other: Changes) -> Changes:
        return Changes(*(self.records | other.records))

    def __bool__(self) -> bool:
        return bool(self.records)

    def touches(self, records: frozenset[Record]) -> bool:
        return bool(self.records & records)


NOTHING = Changes()
COUNCILS = Changes(Record.COUNCILS)
COMPOSITION = Changes(Record.COMPOSITION)
MEETINGS = Changes(Record.MEETINGS)
AGENDA = Changes(Record.AGENDA)
CONDUCT = Changes(Record.CONDUCT)
PROTOCOLS = Changes(Record.PROTOCOLS)
EVERYTHING = Changes(*Record)


class ChangeHub(QObject):
    """Where changes are announced: ``changed(Changes, the widget that acted or None)``."""

    changed = Signal(object, object)


@cache
def hub() -> ChangeHub:
    """The process's hub (made on first use, once a QApplication exists)."""
    return ChangeHub()


def announce(changes: Changes, source: QObject | None = None) -> None:
    """Tell every following view that ``changes`` happened (``source`` made them)."""
    if changes:
        hub().changed.emit(changes, source)


def refuse(parent: QWidget | None, error: KenesError) -> None:
    """Show a refusal the one standard way (one not raised by an action given to :func:`run`)."""
    show_refusal(parent, error)


def attempt(action: Callable[[], T]) -> T:
    """Run ``action``; once more if the server connection dropped before anything was saved.

    A lost connection rolls the server's transaction back, and the pool connects again at
    the next statement, so the repeat is what the user would do by hand.  Not repeated:
    a loss while committing (it may have been saved) or after one of the action's own
    transactions committed (repeating would save that twice); those are explained.
    """
    before = commits_in_this_thread()
    try:
        return action()
    except ConnectionLost as lost:
        if not lost.repeatable or commits_in_this_thread() != before:
            raise
    return action()


def run(
    parent: QWidget | None,
    action: Callable[[], T],
    changes: Changes = NOTHING,
    *,
    on_conflict: Callable[[], T | None] | None = None,
) -> T | None:
    """Run ``action`` now: its result, or None after showing its refusal.

    A success announces ``changes`` with ``parent`` as their source.  Only a
    :class:`KenesError` is a refusal; any other exception is a bug and goes on
    to the exception hook.  Actions that return None are run with
    :func:`succeeded`.  A view that can show both versions of a record saved
    meanwhile by someone else passes ``on_conflict`` (app/views/conflict_dialog.py),
    which decides instead of the standard refusal.
    """
    try:
        result = attempt(action)
    except ChangedMeanwhile as exc:
        if on_conflict is None:
            show_refusal(parent, exc)
            return None
        resolved = on_conflict()
        if resolved is None:
            return None
        result = resolved
    except KenesError as exc:
        show_refusal(parent, exc)
        return None
    announce(changes, parent)
    return result


def succeeded(
    parent: QWidget | None, action: Callable[[], object], changes: Changes = NOTHING
) -> bool:
    """Run ``action`` as :func:`run` does; whether it succeeded (for actions returning None)."""
    done = False

    def call() -> bool:
        nonlocal done
        action()
        done = True
        return True

    run(parent, call, changes)
    return done


_running: set[BackgroundTask] = set()


def run_in_background(
    parent: QWidget,
    action: Callable[[], T],
    on_done: Callable[[T], None],
    changes: Changes = NOTHING,
    *,
    label: str = "",
    on_failed: Callable[[BaseException], None] | None = None,
) -> BackgroundTask:
    """Run a long ``action`` off the GUI thread (with a progress dialog when ``label`` is given).

    Back on the GUI thread: a success announces ``changes`` and hands the
    result to ``on_done``; a failure goes to ``on_failed`` first (the view puts
    itself right, behind the message), then a refusal is shown and a bug goes
    on to the exception hook.  The task is kept alive until it ends.
    """

    def done(result: Any) -> None:
        announce(changes, parent)
        on_done(result)

    def failed(exc: BaseException) -> None:
        if on_failed is not None:
            on_failed(exc)
        if not isinstance(exc, KenesError):
            raise exc
        show_refusal(parent, exc)

    task = BackgroundTask(lambda: attempt(action), done, failed, parent=parent, label=label)
    _running.add(task)
    task.finished.connect(lambda: _running.discard(task))
    task.start()
    return task


class _Follower(QObject):
    """Refreshes one view when records it shows change: at once if on screen, else when shown."""

    def __init__(
        self, view: QWidget, records: frozenset[Record], refresh: Callable[[Changes], None]
    ) -> None:
        super().__init__(view)  # owned by the view: it goes, and stops following, with it
        self._view = view
        self._records = records
        self._refresh = refresh
        self.pending = NOTHING
        view.installEventFilter(self)
        hub().changed.connect(self._changed)

    def _made_by_view(self, source: object) -> bool:
        """The view, or a widget or dialog of its own, acted: it refreshed itself already."""
        while isinstance(source, QObject):
            if source is self._view:
                return True
            source = source.parent()
        return False

    @Slot(object, object)
    def _changed(self, changes: Changes, source: object) -> None:
        if not changes.touches(self._records) or self._made_by_view(source):
            return
        if self._view.isVisible():
            self._refresh(changes)
        else:
            self.pending = self.pending | changes

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._view and event.type() == QEvent.Type.Show and self.pending:
            changes, self.pending = self.pending, NOTHING
            self._refresh(changes)
        return False


def follow(
    view: QWidget, records: frozenset[Record], refresh: Callable[[Changes], None]
) -> QObject:
    """Have ``view`` refresh itself (``refresh``) when another view changes ``records``."""
    return _Follower(view, records, refresh)
