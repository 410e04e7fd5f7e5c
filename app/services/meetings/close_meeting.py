"""Close a held meeting: its record is complete."""

from __future__ import annotations

from app.domain.meeting import MeetingAction, MeetingState, guard
from app.models.database import Database
from app.services.base import Actor
from app.services.meetings.common import (
    StateChange,
    audit_meeting,
    load_meeting,
    meeting_info,
    meeting_snapshot,
    set_state,
    utc_now,
)


def close_meeting(db: Database, actor: Actor, meeting_id: int) -> StateChange:
    """Close a held meeting; nothing moves it any further."""
    with db.transaction() as session:
        meeting = load_meeting(session, meeting_id)
        previous = MeetingState(meeting.state)
        target = guard(MeetingAction.CLOSE, previous, number=meeting.number)
        before = meeting_snapshot(meeting)
        set_state(meeting, target, actor, utc_now())
        audit_meeting(session, actor, "meeting.close", meeting, before=before)
        return StateChange(meeting_info(meeting), previous)
