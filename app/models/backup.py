"""Consistent copies of a SQLite database (SQLite's online backup), rotated.

A backup is a complete database file named after the moment and the reason
it was made: ``kenes-20261122-141503-start.sqlite3``.  Automatic backups are
rotated (the newest of each of the last N days and M weeks are kept); copies
made by hand, before a migration and before a restore are never deleted by
the rotation.

Each database keeps its backups in a folder of its own inside the backup
folder, named after its identity (``kenes_meta``), with a ``database.txt``
naming the file they were last made of; rotation never looks outside it.
Backups made before identities lie in the backup folder itself; each still
tells its database by the identity stored in it, when it has one.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.domain.errors import EnvironmentProblem
from app.domain.translation import N_
from app.models.meta import is_identity, read_identity, write_file_identity

PATTERN = re.compile(r"^kenes-(\d{8})-(\d{6})(?:-(\d+))?-([a-z-]+)\.sqlite3$")
AUTOMATIC = frozenset({"start", "daily"})
KEPT_FOREVER = frozenset({"manual", "before-migration", "before-restore"})


@dataclass(frozen=True)
class BackupFile:
    path: Path
    made: datetime
    reason: str

    @property
    def automatic(self) -> bool:
        return self.reason in AUTOMATIC


def parse(path: Path) -> BackupFile | None:
    match = PATTERN.match(path.name)
    if match is None:
        return None
    made = datetime.strptime(match.group(1) + match.group(2), "%Y%m%d%H%M%S")
    return BackupFile(path, made, match.group(4))


def _made_order(backup: BackupFile) -> tuple[datetime, int, str]:
    """Oldest to newest: two backups of the same second by their counter ("-1-" is later)."""
    match = PATTERN.match(backup.path.name)
    counter = int(match.group(3)) if match and match.group(3) else 0
    return backup.made, counter, backup.path.name


def list_backups(folder: Path) -> list[BackupFile]:
    """Backups in ``folder``, newest first."""
    if not folder.is_dir():
        return []
    found = [b for b in (parse(p) for p in folder.iterdir()) if b is not None]
    return sorted(found, key=_made_order, reverse=True)


SOURCE_FILE = "database.txt"


def identity_folder(root: Path, identity: str) -> Path:
    """The folder inside the backup folder ``root`` for the database ``identity``."""
    assert is_identity(identity), identity
    return root / identity


def recorded_source(folder: Path) -> Path | None:
    """The database file the backups in an identity folder were last made of."""
    try:
        text = (folder / SOURCE_FILE).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return Path(text) if text else None


def record_source(folder: Path, source: Path) -> None:
    """Note which file the backups in ``folder`` are made of (whole or not at all)."""
    text = str(source.resolve())
    if recorded_source(folder) == Path(text):
        return
    partial = folder / (SOURCE_FILE + ".partial")
    with contextlib.suppress(OSError):
        partial.write_text(text + "\n", encoding="utf-8")
        partial.replace(folder / SOURCE_FILE)


def identity_of(root: Path, database_file: Path) -> str | None:
    """The database's identity: stored in it, or (a damaged file) by the folder that names it."""
    identity = read_identity(database_file)
    if identity is not None:
        return identity
    if not root.is_dir():
        return None
    wanted = database_file.resolve()
    for folder in sorted(root.iterdir()):
        if folder.is_dir() and is_identity(folder.name) and recorded_source(folder) == wanted:
            return folder.name
    return None


def folder_for(root: Path, database_file: Path) -> Path:
    """The folder the backups of ``database_file`` go to, made when missing (for the user alone).

    A database without an identity gets one here.  A copy of a database (the same
    identity, while the file its folder names still exists and holds it) is a database of
    its own from now on: it gets a new identity, so the two never rotate away each other's
    backups.  A file whose identity cannot be written (on a read-only medium) is backed up
    into ``root`` itself, as before identities.
    """
    try:
        identity = read_identity(database_file) or write_file_identity(database_file)
        folder = identity_folder(root, identity)
        source = recorded_source(folder)
        if (
            source is not None
            and source != database_file.resolve()
            and source.is_file()
            and read_identity(source) == identity
        ):
            folder = identity_folder(root, write_file_identity(database_file, renew=True))
    except sqlite3.OperationalError:  # read-only (a write-protected stick): still back it up
        return _made(root)
    except sqlite3.Error as exc:
        raise EnvironmentProblem(
            N_("The database {path} cannot be backed up: {reason}. It is unchanged."),
            path=str(database_file),
            reason=_explain(exc),
        ) from exc
    record_source(_made(folder), database_file)
    return folder


def _made(folder: Path) -> Path:
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise EnvironmentProblem(
            N_("The backup folder {folder} cannot be created: {reason}"),
            folder=str(folder),
            reason=_explain(exc),
        ) from exc
    return folder


def backups_of(root: Path, identity: str | None) -> list[BackupFile]:
    """The backups of one database, newest first: its folder's, and older ones that name it.

    With ``identity`` None (a database that cannot be told), the backups from before
    identities.
    """
    if identity is None:
        return legacy_backups(root)
    found = list_backups(identity_folder(root, identity))
    found += [b for b in list_backups(root) if read_identity(b.path) == identity]
    return sorted(found, key=_made_order, reverse=True)


