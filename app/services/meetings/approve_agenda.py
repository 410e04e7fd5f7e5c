"""The chair approves a meeting's agenda (000 §8.5; 004 §20.1)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.domain.meeting import (
    MeetingAction,
    MeetingState,
    check_agenda_not_empty,
    check_approver,
    default_approver,
    guard,
)
from app.domain.translation import N_
from app.models.database import Database
from app.models.meeting import AgendaApproval
from app.services.base import Actor, audit
from app.services.meetings.common import (
    MeetingInfo,
    agenda_digest,
    as_utc,
    audit_meeting,
    check_moment,
    check_person,
    load_meeting,
    meeting_info,
    meeting_snapshot,
    members_on,
    set_state,
)


@dataclass(frozen=True)
class ApprovalInfo:
    """Who approved which agenda when; ``approved_by`` is who recorded it in Kenes."""

    id: int
    meeting_id: int
    approved_at: datetime
    approved_by: str
    approver_person_id: int
    item_count: int
    agenda_digest: str


@dataclass(frozen=True)
class AgendaApproved:
    meeting: MeetingInfo
    approval: ApprovalInfo


def approval_info(approval: AgendaApproval) -> ApprovalInfo:
    moment = as_utc(approval.approved_at)
    assert moment is not None
    return ApprovalInfo(
        approval.id,
        approval.meeting_id,
        moment,
        approval.approved_by,
        approval.approver_person_id,
        approval.item_count,
        approval.agenda_digest,
    )


def approve_agenda(
    db: Database,
    actor: Actor,
    meeting_id: int,
    *,
    approver_person_id: int | None = None,
    at: datetime | None = None,
) -> AgendaApproved:
    """Record that the chair approved the agenda; the members can then be notified.

    ``approver_person_id`` is the chair who approved (default: the chair in
    office on the meeting's date, else the presiding person); ``at`` when
    (default: now).  An empty agenda is refused.
    """
    moment = check_moment(at)
    with db.transaction() as session:
        meeting = load_meeting(session, meeting_id)
        previous = MeetingState(meeting.state)
        target = guard(MeetingAction.APPROVE_AGENDA, previous, number=meeting.number)
        check_agenda_not_empty(len(meeting.items), number=meeting.number)
        members = members_on(session, meeting.council_id, meeting.meeting_date)
        if approver_person_id is None:
            approver = default_approver(members, meeting.presiding_person_id)
        else:
            approver = check_person(session, approver_person_id, N_("Approved by")).id
            check_approver(approver, members, meeting.presiding_person_id, day=meeting.meeting_date)
        before = meeting_snapshot(meeting)
        approval = AgendaApproval(
            meeting_id=meeting.id,
            approved_at=moment,
            approved_by=actor.name,
            approver_person_id=approver,
            item_count=len(meeting.items),
            agenda_digest=agenda_digest(meeting),
        )
        session.add(approval)
        set_state(meeting, target, actor, moment)
        meeting.approved_at = moment
        meeting.approved_by = actor.name
        meeting.approver_person_id = approver
        audit_meeting(session, actor, "meeting.approve_agenda", meeting, before=before)
        audit(session, actor, "agenda_approval.create", approval, council_id=meeting.council_id)
        return AgendaApproved(meeting_info(meeting), approval_info(approval))
