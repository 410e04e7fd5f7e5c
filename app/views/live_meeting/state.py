"""What the live meeting window and its panels share: the meeting as last read and what is current.

The window reads the meeting into the state (:meth:`LiveState.load`) and
chooses the current agenda item; the attendance and voting panels read it,
run their actions through it and say what happened with its signals, so
neither panel reaches into the other's widgets:

- ``stale``: the meeting must be read again (a structural change);
- ``saved``: something was saved; the pages that list meetings may refresh;
- ``voted``: a ballot was saved or undone, from the grid or the invited list.

Service actions go through the operation runner (:mod:`app.views.operations`):
it shows a refusal the one standard way and announces the change of the
meeting's conduct.  The undo steps (ballots and attendance) report their
refusals to :meth:`LiveState.refused`, which shows them the same way.

A roll call is thirty ballots in a row, each to be on screen within a frame, so
the undo steps are announced to the other pages once the secretary pauses
(:data:`LiveState.ANNOUNCE_AFTER_MS`), when an action announces the conduct
anyway, or when the window closes (:meth:`LiveState.flush`), not after each key.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from app.domain.errors import KenesError
from app.services.base import Actor
from app.services.conduct.queries import ItemLine, LiveMeeting
from app.services.handles import Database
from app.services.people import list_people
from app.views.composition_model import person_name
from app.views.live_meeting.voting_models import PointRow
from app.views.operations import CONDUCT, announce, refuse, run, succeeded

R = TypeVar("R")


class LiveState(QObject):
    """The meeting on screen, its current item and point, the undo stack and the open dialog."""

    stale = Signal()  # read the meeting again
    saved = Signal()  # something was saved
    voted = Signal(object)  # a ballot was saved or undone (a VoteChange): the grid follows

    # How long the undo steps must pause before the other pages hear of them.
    ANNOUNCE_AFTER_MS = 1500

    def __init__(
        self, db: Database, actor: Actor, meeting_id: int, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self.meeting_id = meeting_id
        self.live: LiveMeeting | None = None
        self.points: dict[int, PointRow] = {}
        self.names: dict[int, str] = {}
        self.item_row = 0
        self.point_id: int | None = None
        self.undo_stack = QUndoStack(self)
        self.dialog: Any = None  # the dialog open now, for the tests and the lead's docs
        self.refusals = 0  # how many undo steps were refused (a step that did not happen)
        self._batch = 0
        self._dirty = False
        self._unannounced: QObject | None = None  # who made the steps not yet announced
        self._announce = QTimer(self)
        self._announce.setSingleShot(True)
        self._announce.timeout.connect(self.flush)

    def load(self, live: LiveMeeting) -> None:
        """The meeting as just read: its members' names and its decision points by id."""
        self.live = live
        self._dirty = False
        self.names = {m.person.id: person_name(m.person) for m in live.members}
        self.points = {
            line.decision.id: PointRow.from_line(line)
            for item in live.items
            for line in item.points
        }

    # -- what is current -------------------------------------------------------------------------
    def current_item(self) -> ItemLine | None:
        if self.live is None or not (0 <= self.item_row < len(self.live.items)):
            return None
        return self.live.items[self.item_row]

    def current_point(self) -> PointRow | None:
        return self.points.get(self.point_id) if self.point_id is not None else None

    def item_points(self, item: ItemLine | None) -> list[PointRow]:
        """The decision points of ``item`` in their order, as the panels show them."""
        return [self.points[p.decision.id] for p in item.points] if item is not None else []

    def row_of_point(self, point_id: int) -> int | None:
        """The agenda row of the item a decision point belongs to."""
        for row, item in enumerate(self.live.items if self.live else ()):
            if any(p.decision.id == point_id for p in item.points):
                return row
        return None

    def person_label(self, person_id: int) -> str:
        """A person's name: members from the meeting, anyone else from the directory."""
        name = self.names.get(person_id)
        if name is None:
            found = next((p for p in list_people(self.db) if p.id == person_id), None)
            name = person_name(found) if found is not None else f"#{person_id}"
            self.names[person_id] = name
        return name

    # -- acting ----------------------------------------------------------------------------------
    def attempt(self, parent: QWidget, action: Callable[[], R]) -> R | None:
        """Run a service action: its result, or None after its refusal was shown."""
        result = run(parent, action, CONDUCT)
        if result is not None:
            self._announced()
        return result

    def save(self, parent: QWidget, action: Callable[[], object]) -> bool:
        """Run a structural action; on success read the meeting again and say it was saved."""
        if not succeeded(parent, action, CONDUCT):
            return False
        self._announced()
        self.stale.emit()
        self.saved.emit()
        return True

    def refused(self, parent: QWidget, error: KenesError) -> None:
        """An undo step (or a rule the view checks itself) was refused: show why."""
        self.refusals += 1
        refuse(parent, error)

    def push(self, command: QUndoCommand) -> bool:
        """Do an undo step now; whether it was done (a refused step is dropped by the stack)."""
        before = self.refusals
        self.undo_stack.push(command)
        return self.refusals == before

    def recorded(self, source: QObject) -> None:
        """An undo step was saved (or undone): announce it as the runner does, once steps pause."""
        self._unannounced = source
        self._announce.start(self.ANNOUNCE_AFTER_MS)
        self.saved.emit()

    def flush(self) -> None:
        """Announce the undo steps not announced yet (after a pause, or as the window closes)."""
        self._announce.stop()
        source, self._unannounced = self._unannounced, None
        if source is not None:
            announce(CONDUCT, source)

    def _announced(self) -> None:
        """The runner has just announced the conduct: the steps before are included."""
        self._announce.stop()
        self._unannounced = None

    def outdated(self) -> None:
        """The meeting must be read again: now, or once at the end of a batch."""
        if self._batch:
            self._dirty = True
        else:
            self.stale.emit()

    @contextmanager
    def batched(self) -> Iterator[None]:
        """Several attendance steps (a macro, its undo): read the meeting once at the end."""
        self._batch += 1
        try:
            yield
        finally:
            self._batch -= 1
            if self._batch == 0 and self._dirty:
                self.stale.emit()

    # -- dialogs ---------------------------------------------------------------------------------
    def open(self, dialog: QWidget) -> None:
        """Open a dialog without blocking (tests fill it and accept it)."""
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(self._dialog_gone)
        dialog.open()  # type: ignore[attr-defined]

    def _dialog_gone(self) -> None:
        self.dialog = None
