"""What awaits the chair: agendas to approve and protocol drafts to agree or sign.

With accounts, the councils where the signed-in account is the chair; without them,
every council (the secretary sees what the chair still has to do).  Each task has its
deadline from the council's regulation: the materials deadline for an agenda (the
members get the materials with the approved agenda), the draft protocol's deadline for
a protocol (the meeting's day for an agenda when the regulation sets no materials
deadline).  Overdue tasks come first, then by deadline.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.deadlines import WorkCalendar, has_passed
from app.domain.meeting import MeetingKind, MeetingState, materials_due, protocol_draft_due
from app.domain.permissions import Role
from app.domain.protocol import ProtocolState
from app.models.composition import Council
from app.models.database import Database
from app.models.meeting import Meeting
from app.models.review import ReviewRemark
from app.services.accounts.abilities import abilities
from app.services.base import Actor
from app.services.calendar_overrides import calendar_in
from app.services.meetings.common import LANGS, council_profile
from app.services.protocols.common import latest_protocol
from app.services.review.common import Subject

_AFTER_MEETING = (MeetingState.HELD, MeetingState.CLOSED)


@dataclass(frozen=True)
class ReviewTask:
    meeting_id: int
    council_id: int
    council_names: dict[str, str]
    number: int
    day: date
    subject: Subject
    protocol_state: ProtocolState | None
    due: date | None
    overdue: bool
    open_remarks: int


def awaiting_review(db: Database, actor: Actor, *, today: date | None = None) -> list[ReviewTask]:
    """The chair's tasks, overdue first, then by deadline."""
    now = today or date.today()
    able = abilities(db, actor)
    tasks: list[ReviewTask] = []
    with db.reading() as session:
        calendar = calendar_in(session)
        open_counts = dict(
            session.execute(
                select(ReviewRemark.meeting_id, func.count())
                .where(ReviewRemark.answered_at.is_(None))
                .group_by(ReviewRemark.meeting_id)
            ).all()
        )
        states = [MeetingState.PLANNED.value, *(s.value for s in _AFTER_MEETING)]
        for meeting in session.scalars(select(Meeting).where(Meeting.state.in_(states))):
            if able.accounts and Role.CHAIR not in able.held(meeting.council_id):
                continue
            task = _task(session, meeting, calendar, now, open_counts.get(meeting.id, 0))
            if task is not None:
                tasks.append(task)
    return sorted(tasks, key=lambda t: (not t.overdue, t.due or date.max, t.day))


def _task(
    session: Session, meeting: Meeting, calendar: WorkCalendar, now: date, remarks: int
) -> ReviewTask | None:
    profile = council_profile(session, meeting.council_id, meeting.meeting_date)
    kind = MeetingKind(meeting.kind)
    protocol_state = None
    due: date | None
    if MeetingState(meeting.state) is MeetingState.PLANNED:
        subject = Subject.AGENDA
        # Without a materials deadline in the regulation: before the meeting, at least.
        due = materials_due(profile, kind, meeting.meeting_date, calendar) or meeting.meeting_date
    else:
        protocol = latest_protocol(session, meeting.id)
        if protocol is None or ProtocolState(protocol.state) not in (
            ProtocolState.DRAFT,
            ProtocolState.AGREED,
        ):
            return None
        subject, protocol_state = Subject.PROTOCOL, ProtocolState(protocol.state)
        due = protocol_draft_due(profile, kind, meeting.meeting_date, calendar)
    council = session.get(Council, meeting.council_id)
    assert council is not None
    return ReviewTask(
        meeting_id=meeting.id,
        council_id=meeting.council_id,
        council_names={lang: getattr(council, f"name_{lang}") for lang in LANGS},
        number=meeting.number,
        day=meeting.meeting_date,
        subject=subject,
        protocol_state=protocol_state,
        due=due,
        overdue=due is not None and has_passed(due, now),
        open_remarks=remarks,
    )
