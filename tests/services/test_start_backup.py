"""The start's work in proportion to change: a backup only when the database changed."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from app.models.backup import list_backups
from app.models.changes import CheckMemory, stamp_of
from app.models.database import open_database
from app.services.backups import BackupPolicy, back_up_now, list_database_backups
from app.services.base import SYSTEM
from app.services.people import PersonData, create_person
from app.services.start_backup import start_work


def own(db_path: Path, policy: BackupPolicy) -> list[str]:
    return [b.reason for b in list_database_backups(db_path, policy).own]


def start(db_path: Path, policy: BackupPolicy, memory: CheckMemory, *, check: bool = False):  # type: ignore[no-untyped-def]
    """One start: open, the start's work, close."""
    db = open_database(db_path, check_memory=memory)
    try:
        return start_work(db_path, policy, memory, check=check or db.needs_check)
    finally:
        db.close()


def test_two_starts_without_a_change_make_one_backup(db_path: Path, tmp_path: Path) -> None:
    policy = BackupPolicy(tmp_path / "backups")
    memory = CheckMemory(tmp_path / "checks.json")
    open_database(db_path).close()
    first = start(db_path, policy, memory)
    assert first.made is not None and first.unchanged_since is None
    second = start(db_path, policy, memory)
    assert second.made is None and second.unchanged_since == first.made
    assert own(db_path, policy) == ["start"]


def test_a_change_makes_a_second_backup(db_path: Path, tmp_path: Path) -> None:
    policy = BackupPolicy(tmp_path / "backups")
    memory = CheckMemory(tmp_path / "checks.json")
    open_database(db_path).close()
    first = start(db_path, policy, memory).made
    db = open_database(db_path)
    create_person(db, SYSTEM, PersonData(surname="Сейтқали"))
    db.close()
    again = start(db_path, policy, memory)
    assert again.made is not None and again.made != first
    # The rotation keeps the newest automatic backup of the day: the one just made.
    assert [b.path for b in list_database_backups(db_path, policy).own] == [again.made.path]
    assert start(db_path, policy, memory).unchanged_since == again.made


def test_a_backup_made_by_hand_holds_the_database_too(db_path: Path, tmp_path: Path) -> None:
    policy = BackupPolicy(tmp_path / "backups")
    memory = CheckMemory(tmp_path / "checks.json")
    open_database(db_path).close()
    manual = back_up_now(db_path, policy, "manual")
    assert start(db_path, policy, memory).unchanged_since == manual


def test_a_deleted_newest_backup_is_made_again(db_path: Path, tmp_path: Path) -> None:
    policy = BackupPolicy(tmp_path / "backups")
    memory = CheckMemory(tmp_path / "checks.json")
    open_database(db_path).close()
    made = start(db_path, policy, memory).made
    assert made is not None
    made.path.unlink()
    assert start(db_path, policy, memory).made is not None


def test_a_damaged_file_is_caught_and_not_backed_up(db_path: Path, tmp_path: Path) -> None:
    """The start that must check (a large changed file) finds the damage; good backups stay."""
    policy = BackupPolicy(tmp_path / "backups")
    memory = CheckMemory(tmp_path / "checks.json")
    open_database(db_path).close()
    good = start(db_path, policy, memory).made
    assert good is not None and memory.unchanged_since_clean_check(db_path)
    con = sqlite3.connect(db_path)
    con.execute("PRAGMA journal_mode = DELETE")
    con.close()
    data = bytearray(db_path.read_bytes())
    data[4096 * 2 : 4096 * 4] = b"\xa5" * 8192
    db_path.write_bytes(bytes(data))
    assert not memory.unchanged_since_clean_check(db_path)  # its stamp changed: check it
    found = start_work(db_path, policy, memory, check=True)
    assert found.damaged is not None and not found.damaged.ok
    assert found.made is None and found.unchanged_since is None
    assert [b.path for b in list_backups(good.path.parent)] == [good.path]
    assert not memory.unchanged_since_clean_check(db_path)


def test_a_clean_check_at_start_is_remembered(db_path: Path, tmp_path: Path) -> None:
    policy = BackupPolicy(tmp_path / "backups")
    memory = CheckMemory(tmp_path / "checks.json")
    open_database(db_path).close()
    before = stamp_of(db_path)
    work = start_work(db_path, policy, memory, check=True)
    assert work.checked and work.damaged is None and work.made is not None
    assert stamp_of(db_path) == before
    assert memory.unchanged_since_clean_check(db_path)
