"""Migration 0012: the tables of electronic signatures and trust, made once, kept on re-run."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command

from app.models.database import alembic_config, head_revision, open_database

TABLES = {"signed_documents", "electronic_signatures", "trust_roots", "revocation_lists"}


def tables(path: Path) -> set[str]:
    con = sqlite3.connect(path)
    try:
        return {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        con.close()


def test_down_and_up_again(tmp_path: Path) -> None:
    path = tmp_path / "kenes.sqlite3"
    open_database(path).close()
    assert tables(path) >= TABLES
    db = open_database(path, migrate=False)
    try:
        cfg = alembic_config()
        with db.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0011_record_integrity")
    finally:
        db.close()
    assert not TABLES & tables(path)
    db = open_database(path)
    try:
        assert db.revision() == head_revision()
    finally:
        db.close()
    assert tables(path) >= TABLES


def test_tables_already_there_are_kept(tmp_path: Path) -> None:
    """Idempotent: stamped back, the upgrade runs again over the tables it made."""
    path = tmp_path / "kenes.sqlite3"
    open_database(path).close()
    db = open_database(path, migrate=False)
    try:
        cfg = alembic_config()
        with db.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.stamp(cfg, "0011_record_integrity")
            command.upgrade(cfg, "0012_electronic_signatures")
    finally:
        db.close()
    assert tables(path) >= TABLES
