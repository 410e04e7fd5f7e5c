"""Mark a meeting as held, on or after its date."""

from __future__ import annotations

from datetime import date

from app.domain.meeting import MeetingAction, MeetingState, check_not_in_future, guard
from app.domain.translation import N_
from app.models.database import Database
from app.services.base import Actor, check_date
from app.services.meetings.common import (
    StateChange,
    audit_meeting,
    load_meeting,
    meeting_info,
    meeting_snapshot,
    set_state,
    utc_now,
)


def mark_held(
    db: Database, actor: Actor, meeting_id: int, *, today: date | None = None
) -> StateChange:
    """Record that the meeting took place; refused before its date (``today`` default: today)."""
    day = check_date(today if today is not None else date.today(), N_("Date"))
    assert day is not None
    with db.transaction() as session:
        meeting = load_meeting(session, meeting_id)
        previous = MeetingState(meeting.state)
        target = guard(MeetingAction.MARK_HELD, previous, number=meeting.number)
        check_not_in_future(meeting.meeting_date, day, number=meeting.number)
        before = meeting_snapshot(meeting)
        set_state(meeting, target, actor, utc_now())
        audit_meeting(session, actor, "meeting.hold", meeting, before=before)
        return StateChange(meeting_info(meeting), previous)
