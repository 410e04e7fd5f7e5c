"""The secretary answers a remark of the chair (what was changed, or why not)."""

from __future__ import annotations

from app.domain.errors import DomainError
from app.domain.translation import N_
from app.models.database import Database
from app.models.meeting import Meeting
from app.models.review import ReviewRemark
from app.services.base import Actor, audit, check_version, clean_text, get, snapshot
from app.services.meetings.common import utc_now
from app.services.review.common import REMARK_LIMIT, RemarkInfo, remark_info


def answer_remark(
    db: Database, actor: Actor, remark_id: int, answer: str, *, expected_version: int | None = None
) -> RemarkInfo:
    """Record the answer to a remark; an answered remark keeps its first answer."""
    text = clean_text(answer, N_("Answer"), limit=REMARK_LIMIT).strip()
    if not text:
        raise DomainError(N_("Write the answer first."))
    with db.transaction() as session:
        row = get(session, ReviewRemark, remark_id, N_("Remark"))
        check_version(row, expected_version)
        if row.answered_at is not None:
            raise DomainError(N_("This remark has already been answered."))
        meeting = session.get(Meeting, row.meeting_id)
        assert meeting is not None
        before = snapshot(row)
        row.answer, row.answered_by, row.answered_at = text, actor.name, utc_now()
        audit(session, actor, "review.answer", row, before=before, council_id=meeting.council_id)
        return remark_info(session, row)
