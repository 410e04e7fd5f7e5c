"""The rotation of automatic backups within a size budget, and their order."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from app.models.backup import BackupFile, list_backups, to_delete
from app.services.backups import BackupPolicy, back_up_now, list_database_backups


def fake(folder: Path, when: datetime, reason: str, size: int, counter: int = 0) -> BackupFile:
    part = f"-{counter}" if counter else ""
    path = folder / f"kenes-{when:%Y%m%d-%H%M%S}{part}-{reason}.sqlite3"
    path.write_bytes(b"x" * size)
    return BackupFile(path, when, reason)


def test_the_budget_drops_the_oldest_automatic_copies_first(tmp_path: Path) -> None:
    start = datetime(2026, 12, 4, 9, 0)
    daily = [fake(tmp_path, start - timedelta(days=i), "start", 100) for i in range(7)]
    manual = fake(tmp_path, start - timedelta(days=30), "manual", 1000)
    doomed = {b.path for b in to_delete(list_backups(tmp_path), 7, 8, budget_bytes=350)}
    assert doomed == {b.path for b in daily[3:]}  # three copies fit in 350 bytes
    assert manual.path not in doomed  # copies made by hand are never rotated away
    assert to_delete(list_backups(tmp_path), 7, 8) == []  # without a budget: all seven kept


def test_the_newest_copy_is_kept_whatever_its_size(tmp_path: Path) -> None:
    start = datetime(2026, 12, 4, 9, 0)
    newest = fake(tmp_path, start, "start", 500)
    older = fake(tmp_path, start - timedelta(days=1), "start", 100)
    doomed = to_delete(list_backups(tmp_path), 7, 8, budget_bytes=200)
    assert [b.path for b in doomed] == [older.path]
    assert newest.path.exists()


def test_two_backups_of_the_same_second_are_told_apart_by_their_counter(tmp_path: Path) -> None:
    when = datetime(2026, 12, 4, 9, 0)
    first = fake(tmp_path, when, "start", 1)
    second = fake(tmp_path, when, "start", 1, counter=1)
    assert [b.path for b in list_backups(tmp_path)] == [second.path, first.path]
    assert [b.path for b in to_delete(list_backups(tmp_path), 7, 8)] == [first.path]


def test_back_up_now_keeps_the_automatic_copies_within_the_budget(
    db_path: Path, tmp_path: Path
) -> None:
    from app.models.database import open_database

    open_database(db_path).close()
    policy = BackupPolicy(tmp_path / "backups", daily=7, weekly=8, budget=1)
    folder = back_up_now(db_path, policy, "start").path.parent
    size = db_path.stat().st_size
    older = fake(folder, datetime.now() - timedelta(days=2), "start", size)
    back_up_now(db_path, policy, "start")
    assert not older.path.exists()  # two copies would be twice the database
    assert [b.reason for b in list_database_backups(db_path, policy).own] == ["start"]
