"""Whether a database changed: its file on the disk, and the end of its audit trail.

Two questions are asked at every start, and both used to be answered by reading the
whole file (a 500 MB archive: seconds at each start, and a full copy of it each time):

* **Is the file still as it was when SQLite last found it sound?**  A :class:`FileStamp`
  (size, modification and status-change times, inode, and a ``-wal`` with frames in it)
  is remembered, per database identity, in a small state file (:class:`CheckMemory`)
  after a clean check.  Any write changes the stamp (SQLite writes the file or its
  ``-wal``; restoring a backup replaces the file; ``touch`` may reset the modification
  time but never the status-change time), and a crash leaves a ``-wal`` with frames:
  then the file is checked again.  A file that only was read keeps its stamp (tests hold
  it).  The check also runs again when the last one is older than :data:`CHECK_AT_LEAST_EVERY`.
* **Does the newest backup already hold what the database holds?**  Every change Kenes
  makes appends an event to the audit hash chain (app/services/integrity/chain.py), so
  the last event's place and hash, with the schema's revision, name the
  content (:class:`ContentMarker`).  A backup is a copy made by SQLite, so the same
  marker is read from the backup file itself: nothing is written beside it.

A change made outside Kenes, with another program, leaves the audit trail as it was; the
quick check still runs (the stamp changed), and ``kenes check --full`` finds such a change.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from pathlib import Path

from app.formats import atomic
from app.models.meta import read_identity

CHECK_AT_LEAST_EVERY = timedelta(days=7)
CHECKS_FILE = "database-checks.json"


@dataclass(frozen=True)
class FileStamp:
    """The database file as the file system sees it: changed by every write to it."""

    size: int
    modified_ns: int
    changed_ns: int  # st_ctime: set by the system at every change, never by a program
    inode: int
    wal_size: int  # 0: no -wal, or an empty one (nothing waits to be written back)
    wal_modified_ns: int

    def text(self) -> str:
        return ":".join(str(value) for value in asdict(self).values())


def stamp_of(path: Path) -> FileStamp | None:
    """The stamp of a database file now; None when there is no file."""
    try:
        stat = path.stat()
    except OSError:
        return None
    try:
        wal = Path(f"{path}-wal").stat()
        wal_size, wal_modified = (wal.st_size, wal.st_mtime_ns) if wal.st_size else (0, 0)
    except OSError:
        wal_size, wal_modified = 0, 0
    return FileStamp(
        stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino, wal_size, wal_modified
    )


class CheckMemory:
    """Which database files SQLite found sound, and their stamps then (a JSON state file).

    Keyed by the database's identity; each entry names the file, so a copy elsewhere is
    checked on its own.  The file is written whole or not at all; a lost or unreadable
    one only means that the next start checks again.
    """

    def __init__(self, file: Path) -> None:
        self.file = file

    def _read(self) -> dict[str, dict[str, str]]:
        try:
            data = json.loads(self.file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def unchanged_since_clean_check(self, database_file: Path, now: datetime | None = None) -> bool:
        """True when the file is exactly as it was at its last clean check, a recent one."""
        identity = read_identity(database_file)
        stamp = stamp_of(database_file)
        if identity is None or stamp is None:
            return False
        entry = self._read().get(identity)
        if not isinstance(entry, dict):
            return False
        try:
            checked = datetime.fromisoformat(str(entry.get("checked")))
        except ValueError:
            return False
        age = (now or datetime.now()) - checked
        return (
            entry.get("file") == str(database_file.resolve())
            and entry.get("stamp") == stamp.text()
            and timedelta(0) <= age < CHECK_AT_LEAST_EVERY
        )

    def remember_clean(
        self, database_file: Path, before: FileStamp | None, now: datetime | None = None
    ) -> bool:
        """Note that the check that began at stamp ``before`` found the file sound.

        Nothing is noted when the file changed while it was checked (the check may have
        read a mix), or when it has no identity yet.  Returns whether it was noted.
        """
        identity = read_identity(database_file)
        if identity is None or before is None or stamp_of(database_file) != before:
            return False
        data = self._read()
        data[identity] = {
            "file": str(database_file.resolve()),
            "stamp": before.text(),
            "checked": (now or datetime.now()).isoformat(timespec="seconds"),
        }
        text = json.dumps(data, indent=1, sort_keys=True) + "\n"
        with contextlib.suppress(OSError):  # a read-only home: the next start checks again
            self.file.parent.mkdir(parents=True, exist_ok=True)
            atomic.write_bytes(self.file, text.encode("utf-8"))
            return True
        return False

    def forget(self, database_file: Path) -> None:
        """Drop what is remembered of ``database_file`` (its next open checks it)."""
        identity = read_identity(database_file)
        data = self._read()
        if identity is not None and data.pop(identity, None) is not None:
            with contextlib.suppress(OSError):
                atomic.write_bytes(self.file, json.dumps(data, indent=1).encode("utf-8"))


def default_memory() -> CheckMemory:
    """The user's check memory, beside the settings."""
    from app import paths

    return CheckMemory(paths.config_dir() / CHECKS_FILE)


@dataclass(frozen=True)
class ContentMarker:
    """What a Kenes database holds, named cheaply: schema, and the end of the audit chain."""

    revision: str | None
    audit_rows: int  # the largest event id: a deleted newest event shows too
    audit_seq: int | None
    audit_hash: str | None


def content_marker(path: Path) -> ContentMarker | None:
    """The marker of a database or backup file, read-only; None when it cannot be read.

    Three index lookups, whatever the size of the file.
    """
    if not path.is_file():
        return None
    wal = Path(f"{path}-wal").exists()
    uri = path.resolve().as_uri() + ("?mode=ro" if wal else "?mode=ro&immutable=1")
    try:
        con = sqlite3.connect(uri, uri=True, timeout=10)
    except sqlite3.Error:
        return None
    try:
        revision = con.execute("SELECT version_num FROM alembic_version").fetchone()
        columns = {row[1] for row in con.execute("PRAGMA table_info(audit_events)")}
        rows = con.execute("SELECT max(id) FROM audit_events").fetchone()[0]
        tail = (
            con.execute(
                "SELECT seq, hash FROM audit_events WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1"
            ).fetchone()
            if "seq" in columns
            else None
        )
    except sqlite3.Error:
        return None
    finally:
        con.close()
    return ContentMarker(
        revision[0] if revision else None,
        int(rows or 0),
        int(tail[0]) if tail else None,
        str(tail[1]) if tail else None,
    )
