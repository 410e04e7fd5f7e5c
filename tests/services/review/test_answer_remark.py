"""answer_remark: the secretary's answer to a remark of the chair, recorded once."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.domain.errors import ChangedMeanwhile, DomainError, NotFoundError
from app.domain.meeting import MeetingState
from app.models.database import Database
from app.services.base import Actor
from app.services.review.answer_remark import answer_remark
from app.services.review.common import REMARK_LIMIT, RemarkInfo
from app.services.review.list_remarks import remarks_of
from app.services.review.return_with_remarks import return_with_remarks
from tests.services.meeting_helpers import ME, audit_actions, make_world, meeting_in_state

CHAIR = Actor("chair")


def files(path: Path) -> dict[str, bytes]:
    return {
        p.name: p.read_bytes() for p in (path, path.with_name(path.name + "-wal")) if p.exists()
    }


@pytest.fixture
def remark(database: Database) -> RemarkInfo:
    meeting = meeting_in_state(database, make_world(database), MeetingState.PLANNED)
    return return_with_remarks(database, CHAIR, meeting, "agenda", "Баяндамашыны көрсетіңіз.")


def test_the_answer_is_recorded_trimmed_with_who_and_when(
    database: Database, remark: RemarkInfo
) -> None:
    answered = answer_remark(database, ME, remark.id, "  Баяндамашы қосылды.\n")
    assert answered.answer == "Баяндамашы қосылды."
    assert answered.answered and answered.answered_by == "secretary"
    assert answered.answered_at is not None and answered.answered_at >= remark.made_at
    assert answered.text == remark.text and answered.author == "chair"
    assert audit_actions(database)[-1] == "review.answer"
    (stored,) = remarks_of(database, remark.meeting_id)
    assert (stored.id, stored.answer, stored.answered_by) == (
        remark.id,
        answered.answer,
        "secretary",
    )


def test_an_answered_remark_keeps_its_first_answer(
    database: Database, db_path: Path, remark: RemarkInfo
) -> None:
    answer_remark(database, ME, remark.id, "Бірінші жауап.")
    before = files(db_path)
    with pytest.raises(DomainError, match="already been answered"):
        answer_remark(database, ME, remark.id, "Екінші жауап.")
    assert files(db_path) == before
    assert [r.answer for r in remarks_of(database, remark.meeting_id)] == ["Бірінші жауап."]


@pytest.mark.parametrize("bad", ["", "   \n\t", "x" * (REMARK_LIMIT + 1)])
def test_an_empty_or_overlong_answer_is_refused_and_nothing_written(
    database: Database, db_path: Path, remark: RemarkInfo, bad: str
) -> None:
    before = files(db_path)
    with pytest.raises(DomainError):
        answer_remark(database, ME, remark.id, bad)
    assert files(db_path) == before
    assert not remarks_of(database, remark.meeting_id)[0].answered


def test_an_answer_to_a_remark_changed_meanwhile_is_refused(
    database: Database, db_path: Path, remark: RemarkInfo
) -> None:
    before = files(db_path)
    with pytest.raises(ChangedMeanwhile):
        answer_remark(database, ME, remark.id, "Жауап.", expected_version=remark.version + 1)
    assert files(db_path) == before
    answered = answer_remark(database, ME, remark.id, "Жауап.", expected_version=remark.version)
    assert answered.answered


@pytest.mark.parametrize("bad_id", [999, 0, -1, "1", True])
def test_an_unknown_remark_is_refused(
    database: Database, remark: RemarkInfo, bad_id: object
) -> None:
    with pytest.raises(DomainError) as caught:
        answer_remark(database, ME, bad_id, "Жауап.")  # type: ignore[arg-type]
    assert isinstance(caught.value, NotFoundError) == (bad_id == 999)
