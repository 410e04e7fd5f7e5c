"""Change a planned meeting's number, kind, date, time, place or presiding person."""

from __future__ import annotations

from app.domain.meeting import MeetingAction, MeetingState, guard
from app.models.database import Database
from app.services.base import Actor, check_version
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

# The columns the notice shows: changing one after notification means notifying again.
_NOTICE_COLUMNS = (
    "kind",
    "number",
    "meeting_date",
    "starts_at",
    "ends_at",
    "place_kk",
    "place_ru",
    "place_en",
    "presiding_person_id",
)


def update_meeting(
    db: Database,
    actor: Actor,
    meeting_id: int,
    data: MeetingData,
    expected_version: int | None = None,
) -> StateChange:
    """Correct a meeting's details before it is held.

    A meeting whose members were already notified goes back to "agenda
    approved" when anything the notice shows changes, so the members are
    notified again.  A postponed meeting is planned again instead
    (:func:`~app.services.meetings.replan_meeting.replan_meeting`).
    ``data.number`` None keeps the number (a new one when the year changes).
    """
    with db.transaction() as session:
        meeting = load_meeting(session, meeting_id)
        check_version(meeting, expected_version)
        previous = MeetingState(meeting.state)
        target = guard(MeetingAction.EDIT_DETAILS, previous, number=meeting.number)
        clean = clean_meeting(session, meeting.council_id, data, meeting=meeting)
        before = meeting_snapshot(meeting)
        apply_meeting(meeting, clean)
        after = meeting_snapshot(meeting)
        notice_changed = any(before[column] != after[column] for column in _NOTICE_COLUMNS)
        if notice_changed and target is not previous:
            set_state(meeting, target, actor, utc_now())
        audit_meeting(session, actor, "meeting.update", meeting, before=before)
        return StateChange(meeting_info(meeting), previous)
