"""What importing a file and bringing a meeting back share: the archive checked again.

An :class:`ArchiveFile` handed to an action is checked again, as if read from
disk: nothing a caller passes is taken on trust.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.domain.errors import DomainError, Term
from app.domain.translation import N_
from app.formats.exchange_archive import ArchiveFile, Limits
from app.formats.exchange_document import check_document
from app.formats.exchange_schema import KIND_RETURN
from app.services.base import expect


def checked_archive(archive: object) -> ArchiveFile:
    """An archive as :func:`read_archive` made it (checked again: nothing is taken on trust)."""
    value = expect(archive, ArchiveFile, N_("Import"))
    shapes_ok = (
        isinstance(value.tables, dict)
        and all(isinstance(k, str) and isinstance(v, list) for k, v in value.tables.items())
        and isinstance(value.kind, str)
        and isinstance(value.version, int)
        and isinstance(value.created_at, str)
        and isinstance(value.scope, dict)
        and (value.package is None or isinstance(value.package, dict))
        and isinstance(value.source, str)
        and isinstance(value.blob_entries, frozenset)
        and isinstance(value.zipped, bool)
        and isinstance(value.limits, Limits)
    )
    if not shapes_ok:
        raise DomainError(N_("The data for “{what}” is not valid."), what=Term(N_("Import")))
    document: dict[str, Any] = {
        "format": "kenes-exchange",
        "version": value.version,
        "kind": value.kind,
        "created_at": value.created_at,
        "generator": value.generator,
        "scope": value.scope,
        "tables": value.tables,
    }
    if value.package is not None:
        document["package"] = value.package
    checked = check_document(
        document,
        Path(value.source or "import"),
        value.limits,
        zipped=value.zipped,
        blobs=value.blob_entries,
    )
    return checked


def refuse_return(archive: ArchiveFile) -> None:
    if archive.kind == KIND_RETURN:
        raise DomainError(
            N_(
                "This file brings a meeting back from a laptop; use “Bring back "
                "from laptop” to import it, so changes made in both places are "
                "shown side by side."
            )
        )
