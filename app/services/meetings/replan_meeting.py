"""Plan a postponed meeting again, for a new date."""

from __future__ import annotations

from app.domain.meeting import MeetingAction, MeetingState, guard
from app.models.database import Database
from app.services.base import Actor
from app.services.meetings.common import (
    MeetingData,
    StateChange,
    apply_meeting,
    audit_meeting,
    clean_meeting,
    load_meeting,
    meeting_info,
    meeting_snapshot,
    set_state,
    utc_now,
)


def replan_meeting(db: Database, actor: Actor, meeting_id: int, data: MeetingData) -> StateChange:
    """A postponed meeting is planned again with new details; its agenda needs approval again.

    ``data.number`` None keeps the number, or takes the next free one when
    the new date falls in another year.
    """
    with db.transaction() as session:
        meeting = load_meeting(session, meeting_id)
        previous = MeetingState(meeting.state)
        target = guard(MeetingAction.REPLAN, previous, number=meeting.number)
        clean = clean_meeting(session, meeting.council_id, data, meeting=meeting)
        before = meeting_snapshot(meeting)
        apply_meeting(meeting, clean)
        set_state(meeting, target, actor, utc_now())
        audit_meeting(session, actor, "meeting.replan", meeting, before=before)
        return StateChange(meeting_info(meeting), previous)
