"""Postponing a meeting that is still ahead, with a reason; its approval lapses."""

from __future__ import annotations

import pytest

from app.domain.errors import DomainError
from app.domain.meeting import ACTIVE_STATES, MeetingState
from app.models.database import Database
from app.services.meetings.postpone_meeting import postpone_meeting
from tests.services.meeting_helpers import (
    ALL_STATES,
    ME,
    audit_actions,
    counts,
    make_world,
    meeting_in_state,
)


@pytest.mark.parametrize("state", sorted(ACTIVE_STATES))
def test_a_meeting_ahead_is_postponed_with_its_reason(
    database: Database, state: MeetingState
) -> None:
    world = make_world(database)
    meeting_id = meeting_in_state(database, world, state)
    postponed = postpone_meeting(database, ME, meeting_id, "  The chair is abroad.  ")
    assert postponed.meeting.state is MeetingState.POSTPONED
    assert postponed.previous is state
    assert postponed.meeting.state_reason == "The chair is abroad."
    assert postponed.meeting.approved_at is None
    assert audit_actions(database)[-1] == "meeting.postpone"


def test_a_reason_is_required(database: Database) -> None:
    world = make_world(database)
    meeting_id = meeting_in_state(database, world, MeetingState.PLANNED)
    before = counts(database)
    with pytest.raises(DomainError, match="Say why the meeting is postponed"):
        postpone_meeting(database, ME, meeting_id, "   ")
    assert counts(database) == before


@pytest.mark.parametrize("state", [s for s in ALL_STATES if s not in ACTIVE_STATES])
def test_refused_once_held_postponed_or_cancelled(database: Database, state: MeetingState) -> None:
    world = make_world(database)
    meeting_id = meeting_in_state(database, world, state)
    before = counts(database)
    with pytest.raises(DomainError, match=r"No\. 1"):
        postpone_meeting(database, ME, meeting_id, "Another reason.")
    assert counts(database) == before
