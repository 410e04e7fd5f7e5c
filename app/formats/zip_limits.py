"""Limits on what a ZIP container (an .xlsx workbook) unpacks to, checked before it is opened.

A workbook of 1 MB can hold shared strings that expand to gigabytes; a reader
that opens it first and counts rows later runs out of memory on an office PC
of 4 GB. The sizes a ZIP declares for its entries are read from its central
directory without unpacking anything, and Python's zipfile never unpacks an
entry beyond its declared size (it reports the file damaged instead), so
checking the declared sizes is enough.

>>> import io, zipfile
>>> buffer = io.BytesIO()
>>> with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
...     z.writestr("xl/sharedStrings.xml", "<si>a</si>" * 300_000)
>>> check_zip(buffer).kind
'ratio'
>>> check_zip(buffer, ZipLimits(max_ratio=10_000)) is None
True
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO

MEGABYTE = 1024 * 1024


@dataclass(frozen=True)
class ZipLimits:
    """What an archive may unpack to; the defaults fit an office PC with 4 GB of memory."""

    max_entry_bytes: int = 50 * MEGABYTE  # one part (sharedStrings.xml, a sheet)
    max_total_bytes: int = 200 * MEGABYTE  # all parts together
    max_ratio: int = 100  # unpacked size / packed size of a part
    ratio_from_bytes: int = MEGABYTE  # small parts may compress well; only large ones count
    max_entries: int = 10_000


@dataclass(frozen=True)
class ZipProblem:
    """Why an archive is refused: ``kind`` is "entry", "total", "ratio", "entries" or "damaged"."""

    kind: str
    entry: str = ""
    value: int = 0
    limit: int = 0


def check_zip(source: Path | str | IO[bytes], limits: ZipLimits | None = None) -> ZipProblem | None:
    """The first limit the archive at ``source`` breaks, or None when it may be opened.

    Raises OSError when the file cannot be read at all.
    """
    limits = limits or ZipLimits()
    try:
        with zipfile.ZipFile(source) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        return ZipProblem("damaged")
    if len(entries) > limits.max_entries:
        return ZipProblem("entries", value=len(entries), limit=limits.max_entries)
    total = 0
    for entry in entries:
        if entry.file_size > limits.max_entry_bytes:
            return ZipProblem("entry", entry.filename, entry.file_size, limits.max_entry_bytes)
        if entry.file_size >= limits.ratio_from_bytes:
            ratio = entry.file_size // max(entry.compress_size, 1)
            if ratio > limits.max_ratio:
                return ZipProblem("ratio", entry.filename, ratio, limits.max_ratio)
        total += entry.file_size
        if total > limits.max_total_bytes:
            return ZipProblem("total", value=total, limit=limits.max_total_bytes)
    return None
