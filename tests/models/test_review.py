"""The chair's remarks as stored: unanswered at first, always tied to a meeting."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.models.database import Database
from app.models.review import ReviewRemark
from tests.services.meeting_helpers import make_world, plan


def test_a_remark_starts_unanswered_and_keeps_its_answer(database: Database) -> None:
    meeting_id = plan(database, make_world(database))
    with database.transaction() as session:
        remark = ReviewRemark(
            meeting_id=meeting_id,
            subject="agenda",
            text="Екінші мәселені алып тастаңыз.",
            author="abenov",
        )
        session.add(remark)
        session.flush()
        remark_id = remark.id
    with database.reading() as session:
        stored = session.get(ReviewRemark, remark_id)
        assert stored is not None
        assert (stored.answer, stored.answered_by, stored.answered_at) == ("", "", None)
        assert stored.made_at is not None and stored.protocol_id is None
    with database.transaction() as session:
        stored = session.get(ReviewRemark, remark_id)
        assert stored is not None
        stored.answer, stored.answered_by = "Алынып тасталды.", "seitov"
    with database.reading() as session:
        answered = session.get(ReviewRemark, remark_id)
        assert answered is not None
        assert (answered.answer, answered.version) == ("Алынып тасталды.", 2)


def test_a_remark_on_a_meeting_or_protocol_that_does_not_exist_is_refused(
    database: Database,
) -> None:
    meeting_id = plan(database, make_world(database))
    for wrong in ({"meeting_id": meeting_id + 1}, {"meeting_id": meeting_id, "protocol_id": 5}):
        with pytest.raises(IntegrityError), database.transaction() as session:
            session.add(ReviewRemark(subject="protocol", text="?", author="abenov", **wrong))
    with database.reading() as session:
        assert session.scalars(select(ReviewRemark)).all() == []
