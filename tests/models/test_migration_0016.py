"""Migration 0016: the index of the open instructions by deadline, made once, kept on re-run."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command

from app.models.database import alembic_config, head_revision, open_database

INDEX = "ix_protocol_instructions_open_deadline"


def index_sql(path: Path) -> str | None:
    con = sqlite3.connect(path)
    try:
        row = con.execute("SELECT sql FROM sqlite_master WHERE name = ?", (INDEX,)).fetchone()
        return row[0] if row else None
    finally:
        con.close()


def _to(path: Path, revision: str, *, stamp: bool = False) -> None:
    db = open_database(path, migrate=False)
    try:
        cfg = alembic_config()
        with db.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            if stamp:
                command.stamp(cfg, revision)
            else:
                command.downgrade(cfg, revision)
    finally:
        db.close()


def test_down_and_up_again(tmp_path: Path) -> None:
    path = tmp_path / "kenes.sqlite3"
    open_database(path).close()
    made = index_sql(path)
    assert made is not None and "WHERE state = 'open'" in made
    _to(path, "0015_postgres_search")
    assert index_sql(path) is None
    db = open_database(path)
    try:
        assert db.revision() == head_revision()
    finally:
        db.close()
    assert index_sql(path) == made


def test_an_index_already_there_is_kept(tmp_path: Path) -> None:
    """Idempotent: stamped back, the upgrade runs again over the index it made."""
    path = tmp_path / "kenes.sqlite3"
    open_database(path).close()
    _to(path, "0015_postgres_search", stamp=True)
    open_database(path).close()
    assert index_sql(path) is not None
