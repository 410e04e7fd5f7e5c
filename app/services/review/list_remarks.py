"""The remarks made in review: of one meeting (its history), or all still unanswered."""

from __future__ import annotations

from sqlalchemy import select

from app.models.database import Database
from app.models.meeting import Meeting
from app.models.review import ReviewRemark
from app.services.accounts.scope import check_meeting, read_scope
from app.services.base import check_id
from app.services.meetings.common import load_meeting
from app.services.review.common import RemarkInfo, remark_info


def remarks_of(db: Database, meeting_id: int) -> list[RemarkInfo]:
    """Every remark on a meeting's agenda and protocol, oldest first."""
    key = check_id(meeting_id, "Meeting")
    with db.reading() as session:
        # A meeting that does not exist is refused, one the account may not read too.
        check_meeting(session, load_meeting(session, key))
        rows = session.scalars(
            select(ReviewRemark)
            .where(ReviewRemark.meeting_id == key)
            .order_by(ReviewRemark.made_at, ReviewRemark.id)
        )
        return [remark_info(session, row) for row in rows]


def unanswered_remarks(db: Database) -> list[RemarkInfo]:
    """Remarks the secretary has still to answer, oldest first."""
    with db.reading() as session:
        rows = session.scalars(
            select(ReviewRemark)
            .join(Meeting, Meeting.id == ReviewRemark.meeting_id)
            .where(ReviewRemark.answered_at.is_(None), read_scope(session).protocols())
            .order_by(ReviewRemark.made_at, ReviewRemark.id)
        )
        return [remark_info(session, row) for row in rows]
