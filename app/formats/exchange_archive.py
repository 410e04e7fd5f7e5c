"""An exchange file as read: its checked document, its limits, and why a file is refused.

Blob bytes stay in the ZIP archive and are read (and their hash checked) only
when an import writes them, each one counted while it is unpacked: a ZIP's
headers may lie about sizes.
"""

from __future__ import annotations

import gettext
import hashlib
import io
import os
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.domain import translation
from app.domain.errors import DomainError
from app.domain.translation import N_
from app.formats.exchange_schema import BLOB_PREFIX
from app.formats.exchange_values import problem_at
from app.formats.problem import Problem

MEGABYTE = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What a file may hold; generous for real archives, tight enough to refuse abuse."""

    max_file_bytes: int = 4096 * MEGABYTE  # the file on disk (ZIP or JSON)
    # The JSON document itself: the 2× bench archive (630 MB) fits.  It is read a record at a
    # time (exchange_stream), but its checked records are all held: about 1.6 times the
    # document's size in memory (docs/performance.md).
    max_json_bytes: int = 1024 * MEGABYTE
    max_depth: int = 40  # nesting of arrays and objects (the layout needs about 12)
    max_string_chars: int = 200_000  # any single string (field limits are tighter)
    max_records: int = 2_000_000  # records in all tables together
    max_entries: int = 100_000  # entries of a ZIP archive
    max_unpacked_bytes: int = 8192 * MEGABYTE  # all entries of a ZIP archive, unpacked


DEFAULT_LIMITS = Limits()


class ArchiveFileError(DomainError):
    """The file cannot be read as a Kenes exchange file at all; nothing was changed."""


class ImportRefused(DomainError):
    """The import is refused; :attr:`problems` lists every problem found, nothing was changed."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(
            N_("The file cannot be imported; nothing was changed. Problems found: {count}."),
            count=len(self.problems),
        )

    def report(self, translations: gettext.NullTranslations | None = None) -> list[tuple[str, str]]:
        """(location, translated message) for every problem, in file order."""
        t = translations if translations is not None else translation.current()
        return [(p.pointer, p.message(t)) for p in self.problems]


@dataclass(frozen=True)
class ArchiveFile:
    """A checked exchange file: its document, and the files a ZIP archive carries.

    ``tables`` holds each table's records as in the file (texts normalised).
    Blob bytes stay in the archive and are read (and their hash checked) only
    when an import writes them.
    """

    source: str
    kind: str
    version: int
    created_at: str
    generator: str
    scope: dict[str, Any]
    package: dict[str, Any] | None
    tables: dict[str, list[dict[str, Any]]]
    blob_entries: frozenset[str] = frozenset()
    zipped: bool = False
    limits: Limits = field(default=DEFAULT_LIMITS, compare=False)

    def records(self, table: str) -> list[dict[str, Any]]:
        return self.tables.get(table, [])

    def has_blob(self, sha256: str) -> bool:
        return BLOB_PREFIX + sha256 in self.blob_entries

    def read_blob(self, sha256: str, size_limit: int | None = None) -> bytes | None:
        """The bytes of ``blobs/<sha256>``, checked against the hash; None if not carried."""
        if not self.zipped or not self.has_blob(sha256):
            return None
        limit = size_limit if size_limit is not None else self.limits.max_unpacked_bytes
        name = os.path.basename(self.source)
        try:
            with zipfile.ZipFile(self.source) as archive:
                data = read_entry(archive, archive.getinfo(BLOB_PREFIX + sha256), limit, name)
        except (OSError, zipfile.BadZipFile, KeyError) as exc:
            raise ArchiveFileError(
                N_("{name} cannot be read: {reason}"), name=name, reason=str(exc)
            ) from exc
        if hashlib.sha256(data).hexdigest() != sha256:
            raise ImportRefused(
                [
                    problem_at(
                        BLOB_PREFIX + sha256,
                        N_(
                            "The file's content does not match its SHA-256; the archive is damaged."
                        ),
                    )
                ]
            )
        return data


def file_error(msgid: str, path: Path, **params: Any) -> ArchiveFileError:
    return ArchiveFileError(msgid, name=path.name, **params)


def too_large(path: Path, size: int, limit: int) -> ArchiveFileError:
    return file_error(
        N_("{name} is too large ({size} MB; at most {limit} MB)."),
        path,
        size=size // MEGABYTE + 1,
        limit=limit // MEGABYTE,
    )


def read_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, name: str) -> bytes:
    """Unpack one entry, counting the bytes really produced (headers may lie).

    The bytes grow in one buffer, handed over without a copy (not joined from chunks,
    which held a large document twice).
    """
    buffer = io.BytesIO()
    total = 0
    with archive.open(info) as stream:
        while True:
            chunk = stream.read(1024 * 1024)
            if not chunk:
                break
            total += len(chunk)
            if total > limit:
                raise ArchiveFileError(
                    N_("{name} would unpack to more than {limit} MB; it is refused."),
                    name=name,
                    limit=max(1, limit // MEGABYTE),
                )
            buffer.write(chunk)
    return buffer.getvalue()
