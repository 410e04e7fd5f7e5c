"""The chair's review: tasks with deadlines, remarks returned and answered, refusals by role."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app.domain.errors import DomainError
from app.domain.meeting import MeetingState
from app.domain.permissions import PermissionRefused
from app.models.database import Database
from app.services.accounts.add_account import add_account
from app.services.base import Actor
from app.services.meetings.approve_agenda import approve_agenda
from app.services.protocols.actions import create_protocol
from app.services.review.answer_remark import answer_remark
from app.services.review.awaiting_review import awaiting_review
from app.services.review.common import Subject
from app.services.review.list_remarks import remarks_of, unanswered_remarks
from app.services.review.return_with_remarks import return_with_remarks
from tests.services.meeting_helpers import ME, make_world, meeting_in_state
from tests.services.protocol_helpers import held_meeting

PASSWORD = "correct horse battery"


def files(path: Path) -> dict[str, bytes]:
    return {
        p.name: p.read_bytes() for p in (path, path.with_name(path.name + "-wal")) if p.exists()
    }


def test_the_chair_returns_an_agenda_and_the_secretary_answers(database: Database) -> None:
    world = make_world(database)
    meeting = meeting_in_state(database, world, MeetingState.PLANNED)
    (task,) = awaiting_review(database, ME, today=date(2026, 1, 10))
    assert task.subject is Subject.AGENDA and task.meeting_id == meeting
    assert task.due is not None and not task.overdue and task.open_remarks == 0

    remark = return_with_remarks(
        database, Actor("chair"), meeting, "agenda", "Баяндамашыны көрсетіңіз."
    )
    assert [r.id for r in unanswered_remarks(database)] == [remark.id]
    assert awaiting_review(database, ME, today=date(2026, 1, 10))[0].open_remarks == 1
    answered = answer_remark(database, ME, remark.id, "Баяндамашы қосылды.")
    assert answered.answered and answered.answered_by == "secretary"
    with pytest.raises(DomainError, match="already been answered"):
        answer_remark(database, ME, remark.id, "Тағы да.")
    assert unanswered_remarks(database) == []
    assert [r.answer for r in remarks_of(database, meeting)] == ["Баяндамашы қосылды."]
    # Approving ends the task; an approved agenda is no longer returned.
    approve_agenda(database, ME, meeting)
    assert awaiting_review(database, ME, today=date(2026, 1, 10)) == []
    with pytest.raises(DomainError, match="not yet approved"):
        return_with_remarks(database, ME, meeting, "agenda", "Кеш.")


def test_a_past_deadline_comes_first(database: Database) -> None:
    world = make_world(database)
    meeting_in_state(database, world, MeetingState.PLANNED)
    (task,) = awaiting_review(database, ME, today=date(2026, 12, 1))
    assert task.overdue


def test_a_protocol_draft_awaits_agreement(database: Database) -> None:
    held = held_meeting(database)
    create_protocol(database, ME, held.board.meeting_id)
    tasks = awaiting_review(database, ME, today=date(2024, 3, 16))
    assert [(t.subject, t.meeting_id) for t in tasks] == [(Subject.PROTOCOL, held.board.meeting_id)]
    remark = return_with_remarks(
        database, ME, held.board.meeting_id, "protocol", "Екінші тармақты нақтылаңыз."
    )
    assert remark.subject is Subject.PROTOCOL


def test_refusals_change_nothing(database: Database, db_path: Path) -> None:
    world = make_world(database)
    meeting = meeting_in_state(database, world, MeetingState.PLANNED)
    add_account(database, ME, "admin", PASSWORD, role="administrator")
    add_account(
        database, Actor("admin"), "omarova", PASSWORD, role="member", council_id=world.council_id
    )
    add_account(
        database, Actor("admin"), "abenov", PASSWORD, role="chair", council_id=world.council_id
    )
    before = files(db_path)
    with pytest.raises(PermissionRefused):
        return_with_remarks(database, Actor("omarova"), meeting, "agenda", "Жоқ.")
    for bad in ("", "   "):
        with pytest.raises(DomainError, match="Write the remarks"):
            return_with_remarks(database, Actor("abenov"), meeting, "agenda", bad)
    with pytest.raises(DomainError, match="agenda or a protocol"):
        return_with_remarks(database, Actor("abenov"), meeting, "minutes", "Иә.")
    assert files(db_path) == before
    # The chair sees the tasks of the councils they chair; the member none.
    assert len(awaiting_review(database, Actor("abenov"), today=date(2026, 1, 10))) == 1
    assert awaiting_review(database, Actor("omarova"), today=date(2026, 1, 10)) == []
    remark = return_with_remarks(database, Actor("abenov"), meeting, "agenda", "Түзетіңіз.")
    with pytest.raises(PermissionRefused):
        answer_remark(database, Actor("abenov"), remark.id, "Мен хатшы емеспін.")
