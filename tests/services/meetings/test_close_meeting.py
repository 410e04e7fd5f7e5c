"""Closing a held meeting; nothing else can be closed."""

from __future__ import annotations

import pytest

from app.domain.errors import DomainError, NotFoundError
from app.domain.meeting import MeetingState
from app.models.database import Database
from app.services.meetings.close_meeting import close_meeting
from tests.services.meeting_helpers import (
    ALL_STATES,
    ME,
    audit_actions,
    counts,
    make_world,
    meeting_in_state,
)


def test_a_held_meeting_is_closed(database: Database) -> None:
    world = make_world(database)
    meeting_id = meeting_in_state(database, world, MeetingState.HELD)
    closed = close_meeting(database, ME, meeting_id)
    assert closed.meeting.state is MeetingState.CLOSED
    assert closed.previous is MeetingState.HELD
    assert audit_actions(database)[-1] == "meeting.close"


@pytest.mark.parametrize("state", [s for s in ALL_STATES if s is not MeetingState.HELD])
def test_refused_unless_held(database: Database, state: MeetingState) -> None:
    world = make_world(database)
    meeting_id = meeting_in_state(database, world, state)
    before = counts(database)
    with pytest.raises(DomainError, match=r"No\. 1"):
        close_meeting(database, ME, meeting_id)
    assert counts(database) == before


def test_an_unknown_meeting(database: Database) -> None:
    with pytest.raises(NotFoundError, match="Meeting #42 does not exist"):
        close_meeting(database, ME, 42)
