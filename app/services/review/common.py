"""What the review actions share: the subjects of a review and a remark's public view."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy.orm import Session

from app.domain.translation import N_
from app.models.meeting import Meeting
from app.models.review import ReviewRemark

REMARK_LIMIT = 5000


class Subject(StrEnum):
    AGENDA = "agenda"
    PROTOCOL = "protocol"


SUBJECT_LABELS = {Subject.AGENDA: N_("Agenda"), Subject.PROTOCOL: N_("Protocol")}


@dataclass(frozen=True)
class RemarkInfo:
    id: int
    meeting_id: int
    subject: Subject
    text: str
    author: str
    made_at: datetime
    answer: str
    answered_by: str
    answered_at: datetime | None
    version: int
    meeting_number: int
    meeting_day: date

    @property
    def answered(self) -> bool:
        return self.answered_at is not None


def remark_info(session: Session, row: ReviewRemark) -> RemarkInfo:
    meeting = session.get(Meeting, row.meeting_id)
    assert meeting is not None
    return RemarkInfo(
        id=row.id,
        meeting_id=row.meeting_id,
        subject=Subject(row.subject),
        text=row.text,
        author=row.author,
        made_at=row.made_at,
        answer=row.answer,
        answered_by=row.answered_by,
        answered_at=row.answered_at,
        version=row.version,
        meeting_number=meeting.number,
        meeting_day=meeting.meeting_date,
    )
