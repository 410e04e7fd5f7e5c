"""Undoable steps of the live meeting grids: each redo and undo calls a service at once.

Every step is saved the moment it is made (STYLE.md 11): :meth:`redo` and
:meth:`undo` each run one service action in its own transaction, then hand
what changed to the window (``on_change``), which updates only what that
change touches.

A step the services refuse is never half-done: the command reports the
refusal (``on_error``; the window shows it) and marks itself obsolete, so
:class:`QUndoStack` drops it instead of believing it was done.  That happens
when the record moved on meanwhile, e.g. undoing a ballot after its voting
was closed ("reopen it first").

Only the grids are undoable (ballots and attendance).  Adding decision
points, instructions, dissents and invited persons, closing and reopening a
voting are actions on record in their own right: they are saved at once too,
but corrected by their own actions (edit, remove, reopen with a reason).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import time

from PySide6.QtGui import QUndoCommand

from app.domain.errors import KenesError
from app.domain.voting import Choice
from app.services.base import Actor
from app.services.conduct.attendance import (
    AttendanceInfo,
    record_arrival,
    record_attendance,
    record_departure,
)
from app.services.conduct.voting import VoteChange, cast_ballot
from app.services.handles import Database

ErrorHandler = Callable[[KenesError], None]


class ServiceCommand(QUndoCommand):
    """A step whose redo and undo are service actions; a refusal drops the step."""

    def __init__(self, text: str, on_error: ErrorHandler) -> None:
        super().__init__(text)
        self._on_error = on_error

    # Each command defines the service actions of its redo and undo.
    forward: Callable[[], None]
    backward: Callable[[], None]

    def redo(self) -> None:
        self._run(self.forward)

    def undo(self) -> None:
        self._run(self.backward)

    def _run(self, action: Callable[[], None]) -> None:
        try:
            action()
        except KenesError as exc:
            # Nothing was saved; the stack must not keep a step that did not happen.
            self.setObsolete(True)
            self._on_error(exc)


# -- ballots -------------------------------------------------------------------------------------


class BallotCommand(ServiceCommand):
    """A member's vote on a decision point; undo restores their previous vote (or none)."""

    def __init__(
        self,
        db: Database,
        actor: Actor,
        point_id: int,
        person_id: int,
        choice: Choice,
        previous: Choice | None,
        *,
        text: str,
        on_change: Callable[[VoteChange], None],
        on_error: ErrorHandler,
    ) -> None:
        super().__init__(text, on_error)
        self.db, self.actor = db, actor
        self.point_id, self.person_id = point_id, person_id
        self.choice, self.previous = choice, previous
        self._on_change = on_change

    def _cast(self, choice: Choice | None) -> None:
        change = cast_ballot(
            self.db, self.actor, self.point_id, self.person_id, choice or Choice.DID_NOT_VOTE
        )
        self._on_change(change)

    def forward(self) -> None:
        self._cast(self.choice)

    def backward(self) -> None:
        self._cast(self.previous)


# -- attendance ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Presence:
    """A member's attendance as the services record it (item positions are 0-based)."""

    present: bool
    reason: str = ""
    arrived: int | None = None  # first item attended; None: from the start
    left: int | None = None  # last item attended; None: to the end
    kind: str = ""  # the reason from the translated list (app/domain/absence.py)
    reasons: tuple[tuple[str, str], ...] = ()  # "other": (language, text) pairs
    arrived_at: time | None = None  # the clock time of a late arrival, where recorded
    left_at: time | None = None  # the clock time of an early departure, where recorded

    @classmethod
    def of(cls, info: AttendanceInfo | None) -> Presence:
        """The recorded state; "not marked" is restored as absent without a reason."""
        if info is None:
            return cls(False)
        if not info.present:
            reasons = tuple(sorted(info.absence_reasons.items()))
            return cls(False, info.absence_reason, kind=info.absence_kind, reasons=reasons)
        return cls(
            True,
            "",
            info.arrived_before_item or None,
            info.left_after_item,
            arrived_at=info.arrived_at,
            left_at=info.left_at,
        )


def apply_presence(
    db: Database,
    actor: Actor,
    meeting_id: int,
    person_id: int,
    current: Presence,
    target: Presence,
    item_ids: Sequence[int],
) -> AttendanceInfo:
    """Bring a member's attendance from ``current`` to ``target`` with the attendance actions.

    Arrival and departure are separate actions; when both change, they run in
    the order whose intermediate state is valid (never "left before arriving").
    """

    def item(index: int | None) -> int | None:
        return item_ids[index] if index is not None else None

    def arrive() -> AttendanceInfo:
        return record_arrival(
            db, actor, meeting_id, person_id, item(target.arrived), target.arrived_at
        )

    def leave() -> AttendanceInfo:
        return record_departure(db, actor, meeting_id, person_id, item(target.left), target.left_at)

    if not target.present:
        return record_attendance(
            db,
            actor,
            meeting_id,
            person_id,
            False,
            "" if target.kind else target.reason,
            absence_kind=target.kind,
            absence_reasons=dict(target.reasons),
        )
    if not current.present:
        info = arrive()  # marks present; an absent member has no departure to keep
        return leave() if target.left is not None else info
    steps = []
    arrival_changed = (current.arrived, current.arrived_at) != (target.arrived, target.arrived_at)
    departure_changed = (current.left, current.left_at) != (target.left, target.left_at)
    if arrival_changed or not departure_changed:
        steps.append(arrive)
    if departure_changed:
        steps.append(leave)
    arriving_after_old_departure = (
        target.arrived is not None and current.left is not None and current.left < target.arrived
    )
    if len(steps) == 2 and arriving_after_old_departure:
        steps.reverse()
    info = steps[0]()
    for step in steps[1:]:
        info = step()
    return info


class AttendanceCommand(ServiceCommand):
    """A change of one member's attendance; undo restores what was recorded before."""

    def __init__(
        self,
        db: Database,
        actor: Actor,
        meeting_id: int,
        person_id: int,
        before: Presence,
        after: Presence,
        item_ids: Sequence[int],
        *,
        text: str,
        on_change: Callable[[int], None],
        on_error: ErrorHandler,
    ) -> None:
        super().__init__(text, on_error)
        self.db, self.actor = db, actor
        self.meeting_id, self.person_id = meeting_id, person_id
        self.before, self.after = before, after
        self.item_ids = tuple(item_ids)
        self._on_change = on_change

    def _apply(self, current: Presence, target: Presence) -> None:
        apply_presence(
            self.db,
            self.actor,
            self.meeting_id,
            self.person_id,
            current,
            target,
            self.item_ids,
        )
        self._on_change(self.person_id)

    def forward(self) -> None:
        self._apply(self.before, self.after)

    def backward(self) -> None:
        self._apply(self.after, self.before)
