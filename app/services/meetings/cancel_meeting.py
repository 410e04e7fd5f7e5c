"""Cancel a meeting that has not been held, saying why."""

from __future__ import annotations

from app.domain.meeting import MeetingAction, MeetingState, check_reason, guard
from app.domain.translation import N_
from app.models.database import Database
from app.services.base import Actor, clean_text
from app.services.meetings.common import (
    StateChange,
    audit_meeting,
    load_meeting,
    meeting_info,
    meeting_snapshot,
    set_state,
    utc_now,
)


def cancel_meeting(db: Database, actor: Actor, meeting_id: int, reason: str) -> StateChange:
    """Cancel the meeting; it stays in the list with its number and the reason."""
    text = clean_text(reason, N_("Reason"), limit=2000, multiline=True)
    check_reason(text, MeetingAction.CANCEL)
    with db.transaction() as session:
        meeting = load_meeting(session, meeting_id)
        previous = MeetingState(meeting.state)
        target = guard(MeetingAction.CANCEL, previous, number=meeting.number)
        before = meeting_snapshot(meeting)
        set_state(meeting, target, actor, utc_now(), text)
        audit_meeting(session, actor, "meeting.cancel", meeting, before=before)
        return StateChange(meeting_info(meeting), previous)
