"""Writing an exchange file: the document as UTF-8 JSON, or a ZIP archive with its blobs.

The same content always gives the same bytes: keys in layout order, entries
dated 2000-01-01, each blob written once; the file is written whole or not
at all (a temporary file renamed into place).
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from app.domain.errors import EnvironmentProblem
from app.domain.translation import N_
from app.formats import atomic
from app.formats.exchange_schema import BLOB_PREFIX, DOCUMENT_ENTRY


def document_bytes(document: Mapping[str, Any]) -> bytes:
    """The document as written: UTF-8, indented for people who read it, keys in layout order."""
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def write_file(
    path: Path,
    document: Mapping[str, Any],
    blobs: Iterable[tuple[str, Callable[[], bytes]]] = (),
    *,
    zipped: bool,
) -> int:
    """Write the file atomically (a temporary file renamed into place); return its size."""
    target = Path(path)

    def write_zip(temporary: Path) -> None:
        with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(_entry(DOCUMENT_ENTRY), document_bytes(document))
            written: set[str] = set()
            for sha256, load in blobs:
                if sha256 in written:
                    continue
                written.add(sha256)
                archive.writestr(_entry(BLOB_PREFIX + sha256), load())

    try:
        if zipped:
            return atomic.write_path(target, write_zip)
        return atomic.write_bytes(target, document_bytes(document))
    except OSError as exc:
        raise EnvironmentProblem(
            N_("The file {path} cannot be written: {reason}"),
            path=str(target),
            reason=exc.strerror or str(exc),
        ) from exc


def _entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info
