"""awaiting_review: the chair's tasks, overdue first, then by deadline."""

from __future__ import annotations

from datetime import date, timedelta

from app.domain.meeting import MeetingState
from app.domain.protocol import ProtocolState
from app.models.database import Database
from app.services.base import Actor
from app.services.protocols.actions import create_protocol, mark_agreed
from app.services.review.answer_remark import answer_remark
from app.services.review.awaiting_review import awaiting_review
from app.services.review.common import Subject
from app.services.review.return_with_remarks import return_with_remarks
from tests.services.meeting_helpers import DAY, ME, make_world, meeting_in_state, plan

EARLY = date(2026, 1, 10)


def test_agendas_under_review_are_ordered_by_deadline(database: Database) -> None:
    world = make_world(database)
    later = plan(database, world, day=DAY + timedelta(weeks=8))
    sooner = plan(database, world)
    tasks = awaiting_review(database, ME, today=EARLY)
    assert [t.meeting_id for t in tasks] == [sooner, later]
    for task in tasks:
        assert task.subject is Subject.AGENDA and task.protocol_state is None
        assert task.due is not None and task.due <= task.day and not task.overdue
        assert task.council_id == world.council_id
        assert set(task.council_names) == {"kk", "ru", "en"}
        assert task.council_names["kk"].startswith("Жасанды интеллектіні")


def test_an_overdue_task_comes_before_one_due_earlier(database: Database) -> None:
    world = make_world(database)
    sooner = plan(database, world)
    later = plan(database, world, day=DAY + timedelta(weeks=8))
    (first,) = [t for t in awaiting_review(database, ME, today=EARLY) if t.meeting_id == sooner]
    assert first.due is not None
    # On the sooner meeting's deadline's morrow only the sooner one is overdue.
    tasks = awaiting_review(database, ME, today=first.due + timedelta(days=1))
    assert [(t.meeting_id, t.overdue) for t in tasks] == [(sooner, True), (later, False)]
    # Once both are overdue the sooner deadline still leads.
    tasks = awaiting_review(database, ME, today=DAY + timedelta(weeks=9))
    assert [(t.meeting_id, t.overdue) for t in tasks] == [(sooner, True), (later, True)]


def test_approved_cancelled_and_undrafted_meetings_await_nothing(database: Database) -> None:
    world = make_world(database)
    for state in (
        MeetingState.AGENDA_APPROVED,
        MeetingState.NOTIFIED,
        MeetingState.CANCELLED,
        MeetingState.HELD,  # held, but no protocol drafted yet
    ):
        meeting_in_state(database, world, state)
    assert awaiting_review(database, ME, today=EARLY) == []


def test_a_protocol_awaits_review_while_draft_or_agreed(database: Database) -> None:
    world = make_world(database)
    meeting = meeting_in_state(database, world, MeetingState.HELD)
    protocol = create_protocol(database, ME, meeting)
    (task,) = awaiting_review(database, ME, today=DAY)
    assert (task.subject, task.protocol_state) == (Subject.PROTOCOL, ProtocolState.DRAFT)
    assert task.due is None or task.due >= DAY
    mark_agreed(database, ME, protocol.id)
    (task,) = awaiting_review(database, ME, today=DAY)
    assert task.protocol_state is ProtocolState.AGREED


def test_open_remarks_count_only_the_unanswered(database: Database) -> None:
    world = make_world(database)
    meeting = meeting_in_state(database, world, MeetingState.PLANNED)
    other = plan(database, world)
    first = return_with_remarks(database, Actor("chair"), meeting, "agenda", "Бір.")
    return_with_remarks(database, Actor("chair"), meeting, "agenda", "Екі.")
    answer_remark(database, ME, first.id, "Жауап.")
    counts = {t.meeting_id: t.open_remarks for t in awaiting_review(database, ME, today=EARLY)}
    assert counts == {meeting: 1, other: 0}
