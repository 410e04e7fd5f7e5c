"""User actions on backups: back up now, restore a backup, check the database.

Restoring replaces the whole database file, so the caller closes the database
first and opens it again afterwards; the current file is always kept as a
backup before it is replaced.
"""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.domain.errors import DomainError, EnvironmentProblem
from app.domain.translation import N_
from app.models.backup import (
    BackupFile,
    IntegrityReport,
    backup_database,
    integrity_check,
    list_backups,
    parse,
    rotate,
)
from app.models.database import (
    DatabaseOpenError,
    head_revision,
    inspect_sqlite_file,
    known_revisions,
)


@dataclass(frozen=True)
class BackupPolicy:
    """Where backups go and how many automatic ones are kept."""

    folder: Path
    daily: int = 7
    weekly: int = 8


@dataclass(frozen=True)
class ArchiveSummary:
    """What a database file holds, in a few numbers a secretary recognises."""

    revision: str | None
    councils: int
    seats: int
    people: int


@dataclass(frozen=True)
class RestoreReport:
    restored_from: Path
    made: datetime | None
    summary: ArchiveSummary
    previous_kept_as: BackupFile | None


def summarize(path: Path) -> ArchiveSummary:
    """Count the main records of a Kenes database file, read-only."""
    con = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}

        def count(table: str) -> int:
            if table not in tables:
                return 0
            return int(con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

        revision = None
        if "alembic_version" in tables:
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
        return ArchiveSummary(revision, count("councils"), count("seats"), count("people"))
    finally:
        con.close()


def back_up_now(database_file: Path, policy: BackupPolicy, reason: str = "manual") -> BackupFile:
    """Make a consistent copy now (by hand, or "start" at each start), then rotate."""
    if not database_file.is_file():
        raise DomainError(
            N_("There is no database file at {path} to back up."), path=str(database_file)
        )
    made = backup_database(database_file, policy.folder, reason)
    rotate(policy.folder, policy.daily, policy.weekly)
    return made


def check_backup_file(path: Path) -> ArchiveSummary:
    """Refuse a file that is not a sound Kenes database this version can open."""
    if not path.is_file():
        raise DomainError(N_("The backup file {path} does not exist."), path=str(path))
    try:
        state = inspect_sqlite_file(path)
    except DatabaseOpenError as exc:
        raise DomainError(
            N_("{path} cannot be restored: {reason}"), path=str(path), reason=exc.message()
        ) from exc
    if not state.exists:
        raise DomainError(
            N_("{path} is an empty database; there is nothing to restore."), path=str(path)
        )
    if state.revision not in known_revisions():
        raise DomainError(
            N_(
                "{path} was made by a newer version of Kenes (schema {revision}) and cannot be "
                "restored by this one."
            ),
            path=str(path),
            revision=str(state.revision),
        )
    report = integrity_check(path, full=True)
    if not report.ok:
        raise DomainError(
            N_("{path} is damaged and cannot be restored: {reason}"),
            path=str(path),
            reason="; ".join(report.problems[:3]),
        )
    return summarize(path)


def restore_backup(backup: Path, database_file: Path, policy: BackupPolicy) -> RestoreReport:
    """Replace ``database_file`` by ``backup`` after checking it; keep the current file first.

    The database must be closed by the caller.  Schema migrations, if the
    backup is older, run when the restored database is opened.
    """
    summary = check_backup_file(backup)
    if backup.resolve() == database_file.resolve():
        raise DomainError(N_("The backup and the database are the same file."))
    kept = None
    if database_file.exists():
        kept = _keep_current(database_file, policy)
    partial = database_file.with_name(database_file.name + ".restoring")
    try:
        src = sqlite3.connect(backup.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(str(partial))
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
        for suffix in ("-wal", "-shm"):
            Path(str(database_file) + suffix).unlink(missing_ok=True)
        partial.replace(database_file)
    except (OSError, sqlite3.Error) as exc:
        partial.unlink(missing_ok=True)
        raise EnvironmentProblem(
            N_("The backup could not be restored: {reason}. The database was not replaced."),
            reason=str(exc),
        ) from exc
    made = parse(backup)
    return RestoreReport(backup, made.made if made else None, summary, kept)


def _keep_current(database_file: Path, policy: BackupPolicy) -> BackupFile:
    """A backup of the current file; a damaged file is copied byte for byte instead."""
    if integrity_check(database_file).ok:
        try:
            return backup_database(database_file, policy.folder, "before-restore")
        except EnvironmentProblem:
            pass
    policy.folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = policy.folder / f"kenes-{stamp}-before-restore.sqlite3"
    shutil.copy2(database_file, target)
    parsed = parse(target)
    assert parsed is not None
    return parsed


def latest_good_backup(folder: Path) -> BackupFile | None:
    """The newest backup that passes the checks, to offer when the database is damaged."""
    for backup in list_backups(folder):
        try:
            check_backup_file(backup.path)
        except DomainError:
            continue
        return backup
    return None


def check_database(database_file: Path, *, full: bool = False) -> IntegrityReport:
    """The integrity check on demand (full) or at start (quick)."""
    return integrity_check(database_file, full=full)


def is_current(summary: ArchiveSummary) -> bool:
    return summary.revision == head_revision()
