"""Remove a material from an agenda item."""

from __future__ import annotations

from app.domain.translation import N_
from app.models.database import Database
from app.models.meeting import Material
from app.services.agenda.common import drop_unused_blobs
from app.services.base import Actor, audit, get, snapshot
from app.services.meetings.common import AgendaChange, begin_agenda_change, end_agenda_change


def remove_material(db: Database, actor: Actor, material_id: int) -> AgendaChange:
    """Remove the material; its stored file goes too unless another item still uses it."""
    with db.transaction() as session:
        material = get(session, Material, material_id, N_("Material"))
        item = material.item
        meeting = item.meeting
        begin_agenda_change(meeting)
        before = snapshot(material)
        item.materials.remove(material)
        for position, other in enumerate(item.materials):
            other.position = position
        drop_unused_blobs(session, {material.sha256})
        audit(
            session,
            actor,
            "material.delete",
            entity="materials",
            entity_id=material_id,
            before=before,
            after=None,
            council_id=meeting.council_id,
        )
        return end_agenda_change(
            session,
            actor,
            meeting,
            "material.delete",
            item_id=item.id,
            details={
                "item": item.position + 1,
                "file": before["file_name"],
                "sha256": before["sha256"],
            },
        )
