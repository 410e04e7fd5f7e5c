"""Plan a meeting of a council (000 §12–13; 004 §25, §31–32)."""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.meeting import (
    INSTRUCTIONS_REPORT_TITLES,
    MeetingState,
    opens_with_instructions_report,
)
from app.domain.translation import N_
from app.models.composition import Council
from app.models.database import Database
from app.models.meeting import AgendaItem, Meeting
from app.services.base import Actor, audit, get
from app.services.meetings.common import (
    ItemInfo,
    MeetingData,
    MeetingInfo,
    agenda_info,
    apply_meeting,
    audit_meeting,
    clean_meeting,
    council_profile,
    meeting_info,
    utc_now,
)


@dataclass(frozen=True)
class MeetingPlanned:
    meeting: MeetingInfo
    agenda: tuple[ItemInfo, ...]


def plan_meeting(db: Database, actor: Actor, council_id: int, data: MeetingData) -> MeetingPlanned:
    """Plan a meeting: kind, number, date, time, place and who presides.

    The number defaults to the next free one of the council in that year.
    The chair presides by default (a deputy chair when the chair's seat is
    vacant); interim and thematic meetings may name anyone.  When the
    regulation profile asks for it (004 §26), the agenda starts with the
    report on the execution of the previous protocol's instructions.
    """
    with db.transaction() as session:
        council = get(session, Council, council_id, N_("Council"))
        clean = clean_meeting(session, council.id, data)
        now = utc_now()
        meeting = Meeting(
            council_id=council.id,
            state=MeetingState.PLANNED.value,
            state_changed_at=now,
            state_changed_by=actor.name,
        )
        apply_meeting(meeting, clean)
        session.add(meeting)
        profile = council_profile(session, council.id, clean.day)
        if opens_with_instructions_report(profile, clean.kind):
            meeting.items.append(
                AgendaItem(
                    position=0,
                    title_kk=INSTRUCTIONS_REPORT_TITLES["kk"],
                    title_ru=INSTRUCTIONS_REPORT_TITLES["ru"],
                    title_en=INSTRUCTIONS_REPORT_TITLES["en"],
                    is_instructions_report=True,
                )
            )
        session.flush()
        audit_meeting(session, actor, "meeting.plan", meeting)
        for item in meeting.items:
            audit(session, actor, "agenda_item.create", item, council_id=council.id)
        return MeetingPlanned(meeting_info(meeting), agenda_info(session, meeting))
