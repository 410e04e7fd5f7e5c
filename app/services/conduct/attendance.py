"""Actions on attendance: present or absent, arrivals and departures between items.

Changing who attends an item is refused while that item holds the person's
ballots or a closed vote: the record of a vote never drifts from the
attendance it was counted on.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import time

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.absence import (
    ABSENCE_IN_PROTOCOL,
    ABSENCE_KINDS,
    OTHER,
    check_kind,
    classify_reason,
)
from app.domain.attendance import (
    AttendanceRecord,
    not_a_member,
    presence_by_item,
    validate_attendance,
)
from app.domain.errors import DomainError, refuse
from app.domain.translation import N_
from app.formatting import format_time
from app.i18n import interface_language
from app.models.composition import Person
from app.models.conduct import Attendance, Ballot, DecisionPoint
from app.models.database import Database
from app.services.base import (
    Actor,
    audit,
    check_flag,
    check_id,
    clean_text,
    expect,
    snapshot,
)
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
    # The reason from the translated list (app/domain/absence.py), "" when none was given,
    # and for "other" its text in each language.
    absence_kind: str = ""
    absence_reasons: Mapping[str, str] = field(default_factory=dict)
    # The clock time of a late arrival or an early departure, where recorded.
    arrived_at: time | None = None
    left_at: time | None = None


def attendance_info(row: Attendance) -> AttendanceInfo:
    return AttendanceInfo(
        row.meeting_id,
        row.person_id,
        row.present,
        row.absence_reason,
        row.arrived_before_item,
        row.left_after_item,
        row.absence_kind or "",
        {
            lang: text
            for lang in ("kk", "ru", "en")
            if (text := getattr(row, f"absence_reason_{lang}") or "")
        },
        arrived_at=row.arrived_at,
        left_at=row.left_at,
    )


def _name(session: Session, person_id: int) -> str:
    person = session.get(Person, person_id)
    return person_info(person).full_name() if person else f"#{person_id}"


def _member(session: Session, fr: MeetingFrame, person_id: object) -> int:
    pid = check_id(person_id, N_("Person"))
    refuse(not_a_member(pid, fr.member_ids(), fr.day, lambda p: _name(session, p)))
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
    *,
    arrived_at: time | None = None,
    left_at: time | None = None,
) -> AttendanceInfo:
    # A time belongs to a late arrival or an early departure only (none: from start, to end).
    arrived_at = arrived_at if present and arrived else None
    left_at = left_at if present and left is not None and left < len(fr.items) - 1 else None
    if arrived_at is not None and left_at is not None and left_at < arrived_at:
        raise DomainError(
            N_("{name} cannot leave at {left}, before arriving at {arrived}."),
            name=_name(session, person_id),
            left=format_time(left_at, interface_language()),
            arrived=format_time(arrived_at, interface_language()),
        )
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
    if present or not reason:
        row.absence_kind = ""
        row.absence_reason_kk = row.absence_reason_ru = row.absence_reason_en = ""
    row.arrived_before_item, row.left_after_item = arrived, left
    row.arrived_at, row.left_at = arrived_at, left_at
    audit(session, actor, "attendance.record", row, before=before, council_id=fr.meeting.council_id)
    return attendance_info(row)


def record_attendance(
    db: Database,
    actor: Actor,
    meeting_id: int,
    person_id: int,
    present: bool,
    absence_reason: str = "",
    *,
    absence_kind: str = "",
    absence_reasons: Mapping[str, str] | None = None,
) -> AttendanceInfo:
    """Mark a member present (for the whole meeting) or absent with a reason.

    The reason is ``absence_kind``, one of the translated list
    (:data:`app.domain.absence.ABSENCE_KINDS`), with ``absence_reasons`` (a
    text per language) for "other".  A single ``absence_reason`` text alone
    (older callers) is read as a listed reason when it names one, else as
    "other" in the language its letters show.
    """
    present = check_flag(present, N_("Present"))
    reason = clean_text(absence_reason, N_("Reason of absence"), limit=1000)
    kind, texts = _absence(absence_kind, absence_reasons, reason)
    if kind and not reason:  # the one-text column, for the rules and older readers
        own = next((texts[lang] for lang in ("ru", "kk", "en") if texts.get(lang)), "")
        reason = ABSENCE_IN_PROTOCOL.get(kind) or own or ABSENCE_KINDS[kind]
    with db.transaction() as session:
        fr = frame(session, meeting_id)
        guard_conduct(session, fr.meeting)
        pid = _member(session, fr, person_id)
        info = _save(session, actor, fr, pid, present, "" if present else reason, None, None)
        row = _row(session, fr.meeting.id, pid)
        if present or row is None:
            return info
        row.absence_kind = kind
        for lang in ("kk", "ru", "en"):
            setattr(row, f"absence_reason_{lang}", texts.get(lang, "") if kind == OTHER else "")
        return attendance_info(row)


def _absence(
    kind: object, reasons: Mapping[str, str] | None, text: str
) -> tuple[str, dict[str, str]]:
    """The checked kind of an absence and its texts per language ("other" only)."""
    if kind not in ("", None) and check_kind(kind) == "":
        raise DomainError(
            N_("“{value}” is not a reason of absence Kenes knows."), value=str(kind)[:40]
        )
    given = reasons or {}
    if not isinstance(given, Mapping):  # a view or an import sent something else
        expect(given, dict, N_("Reason of absence"))
    texts = {
        lang: clean_text(given.get(lang, ""), N_("Reason of absence"), limit=1000)
        for lang in ("kk", "ru", "en")
    }
    texts = {lang: value for lang, value in texts.items() if value}
    chosen = check_kind(kind)
    if not chosen and texts:
        chosen = OTHER
    if not chosen and text:
        return classify_reason(text)
    assert chosen == "" or chosen in ABSENCE_KINDS
    return chosen, texts


def _item_index(fr: MeetingFrame, item_id: object) -> int | None:
    if item_id is None:
        return None
    return fr.item_index(check_id(item_id, N_("Agenda item")))


def _clock(at: object) -> time | None:
    if at is None:
        return None
    if not isinstance(at, time):
        raise DomainError(N_("The time of arrival or departure is not a time of day."))
    return at.replace(second=0, microsecond=0, tzinfo=None)


def record_arrival(
    db: Database,
    actor: Actor,
    meeting_id: int,
    person_id: int,
    before_item_id: int | None,
    at: time | None = None,
) -> AttendanceInfo:
    """A member arrived before an item (None: was there from the start), at ``at`` if known."""
    clock = _clock(at)
    with db.transaction() as session:
        fr = frame(session, meeting_id)
        guard_conduct(session, fr.meeting)
        pid = _member(session, fr, person_id)
        row = _row(session, fr.meeting.id, pid)
        present = row is not None and row.present
        left = row.left_after_item if present and row is not None else None
        return _save(
            session,
            actor,
            fr,
            pid,
            True,
            "",
            _item_index(fr, before_item_id),
            left,
            arrived_at=clock,
            left_at=row.left_at if present and row is not None else None,
        )


def record_departure(
    db: Database,
    actor: Actor,
    meeting_id: int,
    person_id: int,
    after_item_id: int | None,
    at: time | None = None,
) -> AttendanceInfo:
    """A member left after an item (None: stayed to the end), at ``at`` if known; later items
    do not count them."""
    clock = _clock(at)
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
            arrived_at=row.arrived_at,
            left_at=clock,
        )
