"""What marks a database as Kenes's own: the identity kept in ``kenes_meta``."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from app.models.database import Database, open_database
from app.models.meta import (
    IDENTITY_KEY,
    SQLITE_APPLICATION_ID,
    ensure_identity,
    is_identity,
    new_identity,
    read_identity,
    write_file_identity,
)


def closed_database(path: Path) -> str:
    """A migrated database on disk, closed, and its identity."""
    db = open_database(path)
    db.close()
    identity = read_identity(path)
    assert identity is not None
    return identity


def test_an_identity_is_32_lowercase_hex_digits() -> None:
    assert is_identity(new_identity())
    assert new_identity() != new_identity()
    for wrong in ("", "A" * 32, "0" * 31, "0" * 33, "g" * 32, None, 42):
        assert not is_identity(wrong)


def test_a_new_database_is_marked_and_identified(db_path: Path) -> None:
    identity = closed_database(db_path)
    con = sqlite3.connect(db_path)
    try:
        assert con.execute("PRAGMA application_id").fetchone()[0] == SQLITE_APPLICATION_ID
        stored = con.execute("SELECT value FROM kenes_meta WHERE key = ?", (IDENTITY_KEY,))
        assert stored.fetchone()[0] == identity
    finally:
        con.close()


def test_reading_the_identity_leaves_the_file_as_it_was(db_path: Path) -> None:
    closed_database(db_path)
    before = db_path.read_bytes()
    read_identity(db_path)
    assert db_path.read_bytes() == before
    assert sorted(p.name for p in db_path.parent.iterdir()) == [db_path.name]


def test_no_identity_can_be_told_of_a_missing_or_foreign_file(tmp_path: Path) -> None:
    assert read_identity(tmp_path / "missing.sqlite3") is None
    text = tmp_path / "notes.txt"
    text.write_text("not a database")
    assert read_identity(text) is None
    other = tmp_path / "other.sqlite3"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE t (x)")
    con.close()
    assert read_identity(other) is None


def test_writing_keeps_an_identity_unless_renewed(db_path: Path) -> None:
    identity = closed_database(db_path)
    assert write_file_identity(db_path) == identity
    renewed = write_file_identity(db_path, renew=True)
    assert renewed != identity and is_identity(renewed)
    assert read_identity(db_path) == renewed


def test_a_damaged_identity_is_replaced_in_the_transaction(database: Database) -> None:
    with database.engine.begin() as connection:
        connection.exec_driver_sql(
            "UPDATE kenes_meta SET value = 'not-an-identity' WHERE key = ?", (IDENTITY_KEY,)
        )
        repaired = ensure_identity(connection)
        assert is_identity(repaired)
        assert ensure_identity(connection) == repaired
