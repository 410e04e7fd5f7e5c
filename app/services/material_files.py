"""The material files of agenda items: their stored bytes, and a copy to open."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from app.domain.errors import DomainError, EnvironmentProblem, Term
from app.domain.translation import N_
from app.formats.material_types import identify, safe_file_name
from app.models.database import Database
from app.models.meeting import AgendaItem, Material, MaterialBlob, Meeting
from app.services.accounts.scope import check_meeting
from app.services.base import get


@dataclass(frozen=True)
class MaterialContent:
    file_name: str
    media_type: str
    data: bytes
    sha256: str


def material_content(db: Database, material_id: int) -> MaterialContent:
    """The bytes of a material, checked against the SHA-256 recorded when it was attached."""
    with db.reading() as session:
        material = get(session, Material, material_id, N_("Material"))
        item = session.get(AgendaItem, material.item_id)
        meeting = session.get(Meeting, item.meeting_id) if item is not None else None
        if meeting is not None:
            check_meeting(session, meeting)
        blob = session.get(MaterialBlob, material.sha256)
        assert blob is not None, "a material always has its stored file"
        data = bytes(blob.data)
        if hashlib.sha256(data).hexdigest() != material.sha256:
            raise EnvironmentProblem(
                N_(
                    "The stored copy of {name} is damaged (its SHA-256 does not match); "
                    "restore the database from a backup."
                ),
                name=material.file_name,
            )
        return MaterialContent(material.file_name, material.media_type, data, material.sha256)


_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation


def save_material_copy(db: Database, material_id: int, folder: Path) -> Path:
    """Write a read-only copy of a material into ``folder`` (to open it with the viewer); its path.

    A material whose content is not the document type its name says (one
    stored before types were checked by content) is refused, never written:
    the system would choose the program that opens it by the name. The folder
    is made for the user alone (0700) and the copy is read-only (0400), so the
    viewer cannot change it and nobody else can read it. An identical file
    already there is reused; a different one with the same name is kept, and
    the copy gets a " (2)" suffix.
    """
    content = material_content(db, material_id)
    name = safe_file_name(Path(content.file_name).name)
    identified = identify(content.data)
    document = identified.document
    if document is None or not document.fits(Path(name).suffix):
        raise DomainError(
            N_(
                "The file {name} is {what}, which does not match its name; Kenes does not "
                "open it. Remove it from the item and attach the document again."
            ),
            name=name,
            what=Term(identified.what),
        )
    stem, suffix = Path(name).stem, Path(name).suffix
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        for attempt in range(1, 1000):
            target = folder / (name if attempt == 1 else f"{stem} ({attempt}){suffix}")
            if target.is_symlink():
                continue
            if target.exists():
                if hashlib.sha256(target.read_bytes()).hexdigest() == content.sha256:
                    target.chmod(0o400)
                    return target
                continue
            descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY, 0o400)
            with os.fdopen(descriptor, "wb") as stream:
                stream.write(content.data)
            target.chmod(0o400)  # whatever the umask made of it
            return target
    except OSError as exc:
        raise EnvironmentProblem(
            N_("The file {name} cannot be written to {folder}: {reason}"),
            name=name,
            folder=str(folder),
            reason=exc.strerror or str(exc),
        ) from exc
    raise EnvironmentProblem(
        N_("The file {name} cannot be written to {folder}: {reason}"),
        name=name,
        folder=str(folder),
        reason="too many copies",
    )
