"""Correcting a meeting's details; after notification the members are notified again."""

from __future__ import annotations

from datetime import date, time

import pytest

from app.domain.errors import DomainError
from app.domain.meeting import MeetingState
from app.models.database import Database
from app.services.meetings.update_meeting import update_meeting
from tests.services.meeting_helpers import (
    ALL_STATES,
    ME,
    audit_actions,
    counts,
    make_world,
    meeting_data,
    meeting_in_state,
    plan,
)

EDITABLE = (MeetingState.PLANNED, MeetingState.AGENDA_APPROVED, MeetingState.NOTIFIED)


def test_a_planned_meeting_is_corrected(database: Database) -> None:
    world = make_world(database)
    meeting_id = plan(database, world)
    changed = update_meeting(
        database,
        ME,
        meeting_id,
        meeting_data(
            starts_at=time(15), ends_at=time(17), number=4, presiding_person_id=world.deputy
        ),
    )
    meeting = changed.meeting
    assert (meeting.starts_at, meeting.ends_at, meeting.number) == (time(15), time(17), 4)
    assert meeting.presiding_person_id == world.deputy
    assert meeting.state is MeetingState.PLANNED
    assert audit_actions(database)[-1] == "meeting.update"


def test_after_notification_a_new_place_means_notifying_again(database: Database) -> None:
    world = make_world(database)
    meeting_id = meeting_in_state(database, world, MeetingState.NOTIFIED)
    same = update_meeting(database, ME, meeting_id, meeting_data())
    assert same.meeting.state is MeetingState.NOTIFIED
    moved = update_meeting(database, ME, meeting_id, meeting_data(place_en="Akorda, hall 1"))
    assert moved.previous is MeetingState.NOTIFIED
    assert moved.meeting.state is MeetingState.AGENDA_APPROVED
    assert moved.meeting.approved_at is not None  # the agenda stays approved


def test_an_approved_agenda_stays_approved(database: Database) -> None:
    world = make_world(database)
    meeting_id = meeting_in_state(database, world, MeetingState.AGENDA_APPROVED)
    changed = update_meeting(database, ME, meeting_id, meeting_data(starts_at=time(11)))
    assert changed.meeting.state is MeetingState.AGENDA_APPROVED


def test_the_number_stays_unless_the_year_changes(database: Database) -> None:
    world = make_world(database)
    plan(database, world, day=date(2027, 3, 1))  # No. 1 of 2027
    meeting_id = plan(database, world, number=3)
    assert update_meeting(database, ME, meeting_id, meeting_data()).meeting.number == 3
    moved = update_meeting(database, ME, meeting_id, meeting_data(day=date(2027, 3, 3)))
    assert (moved.meeting.year, moved.meeting.number) == (2027, 2)


def test_bad_details_and_stale_versions_are_refused(database: Database) -> None:
    world = make_world(database)
    other = plan(database, world)
    meeting_id = plan(database, world)
    before = counts(database)
    with pytest.raises(DomainError, match="must end after it starts"):
        update_meeting(database, ME, meeting_id, meeting_data(ends_at=time(8)))
    with pytest.raises(DomainError, match=r"already has a meeting No\. 1"):
        update_meeting(database, ME, meeting_id, meeting_data(number=1))
    with pytest.raises(DomainError, match="changed by someone else"):
        update_meeting(database, ME, meeting_id, meeting_data(), expected_version=99)
    assert counts(database) == before
    assert other != meeting_id


@pytest.mark.parametrize("state", [s for s in ALL_STATES if s not in EDITABLE])
def test_refused_once_postponed_held_closed_or_cancelled(
    database: Database, state: MeetingState
) -> None:
    world = make_world(database)
    meeting_id = meeting_in_state(database, world, state)
    before = counts(database)
    with pytest.raises(DomainError, match=r"No\. 1"):
        update_meeting(database, ME, meeting_id, meeting_data(starts_at=time(9)))
    assert counts(database) == before
