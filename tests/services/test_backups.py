"""backups: back up now, what a file holds, restore's checks, the listing, the full check."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app.domain.errors import DomainError
from app.models.database import head_revision, open_database
from app.services.backups import (
    BackupPolicy,
    back_up_now,
    check_backup_file,
    full_check,
    is_current,
    list_database_backups,
    restore_backup,
    summarize,
)
from app.services.base import SYSTEM
from app.services.demo import create_demo
from app.services.demo_meeting import create_demo_meeting


@pytest.fixture
def demo_file(db_path: Path) -> Path:
    db = open_database(db_path)
    try:
        create_demo(db, SYSTEM)
    finally:
        db.close()
    return db_path


def test_back_up_now_makes_a_copy_that_counts_the_same(demo_file: Path, tmp_path: Path) -> None:
    policy = BackupPolicy(tmp_path / "backups")
    made = back_up_now(demo_file, policy)
    assert made.reason == "manual" and not made.automatic
    assert made.path.is_relative_to(policy.folder)
    copy, original = summarize(made.path), summarize(demo_file)
    assert copy == original
    assert (copy.councils, copy.seats) == (1, 15) and copy.people >= 15
    assert is_current(copy) and copy.revision == head_revision()
    assert [b.path for b in list_database_backups(demo_file, policy).own] == [made.path]


def test_there_must_be_a_file_to_back_up(tmp_path: Path) -> None:
    policy = BackupPolicy(tmp_path / "backups")
    with pytest.raises(DomainError, match="no database file"):
        back_up_now(tmp_path / "missing.sqlite3", policy)
    assert not policy.folder.exists()


def test_a_file_that_is_not_kenes_counts_nothing(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite3"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE notes (text TEXT)")
    con.commit()
    con.close()
    summary = summarize(other)
    assert (summary.revision, summary.councils, summary.seats, summary.people) == (None, 0, 0, 0)
    assert not is_current(summary)


def test_an_empty_database_or_the_database_itself_is_not_restored(
    demo_file: Path, tmp_path: Path
) -> None:
    policy = BackupPolicy(tmp_path / "backups")
    empty = tmp_path / "empty.sqlite3"
    sqlite3.connect(empty).close()
    before = demo_file.read_bytes()
    with pytest.raises(DomainError, match="empty database"):
        check_backup_file(empty)
    with pytest.raises(DomainError, match="same file"):
        restore_backup(demo_file, demo_file, policy)
    assert demo_file.read_bytes() == before
    assert list_database_backups(demo_file, policy).own == []  # nothing kept: nothing replaced


def test_a_restore_keeps_the_current_file_first(demo_file: Path, tmp_path: Path) -> None:
    policy = BackupPolicy(tmp_path / "backups")
    made = back_up_now(demo_file, policy)
    con = sqlite3.connect(demo_file)
    con.execute("DELETE FROM seats WHERE id = (SELECT max(id) FROM seats)")
    con.commit()
    con.close()
    report = restore_backup(made.path, demo_file, policy)
    assert report.restored_from == made.path and report.made == made.made
    assert report.summary.seats == 15 and summarize(demo_file).seats == 15
    assert report.previous_kept_as is not None
    assert report.previous_kept_as.reason == "before-restore"
    assert summarize(report.previous_kept_as.path).seats == 14
    assert {b.reason for b in list_database_backups(demo_file, policy).own} == {
        "manual",
        "before-restore",
    }


def test_the_full_check_verifies_the_record_of_a_sound_file(db_path: Path) -> None:
    db = open_database(db_path)
    try:
        create_demo(db, SYSTEM)
        create_demo_meeting(db, SYSTEM)
    finally:
        db.close()
    check = full_check(db_path)
    assert check.ok and check.integrity.ok
    assert check.record is not None and check.record.ok


def test_the_full_check_of_a_damaged_file_stops_at_sqlites_check(demo_file: Path) -> None:
    con = sqlite3.connect(demo_file)
    con.execute("PRAGMA journal_mode = DELETE")
    con.close()
    data = bytearray(demo_file.read_bytes())
    data[4096 * 2 : 4096 * 2 + 200] = b"\x00\x01" * 100
    demo_file.write_bytes(bytes(data))
    check = full_check(demo_file)
    assert not check.ok and not check.integrity.ok and check.record is None
