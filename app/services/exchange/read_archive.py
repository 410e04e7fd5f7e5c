"""Read and check an exchange file before importing it: the first step the user takes."""

from __future__ import annotations

from pathlib import Path

from app.formats.exchange_archive import DEFAULT_LIMITS, ArchiveFile, Limits
from app.formats.exchange_reader import read_archive_file


def read_archive(path: Path | str, limits: Limits = DEFAULT_LIMITS) -> ArchiveFile:
    """Read and check an exchange file (JSON or ZIP); nothing is written anywhere."""
    return read_archive_file(path, limits)
