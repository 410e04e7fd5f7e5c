"""Marking a meeting as held: only after notification, never before its date."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.domain.errors import DomainError
from app.domain.meeting import MeetingState
from app.models.database import Database
from app.services.meetings.mark_held import mark_held
from tests.services.meeting_helpers import (
    ALL_STATES,
    DAY,
    ME,
    audit_actions,
    counts,
    make_world,
    meeting_in_state,
)


def test_a_notified_meeting_is_held_on_its_day(database: Database) -> None:
    world = make_world(database)
    meeting_id = meeting_in_state(database, world, MeetingState.NOTIFIED)
    held = mark_held(database, ME, meeting_id, today=DAY)
    assert held.meeting.state is MeetingState.HELD
    assert held.previous is MeetingState.NOTIFIED
    assert audit_actions(database)[-1] == "meeting.hold"


def test_not_before_its_date(database: Database) -> None:
    world = make_world(database)
    meeting_id = meeting_in_state(database, world, MeetingState.NOTIFIED)
    before = counts(database)
    with pytest.raises(DomainError, match="dated 15/04/2026, which is still ahead"):
        mark_held(database, ME, meeting_id, today=DAY - timedelta(days=1))
    assert counts(database) == before


@pytest.mark.parametrize("state", [s for s in ALL_STATES if s is not MeetingState.NOTIFIED])
def test_refused_in_every_other_state(database: Database, state: MeetingState) -> None:
    world = make_world(database)
    meeting_id = meeting_in_state(database, world, state)
    before = counts(database)
    with pytest.raises(DomainError, match=r"No\. 1"):
        mark_held(database, ME, meeting_id, today=DAY + timedelta(days=30))
    assert counts(database) == before
