"""What a meeting's page shows: its agenda, deadlines, countdowns, warnings and history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.domain.council import pick
from app.domain.deadlines import days_left
from app.domain.meeting import (
    ACTIVE_STATES,
    Alert,
    MeetingAction,
    MeetingKind,
    MeetingState,
    allowed_actions,
    materials_deadline,
    protocol_draft_due,
)
from app.domain.regulation import Deadline, profile_from_dict
from app.models.composition import Council, Person
from app.models.database import Database
from app.models.meeting import AgendaApproval, AgendaItem, AgendaRevision, Meeting, Notification
from app.services.accounts.scope import check_meeting
from app.services.calendar_overrides import calendar_in
from app.services.council_minimum import council_alert
from app.services.meeting_facts import checked_today, council_names, meeting_deadlines
from app.services.meetings.approve_agenda import ApprovalInfo, approval_info
from app.services.meetings.common import (
    ItemInfo,
    MeetingInfo,
    agenda_info,
    as_utc,
    load_meeting,
    meeting_info,
    members_on,
)
from app.services.meetings.notify_members import NotificationInfo, notification_info
from app.services.people import PersonInfo, person_info


@dataclass(frozen=True)
class RevisionInfo:
    """A change made to the agenda after it had been approved."""

    id: int
    meeting_id: int
    approval_id: int
    changed_at: datetime
    changed_by: str
    action: str
    item_id: int | None
    revoked_approval: bool
    details: dict[str, Any]


def _revision_info(row: AgendaRevision) -> RevisionInfo:
    moment = as_utc(row.changed_at)
    assert moment is not None
    return RevisionInfo(
        row.id,
        row.meeting_id,
        row.approval_id,
        moment,
        row.changed_by,
        row.action,
        row.item_id,
        row.revoked_approval,
        dict(row.details),
    )


@dataclass(frozen=True)
class MeetingDetail:
    """Everything the meeting page shows.

    ``member_ids`` are the members on the meeting's date: a speaker who is not
    one is an invited person.  ``materials_deadline`` carries the paragraph it
    comes from (e.g. "004 §36").
    """

    meeting: MeetingInfo
    council_names: dict[str, str]
    presiding: PersonInfo
    approver: PersonInfo | None
    agenda: tuple[ItemInfo, ...]
    member_ids: frozenset[int]
    days_left: int
    materials_deadline: Deadline | None
    materials_due: date | None
    materials_days_left: int | None
    protocol_draft_due: date | None
    alerts: tuple[Alert, ...]
    approvals: tuple[ApprovalInfo, ...]
    revisions: tuple[RevisionInfo, ...]
    notifications: tuple[NotificationInfo, ...]
    allowed_actions: frozenset[MeetingAction]

    def council_name(self, lang: str) -> str:
        return pick(self.council_names, lang)


def _load_agenda(session: Session, meeting: Meeting) -> list[Person]:
    """The agenda's items, speakers, materials and speaking persons in four queries.

    Loaded one by one they took two queries an item and one a speaker (25 ms for an
    agenda of ten items, each time a meeting is chosen in the list).  The persons are
    returned to be kept while the session reads them (its identity map holds them weakly).
    """
    items = (
        session.scalars(
            select(Meeting)
            .where(Meeting.id == meeting.id)
            .options(
                selectinload(Meeting.items).selectinload(AgendaItem.speakers),
                selectinload(Meeting.items).selectinload(AgendaItem.materials),
            )
        )
        .one()
        .items
    )
    people = {s.person_id for item in items for s in item.speakers if s.person_id is not None}
    if not people:
        return []
    return list(session.scalars(select(Person).where(Person.id.in_(people))))


def meeting_detail(db: Database, meeting_id: int, *, today: date | None = None) -> MeetingDetail:
    """A meeting with its agenda, deadlines, countdowns, warnings and history."""
    day = checked_today(today)
    with db.reading() as session:
        meeting = load_meeting(session, meeting_id)
        check_meeting(session, meeting)
        speaking = _load_agenda(session, meeting)
        council = session.get(Council, meeting.council_id)
        assert council is not None
        profile = profile_from_dict(council.profile)
        calendar = calendar_in(session)
        kind = MeetingKind(meeting.kind)
        deadlines = meeting_deadlines(meeting, profile, calendar, day)
        alerts = list(deadlines.alerts)
        alert_of_council = council_alert(session, council, meeting.year, day)
        if alert_of_council is not None and MeetingState(meeting.state) in ACTIVE_STATES:
            alerts.append(alert_of_council.alert)
        presiding = session.get(Person, meeting.presiding_person_id)
        assert presiding is not None
        approver = (
            session.get(Person, meeting.approver_person_id) if meeting.approver_person_id else None
        )
        members = members_on(session, meeting.council_id, meeting.meeting_date)
        approvals = session.scalars(
            select(AgendaApproval)
            .where(AgendaApproval.meeting_id == meeting.id)
            .order_by(AgendaApproval.id)
        )
        revisions = session.scalars(
            select(AgendaRevision)
            .where(AgendaRevision.meeting_id == meeting.id)
            .order_by(AgendaRevision.id)
        )
        detail = MeetingDetail(
            meeting=meeting_info(meeting),
            council_names=council_names(council),
            presiding=person_info(presiding),
            approver=person_info(approver) if approver is not None else None,
            agenda=agenda_info(session, meeting),
            member_ids=frozenset(m.person_id for m in members if m.person_id is not None),
            days_left=days_left(day, meeting.meeting_date),
            materials_deadline=materials_deadline(profile, kind),
            materials_due=deadlines.materials_due,
            materials_days_left=deadlines.materials_days_left,
            protocol_draft_due=protocol_draft_due(profile, kind, meeting.meeting_date, calendar),
            alerts=tuple(alerts),
            approvals=tuple(approval_info(a) for a in approvals),
            revisions=tuple(_revision_info(r) for r in revisions),
            notifications=_notifications(session, meeting.id),
            allowed_actions=allowed_actions(MeetingState(meeting.state)),
        )
        del speaking  # read by agenda_info above
        return detail


def _notifications(session: Session, meeting_id: int) -> tuple[NotificationInfo, ...]:
    rows = session.scalars(
        select(Notification)
        .where(Notification.meeting_id == meeting_id)
        .order_by(Notification.round, Notification.person_id, Notification.channel)
    )
    return tuple(notification_info(r) for r in rows)


def notifications_of(db: Database, meeting_id: int) -> tuple[NotificationInfo, ...]:
    """Who was notified of the meeting, when, with which file (round by round)."""
    with db.reading() as session:
        load_meeting(session, meeting_id)
        return _notifications(session, meeting_id)
