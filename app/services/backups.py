"""User actions on backups: back up now, restore a backup, check the database.

Restoring replaces the whole database file, so the caller closes the database
first and opens it again afterwards; the current file is always kept as a
backup before it is replaced.  Each database's backups are kept apart (a
folder per identity, see ``app.models.backup``), and a backup of another
database is restored only when the caller forces it.
"""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from app.domain.errors import DomainError, EnvironmentProblem
from app.domain.translation import N_
from app.models.backup import (
    BackupFile,
    IntegrityReport,
    backup_database,
    backups_of,
    folder_for,
    identity_of,
    integrity_check,
    legacy_backups,
    parse,
    rotate,
)
from app.models.database import (
    DatabaseOpenError,
    head_revision,
    inspect_sqlite_file,
    known_revisions,
    open_database,
)
from app.models.meta import read_identity

if TYPE_CHECKING:
    from app.services.integrity.verify import RecordCheck


@dataclass(frozen=True)
class BackupPolicy:
    """Where backups go and how many automatic ones are kept.

    ``budget``: the automatic backups of a database take at most this many times its size
    (0: no limit); the newest is always kept.
    """

    folder: Path
    daily: int = 7
    weekly: int = 8
    budget: int = 5


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


def back_up_now(
    database_file: Path,
    policy: BackupPolicy,
    reason: str = "manual",
    *,
    read_only: bool | None = None,
) -> BackupFile:
    """Make a consistent copy now (by hand, or "start" at each start), then rotate.

    ``read_only``: the database is open read-only (a read-only disk): it is read
    without writing anything beside it.
    """
    if not database_file.is_file():
        raise DomainError(
            N_("There is no database file at {path} to back up."), path=str(database_file)
        )
    folder = folder_for(policy.folder, database_file)
    made = backup_database(database_file, folder, reason, read_only=read_only)
    budget = policy.budget * database_file.stat().st_size if policy.budget > 0 else None
    rotate(folder, policy.daily, policy.weekly, budget)  # this database's automatic backups only
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


class OtherDatabaseBackup(DomainError):
    """The backup is of another database than the one it would replace."""


def check_same_database(backup: Path, database_file: Path) -> None:
    """Refuse a backup whose stored identity is not the database's own.

    A backup or a database that cannot tell its identity (made before identities, or
    damaged) is not refused: nothing says it is another database's.
    """
    theirs = read_identity(backup)
    ours = read_identity(database_file)
    if theirs is not None and ours is not None and theirs != ours:
        raise OtherDatabaseBackup(
            N_(
                "{path} is a backup of another database, not of {database}. Nothing was "
                "restored, and the database is unchanged."
            ),
            path=str(backup),
            database=str(database_file),
        )


def restore_backup(
    backup: Path, database_file: Path, policy: BackupPolicy, *, force: bool = False
) -> RestoreReport:
    """Replace ``database_file`` by ``backup`` after checking it; keep the current file first.

    The database must be closed by the caller.  Schema migrations, if the
    backup is older, run when the restored database is opened.  A backup of
    another database is refused unless ``force`` (the user asked for it).
    """
    summary = check_backup_file(backup)
    if backup.resolve() == database_file.resolve():
        raise DomainError(N_("The backup and the database are the same file."))
    if not force:
        check_same_database(backup, database_file)
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
            return backup_database(
                database_file, folder_for(policy.folder, database_file), "before-restore"
            )
        except EnvironmentProblem:
            pass
    identity = identity_of(policy.folder, database_file)
    folder = policy.folder / identity if identity else policy.folder
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = folder / f"kenes-{stamp}-before-restore.sqlite3"
    shutil.copy2(database_file, target)
    parsed = parse(target)
    assert parsed is not None
    return parsed


@dataclass(frozen=True)
class BackupListing:
    """The backups of one database, and those from before identities (whose database is unknown)."""

    own: list[BackupFile]
    from_before_identities: list[BackupFile]


def list_database_backups(database_file: Path, policy: BackupPolicy) -> BackupListing:
    """The backups of ``database_file`` (newest first), never another database's."""
    identity = identity_of(policy.folder, database_file)
    own = backups_of(policy.folder, identity) if identity else []
    return BackupListing(own, legacy_backups(policy.folder))


def latest_good_backup(folder: Path, database_file: Path) -> BackupFile | None:
    """The newest backup of this database that passes the checks, to offer when it is damaged.

    Only the database's own backups are offered; a database that cannot tell its identity
    is offered the backups from before identities.
    """
    for backup in backups_of(folder, identity_of(folder, database_file)):
        try:
            check_backup_file(backup.path)
        except DomainError:
            continue
        return backup
    return None


def check_database(database_file: Path, *, full: bool = False) -> IntegrityReport:
    """The integrity check on demand (full) or at start (quick)."""
    return integrity_check(database_file, full=full)


@dataclass(frozen=True)
class FullCheck:
    """SQLite's full check, then the record's: the seals of signed meetings, the audit chain.

    ``record`` is None when it was not verified: a damaged file (restore it first), or a
    schema older than the seals (it is sealed when this Kenes opens it).
    """

    integrity: IntegrityReport
    record: RecordCheck | None

    @property
    def ok(self) -> bool:
        return self.integrity.ok and (self.record is None or self.record.ok)


def full_check(database_file: Path) -> FullCheck:
    """``kenes check --full`` and File → Check the database: read only, never migrates."""
    integrity = integrity_check(database_file, full=True)
    if not integrity.ok:
        return FullCheck(integrity, None)
    from app.services.integrity.verify import verify_record  # loads Babel: only when asked

    if inspect_sqlite_file(database_file, quick_check=False).revision != head_revision():
        return FullCheck(integrity, None)
    db = open_database(database_file, read_only=True)
    try:
        return FullCheck(integrity, verify_record(db))
    finally:
        db.close()


def is_current(summary: ArchiveSummary) -> bool:
    return summary.revision == head_revision()
