"""Disk full, read-only storage, a locked database, two windows: a clear message, nothing lost."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from sqlalchemy import event

from app.domain.errors import DomainError, EnvironmentProblem
from app.models.database import DatabaseOpenError, open_database
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
