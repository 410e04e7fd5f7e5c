"""Storage failures told apart: only real damage suggests a backup, every message translated."""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from app import i18n
from app.domain.errors import ConnectionLost
from app.models.storage_errors import (
    DAMAGED,
    FULL,
    LOCKED,
    OTHER,
    READ_ONLY,
    CorruptDatabaseError,
    DatabaseLockedError,
    DatabaseOpenError,
    DiskFullError,
    ReadOnlyStorageError,
    classify_storage_error,
    connection_lost,
    open_problem,
    storage_is_read_only,
    storage_problem,
)


def sqlite_error(code: int, text: str = "error") -> sqlite3.OperationalError:
    exc = sqlite3.OperationalError(text)
    exc.sqlite_errorcode = code  # type: ignore[attr-defined]
    return exc


def wrapped(exc: BaseException) -> OperationalError:
    return OperationalError("INSERT INTO people ...", {}, exc)


@pytest.mark.parametrize(
    ("exc", "kind"),
    [
        (sqlite_error(13), FULL),
        (sqlite_error(8), READ_ONLY),
        (sqlite_error(8 | (1 << 8)), READ_ONLY),  # SQLITE_READONLY_RECOVERY: extended code
        (sqlite_error(5), LOCKED),
        (sqlite_error(6), LOCKED),
        (sqlite_error(11), DAMAGED),
        (sqlite_error(26), DAMAGED),
        (OSError(errno.ENOSPC, "No space left on device"), FULL),
        (OSError(errno.EROFS, "Read-only file system"), READ_ONLY),
        (OSError(errno.ENOENT, "No such file"), OTHER),
        (sqlite3.OperationalError("database or disk is full"), FULL),
        (sqlite3.OperationalError("attempt to write a readonly database"), READ_ONLY),
        (sqlite3.OperationalError("database is locked"), LOCKED),
        (sqlite3.DatabaseError("database disk image is malformed"), DAMAGED),
        (sqlite3.OperationalError("no such table: people"), OTHER),
    ],
)
def test_each_failure_is_told_apart_also_through_sqlalchemy(exc: BaseException, kind: str) -> None:
    assert classify_storage_error(exc) == kind
    assert classify_storage_error(wrapped(exc)) == kind


def test_opening_names_what_happened_and_only_damage_suggests_a_backup() -> None:
    cases = {
        13: DiskFullError,
        8: ReadOnlyStorageError,
        5: DatabaseLockedError,
        11: CorruptDatabaseError,
    }
    for code, kind in cases.items():
        problem = open_problem(wrapped(sqlite_error(code, "boom")), "/data/kenes.sqlite3")
        assert type(problem) is kind
        assert "/data/kenes.sqlite3" in str(problem)
        assert ("backup" in str(problem)) == (kind is CorruptDatabaseError)
    other = open_problem(sqlite3.OperationalError("unable to open"), "/data/kenes.sqlite3")
    assert type(other) is DatabaseOpenError
    assert "unable to open" in str(other)


def test_a_failed_write_says_nothing_was_saved_in_the_interface_language() -> None:
    full = wrapped(sqlite_error(13, "database or disk is full"))
    assert "Nothing was saved" in str(storage_problem(full, "kenes.sqlite3"))
    i18n.set_interface_language("ru")
    russian = str(storage_problem(full, "kenes.sqlite3"))
    assert "kenes.sqlite3" in russian and "Nothing" not in russian
    i18n.set_interface_language("kk")
    kazakh = str(storage_problem(wrapped(sqlite_error(5, "database is locked")), "kenes.sqlite3"))
    assert "kenes.sqlite3" in kazakh and "locked" not in kazakh


def test_a_lost_server_connection_is_not_taken_for_a_damaged_file() -> None:
    lost = wrapped(Exception("server closed the connection unexpectedly"))
    assert connection_lost(lost)
    before = storage_problem(lost, "db.example.kz")
    assert isinstance(before, ConnectionLost) and before.repeatable
    assert "Nothing of this action was saved" in str(before)
    # Lost while committing: the server may have saved it, so it is not to be repeated blindly.
    committing = storage_problem(lost, "db.example.kz", committing=True)
    assert isinstance(committing, ConnectionLost) and not committing.repeatable
    assert "cannot tell whether the server saved it" in str(committing)
    assert not connection_lost(wrapped(sqlite_error(11, "database disk image is malformed")))
    invalidated = wrapped(Exception("whatever"))
    invalidated.connection_invalidated = True
    assert connection_lost(invalidated)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes read-only files")
def test_a_read_only_file_or_folder_is_recognised(tmp_path: Path) -> None:
    folder = tmp_path / "share"
    folder.mkdir()
    path = folder / "kenes.sqlite3"
    assert not storage_is_read_only(path)  # no file yet: nothing to say
    path.write_bytes(b"")
    assert not storage_is_read_only(path)
    folder.chmod(0o555)
    try:
        assert storage_is_read_only(path)
    finally:
        folder.chmod(0o755)
