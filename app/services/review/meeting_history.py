"""The review in a meeting's history: approval, returns with remarks, answers, agreement, signing.

Read from the audit trail (who and when, as recorded in each step's own transaction) and
from the remarks (``review_remarks``), for the meeting's view.  The steps on a protocol
draft are shown only to those who may read drafts (``accounts/scope``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from app.models.audit import AuditEvent
from app.models.database import Database
from app.models.meeting import AgendaApproval
from app.models.protocol import Protocol, ProtocolAgreement
from app.models.review import ReviewRemark
from app.services.accounts.scope import check_meeting, read_scope
from app.services.meetings.common import load_meeting
from app.services.review.common import Subject


class Step(StrEnum):
    AGENDA_APPROVED = "agenda_approved"
    APPROVAL_REVOKED = "approval_revoked"
    RETURNED = "returned"
    ANSWERED = "answered"
    AGREEMENT = "agreement"
    AGREED = "agreed"
    SIGNED = "signed"


_ACTIONS = {
    "agenda_approval.create": Step.AGENDA_APPROVED,
    "meeting.approval_revoked": Step.APPROVAL_REVOKED,
    "review.return": Step.RETURNED,
    "review.answer": Step.ANSWERED,
    "protocol.agreement": Step.AGREEMENT,
    "protocol.agreed": Step.AGREED,
    "protocol.sign": Step.SIGNED,
}


@dataclass(frozen=True)
class HistoryStep:
    """One step of the review, oldest first."""

    step: Step
    at: datetime
    by: str  # the account (or the OS user) that took the step
    subject: Subject  # the agenda or the protocol
    text: str = ""  # the remark, the answer, or the agreement's remarks
    agreed_by: str = ""  # an agreement round: who agreed
    day: date | None = None  # an agreement's or a signature's date


def _ids(session: Session, column: Any, where: Any) -> list[int]:
    return list(session.scalars(select(column).where(where)))


def _text(step: Step, after: dict[str, Any], remark: ReviewRemark | None) -> str:
    if step is Step.RETURNED:
        return str(after.get("text") or (remark.text if remark else ""))
    if step is Step.ANSWERED:
        return str(after.get("answer") or (remark.answer if remark else ""))
    if step is Step.AGREEMENT:
        return str(after.get("remarks") or "")
    return ""


def _day(step: Step, after: dict[str, Any]) -> date | None:
    value = after.get("agreed_on" if step is Step.AGREEMENT else "signed_on")
    if step in (Step.AGREEMENT, Step.SIGNED) and isinstance(value, str) and value:
        return date.fromisoformat(value[:10])
    return None


def meeting_history(db: Database, meeting_id: int) -> list[HistoryStep]:
    """The review steps of one meeting, oldest first (refused if the account may not read it)."""
    with db.reading() as session:
        meeting = load_meeting(session, meeting_id)
        check_meeting(session, meeting)
        scope = read_scope(session)
        protocols = {
            row.id: row
            for row in session.scalars(select(Protocol).where(Protocol.meeting_id == meeting.id))
            if scope.may_read_protocol(meeting.council_id, row.state)
        }
        remarks = {
            row.id: row
            for row in session.scalars(
                select(ReviewRemark).where(ReviewRemark.meeting_id == meeting.id)
            )
            if row.subject == Subject.AGENDA.value or row.protocol_id in protocols
        }
        approvals = _ids(session, AgendaApproval.id, AgendaApproval.meeting_id == meeting.id)
        agreements = _ids(
            session, ProtocolAgreement.id, ProtocolAgreement.protocol_id.in_(list(protocols))
        )
        events = session.scalars(
            select(AuditEvent)
            .where(
                AuditEvent.action.in_(list(_ACTIONS)),
                or_(
                    and_(
                        AuditEvent.entity == "agenda_approvals", AuditEvent.entity_id.in_(approvals)
                    ),
                    and_(AuditEvent.entity == "meetings", AuditEvent.entity_id == meeting.id),
                    and_(
                        AuditEvent.entity == "review_remarks",
                        AuditEvent.entity_id.in_(list(remarks)),
                    ),
                    and_(
                        AuditEvent.entity == "protocols", AuditEvent.entity_id.in_(list(protocols))
                    ),
                    and_(
                        AuditEvent.entity == "protocol_agreements",
                        AuditEvent.entity_id.in_(agreements),
                    ),
                ),
            )
            .order_by(AuditEvent.id)
        )
        return [_step(event, remarks) for event in events]


def _step(event: AuditEvent, remarks: dict[int, ReviewRemark]) -> HistoryStep:
    step = _ACTIONS[event.action]
    after = event.after or {}
    remark = remarks.get(event.entity_id or 0) if event.entity == "review_remarks" else None
    if remark is not None:
        subject = Subject(remark.subject)
    elif step in (Step.AGENDA_APPROVED, Step.APPROVAL_REVOKED):
        subject = Subject.AGENDA
    else:
        subject = Subject.PROTOCOL
    return HistoryStep(
        step=step,
        at=event.at,
        by=event.actor,
        subject=subject,
        text=_text(step, after, remark),
        agreed_by=str(after.get("agreed_by") or "") if step is Step.AGREEMENT else "",
        day=_day(step, after),
    )
