"""Opening databases: migrations on an empty file, and refusals that leave files untouched."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from app import i18n
from app.models.database import (
    CorruptDatabaseError,
    DatabaseOpenError,
    NewerSchemaError,
    NotKenesDatabaseError,
    alembic_config,
    head_revision,
    known_revisions,
    open_database,
)
from app.models.meta import SQLITE_APPLICATION_ID


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def schema(path: Path) -> list[tuple[str, str]]:
    con = sqlite3.connect(path)
    try:
        return sorted(con.execute("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL"))
    finally:
        con.close()


def test_migrations_create_the_schema_on_an_empty_file(db_path: Path) -> None:
    db = open_database(db_path)
    try:
        assert db.revision() == head_revision()
    finally:
        db.close()
    con = sqlite3.connect(db_path)
    assert con.execute("PRAGMA application_id").fetchone()[0] == SQLITE_APPLICATION_ID
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert ("application", "kenes") in con.execute("SELECT key, value FROM kenes_meta").fetchall()
    con.close()


def test_running_migrations_again_changes_nothing(db_path: Path) -> None:
    open_database(db_path).close()
    before = schema(db_path)
    con = sqlite3.connect(db_path)
    rows_before = con.execute("SELECT * FROM kenes_meta ORDER BY key").fetchall()
    con.close()
    db = open_database(db_path)
    assert db.revision() == head_revision()
    db.close()
    assert schema(db_path) == before
    con = sqlite3.connect(db_path)
    assert con.execute("SELECT * FROM kenes_meta ORDER BY key").fetchall() == rows_before
    con.close()


def test_sessions_enforce_foreign_keys_and_wal(database) -> None:  # type: ignore[no-untyped-def]
    with database.reading() as session:
        conn = session.connection()
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000


def _newer_database(path: Path) -> None:
    open_database(path).close()
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode = DELETE")
    con.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    con.commit()
    con.close()


def test_newer_schema_is_refused_and_left_byte_identical(db_path: Path) -> None:
    _newer_database(db_path)
    before = digest(db_path)
    siblings = set(db_path.parent.iterdir())
    with pytest.raises(NewerSchemaError) as info:
        open_database(db_path)
    assert "9999_from_the_future" in info.value.message()
    assert digest(db_path) == before
    assert set(db_path.parent.iterdir()) == siblings


def test_refusal_is_worded_in_the_interface_language(db_path: Path) -> None:
    _newer_database(db_path)
    with pytest.raises(NewerSchemaError) as info:
        open_database(db_path)
    assert "newer version of Kenes" in info.value.message()
    assert "жаңарақ нұсқасы" in info.value.message(i18n.translations("kk"))
    assert "более новой версией" in info.value.message(i18n.translations("ru"))


def test_a_text_file_is_not_a_kenes_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_text("minutes of the meeting\n" * 100, encoding="utf-8")
    before = digest(path)
    with pytest.raises(NotKenesDatabaseError):
        open_database(path)
    assert digest(path) == before


def test_another_programs_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT)")
    con.execute("INSERT INTO contacts (name) VALUES ('Aigerim')")
    con.commit()
    con.close()
    before = digest(path)
    with pytest.raises(NotKenesDatabaseError):
        open_database(path)
    assert digest(path) == before


def test_a_corrupt_file_is_refused_and_left_untouched(db_path: Path) -> None:
    open_database(db_path).close()
    con = sqlite3.connect(db_path)
    con.execute("PRAGMA journal_mode = DELETE")
    con.close()
    data = bytearray(db_path.read_bytes())
    data[100:] = bytes((b * 7 + 13) % 256 for b in data[100:])  # keep the header, ruin the pages
    db_path.write_bytes(bytes(data))
    before = digest(db_path)
    with pytest.raises((CorruptDatabaseError, NotKenesDatabaseError)):
        open_database(db_path)
    assert digest(db_path) == before


def test_an_empty_file_becomes_a_new_database(db_path: Path) -> None:
    db_path.write_bytes(b"")
    db = open_database(db_path)
    assert db.revision() == head_revision()
    db.close()


def test_a_url_that_cannot_be_parsed_is_refused() -> None:
    with pytest.raises(DatabaseOpenError):
        open_database("postgresql://user@:not-a-port/x")


def test_sqlite_url_and_plain_path_name_the_same_file(db_path: Path) -> None:
    db = open_database(f"sqlite:///{db_path}")
    assert db.display_name == str(db_path)
    db.close()
    assert open_database(str(db_path)).display_name == str(db_path)


def test_migrations_match_the_models(database) -> None:  # type: ignore[no-untyped-def]
    """Every mapped table and column exists as the migrations made it (no forgotten migration)."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    import app.models.registry  # noqa: F401
    from app.models.base import Base

    with database.engine.connect() as conn:
        def ours(name: str | None, type_: str, _parents: object) -> bool:
            # The full-text index (FTS5 and its shadow tables) is made by SQL in a migration.
            return not (type_ == "table" and (name or "").startswith("search_index"))

        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_name": ours}
        )
        assert compare_metadata(context, Base.metadata) == []


def test_first_open_is_marked_as_created(db_path: Path) -> None:
    first = open_database(db_path)
    assert first.created
    first.close()
    again = open_database(db_path)
    assert not again.created
    again.close()


def test_the_revisions_read_from_the_files_are_alembic_s() -> None:
    """Start-up reads the revisions from the migration files; Alembic must agree."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    assert head_revision() == script.get_current_head()
    assert known_revisions() == {rev.revision for rev in script.walk_revisions()}


def test_a_large_file_opens_without_the_quick_check(db_path: Path) -> None:
    first = open_database(db_path)
    assert not first.needs_check
    first.close()
    again = open_database(db_path, quick_check_max_bytes=0)  # every file counts as large
    assert again.needs_check
    assert again.revision() == head_revision()
    again.close()
