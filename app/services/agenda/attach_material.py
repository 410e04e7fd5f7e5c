"""Attach a material file (a reference, a presentation, a draft decision) to an agenda item.

The file is read before the transaction begins, so a slow disk never holds
the database lock; its bytes are stored once per content (SHA-256) however
many items it is attached to. Only documents are accepted, judged by their
content (app/formats/material_types.py); the stored name carries the
extension of the detected type, never one the user's name pretended.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from app.domain.errors import DomainError, Term
from app.domain.translation import N_
from app.formats.material_types import identify, stored_name
from app.models.database import Database
from app.models.meeting import Material, MaterialBlob
from app.services.agenda.common import load_item
from app.services.base import Actor, audit, clean_text
from app.services.meetings.common import AgendaChange, begin_agenda_change, end_agenda_change

MEGABYTE = 1024 * 1024
DEFAULT_MAX_BYTES = 50 * MEGABYTE


@dataclass(frozen=True)
class MaterialFile:
    """A file read from disk, checked and hashed."""

    file_name: str
    media_type: str
    data: bytes
    sha256: str


def _megabytes(size: int) -> str:
    return f"{size / MEGABYTE:.1f}"


def read_material(path: Path | str, max_bytes: int = DEFAULT_MAX_BYTES) -> MaterialFile:
    """Read a material file; refuse one that cannot be read, is empty or is too large."""
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes < 1:
        raise DomainError(N_("The size limit of a material must be a positive number of bytes."))
    if not isinstance(path, str | Path):
        raise DomainError(N_("The data for “{what}” is not valid."), what=Term(N_("File")))
    file = Path(path)
    name = clean_text(file.name, N_("File"), required=True, limit=255)
    try:
        if "\x00" in str(file) or not file.is_file():
            raise DomainError(N_("{name} is not a file that can be attached."), name=str(file))
        size = file.stat().st_size
        if size > max_bytes:
            raise DomainError(
                N_(
                    "The file {name} is too large ({size} MB); a material may be at most "
                    "{limit} MB. The limit can be changed in the settings."
                ),
                name=name,
                size=_megabytes(size),
                limit=_megabytes(max_bytes),
            )
        with file.open("rb") as stream:
            data = stream.read(size + 1)
    except OSError as exc:
        raise DomainError(
            N_("The file {name} cannot be read: {reason}"),
            name=str(file),
            reason=exc.strerror or str(exc),
        ) from exc
    if len(data) > max_bytes:  # it grew while we looked
        raise DomainError(
            N_(
                "The file {name} is too large ({size} MB); a material may be at most "
                "{limit} MB. The limit can be changed in the settings."
            ),
            name=name,
            size=_megabytes(len(data)),
            limit=_megabytes(max_bytes),
        )
    if not data:
        raise DomainError(N_("The file {name} is empty."), name=name)
    identified = identify(data)
    if identified.document is None:
        raise DomainError(
            N_(
                "The file {name} is {what}, not a document, and cannot be attached. "
                "Materials may be PDF, Word, Excel or PowerPoint files (.docx, .xlsx, .pptx), "
                "OpenDocument files, images (PNG, JPEG, GIF, TIFF, BMP) or plain text."
            ),
            name=name,
            what=Term(identified.what),
        )
    document = identified.document
    stored = stored_name(name, document)
    return MaterialFile(stored, document.media_type, data, hashlib.sha256(data).hexdigest())


def attach_material(
    db: Database,
    actor: Actor,
    item_id: int,
    path: Path | str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> AgendaChange:
    """Attach the file at ``path`` to the item; ``max_bytes`` is the user's size limit.

    The same file attached twice to one item is refused.
    """
    material_file = read_material(path, max_bytes)
    with db.transaction() as session:
        item, meeting = load_item(session, item_id)
        begin_agenda_change(meeting)
        if any(m.sha256 == material_file.sha256 for m in item.materials):
            raise DomainError(
                N_("The file {name} is already attached to this item."),
                name=material_file.file_name,
            )
        if session.get(MaterialBlob, material_file.sha256) is None:
            session.add(
                MaterialBlob(
                    sha256=material_file.sha256,
                    size=len(material_file.data),
                    data=material_file.data,
                )
            )
            session.flush()  # the file before the row that refers to it
        material = Material(
            position=len(item.materials),
            file_name=material_file.file_name,
            media_type=material_file.media_type,
            size=len(material_file.data),
            sha256=material_file.sha256,
            attached_by=actor.name,
        )
        item.materials.append(material)
        audit(session, actor, "material.attach", material, council_id=meeting.council_id)
        return end_agenda_change(
            session,
            actor,
            meeting,
            "material.attach",
            item_id=item.id,
            created_id=material.id,
            details={
                "item": item.position + 1,
                "file": material_file.file_name,
                "sha256": material_file.sha256,
                "size": len(material_file.data),
            },
        )
