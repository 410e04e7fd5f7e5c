"""Planning a postponed meeting again, for a new date."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.errors import DomainError
from app.domain.meeting import MeetingState
from app.models.database import Database
from app.services.meetings.approve_agenda import approve_agenda
from app.services.meetings.postpone_meeting import postpone_meeting
from app.services.meetings.replan_meeting import replan_meeting
from tests.services.meeting_helpers import (
    ALL_STATES,
    AT,
    ME,
    audit_actions,
    counts,
    make_world,
    meeting_data,
    meeting_in_state,
    plan,
)


def test_a_postponed_meeting_is_planned_again_and_needs_approval(database: Database) -> None:
    world = make_world(database)
    meeting_id = meeting_in_state(database, world, MeetingState.NOTIFIED)
    postpone_meeting(database, ME, meeting_id, "The chair is abroad.")
    replanned = replan_meeting(database, ME, meeting_id, meeting_data(day=date(2026, 5, 20)))
    assert replanned.previous is MeetingState.POSTPONED
    assert replanned.meeting.state is MeetingState.PLANNED
    assert replanned.meeting.day == date(2026, 5, 20)
    assert replanned.meeting.state_reason == ""
    assert replanned.meeting.number == 1
    assert audit_actions(database)[-1] == "meeting.replan"
    assert approve_agenda(database, ME, meeting_id, at=AT).approval.item_count == 1


def test_a_new_year_takes_the_next_free_number(database: Database) -> None:
    world = make_world(database)
    plan(database, world, day=date(2027, 1, 20))  # No. 1 of 2027
    meeting_id = meeting_in_state(database, world, MeetingState.POSTPONED)
    replanned = replan_meeting(database, ME, meeting_id, meeting_data(day=date(2027, 2, 10)))
    assert (replanned.meeting.year, replanned.meeting.number) == (2027, 2)


def test_the_new_details_are_checked(database: Database) -> None:
    world = make_world(database)
    meeting_id = meeting_in_state(database, world, MeetingState.POSTPONED)
    before = counts(database)
    with pytest.raises(DomainError, match="had no chair"):
        replan_meeting(database, ME, meeting_id, meeting_data(day=date(2024, 1, 10)))
    assert counts(database) == before


@pytest.mark.parametrize("state", [s for s in ALL_STATES if s is not MeetingState.POSTPONED])
def test_refused_unless_postponed(database: Database, state: MeetingState) -> None:
    world = make_world(database)
    meeting_id = meeting_in_state(database, world, state)
    before = counts(database)
    with pytest.raises(DomainError, match=r"No\. 1"):
        replan_meeting(database, ME, meeting_id, meeting_data(day=date(2026, 5, 20)))
    assert counts(database) == before
