"""The chair returns an agenda or a protocol draft to the secretary with remarks."""

from __future__ import annotations

from app.domain.errors import DomainError
from app.domain.meeting import MeetingState
from app.domain.protocol import ProtocolState
from app.domain.translation import N_
from app.models.database import Database
from app.models.review import ReviewRemark
from app.services.base import Actor, audit, clean_text, expect
from app.services.meetings.common import load_meeting
from app.services.protocols.common import latest_protocol
from app.services.review.common import REMARK_LIMIT, RemarkInfo, Subject, remark_info

_AGENDA_UNDER_REVIEW = frozenset({MeetingState.PLANNED})
_PROTOCOL_UNDER_REVIEW = frozenset({ProtocolState.DRAFT, ProtocolState.AGREED})


def return_with_remarks(
    db: Database, actor: Actor, meeting_id: int, subject: str, text: str
) -> RemarkInfo:
    """Record the chair's remarks on the meeting's agenda (not yet approved) or protocol
    (not yet signed); the secretary sees them and answers."""
    try:
        about = Subject(expect(subject, str, N_("Subject")))
    except ValueError as exc:
        raise DomainError(N_("Remarks are made on an agenda or a protocol.")) from exc
    remark = clean_text(text, N_("Remarks"), limit=REMARK_LIMIT).strip()
    if not remark:
        raise DomainError(N_("Write the remarks before returning the text."))
    with db.transaction() as session:
        meeting = load_meeting(session, meeting_id)
        protocol_id = None
        if about is Subject.AGENDA:
            if MeetingState(meeting.state) not in _AGENDA_UNDER_REVIEW:
                raise DomainError(
                    N_("Only an agenda not yet approved can be returned with remarks.")
                )
        else:
            protocol = latest_protocol(session, meeting.id)
            if protocol is None or ProtocolState(protocol.state) not in _PROTOCOL_UNDER_REVIEW:
                raise DomainError(
                    N_("Only a protocol not yet signed can be returned with remarks.")
                )
            protocol_id = protocol.id
        row = ReviewRemark(
            meeting_id=meeting.id,
            subject=about.value,
            protocol_id=protocol_id,
            text=remark,
            author=actor.name,
            answer="",
            answered_by="",
        )
        session.add(row)
        audit(session, actor, "review.return", row, council_id=meeting.council_id)
        return remark_info(session, row)