def legacy_backups(root: Path) -> list[BackupFile]:
    """Backups in the backup folder itself that do not tell which database they are of."""
    return [b for b in list_backups(root) if read_identity(b.path) is None]


def _explain(exc: BaseException) -> str:
    text = str(exc)
    if isinstance(exc, OSError) and exc.strerror:
        text = exc.strerror
    return text


def _source_connection(source: Path, read_only: bool | None) -> sqlite3.Connection:
    """A connection that reads ``source`` without writing beside it when it is read-only.

    On a read-only disk or folder SQLite could not create the ``-wal``/``-shm`` files a
    read-write open of a WAL database needs, so the file is opened read-only, and
    immutable when nothing can be created beside it (as the database itself is opened).
    """
    if read_only is None:
        read_only = not (os.access(source, os.W_OK) and os.access(source.parent, os.W_OK))
    if not read_only:
        return sqlite3.connect(str(source), timeout=10)
    uri = source.resolve().as_uri() + "?mode=ro"
    if not os.access(source.parent, os.W_OK) or not Path(str(source) + "-shm").exists():
        uri += "&immutable=1"
    return sqlite3.connect(uri, uri=True, timeout=10)


def backup_database(
    source: Path,
    folder: Path,
    reason: str,
    now: datetime | None = None,
    *,
    read_only: bool | None = None,
) -> BackupFile:
    """Copy ``source`` consistently into ``folder``; the copy appears whole or not at all.

    ``read_only``: the database was opened read-only (None: ask the file system).
    """
    if reason not in AUTOMATIC | KEPT_FOREVER:
        raise ValueError(reason)
    now = now or datetime.now()
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise EnvironmentProblem(
            N_("The backup folder {folder} cannot be created: {reason}"),
            folder=str(folder),
            reason=_explain(exc),
        ) from exc
    stamp = now.strftime("%Y%m%d-%H%M%S")
    target = folder / f"kenes-{stamp}-{reason}.sqlite3"
    counter = 1
    while target.exists():
        target = folder / f"kenes-{stamp}-{counter}-{reason}.sqlite3"
        counter += 1
    partial = target.with_name(target.name + ".partial")
    try:
        src = _source_connection(source, read_only)
        try:
            dst = sqlite3.connect(str(partial))
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode = DELETE")
            finally:
                dst.close()
        finally:
            src.close()
        with partial.open("rb") as fh:
            os.fsync(fh.fileno())
        partial.replace(target)
    except (OSError, sqlite3.Error) as exc:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise EnvironmentProblem(
            N_(
                "The backup could not be written to {folder}: {reason}. The database itself "
                "is unchanged."
            ),
            folder=str(folder),
            reason=_explain(exc),
        ) from exc
    made = parse(target)
    assert made is not None
    return made


def to_delete(
    backups: Iterable[BackupFile], daily: int, weekly: int, budget_bytes: int | None = None
) -> list[BackupFile]:
    """Automatic backups the rotation removes: all but the newest of the last days and weeks.

    With ``budget_bytes``, the automatic backups kept, newest first, stop where their sizes
    add up to more than the budget (the newest copy is kept whatever its size): a large
    archive changed every day would otherwise keep 15 full copies.
    """
    automatic = sorted((b for b in backups if b.automatic), key=lambda b: b.made, reverse=True)
    keep: set[Path] = set()
    days: list[object] = []
    weeks: list[object] = []
    for backup in automatic:
        day = backup.made.date()
        week = backup.made.isocalendar()[:2]
        if day not in days and len(days) < daily:
            days.append(day)
            keep.add(backup.path)
        if week not in weeks and len(weeks) < weekly:
            weeks.append(week)
            keep.add(backup.path)
    if automatic:
        keep.add(automatic[0].path)  # never remove the newest copy
    if budget_bytes is not None:
        total = 0
        for backup in (b for b in automatic[1:] if b.path in keep):
            total += _size(backup.path)
            if total + _size(automatic[0].path) > budget_bytes:
                keep.discard(backup.path)
    return [b for b in automatic if b.path not in keep]


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def rotate(
    folder: Path, daily: int = 7, weekly: int = 8, budget_bytes: int | None = None
) -> list[Path]:
    """Delete what the rotation does not keep; return the deleted files."""
    removed = []
    for backup in to_delete(list_backups(folder), daily, weekly, budget_bytes):
        with contextlib.suppress(OSError):
            backup.path.unlink()
            removed.append(backup.path)
    return removed


@dataclass(frozen=True)
class IntegrityReport:
    ok: bool
    problems: tuple[str, ...]


def integrity_check(path: Path, *, full: bool = False) -> IntegrityReport:
    """SQLite's quick or full integrity check and the foreign key check, read-only."""
    try:
        con = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return IntegrityReport(False, (str(exc),))
    try:
        pragma = "integrity_check" if full else "quick_check"
        rows = [r[0] for r in con.execute(f"PRAGMA {pragma}")]
        problems = [r for r in rows if r != "ok"]
        if full:
            problems += [f"foreign key: {row}" for row in con.execute("PRAGMA foreign_key_check")]
        return IntegrityReport(not problems, tuple(problems))
    except sqlite3.DatabaseError as exc:
        return IntegrityReport(False, (str(exc),))
    finally:
        con.close()
