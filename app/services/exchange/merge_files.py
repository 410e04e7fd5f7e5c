"""The files a merge stores: material files and issued protocol PDFs, each checked first.

A material is a document, never a program, whatever the file says it is; an
issued PDF must match its hash and the frozen snapshot it was made from.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.errors import DomainError, Term
from app.domain.protocol import ProtocolSnapshot
from app.domain.translation import N_
from app.formats.exchange_archive import ArchiveFile
from app.formats.exchange_values import canonical
from app.formats.material_types import exchanged_material_problem
from app.models.meeting import MaterialBlob
from app.models.protocol import IssuedDocument


def ensure_blob(session: Session, archive: ArchiveFile, record: Mapping[str, Any]) -> None:
    """The material's file stored once by its hash: found here, or taken from the archive."""
    sha = record["sha256"]
    blob = session.get(MaterialBlob, sha)
    if blob is not None:
        if blob.size != record["size"]:
            raise DomainError(
                N_("The size of the material “{name}” does not match its file."),
                name=record["file_name"],
            )
        check_material(record, blob.data)
        return
    data = archive.read_blob(sha)
    if data is None:
        raise DomainError(
            N_(
                "The file of the material “{name}” is neither in the archive nor in the "
                "database (SHA-256 {sha})."
            ),
            name=record["file_name"],
            sha=sha,
        )
    if len(data) != record["size"]:
        raise DomainError(
            N_("The size of the material “{name}” does not match its file."),
            name=record["file_name"],
        )
    check_material(record, data)
    session.add(MaterialBlob(sha256=sha, size=len(data), data=data))


def issued_pdf(
    session: Session,
    archive: ArchiveFile,
    child: Mapping[str, Any],
    render: Callable[[ProtocolSnapshot], bytes] | None = None,
) -> bytes:
    """The issued PDF: carried by the archive, already stored, or rendered again."""
    try:
        snapshot = ProtocolSnapshot.from_dict(child["snapshot"])
        digest = snapshot.digest()
        same = canonical(snapshot.to_dict()) == canonical(child["snapshot"])
    except (TypeError, ValueError, KeyError, AttributeError) as exc:
        raise DomainError(N_("The frozen snapshot of an issued protocol is not valid.")) from exc
    if not same or digest != child["snapshot_sha256"]:
        raise DomainError(
            N_(
                "The frozen snapshot of an issued protocol does not match its "
                "SHA-256; the file was changed after the protocol was signed."
            )
        )
    sha = child["pdf_sha256"]
    data = archive.read_blob(sha)
    if data is None:
        stored = session.scalar(
            select(IssuedDocument.pdf).where(IssuedDocument.pdf_sha256 == sha).limit(1)
        )
        data = bytes(stored) if stored is not None else None
    if data is None:
        if render is not None:
            data = render(snapshot)
        else:
            from app.reports.protocol_pdf import render_pdf

            data = render_pdf(snapshot)
        if hashlib.sha256(data).hexdigest() != sha:
            raise DomainError(
                N_(
                    "The issued PDF of the protocol cannot be reproduced from its snapshot "
                    "here; import an archive with the files embedded."
                )
            )
    return data


def check_material(record: Mapping[str, Any], data: bytes) -> None:
    """Materials are documents, never programs, whatever the file says they are."""
    problem = exchanged_material_problem(str(record["file_name"]), data)
    if problem is not None:
        msgid, params = problem
        raise DomainError(msgid, name=params["name"], what=Term(params["what"]))
