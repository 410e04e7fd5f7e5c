"""Change an agenda item's titles, responsible body or note."""

from __future__ import annotations

from app.models.database import Database
from app.services.agenda.common import ItemData, clean_item, item_columns, load_item
from app.services.base import Actor, audit, check_version, snapshot
from app.services.meetings.common import (
    AgendaChange,
    begin_agenda_change,
    end_agenda_change,
    unchanged,
)


def update_item(
    db: Database,
    actor: Actor,
    item_id: int,
    data: ItemData,
    expected_version: int | None = None,
) -> AgendaChange:
    """Correct an item; an item left without a title in every language is refused."""
    values = clean_item(data)
    with db.transaction() as session:
        item, meeting = load_item(session, item_id)
        check_version(item, expected_version)
        begin_agenda_change(meeting)
        old = item_columns(item)
        if old == values:
            return unchanged(session, meeting, item.id)
        before = snapshot(item)
        for key, value in values.items():
            setattr(item, key, value)
        audit(
            session, actor, "agenda_item.update", item, before=before, council_id=meeting.council_id
        )
        changed = {key: value for key, value in values.items() if old[key] != value}
        return end_agenda_change(
            session,
            actor,
            meeting,
            "agenda_item.update",
            item_id=item.id,
            details={
                "item": item.position + 1,
                "before": {key: old[key] for key in changed},
                "after": changed,
            },
        )
