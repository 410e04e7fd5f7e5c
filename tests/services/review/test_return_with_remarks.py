"""return_with_remarks: the chair returns an agenda or a protocol draft with remarks."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.domain.errors import DomainError, NotFoundError
from app.domain.meeting import MeetingState
from app.models.database import Database, open_database
from app.services.base import Actor
from app.services.protocols.actions import create_protocol
from app.services.review.common import REMARK_LIMIT, Subject
from app.services.review.list_remarks import remarks_of
from app.services.review.return_with_remarks import return_with_remarks
from tests.services.meeting_helpers import ME, audit_actions, make_world, meeting_in_state
from tests.services.seal_helpers import copy_of, make_signed

CHAIR = Actor("chair")


def files(path: Path) -> dict[str, bytes]:
    return {
        p.name: p.read_bytes() for p in (path, path.with_name(path.name + "-wal")) if p.exists()
    }


def test_remarks_on_an_agenda_under_review_are_recorded(database: Database) -> None:
    meeting = meeting_in_state(database, make_world(database), MeetingState.PLANNED)
    remark = return_with_remarks(database, CHAIR, meeting, "agenda", "  Мерзімін көрсетіңіз. \n")
    assert remark.subject is Subject.AGENDA and remark.meeting_id == meeting
    assert remark.text == "Мерзімін көрсетіңіз." and remark.author == "chair"
    assert not remark.answered and remark.answer == "" and remark.answered_by == ""
    assert remark.meeting_number == 1
    assert audit_actions(database)[-1] == "review.return"
    assert [r.id for r in remarks_of(database, meeting)] == [remark.id]


@pytest.mark.parametrize(
    "state", [MeetingState.AGENDA_APPROVED, MeetingState.NOTIFIED, MeetingState.CANCELLED]
)
def test_an_agenda_no_longer_under_review_is_refused(
    database: Database, db_path: Path, state: MeetingState
) -> None:
    meeting = meeting_in_state(database, make_world(database), state)
    before = files(db_path)
    with pytest.raises(DomainError, match="not yet approved"):
        return_with_remarks(database, CHAIR, meeting, "agenda", "Кеш.")
    assert files(db_path) == before


def test_a_protocol_is_returned_only_once_drafted(database: Database, db_path: Path) -> None:
    meeting = meeting_in_state(database, make_world(database), MeetingState.HELD)
    before = files(db_path)
    with pytest.raises(DomainError, match="not yet signed"):
        return_with_remarks(database, CHAIR, meeting, "protocol", "Хаттама қайда?")
    assert files(db_path) == before
    create_protocol(database, ME, meeting)
    remark = return_with_remarks(database, CHAIR, meeting, "protocol", "Шешімді нақтылаңыз.")
    assert remark.subject is Subject.PROTOCOL


def test_a_signed_protocol_is_not_returned(tmp_path: Path) -> None:
    path = copy_of(make_signed(tmp_path / "made"), tmp_path / "kenes.sqlite3")
    db = open_database(path)
    try:
        before = files(path)
        with pytest.raises(DomainError, match="not yet signed"):
            return_with_remarks(db, CHAIR, 1, "protocol", "Кеш.")
        assert files(path) == before
    finally:
        db.close()


@pytest.mark.parametrize(
    ("subject", "text", "message"),
    [
        ("minutes", "Иә.", "agenda or a protocol"),
        (None, "Иә.", "not valid"),
        ("agenda", "", "Write the remarks"),
        ("agenda", " \n ", "Write the remarks"),
        ("agenda", "x" * (REMARK_LIMIT + 1), "too long"),
        ("agenda", None, "Write the remarks"),
    ],
)
def test_bad_subject_or_text_is_refused_and_nothing_written(
    database: Database, db_path: Path, subject: object, text: object, message: str
) -> None:
    meeting = meeting_in_state(database, make_world(database), MeetingState.PLANNED)
    before = files(db_path)
    with pytest.raises(DomainError, match=message):
        return_with_remarks(database, CHAIR, meeting, subject, text)  # type: ignore[arg-type]
    assert files(db_path) == before
    assert remarks_of(database, meeting) == []


def test_an_unknown_meeting_is_refused(database: Database) -> None:
    with pytest.raises(NotFoundError):
        return_with_remarks(database, CHAIR, 404, "agenda", "Иә.")
