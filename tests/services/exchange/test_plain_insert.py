"""app/services/exchange/plain_insert.py: rows through the driver, as SQLAlchemy's Core sends them.

The same rows, values and ids as the Core's insert, on real SQLite files; rows whose
defaults SQLAlchemy computes for each row are left to the Core.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    create_engine,
    insert,
    text,
)

from app.models.database import open_database
from app.services.base import SYSTEM
from app.services.exchange import merge_write
from app.services.exchange.apply_import import import_at_once
from app.services.exchange.plain_insert import insert_plain
from tests.services.exchange.exchange_helpers import exported_archive
from tests.services.exchange.test_apply_import_at_once import TINY, seals_of

METADATA = MetaData()
THINGS = Table(
    "things",
    METADATA,
    Column("id", Integer, primary_key=True),
    Column("uid", String(32), nullable=False),
    Column("at", DateTime),
    Column("day", Date),
    Column("frozen", JSON),
    Column("flag", Boolean, nullable=False, default=False),
    Column("version", Integer, nullable=False, default=1),
    Column("made", DateTime, default=lambda: datetime(2026, 1, 1)),
)


def engine_at(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}")
    METADATA.create_all(engine)
    return engine


def rows_in(engine: Engine) -> list[tuple[Any, ...]]:
    with engine.connect() as connection:
        return [tuple(r) for r in connection.execute(text("SELECT * FROM things ORDER BY id"))]


def both_ways(tmp_path: Path, rows: list[dict[str, Any]]) -> tuple[list[Any], list[Any]]:
    """The rows in a file of their own through the driver, and in another through the Core."""
    plain, core = engine_at(tmp_path / "plain.sqlite3"), engine_at(tmp_path / "core.sqlite3")
    with plain.begin() as connection:
        assert insert_plain(connection, THINGS, rows)
    with core.begin() as connection:
        connection.execute(insert(THINGS), rows)
    return rows_in(plain), rows_in(core)


ROWS = [
    {
        "uid": f"{n:032x}",
        "at": datetime(2026, 12, 5, 10, n, 30, 123456),
        "day": date(2026, 12, n + 1),
        "frozen": {"ballots": {"a" * 32: "for"}, "n": n, "text": "Қазақ тілі"} if n else None,
        "flag": bool(n % 2),
        "made": datetime(2026, 12, 5, tzinfo=UTC) if n else None,
    }
    for n in range(5)
]


@pytest.mark.parametrize("left_out", [(), ("flag", "version"), ("frozen", "at", "flag")])
def test_rows_go_in_as_the_core_puts_them(tmp_path: Path, left_out: tuple[str, ...]) -> None:
    """A constant default (``flag``, ``version``) is sent as the Core sends it; the values
    are converted by their types (a moment, a date, JSON, a truth value, None)."""
    rows = [{k: v for k, v in row.items() if k not in left_out} for row in ROWS]
    found, by_core = both_ways(tmp_path, rows)
    assert len(found) == len(ROWS) and found == by_core


def test_equal_moments_at_two_offsets_go_in_as_the_core_puts_each(tmp_path: Path) -> None:
    """A moment is converted once per moment and offset: the same moment given at another
    offset is written as the Core writes it, not as the first one was."""
    noon = datetime(2026, 12, 5, 10, 0, tzinfo=UTC)
    rows = [{**ROWS[1], "at": at} for at in (noon, noon.astimezone(timezone(timedelta(hours=5))))]
    rows.append({**ROWS[1], "at": noon})
    found, by_core = both_ways(tmp_path, rows)
    assert found == by_core and found[0][2] != found[1][2] and found[0][2] == found[2][2]


def test_a_default_computed_for_each_row_is_left_to_the_core(tmp_path: Path) -> None:
    rows = [{k: v for k, v in row.items() if k != "made"} for row in ROWS]
    engine = engine_at(tmp_path / "plain.sqlite3")
    with engine.begin() as connection:
        assert not insert_plain(connection, THINGS, rows)
        assert not insert_plain(connection, THINGS, [])
    assert rows_in(engine) == []


def test_an_import_writes_through_the_driver_what_the_core_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every table of an imported archive, row by row, ids included."""
    exported = exported_archive(tmp_path, TINY, "tiny")
    plain = open_database(tmp_path / "plain.sqlite3")
    import_at_once(plain, SYSTEM, exported)
    monkeypatch.setattr(merge_write, "insert_plain", lambda *_args: False)
    core = open_database(tmp_path / "core.sqlite3")
    import_at_once(core, SYSTEM, exported)
    try:
        found = [table_rows(db) for db in (plain, core)]
        assert found[0]["ballots"] and found[0] == found[1]
        assert seals_of(plain) == seals_of(core)
    finally:
        plain.close()
        core.close()


def table_rows(db: Any) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows in order (the search index's too), but the moments of the import's
    audit event and seals, and the identity of the database file."""
    with db.reading() as session:
        conn = session.connection()
        names = [
            r[0]
            for r in conn.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN "
                "('audit_events', 'protocol_seals', 'kenes_meta') AND name NOT LIKE 'sqlite_%' "
                "AND name NOT LIKE 'search_index_%'"
            )
        ]
        return {
            name: [tuple(r) for r in conn.exec_driver_sql(f'SELECT * FROM "{name}" ORDER BY rowid')]
            for name in names
        }
