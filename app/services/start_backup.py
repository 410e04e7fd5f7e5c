"""The work of each start, in proportion to what changed: check and back up only if needed.

A start used to read the whole database twice: SQLite's quick check of a large file,
then a full copy of it as the start backup (a 500 MB archive: 3 s at each start, and
7 daily + 8 weekly copies, 7.5 GB).  Now:

* the quick check runs only when the file is not as it was at its last clean check
  (``needs_check``, decided when the database was opened: app/models/changes.py);
* the start backup is made only when the database holds something its newest backup
  does not: the backup's own end of the audit trail and schema are compared with the
  database's.  Otherwise the newest backup is reported, and nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.models.backup import BackupFile, IntegrityReport, backups_of, identity_of, integrity_check
from app.models.changes import CheckMemory, content_marker, stamp_of
from app.services.backups import BackupPolicy, back_up_now


@dataclass(frozen=True)
class StartWork:
    """What the start did: damage found (nothing backed up), a backup made, or none needed."""

    damaged: IntegrityReport | None = None
    made: BackupFile | None = None
    unchanged_since: BackupFile | None = None  # the newest backup already holds it all
    checked: bool = False  # SQLite's quick check ran (the file had changed)


def holding_backup(database_file: Path, policy: BackupPolicy) -> BackupFile | None:
    """The newest backup of this database when it holds what the database holds now."""
    ours = content_marker(database_file)
    if ours is None:
        return None
    identity = identity_of(policy.folder, database_file)
    if identity is None:
        return None
    found = backups_of(policy.folder, identity)
    if not found:
        return None
    newest = found[0]
    return newest if content_marker(newest.path) == ours else None


def start_work(
    database_file: Path,
    policy: BackupPolicy,
    memory: CheckMemory | None,
    *,
    check: bool,
    read_only: bool = False,
) -> StartWork:
    """Check the file if it changed (``check``), then back it up if its content changed.

    A damaged file is not backed up: the rotation would drop the good backups.
    """
    if check:
        before = stamp_of(database_file)
        report = integrity_check(database_file)
        if not report.ok:
            if memory is not None:
                memory.forget(database_file)
            return StartWork(damaged=report, checked=True)
        if memory is not None:
            memory.remember_clean(database_file, before)
    holding = holding_backup(database_file, policy)
    if holding is not None:
        return StartWork(unchanged_since=holding, checked=check)
    made = back_up_now(database_file, policy, "start", read_only=read_only)
    return StartWork(made=made, checked=check)
