"""Backups, rotation, restore from each kind of backup, integrity checks."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from app.domain.errors import DomainError
from app.models.backup import BackupFile, backup_database, integrity_check, list_backups, to_delete
from app.models.database import head_revision, open_database
from app.services import backups
from app.services.base import SYSTEM
from app.services.councils import list_councils
from app.services.demo import create_demo


@pytest.fixture
def demo_file(db_path: Path) -> Path:
    db = open_database(db_path)
    create_demo(db, SYSTEM)
    db.close()
    return db_path


def policy(tmp_path: Path) -> backups.BackupPolicy:
    return backups.BackupPolicy(tmp_path / "backups", daily=3, weekly=2)


def test_backup_is_a_consistent_kenes_database(demo_file: Path, tmp_path: Path) -> None:
    made = backups.back_up_now(demo_file, policy(tmp_path))
    assert made.reason == "manual" and made.path.is_file()
    assert integrity_check(made.path, full=True).ok
    summary = backups.check_backup_file(made.path)
    assert (summary.councils, summary.seats, summary.revision) == (1, 15, head_revision())


def test_backup_while_the_database_is_open_and_written(demo_file: Path, tmp_path: Path) -> None:
    db = open_database(demo_file)
    try:
        with db.transaction() as session:
            session.connection().exec_driver_sql("UPDATE councils SET name_en = 'Changed'")
        made = backups.back_up_now(demo_file, policy(tmp_path))
    finally:
        db.close()
    con = sqlite3.connect(made.path)
    assert con.execute("SELECT name_en FROM councils").fetchone()[0] == "Changed"
    con.close()


def _fake(folder: Path, when: datetime, reason: str) -> BackupFile:
    path = folder / f"kenes-{when:%Y%m%d-%H%M%S}-{reason}.sqlite3"
    path.write_bytes(b"")
    return BackupFile(path, when, reason)


def test_rotation_keeps_newest_per_day_and_week_and_every_manual_copy(tmp_path: Path) -> None:
    folder = tmp_path / "b"
    folder.mkdir()
    start = datetime(2026, 11, 22, 9, 0)
    made = [_fake(folder, start - timedelta(hours=12 * i), "start") for i in range(40)]
    manual = _fake(folder, start - timedelta(days=60), "manual")
    migration = _fake(folder, start - timedelta(days=61), "before-migration")
    doomed = {b.path for b in to_delete(list_backups(folder), daily=3, weekly=2)}
    kept = {b.path for b in made} - doomed
    assert made[0].path in kept
    assert manual.path not in doomed and migration.path not in doomed
    days = {b.made.date() for b in made if b.path in kept}
    assert len(days) <= 3 + 2
    assert len(kept) <= 5


def test_rotation_runs_after_each_backup(demo_file: Path, tmp_path: Path) -> None:
    rules = policy(tmp_path)
    for _ in range(3):
        backups.back_up_now(demo_file, rules, reason="start")
    own = backups.list_database_backups(demo_file, rules).own
    assert len([b for b in own if b.reason == "start"]) == 1


@pytest.mark.parametrize("reason", ["manual", "start", "before-migration", "before-restore"])
def test_restore_from_each_kind_of_backup(demo_file: Path, tmp_path: Path, reason: str) -> None:
    rules = policy(tmp_path)
    made = backup_database(demo_file, rules.folder, reason)
    db = open_database(demo_file)
    with db.transaction() as session:
        session.connection().exec_driver_sql("UPDATE councils SET archived = 1")
    assert list_councils(db) == []
    db.close()
    report = backups.restore_backup(made.path, demo_file, rules)
    assert report.summary.councils == 1
    assert report.previous_kept_as is not None
    assert report.previous_kept_as.path.is_file()
    db = open_database(demo_file)
    try:
        assert len(list_councils(db)) == 1
    finally:
        db.close()
    kept = sqlite3.connect(report.previous_kept_as.path)
    assert kept.execute("SELECT archived FROM councils").fetchone()[0] == 1
    kept.close()


def test_restore_refuses_a_broken_or_foreign_file(demo_file: Path, tmp_path: Path) -> None:
    rules = policy(tmp_path)
    before = demo_file.read_bytes()
    bogus = tmp_path / "kenes-20260101-000000-manual.sqlite3"
    bogus.write_text("not a database")
    with pytest.raises(DomainError, match="cannot be restored"):
        backups.restore_backup(bogus, demo_file, rules)
    newer = backup_database(demo_file, rules.folder, "manual")
    con = sqlite3.connect(newer.path)
    con.execute("UPDATE alembic_version SET version_num = '9999_future'")
    con.commit()
    con.close()
    with pytest.raises(DomainError, match="newer version"):
        backups.restore_backup(newer.path, demo_file, rules)
    with pytest.raises(DomainError, match="does not exist"):
        backups.restore_backup(tmp_path / "missing.sqlite3", demo_file, rules)
    assert demo_file.read_bytes() == before


def test_latest_good_backup_skips_damaged_ones(demo_file: Path, tmp_path: Path) -> None:
    rules = policy(tmp_path)
    good = backup_database(demo_file, rules.folder, "manual", now=datetime(2026, 1, 1, 10))
    bad = backup_database(demo_file, rules.folder, "manual", now=datetime(2026, 1, 2, 10))
    data = bytearray(bad.path.read_bytes())
    data[4096:8192] = b"\xff" * 4096
    bad.path.write_bytes(bytes(data))
    assert backups.latest_good_backup(rules.folder, demo_file) == good


def test_full_integrity_check_finds_damage(demo_file: Path) -> None:
    assert backups.check_database(demo_file, full=True).ok
    con = sqlite3.connect(demo_file)
    con.execute("PRAGMA journal_mode = DELETE")
    con.close()
    data = bytearray(demo_file.read_bytes())
    page = 4096
    data[page * 2 : page * 2 + 200] = b"\x00\x01" * 100
    demo_file.write_bytes(bytes(data))
    assert not backups.check_database(demo_file, full=True).ok


def test_migration_is_preceded_by_a_backup(tmp_path: Path) -> None:
    from app.models.database import upgrade

    path = tmp_path / "old.sqlite3"
    db = open_database(path, migrate=False)
    upgrade(db, "0001_baseline")  # a file written by the first Kenes
    db.close()
    folder = tmp_path / "backups"
    db = open_database(path, backup_dir=folder)
    assert db.revision() == head_revision()
    db.close()
    made = backups.list_database_backups(path, backups.BackupPolicy(folder)).own
    assert [b.reason for b in made] == ["before-migration"]
    old = sqlite3.connect(made[0].path)
    assert old.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001_baseline"
    old.close()
