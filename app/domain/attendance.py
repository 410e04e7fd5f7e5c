"""Who was in the room for each agenda item.

Members arrive late and leave early, and a vote counts only those present at
its item, so presence is per item, not per meeting.  Items are identified by
their position in the agenda (0-based here; messages number them from 1, as
the protocol does).  A record only says who was where; whether that person has
a vote (a member, not an invited person or a substitute, 000 §14; 004 §22) is
decided by the caller against the composition on the meeting date.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import date

from app.domain.errors import DomainError
from app.domain.translation import N_

LISTED_TWICE = N_("Person {person_id} is listed twice in the attendance.")
ABSENT_WITH_MOVEMENT = N_(
    "Person {person_id} is marked absent, so they cannot arrive or leave during the meeting."
)
REASON_WHILE_PRESENT = N_(
    "An absence reason is given for person {person_id}, who was present for the whole meeting."
)
NEGATIVE_POSITION = N_("Item positions cannot be negative (person {person_id}).")
LEFT_BEFORE_ARRIVING = N_(
    "Person {person_id} left after item {left} but arrived only before item {arrived}."
)
ARRIVED_AFTER_AGENDA = N_(
    "Person {person_id} arrived before item {arrived}, but the agenda ends at item {last}."
)
LEFT_AFTER_AGENDA = N_(
    "Person {person_id} left after item {left}, but the agenda ends at item {last}."
)
NOT_A_MEMBER = N_(
    "{name} is not a member of the council on {day}; record them as an invited "
    "person. Members take part without the right of substitution."
)


def not_a_member(
    person_id: int, members: Collection[int], day: date, name_of: Callable[[int], str]
) -> DomainError | None:
    """Only a member on the meeting day has an attendance record (000 §14); others are invited."""
    if person_id in members:
        return None
    return DomainError(NOT_A_MEMBER, name=name_of(person_id), day=day)


@dataclass(frozen=True)
class AttendanceRecord:
    """One person's attendance at one meeting, as the secretary marks it."""

    person_id: int
    present: bool
    absence_reason: str = ""  # free text; also explains a late arrival or early leave
    arrived_before_item: int | None = None  # first item attended; None = from the start
    left_after_item: int | None = None  # last item attended; None = stayed to the end

    def attends(self, item_index: int) -> bool:
        """Whether this person was present while item ``item_index`` was considered."""
        if not self.present:
            return False
        if self.arrived_before_item is not None and item_index < self.arrived_before_item:
            return False
        return self.left_after_item is None or item_index <= self.left_after_item


def validate_attendance(records: Iterable[AttendanceRecord], item_count: int | None = None) -> None:
    """Refuse records that contradict themselves, so per-item presence is never a guess.

    ``item_count`` (the number of agenda items), when given, also bounds the
    arrival and departure positions.
    """
    if item_count is not None and item_count < 0:
        raise ValueError("item_count cannot be negative")
    seen: set[int] = set()
    for r in records:
        if r.person_id in seen:
            raise DomainError(LISTED_TWICE, person_id=r.person_id)
        seen.add(r.person_id)
        arrived, left = r.arrived_before_item, r.left_after_item
        if not r.present:
            if arrived is not None or left is not None:
                raise DomainError(ABSENT_WITH_MOVEMENT, person_id=r.person_id)
            continue
        if (arrived is not None and arrived < 0) or (left is not None and left < 0):
            raise DomainError(NEGATIVE_POSITION, person_id=r.person_id)
        if arrived is not None and left is not None and left < arrived:
            raise DomainError(
                LEFT_BEFORE_ARRIVING, person_id=r.person_id, left=left + 1, arrived=arrived + 1
            )
        if item_count is not None:
            if arrived is not None and arrived >= item_count:
                raise DomainError(
                    ARRIVED_AFTER_AGENDA,
                    person_id=r.person_id,
                    arrived=arrived + 1,
                    last=item_count,
                )
            if left is not None and left >= item_count:
                raise DomainError(
                    LEFT_AFTER_AGENDA, person_id=r.person_id, left=left + 1, last=item_count
                )
        came_late = arrived is not None and arrived > 0
        left_early = left is not None and (item_count is None or left < item_count - 1)
        if r.absence_reason.strip() and not (came_late or left_early):
            raise DomainError(REASON_WHILE_PRESENT, person_id=r.person_id)


def present_at_item(records: Iterable[AttendanceRecord], item_index: int) -> frozenset[int]:
    """The people present at item ``item_index``; the records are validated first."""
    if item_index < 0:
        raise ValueError("item_index cannot be negative")
    rows = tuple(records)
    validate_attendance(rows)
    return frozenset(r.person_id for r in rows if r.attends(item_index))


def presence_by_item(
    records: Iterable[AttendanceRecord], item_count: int
) -> tuple[frozenset[int], ...]:
    """Presence for every item of an agenda at once (for the attendance grid and the protocol)."""
    rows = tuple(records)
    validate_attendance(rows, item_count)
    return tuple(frozenset(r.person_id for r in rows if r.attends(i)) for i in range(item_count))
