"""The chair approves the agenda: who and when are recorded; an empty agenda is refused."""

from __future__ import annotations

from datetime import datetime

import pytest

from app.domain.errors import DomainError
from app.domain.meeting import MeetingState
from app.models.database import Database
from app.services.agenda.add_item import add_item
from app.services.agenda.common import ItemData
from app.services.meetings.approve_agenda import approve_agenda
from tests.services.meeting_helpers import (
    ALL_STATES,
    AT,
    ME,
    audit_actions,
    counts,
    item,
    make_world,
    meeting_in_state,
    plan,
)


def test_the_chair_approves_the_agenda(database: Database) -> None:
    world = make_world(database)
    meeting_id = plan(database, world)
    item(database, meeting_id)
    approved = approve_agenda(database, ME, meeting_id, at=AT)
    assert approved.meeting.state is MeetingState.AGENDA_APPROVED
    assert approved.meeting.approved_at == AT
    assert approved.meeting.approved_by == "secretary"
    assert approved.meeting.approver_person_id == world.chair
    assert approved.approval.item_count == 1
    assert len(approved.approval.agenda_digest) == 64
    assert audit_actions(database)[-2:] == ["meeting.approve_agenda", "agenda_approval.create"]


def test_the_deputy_may_approve_but_not_an_ordinary_member(database: Database) -> None:
    world = make_world(database)
    meeting_id = plan(database, world)
    item(database, meeting_id)
    before = counts(database)
    with pytest.raises(DomainError, match="approved by the chair or by the person presiding"):
        approve_agenda(database, ME, meeting_id, approver_person_id=world.members[0], at=AT)
    assert counts(database) == before
    approved = approve_agenda(database, ME, meeting_id, approver_person_id=world.deputy, at=AT)
    assert approved.approval.approver_person_id == world.deputy


def test_an_empty_agenda_is_refused(database: Database) -> None:
    world = make_world(database)
    meeting_id = plan(database, world)
    before = counts(database)
    with pytest.raises(DomainError, match=r"agenda of meeting No\. 1 is empty"):
        approve_agenda(database, ME, meeting_id, at=AT)
    assert counts(database) == before


@pytest.mark.parametrize("state", [s for s in ALL_STATES if s is not MeetingState.PLANNED])
def test_refused_unless_planned(database: Database, state: MeetingState) -> None:
    world = make_world(database)
    meeting_id = meeting_in_state(database, world, state)
    before = counts(database)
    with pytest.raises(DomainError, match=r"No\. 1"):
        approve_agenda(database, ME, meeting_id, at=AT)
    assert counts(database) == before


def test_a_changed_agenda_is_approved_again(database: Database) -> None:
    world = make_world(database)
    meeting_id = meeting_in_state(database, world, MeetingState.AGENDA_APPROVED)
    change = add_item(database, ME, meeting_id, ItemData(title_en="Other matters"))
    assert change.approval_revoked and change.meeting.state is MeetingState.PLANNED
    assert change.meeting.approved_at is None and change.meeting.approver_person_id is None
    again = approve_agenda(database, ME, meeting_id, at=AT)
    assert again.approval.item_count == 2
    assert again.approval.id != change.revision_id


def test_the_moment_must_carry_a_time_zone(database: Database) -> None:
    world = make_world(database)
    meeting_id = plan(database, world)
    item(database, meeting_id)
    with pytest.raises(DomainError, match="time zone"):
        approve_agenda(database, ME, meeting_id, at=datetime(2026, 4, 1, 10, 0))
