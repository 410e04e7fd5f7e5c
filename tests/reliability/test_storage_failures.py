"""Disk full, read-only storage, a locked database, two windows: a clear message, nothing lost."""

from __future__ import annotations

import errno
import os
import sqlite3
import threading
from pathlib import Path

import pytest
from sqlalchemy import event

from app.domain.errors import DomainError, EnvironmentProblem
from app.models.database import (
    DAMAGED,
    FULL,
    LOCKED,
    READ_ONLY,
    CorruptDatabaseError,
    DatabaseLockedError,
    DatabaseOpenError,
    DiskFullError,
    ReadOnlyStorageError,
    classify_storage_error,
    open_database,
    open_problem,
    storage_is_read_only,
)
from app.services.base import Actor
from app.services.councils import CouncilData, create_council, list_councils, update_council
from app.services.people import PersonData, create_person, list_people

ME = Actor("secretary")


def _pragma_on_connect(db, pragma: str) -> None:  # type: ignore[no-untyped-def]
    @event.listens_for(db.engine, "connect")
    def _set(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        dbapi_connection.execute(pragma)

    db.engine.dispose()  # new connections get the pragma


def test_disk_full_is_explained_and_nothing_is_half_saved(db_path: Path) -> None:
    db = open_database(db_path)
    create_council(db, ME, CouncilData(name_en="Board"))
    pages = sqlite3.connect(db_path).execute("PRAGMA page_count").fetchone()[0]
    _pragma_on_connect(db, f"PRAGMA max_page_count = {pages}")  # SQLite's own SQLITE_FULL
    with pytest.raises(EnvironmentProblem, match=r"disk .* is full"):
        for index in range(200):
            create_person(db, ME, PersonData(surname="Исаев" * 40, note="x" * 4000 + str(index)))
    db.close()
    db = open_database(db_path)
    try:
        assert [c.names["en"] for c in list_councils(db)] == ["Board"]
        assert all(p.note.startswith("x") for p in list_people(db))
    finally:
        db.close()


def test_read_only_storage_is_explained(db_path: Path) -> None:
    db = open_database(db_path)
    _pragma_on_connect(db, "PRAGMA query_only = 1")  # writes refused as on a read-only medium
    with pytest.raises(EnvironmentProblem, match="read-only"):
        create_council(db, ME, CouncilData(name_en="Board"))
    db.close()


def test_data_folder_that_cannot_be_created_is_explained(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(DatabaseOpenError, match="cannot be created"):
        open_database(blocker / "kenes" / "kenes.sqlite3")


def test_a_database_locked_by_another_program_is_explained(db_path: Path) -> None:
    db = open_database(db_path, busy_timeout_ms=200)
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(EnvironmentProblem, match="locked by another program"):
            create_council(db, ME, CouncilData(name_en="Board"))
    finally:
        other.execute("ROLLBACK")
        other.close()
    create_council(db, ME, CouncilData(name_en="Board"))
    assert len(list_councils(db)) == 1
    db.close()


def test_two_windows_on_one_database_work_safely(db_path: Path) -> None:
    """Two Kenes processes (here: two engines) write at once: every write lands, none clobbers."""
    first, second = open_database(db_path), open_database(db_path)
    errors: list[BaseException] = []

    def write(db, prefix: str) -> None:  # type: ignore[no-untyped-def]
        try:
            for index in range(40):
                create_person(db, ME, PersonData(surname=f"{prefix}{index}"))
        except BaseException as exc:
            errors.append(exc)

    threads = [
        threading.Thread(target=write, args=(first, "A")),
        threading.Thread(target=write, args=(second, "B")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(list_people(first)) == 80
    council = create_council(first, ME, CouncilData(name_en="Board"))
    update_council(second, ME, council.id, CouncilData(name_en="Renamed"), council.version)
    with pytest.raises(DomainError, match="changed by someone else"):
        update_council(first, ME, council.id, CouncilData(name_en="Other"), council.version)
    first.close()
    second.close()


# Issue 14, finding 7: disk full, read-only storage and locks are not "damaged" (no backup).


def _kenes_file(db_path: Path) -> bytes:
    db = open_database(db_path)
    create_council(db, ME, CouncilData(name_en="Board"))
    db.close()
    return db_path.read_bytes()


def _real_error(make) -> sqlite3.Error:  # type: ignore[no-untyped-def]
    with pytest.raises(sqlite3.Error) as caught:
        make()
    return caught.value


def test_real_sqlite_failures_are_told_apart(tmp_path: Path, db_path: Path) -> None:
    before = _kenes_file(db_path)
    ro = sqlite3.connect(db_path.resolve().as_uri() + "?mode=ro", uri=True)
    readonly = _real_error(lambda: ro.execute("INSERT INTO kenes_meta VALUES ('x', 'y')"))
    ro.close()
    scratch = sqlite3.connect(tmp_path / "scratch.sqlite3", isolation_level=None)
    scratch.execute("CREATE TABLE t (v TEXT)")
    pages = scratch.execute("PRAGMA page_count").fetchone()[0]
    scratch.execute(f"PRAGMA max_page_count = {pages}")
    full = _real_error(lambda: scratch.execute("INSERT INTO t VALUES (?)", ("x" * 100_000,)))
    scratch.close()
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("UPDATE kenes_meta SET value = value")
    waiter = sqlite3.connect(db_path, timeout=0.1)
    busy = _real_error(lambda: waiter.execute("SELECT count(*) FROM sqlite_master").fetchall())
    waiter.close()
    holder.execute("ROLLBACK")
    holder.close()
    text = tmp_path / "notes.sqlite3"
    text.write_text("not a database, just notes\n" * 100)
    notadb = _real_error(lambda: sqlite3.connect(text).execute("SELECT * FROM sqlite_master"))

    assert [classify_storage_error(e) for e in (readonly, full, busy, notadb)] == [
        READ_ONLY,
        FULL,
        LOCKED,
        DAMAGED,
    ]
    assert classify_storage_error(OSError(errno.ENOSPC, "No space left on device")) == FULL
    assert classify_storage_error(OSError(errno.EROFS, "Read-only file system")) == READ_ONLY
    assert classify_storage_error(OSError(errno.EACCES, "Permission denied")) == READ_ONLY

    where = str(db_path)
    problems = {kind: open_problem(exc, where) for kind, exc in (("ro", readonly), ("full", full))}
    problems["busy"] = open_problem(busy, where)
    problems["bad"] = open_problem(notadb, where)
    assert isinstance(problems["ro"], ReadOnlyStorageError)
    assert isinstance(problems["full"], DiskFullError)
    assert isinstance(problems["busy"], DatabaseLockedError)
    assert isinstance(problems["bad"], CorruptDatabaseError)
    assert "read-only" in problems["ro"].message()
    assert "full" in problems["full"].message() and "free some space" in problems["full"].message()
    assert "another program" in problems["busy"].message()
    for kind in ("ro", "full", "busy"):  # only real damage suggests a backup
        assert "backup" not in problems[kind].message()
        assert "not damaged" in problems[kind].message()
    assert "restore it from a backup" in problems["bad"].message()
    assert db_path.read_bytes() == before


def test_a_database_locked_at_open_is_not_called_damaged(db_path: Path) -> None:
    before = _kenes_file(db_path)
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("SELECT count(*) FROM kenes_meta").fetchall()
    try:
        with pytest.raises(DatabaseLockedError) as caught:
            open_database(db_path, busy_timeout_ms=100)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert "another program" in caught.value.message()
    assert "backup" not in caught.value.message()
    assert db_path.read_bytes() == before


def test_read_only_storage_opens_read_only_and_refuses_writes(db_path: Path) -> None:
    before = _kenes_file(db_path)
    db_path.chmod(0o444)
    db_path.parent.chmod(0o555)
    try:
        # As root, chmod does not stop writes, so the read-only path is asked for directly
        # when the OS says the folder is writable (a real user gets it from os.access).
        ask = None if not os.access(db_path.parent, os.W_OK) else True
        db = open_database(db_path, read_only=ask)
        try:
            assert db.read_only
            assert [c.names["en"] for c in list_councils(db)] == ["Board"]  # reading works
            with pytest.raises(EnvironmentProblem) as caught:
                create_council(db, ME, CouncilData(name_en="Other"))
            assert "Reading, exporting and printing still work" in caught.value.message()
            assert "backup" not in caught.value.message()
        finally:
            db.close()
        assert db_path.read_bytes() == before
    finally:
        db_path.parent.chmod(0o755)
        db_path.chmod(0o644)


def test_read_only_storage_is_detected_for_a_normal_user(db_path: Path) -> None:
    _kenes_file(db_path)
    assert not storage_is_read_only(db_path)
    db_path.chmod(0o444)
    try:
        if os.geteuid() == 0:
            pytest.skip("root writes to read-only files; the open path is tested above")
        assert storage_is_read_only(db_path)
    finally:
        db_path.chmod(0o644)


def test_storage_messages_are_translated_and_only_damage_suggests_a_backup(db_path: Path) -> None:
    from app import i18n

    where = str(db_path)
    kinds = [
        (OSError(errno.ENOSPC, "full"), "диск", "Диск"),
        (OSError(errno.EROFS, "ro"), "тек оқуға", "только для чтения"),
        (sqlite3.OperationalError("database is locked"), "бұғаттаған", "заблокирована"),
    ]
    for exc, kk_word, ru_word in kinds:
        problem = open_problem(exc, where)
        kk = problem.message(i18n.translations("kk"))
        ru = problem.message(i18n.translations("ru"))
        assert kk_word in kk and where in kk and "сақтық көшірме" not in kk
        assert ru_word in ru and where in ru and "резервн" not in ru
    damaged = open_problem(sqlite3.DatabaseError("file is not a database"), where)
    assert "сақтық көшірме" in damaged.message(i18n.translations("kk"))
    assert "резервной копии" in damaged.message(i18n.translations("ru"))


def test_the_start_up_backup_of_a_read_only_archive_writes_nothing_beside_it(
    tmp_path: Path,
) -> None:
    """On a read-only disk the backup at start reads the file without making -wal/-shm."""
    from app.services.backups import BackupPolicy, back_up_now, summarize

    db_path = tmp_path / "medium" / "kenes.sqlite3"
    db_path.parent.mkdir()
    before = _kenes_file(db_path)
    db_path.chmod(0o444)
    db_path.parent.chmod(0o555)
    try:
        # As root the folder stays writable, so the application's answer (the database
        # was opened read-only) is given directly, as the desktop passes it.
        ask = None if not os.access(db_path.parent, os.W_OK) else True
        made = back_up_now(db_path, BackupPolicy(tmp_path / "backups"), "start", read_only=ask)
        beside = sorted(p.name for p in db_path.parent.iterdir())
        assert beside == [db_path.name]  # no -wal, no -shm was created on the medium
        assert db_path.read_bytes() == before
        assert summarize(made.path).councils == 1
    finally:
        db_path.parent.chmod(0o755)
        db_path.chmod(0o644)
