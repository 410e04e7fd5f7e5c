"""What tells that a database changed: the file's stamp, the remembered clean check, the marker."""

from __future__ import annotations

import json
import os
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from app.models.backup import backup_database
from app.models.changes import CheckMemory, content_marker, stamp_of
from app.models.database import CorruptDatabaseError, open_database
from app.services.base import SYSTEM
from app.services.people import PersonData, create_person, list_people


def closed_database(path: Path) -> Path:
    """A migrated Kenes database at ``path``, closed (as between two starts)."""
    open_database(path).close()
    return path


def damage(path: Path) -> None:
    """Overwrite two pages in the middle of the file, as a failing disk would."""
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode = DELETE")
    con.close()
    data = bytearray(path.read_bytes())
    data[4096 * 2 : 4096 * 4] = b"\xa5" * 8192
    path.write_bytes(bytes(data))


def test_reading_and_backing_up_leave_the_stamp_as_it_was(db_path: Path, tmp_path: Path) -> None:
    closed_database(db_path)
    before = stamp_of(db_path)
    db = open_database(db_path)
    list_people(db)
    db.close()
    backup_database(db_path, tmp_path / "backups", "start")
    assert stamp_of(db_path) == before


def test_a_write_changes_the_stamp(db_path: Path) -> None:
    closed_database(db_path)
    before = stamp_of(db_path)
    db = open_database(db_path)
    create_person(db, SYSTEM, PersonData(surname="Сейтқали"))
    assert stamp_of(db_path) != before  # the -wal holds the change
    db.close()
    assert stamp_of(db_path) != before  # written back into the file


def test_resetting_the_modification_time_does_not_hide_a_change(db_path: Path) -> None:
    closed_database(db_path)
    before = stamp_of(db_path)
    assert before is not None
    con = sqlite3.connect(db_path)
    con.execute("UPDATE kenes_meta SET value = value WHERE key = 'application'")
    con.commit()
    con.close()
    os.utime(db_path, ns=(before.modified_ns, before.modified_ns))
    assert stamp_of(db_path) != before  # the status-change time is the system's


def test_a_clean_check_is_remembered_until_the_file_changes(db_path: Path, tmp_path: Path) -> None:
    closed_database(db_path)
    memory = CheckMemory(tmp_path / "state" / "checks.json")
    assert not memory.unchanged_since_clean_check(db_path)
    assert memory.remember_clean(db_path, stamp_of(db_path))
    assert memory.unchanged_since_clean_check(db_path)
    db = open_database(db_path)
    create_person(db, SYSTEM, PersonData(surname="Сейтқали"))
    db.close()
    assert not memory.unchanged_since_clean_check(db_path)


def test_a_check_is_repeated_after_a_week_even_without_changes(
    db_path: Path, tmp_path: Path
) -> None:
    closed_database(db_path)
    memory = CheckMemory(tmp_path / "checks.json")
    memory.remember_clean(db_path, stamp_of(db_path), now=datetime(2026, 12, 1, 9, 0))
    assert memory.unchanged_since_clean_check(db_path, now=datetime(2026, 12, 7, 9, 0))
    assert not memory.unchanged_since_clean_check(db_path, now=datetime(2026, 12, 8, 9, 0))


def test_a_copy_elsewhere_is_checked_on_its_own(db_path: Path, tmp_path: Path) -> None:
    closed_database(db_path)
    memory = CheckMemory(tmp_path / "checks.json")
    memory.remember_clean(db_path, stamp_of(db_path))
    copy = tmp_path / "copy.sqlite3"
    copy.write_bytes(db_path.read_bytes())
    os.utime(copy, ns=(os.stat(db_path).st_atime_ns, os.stat(db_path).st_mtime_ns))
    assert not memory.unchanged_since_clean_check(copy)  # same identity, another file


def test_a_file_that_changed_during_the_check_is_not_remembered(
    db_path: Path, tmp_path: Path
) -> None:
    closed_database(db_path)
    memory = CheckMemory(tmp_path / "checks.json")
    before = stamp_of(db_path)
    db = open_database(db_path)
    create_person(db, SYSTEM, PersonData(surname="Сейтқали"))
    db.close()
    assert not memory.remember_clean(db_path, before)
    assert not (tmp_path / "checks.json").exists()


@pytest.mark.parametrize("text", ["", "not json", "[1, 2]", '{"x": 1}'])
def test_an_unreadable_memory_only_means_checking_again(
    db_path: Path, tmp_path: Path, text: str
) -> None:
    closed_database(db_path)
    (tmp_path / "checks.json").write_text(text)
    memory = CheckMemory(tmp_path / "checks.json")
    assert not memory.unchanged_since_clean_check(db_path)
    assert memory.remember_clean(db_path, stamp_of(db_path))
    assert memory.unchanged_since_clean_check(db_path)


def _checked_at(memory: CheckMemory) -> str:
    (entry,) = json.loads(memory.file.read_text()).values()
    return str(entry["checked"])


def test_open_skips_the_quick_check_of_an_unchanged_file(db_path: Path, tmp_path: Path) -> None:
    closed_database(db_path)
    memory = CheckMemory(tmp_path / "checks.json")
    open_database(db_path, check_memory=memory).close()  # checked, and remembered
    data = json.loads(memory.file.read_text())
    old = (datetime.now() - timedelta(days=3)).isoformat(timespec="seconds")
    for entry in data.values():
        entry["checked"] = old
    memory.file.write_text(json.dumps(data))
    again = open_database(db_path, check_memory=memory)
    assert not again.needs_check
    again.close()
    assert _checked_at(memory) == old  # no check ran: nothing new was noted


def test_open_still_finds_a_damaged_file_whose_times_were_reset(
    db_path: Path, tmp_path: Path
) -> None:
    closed_database(db_path)
    memory = CheckMemory(tmp_path / "checks.json")
    open_database(db_path, check_memory=memory).close()
    before = stamp_of(db_path)
    assert before is not None and memory.unchanged_since_clean_check(db_path)
    damage(db_path)
    os.utime(db_path, ns=(before.modified_ns, before.modified_ns))
    with pytest.raises(CorruptDatabaseError):
        open_database(db_path, check_memory=memory)


def test_a_backup_carries_the_marker_of_what_it_was_made_from(
    db_path: Path, tmp_path: Path
) -> None:
    closed_database(db_path)
    db = open_database(db_path)
    create_person(db, SYSTEM, PersonData(surname="Сейтқали"))
    marker = content_marker(db_path)  # read while the database is open, as at start
    made = backup_database(db_path, tmp_path / "backups", "start")
    assert marker is not None and marker.audit_seq is not None and marker.audit_hash
    assert content_marker(made.path) == marker
    create_person(db, SYSTEM, PersonData(surname="Ахметова"))
    changed = content_marker(db_path)
    db.close()
    assert changed is not None and changed != marker
    assert changed.audit_seq == marker.audit_seq + 1


def test_no_marker_for_a_file_that_is_not_a_kenes_database(tmp_path: Path) -> None:
    assert content_marker(tmp_path / "missing.sqlite3") is None
    other = tmp_path / "other.sqlite3"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE t (x)")
    con.close()
    assert content_marker(other) is None
