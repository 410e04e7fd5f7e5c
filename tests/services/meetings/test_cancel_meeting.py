"""Cancelling a meeting that has not been held, with a reason."""

from __future__ import annotations

import pytest

from app.domain.errors import DomainError
from app.domain.meeting import MeetingState
from app.models.database import Database
from app.services.meetings.cancel_meeting import cancel_meeting
from tests.services.meeting_helpers import (
    ALL_STATES,
    ME,
    audit_actions,
    counts,
    make_world,
    meeting_in_state,
)

CANCELLABLE = (
    MeetingState.PLANNED,
    MeetingState.AGENDA_APPROVED,
    MeetingState.NOTIFIED,
    MeetingState.POSTPONED,
)


@pytest.mark.parametrize("state", CANCELLABLE)
def test_a_meeting_not_held_is_cancelled(database: Database, state: MeetingState) -> None:
    world = make_world(database)
    meeting_id = meeting_in_state(database, world, state)
    cancelled = cancel_meeting(database, ME, meeting_id, "Settled by a decree.")
    assert cancelled.meeting.state is MeetingState.CANCELLED
    assert cancelled.previous is state
    assert cancelled.meeting.state_reason == "Settled by a decree."
    assert cancelled.meeting.number == 1  # the number stays taken
    assert audit_actions(database)[-1] == "meeting.cancel"


def test_a_reason_is_required(database: Database) -> None:
    world = make_world(database)
    meeting_id = meeting_in_state(database, world, MeetingState.PLANNED)
    before = counts(database)
    with pytest.raises(DomainError, match="Say why the meeting is cancelled"):
        cancel_meeting(database, ME, meeting_id, "")
    assert counts(database) == before


@pytest.mark.parametrize("state", [s for s in ALL_STATES if s not in CANCELLABLE])
def test_refused_once_held_closed_or_cancelled(database: Database, state: MeetingState) -> None:
    world = make_world(database)
    meeting_id = meeting_in_state(database, world, state)
    before = counts(database)
    with pytest.raises(DomainError, match=r"No\. 1"):
        cancel_meeting(database, ME, meeting_id, "Another reason.")
    assert counts(database) == before
