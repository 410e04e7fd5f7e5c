"""Move an agenda item to another place (drag and drop, or the keyboard)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from app.domain.meeting import check_move, moved
from app.models.database import Database
from app.models.meeting import AgendaItem, Meeting
from app.services.agenda.common import load_item
from app.services.base import Actor, audit
from app.services.meetings.common import (
    AgendaChange,
    begin_agenda_change,
    end_agenda_change,
    unchanged,
)


def move_item(db: Database, actor: Actor, item_id: int, index: int) -> AgendaChange:
    """Put the item at place ``index`` (0-based); the others keep their order."""
    with db.transaction() as session:
        item, meeting = load_item(session, item_id)
        begin_agenda_change(meeting)
        items = list(meeting.items)
        if items.index(item) == check_move(index, len(items)):
            return unchanged(session, meeting, item.id)
        return move_in(session, actor, meeting, item, index, {})


def move_in(
    session: Session,
    actor: Actor,
    meeting: Meeting,
    item: AgendaItem,
    index: int,
    extra: dict[str, Any],
) -> AgendaChange:
    """Move ``item`` to place ``index`` inside a transaction (a move, or its undo)."""
    items = list(meeting.items)
    target = check_move(index, len(items))
    old = items.index(item)
    by_id = {i.id: i for i in items}
    for position, other_id in enumerate(moved([i.id for i in items], item.id, target)):
        by_id[other_id].position = position
    audit(
        session,
        actor,
        "agenda_item.move",
        item,
        before={"position": old},
        council_id=meeting.council_id,
    )
    return end_agenda_change(
        session,
        actor,
        meeting,
        "agenda_item.move",
        item_id=item.id,
        details={"from": old + 1, "to": target + 1, **extra},
    )
