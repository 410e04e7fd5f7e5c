"""What the agenda editor's undo and redo hand to :func:`apply_undo_step`.

A step of the editor (add, remove, move or correct an item) is undone by its
inverse: remove the item added, put back the item removed, move the item back,
restore the texts.  Each is described here as plain data (:data:`AgendaStep`)
together with the agenda as the last step left it (:class:`AgendaStamp`), so
the service can refuse when the agenda moved on meanwhile.

An item is put back with its speakers and materials; the bytes of the
materials are read before the item is removed (:func:`item_content`), since
removing an item deletes the files no other item uses.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from app.domain.translation import N_
from app.models.database import Database
from app.models.meeting import AgendaItem, MaterialBlob
from app.services.agenda.add_speaker import SpeakerData
from app.services.agenda.common import ItemData
from app.services.base import expect, get
from app.services.meetings.common import AgendaChange, ItemInfo, MaterialInfo, SpeakerInfo


@dataclass(frozen=True)
class AgendaStamp:
    """The agenda as a step left it; an undo is refused once it is no longer so."""

    meeting_id: int
    state: str
    approved_at: datetime | None
    items: tuple[ItemInfo, ...]


def stamp_of(change: AgendaChange) -> AgendaStamp:
    """The agenda after ``change`` (what the next undo expects to find)."""
    meeting = change.meeting
    return AgendaStamp(meeting.id, str(meeting.state), meeting.approved_at, change.agenda)


@dataclass(frozen=True)
class StoredMaterial:
    """A material with its bytes, to attach again as it was."""

    info: MaterialInfo
    data: bytes


@dataclass(frozen=True)
class ItemContent:
    """An item with everything it holds, to put it back as it was."""

    data: ItemData
    speakers: tuple[SpeakerData, ...] = ()
    materials: tuple[StoredMaterial, ...] = ()


def item_data(item: ItemInfo) -> ItemData:
    """The texts of an item as the editor sends them."""
    return ItemData(
        title_kk=item.titles.get("kk", ""),
        title_ru=item.titles.get("ru", ""),
        title_en=item.titles.get("en", ""),
        responsible_kk=item.responsible.get("kk", ""),
        responsible_ru=item.responsible.get("ru", ""),
        responsible_en=item.responsible.get("en", ""),
        note=item.note,
    )


def speaker_data(speaker: SpeakerInfo) -> SpeakerData:
    """A speaker as :func:`add_speaker` takes it."""
    return SpeakerData(
        person_id=speaker.person.id if speaker.person is not None else None,
        name="" if speaker.person is not None else speaker.name,
        position_kk=speaker.positions.get("kk", ""),
        position_ru=speaker.positions.get("ru", ""),
        position_en=speaker.positions.get("en", ""),
        organisation_kk=speaker.organisations.get("kk", ""),
        organisation_ru=speaker.organisations.get("ru", ""),
        organisation_en=speaker.organisations.get("en", ""),
    )


def item_content(db: Database, item: ItemInfo) -> ItemContent:
    """Everything ``item`` holds, with its materials' bytes (read before it is removed)."""
    expect(item, ItemInfo, N_("Agenda item"))
    hashes = {m.sha256 for m in item.materials}
    with db.reading() as session:
        get(session, AgendaItem, item.id, N_("Agenda item"))
        blobs = {
            blob.sha256: blob.data
            for blob in session.scalars(select(MaterialBlob).where(MaterialBlob.sha256.in_(hashes)))
        }
    return ItemContent(
        item_data(item),
        tuple(speaker_data(s) for s in item.speakers),
        tuple(StoredMaterial(m, blobs[m.sha256]) for m in item.materials if m.sha256 in blobs),
    )


# -- the steps ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class WithdrawItem:
    """Remove the item a step added."""

    item_id: int


@dataclass(frozen=True)
class RestoreItem:
    """Put an item back at place ``index`` (0-based), with its speakers and materials."""

    meeting_id: int
    index: int
    content: ItemContent


@dataclass(frozen=True)
class PlaceItem:
    """Move an item to place ``index`` (0-based)."""

    item_id: int
    index: int


@dataclass(frozen=True)
class RestoreTexts:
    """Give an item the titles, responsible body and note it had."""

    item_id: int
    data: ItemData


AgendaStep = WithdrawItem | RestoreItem | PlaceItem | RestoreTexts
