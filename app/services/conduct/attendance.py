"""Actions on attendance: present or absent, arrivals and departures between items.

Changing who attends an item is refused while that item holds the person's
ballots or a closed vote: the record of a vote never drifts from the
attendance it was counted on.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.attendance import AttendanceRecord, presence_by_item, validate_attendance
from app.domain.errors import DomainError
from app.domain.translation import N_
from app.models.composition import Person
from app.models.conduct import Attendance, Ballot, DecisionPoint
from app.models.database import Database
from app.services.base import Actor, audit, check_flag, check_id, clean_text, snapshot
from app.services.conduct.common import MeetingFrame, attendance_records, frame, guard_conduct
from app.services.people import person_info


@dataclass(frozen=True)
class AttendanceInfo:
    meeting_id: int
    person_id: int
    present: bool
    absence_reason: str
    arrived_before_item: int | None
    left_after_item: int | None


def attendance_info(row: Attendance) -> AttendanceInfo:
    return AttendanceInfo(
        row.meeting_id,
        row.person_id,
        row.present,
        row.absence_reason,
        row.arrived_before_item,
        row.left_after_item,
    )


def _name(session: Session, person_id: int) -> str:
    person = session.get(Person, person_id)
    return person_info(person).full_name() if person else f"#{person_id}"


def _member(session: Session, fr: MeetingFrame, person_id: object) -> int:
    pid = check_id(person_id, N_("Person"))
    if pid not in fr.member_ids():
        raise DomainError(
            N_(
                "{name} is not a member of the council on {day}; record them as an invited "
                "person. Members take part without the right of substitution."
            ),
            name=_name(session, pid),
            day=fr.day.isoformat(),
        )
    return pid


def _row(session: Session, meeting_id: int, person_id: int) -> Attendance | None:
    return session.scalar(
        select(Attendance).where(
            Attendance.meeting_id == meeting_id, Attendance.person_id == person_id
        )
    )


def _check_votes_unaffected(
    session: Session,
    fr: MeetingFrame,
    person_id: int,
    before: list[AttendanceRecord],
    after: list[AttendanceRecord],
) -> None:
    count = len(fr.items)
    old = presence_by_item(before, count) if count else ()
    new = presence_by_item(after, count) if count else ()
    for index, item in enumerate(fr.items):
        if (person_id in old[index]) == (person_id in new[index]):
            continue
        points = list(
            session.scalars(select(DecisionPoint).where(DecisionPoint.item_id == item.id))
        )
        if any(p.state == "closed" for p in points):
            raise DomainError(
                N_(
                    "Voting on item {item} is closed, so who attended it cannot change; reopen "
                    "the voting first."
                ),
                item=index + 1,
            )
        voted = session.scalar(
            select(Ballot.id).where(
                Ballot.decision_point_id.in_([p.id for p in points]), Ballot.person_id == person_id
            )
        )
        if voted is not None:
            raise DomainError(
                N_(
                    "{name} has votes recorded on item {item}; remove them before changing the "
                    "attendance."
                ),
                name=_name(session, person_id),
                item=index + 1,
            )


def _save(
    session: Session,
    actor: Actor,
    fr: MeetingFrame,
    person_id: int,
    present: bool,
    reason: str,
    arrived: int | None,
    left: int | None,
) -> AttendanceInfo:
    records = attendance_records(session, fr.meeting.id)
    changed = AttendanceRecord(person_id, present, reason, arrived, left)
    after = [r for r in records if r.person_id != person_id] + [changed]
    validate_attendance(after, len(fr.items))
    _check_votes_unaffected(session, fr, person_id, records, after)
    row = _row(session, fr.meeting.id, person_id)
    before = snapshot(row) if row is not None else None
    if row is None:
        row = Attendance(meeting_id=fr.meeting.id, person_id=person_id, present=present)
        session.add(row)
    row.present, row.absence_reason = present, reason
    row.arrived_before_item, row.left_after_item = arrived, left
    audit(session, actor, "attendance.record", row, before=before, council_id=fr.meeting.council_id)
    return attendance_info(row)


def record_attendance(
    db: Database,
    actor: Actor,
    meeting_id: int,
    person_id: int,
    present: bool,
    absence_reason: str = "",
) -> AttendanceInfo:
    """Mark a member present (for the whole meeting) or absent with a reason."""
    present = check_flag(present, N_("Present"))
    reason = clean_text(absence_reason, N_("Reason of absence"), limit=1000)
    with db.transaction() as session:
        fr = frame(session, meeting_id)
        guard_conduct(session, fr.meeting)
        pid = _member(session, fr, person_id)
        return _save(session, actor, fr, pid, present, "" if present else reason, None, None)


def _item_index(fr: MeetingFrame, item_id: object) -> int | None:
    if item_id is None:
        return None
    return fr.item_index(check_id(item_id, N_("Agenda item")))


def record_arrival(
    db: Database, actor: Actor, meeting_id: int, person_id: int, before_item_id: int | None
) -> AttendanceInfo:
    """A member arrived before an item (None: was there from the start)."""
    with db.transaction() as session:
        fr = frame(session, meeting_id)
        guard_conduct(session, fr.meeting)
        pid = _member(session, fr, person_id)
        row = _row(session, fr.meeting.id, pid)
        left = row.left_after_item if row is not None and row.present else None
        return _save(session, actor, fr, pid, True, "", _item_index(fr, before_item_id), left)


def record_departure(
    db: Database, actor: Actor, meeting_id: int, person_id: int, after_item_id: int | None
) -> AttendanceInfo:
    """A member left after an item (None: stayed to the end); later items do not count them."""
    with db.transaction() as session:
        fr = frame(session, meeting_id)
        guard_conduct(session, fr.meeting)
        pid = _member(session, fr, person_id)
        row = _row(session, fr.meeting.id, pid)
        if row is None or not row.present:
            raise DomainError(
                N_("{name} is not marked present, so they cannot leave."), name=_name(session, pid)
            )
        return _save(
            session,
            actor,
            fr,
            pid,
            True,
            "",
            row.arrived_before_item,
            _item_index(fr, after_item_id),
        )
