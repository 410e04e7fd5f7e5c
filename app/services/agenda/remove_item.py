"""Remove an item from a meeting's agenda, with its speakers and materials."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from app.models.database import Database
from app.models.meeting import AgendaItem, Meeting
from app.services.agenda.common import drop_unused_blobs, item_columns, load_item
from app.services.base import Actor, audit, snapshot
from app.services.meetings.common import (
    AgendaChange,
    begin_agenda_change,
    end_agenda_change,
    renumber,
)


def remove_item(db: Database, actor: Actor, item_id: int) -> AgendaChange:
    """Remove the item; the items after it move up."""
    with db.transaction() as session:
        item, meeting = load_item(session, item_id)
        begin_agenda_change(meeting)
        details = {
            "item": item.position + 1,
            "before": item_columns(item),
            "speakers": len(item.speakers),
            "materials": [m.file_name for m in item.materials],
        }
        return remove_in(session, actor, meeting, item, details)


def remove_in(
    session: Session, actor: Actor, meeting: Meeting, item: AgendaItem, details: dict[str, Any]
) -> AgendaChange:
    """Remove ``item`` inside a transaction (the removal and the undo of an addition)."""
    before = snapshot(item)
    item_id = item.id
    hashes = {m.sha256 for m in item.materials}
    meeting.items.remove(item)
    renumber(list(meeting.items))
    session.flush()
    drop_unused_blobs(session, hashes)
    audit(
        session,
        actor,
        "agenda_item.delete",
        entity="agenda_items",
        entity_id=item_id,
        before=before,
        after=None,
        council_id=meeting.council_id,
    )
    return end_agenda_change(
        session, actor, meeting, "agenda_item.delete", item_id=item_id, details=details
    )
