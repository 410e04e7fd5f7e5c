"""Backups of different databases never destroy each other (issue 14, finding 4).

Each database has an identity; its backups go to a folder of its own, rotate there
only, and a backup of another database is restored only when forced.
"""

from __future__ import annotations

import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from app.cli import main
from app.models.backup import backup_database, backups_of
from app.models.database import open_database
from app.models.meta import IDENTITY_KEY, read_identity
from app.services import backups
from app.services.base import SYSTEM
from app.services.councils import list_councils
from app.services.demo import create_demo


def make_database(path: Path, *, demo: bool = True) -> Path:
    db = open_database(path)
    if demo:
        create_demo(db, SYSTEM)
    db.close()
    return path


def snapshot(path: Path) -> tuple[bytes, bool]:
    return path.read_bytes(), Path(f"{path}-wal").exists()


def kenes(argv: list[str]) -> int:
    """The real command line, in English."""
    return main(["--lang", "en", *argv])


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return tmp_path / "backups"


def test_every_database_gets_an_identity_at_open(tmp_path: Path) -> None:
    first = make_database(tmp_path / "a.sqlite3", demo=False)
    second = make_database(tmp_path / "b.sqlite3", demo=False)
    identity = read_identity(first)
    assert identity is not None and read_identity(second) not in (None, identity)
    make_database(first, demo=False)  # opening again keeps it
    assert read_identity(first) == identity


def test_two_databases_backing_up_the_same_day_keep_each_others_backups(
    tmp_path: Path, root: Path
) -> None:
    main_file = make_database(tmp_path / "main.sqlite3")
    laptop = make_database(tmp_path / "laptop.sqlite3", demo=False)
    policy = backups.BackupPolicy(root, daily=1, weekly=1)
    archive = backups.back_up_now(main_file, policy, "start")
    for _ in range(3):  # the second database starts three times the same day
        backups.back_up_now(laptop, policy, "start")
    assert archive.path.is_file()
    assert backups.list_database_backups(main_file, policy).own == [archive]
    theirs = backups.list_database_backups(laptop, policy).own
    assert len(theirs) == 1 and archive not in theirs
    # "restore the newest good backup" offers each database only its own
    assert backups.latest_good_backup(root, main_file) == archive
    assert backups.latest_good_backup(root, laptop) == theirs[0]


def test_a_copied_database_becomes_a_database_of_its_own_at_its_first_backup(
    tmp_path: Path, root: Path
) -> None:
    main_file = make_database(tmp_path / "main.sqlite3")
    assert kenes(["--db", str(main_file), "backup", "--to", str(root)]) == 0
    copy = tmp_path / "laptop" / "kenes.sqlite3"
    copy.parent.mkdir()
    shutil.copy(main_file, copy)
    assert read_identity(copy) == read_identity(main_file)
    for _ in range(2):
        assert kenes(["--db", str(copy), "backup", "--to", str(root)]) == 0
    assert read_identity(copy) not in (None, read_identity(main_file))
    policy = backups.BackupPolicy(root)
    assert len(backups.list_database_backups(main_file, policy).own) == 1
    assert len(backups.list_database_backups(copy, policy).own) == 2


def test_restore_refuses_a_backup_of_another_database(
    tmp_path: Path, root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = make_database(tmp_path / "other.sqlite3")
    foreign = backups.back_up_now(other, backups.BackupPolicy(root))
    ours = make_database(tmp_path / "ours.sqlite3", demo=False)
    before = snapshot(ours)
    folders_before = sorted(p.name for p in root.rglob("*"))
    code = kenes(["--db", str(ours), "restore", str(foreign.path), "--to", str(root)])
    assert code == 2
    err = capsys.readouterr().err
    assert f"{foreign.path} is a backup of another database, not of {ours}" in err
    assert "--force" in err
    assert snapshot(ours) == before
    assert sorted(p.name for p in root.rglob("*")) == folders_before  # nothing kept or written
    with pytest.raises(backups.OtherDatabaseBackup):
        backups.restore_backup(foreign.path, ours, backups.BackupPolicy(root))
    assert snapshot(ours) == before


def test_a_forced_restore_of_another_databases_backup_works(
    tmp_path: Path, root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = make_database(tmp_path / "other.sqlite3")
    foreign = backups.back_up_now(other, backups.BackupPolicy(root))
    ours = make_database(tmp_path / "ours.sqlite3", demo=False)
    own_identity = read_identity(ours)
    code = kenes(["--db", str(ours), "restore", str(foreign.path), "--to", str(root), "--force"])
    assert code == 0, capsys.readouterr().err
    db = open_database(ours)
    try:
        assert len(list_councils(db)) == 1
    finally:
        db.close()
    assert own_identity is not None
    kept = backups_of(root, own_identity)
    assert [b.reason for b in kept] == ["before-restore"]  # the replaced database, in its folder


def test_backups_from_before_identities_stay_listed_and_restorable(
    tmp_path: Path, root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ours = make_database(tmp_path / "ours.sqlite3")
    old = backup_database(ours, root, "start", now=datetime(2026, 1, 5, 9))
    con = sqlite3.connect(old.path)  # as an older Kenes wrote it: no identity inside
    con.execute("DELETE FROM kenes_meta WHERE key = ?", (IDENTITY_KEY,))
    con.commit()
    con.close()
    backups.back_up_now(ours, backups.BackupPolicy(root))
    assert kenes(["--db", str(ours), "backups", "--to", str(root)]) == 0
    out = capsys.readouterr().out
    own, before_identities = out.split("Older backups that do not say which database")
    assert "manual" in own and str(old.path) in before_identities
    assert kenes(["--db", str(ours), "restore", str(old.path), "--to", str(root)]) == 0
    # the restored file has no identity yet; its next open gives it one
    make_database(ours, demo=False)
    assert read_identity(ours) is not None


def test_a_damaged_database_is_not_offered_another_databases_backup(
    tmp_path: Path, root: Path
) -> None:
    """A database that cannot tell its identity is offered only backups from before identities."""
    ours = make_database(tmp_path / "ours.sqlite3")
    other = make_database(tmp_path / "other.sqlite3")
    backups.back_up_now(other, backups.BackupPolicy(root))
    ours.write_bytes(b"SQLite format 3\x00" + b"\xa5" * 8192)
    assert backups.latest_good_backup(root, ours) is None
