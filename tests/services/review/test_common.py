"""What the review actions share: the subjects, their labels, a remark's public view."""

from __future__ import annotations

from datetime import date

import pytest

from app import i18n
from app.domain.meeting import MeetingState
from app.models.database import Database
from app.models.review import ReviewRemark
from app.services.base import Actor
from app.services.review.answer_remark import answer_remark
from app.services.review.common import SUBJECT_LABELS, Subject, remark_info
from app.services.review.return_with_remarks import return_with_remarks
from tests.services.meeting_helpers import DAY, ME, make_world, meeting_in_state


def test_every_subject_has_a_label_translated_into_kazakh_and_russian() -> None:
    assert set(SUBJECT_LABELS) == set(Subject)
    for label in SUBJECT_LABELS.values():
        for lang in ("kk", "ru"):
            translated = i18n.translations(lang).gettext(label)
            assert translated and translated != label


@pytest.mark.parametrize("stored", ["agenda", "protocol"])
def test_the_stored_subject_reads_back_as_the_enum(stored: str) -> None:
    assert Subject(stored).value == stored
    with pytest.raises(ValueError):
        Subject("minutes")


def test_remark_info_carries_the_meeting_and_the_answer_state(database: Database) -> None:
    meeting = meeting_in_state(database, make_world(database), MeetingState.PLANNED)
    made = return_with_remarks(database, Actor("chair"), meeting, "agenda", "Түзетіңіз.")
    with database.reading() as session:
        row = session.get(ReviewRemark, made.id)
        assert row is not None
        info = remark_info(session, row)
    assert (info.meeting_id, info.meeting_number, info.meeting_day) == (meeting, 1, DAY)
    assert isinstance(info.meeting_day, date)
    assert info.subject is Subject.AGENDA and not info.answered
    assert info.version == made.version
    answered = answer_remark(database, ME, made.id, "Түзетілді.")
    assert answered.answered and answered.version > info.version
