"""Add an item to a meeting's agenda."""

from __future__ import annotations

from app.domain.meeting import check_move
from app.models.database import Database
from app.models.meeting import AgendaItem
from app.services.agenda.common import ItemData, clean_item
from app.services.base import Actor, audit
from app.services.meetings.common import (
    AgendaChange,
    begin_agenda_change,
    end_agenda_change,
    load_meeting,
    renumber,
)


def add_item(
    db: Database, actor: Actor, meeting_id: int, data: ItemData, *, index: int | None = None
) -> AgendaChange:
    """Add an item at the end of the agenda, or at place ``index`` (0-based)."""
    values = clean_item(data)
    with db.transaction() as session:
        meeting = load_meeting(session, meeting_id)
        begin_agenda_change(meeting)
        items = list(meeting.items)
        at = len(items) if index is None else check_move(index, len(items) + 1)
        item = AgendaItem(position=at, **values)
        items.insert(at, item)
        meeting.items.append(item)
        renumber(items)
        audit(session, actor, "agenda_item.create", item, council_id=meeting.council_id)
        return end_agenda_change(
            session,
            actor,
            meeting,
            "agenda_item.create",
            item_id=item.id,
            details={"item": at + 1, "after": values},
        )
