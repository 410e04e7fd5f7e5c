"""Remove a speaker from an agenda item."""

from __future__ import annotations

from app.domain.translation import N_
from app.models.database import Database
from app.models.meeting import ItemSpeaker
from app.services.base import Actor, audit, get, snapshot
from app.services.meetings.common import (
    AgendaChange,
    begin_agenda_change,
    end_agenda_change,
    speaker_info,
)


def remove_speaker(db: Database, actor: Actor, speaker_id: int) -> AgendaChange:
    """Remove the speaker; the others keep their order."""
    with db.transaction() as session:
        speaker = get(session, ItemSpeaker, speaker_id, N_("Speaker"))
        item = speaker.item
        meeting = item.meeting
        begin_agenda_change(meeting)
        before = snapshot(speaker)
        label = speaker_info(session, speaker).display_name("kk")
        item.speakers.remove(speaker)
        for position, other in enumerate(item.speakers):
            other.position = position
        session.flush()
        audit(
            session,
            actor,
            "item_speaker.delete",
            entity="item_speakers",
            entity_id=speaker_id,
            before=before,
            after=None,
            council_id=meeting.council_id,
        )
        return end_agenda_change(
            session,
            actor,
            meeting,
            "item_speaker.delete",
            item_id=item.id,
            details={"item": item.position + 1, "speaker": label},
        )
