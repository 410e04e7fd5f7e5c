"""Migration 0011 on data: the audit trail written before is chained, signed meetings sealed."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command

from app.models.database import alembic_config, head_revision, open_database
from app.services.integrity.chain import link_unchained
from app.services.integrity.seal_meeting import seal_unsealed
from app.services.integrity.verify import verify_record
from tests.services.seal_helpers import copy_of, make_signed


@pytest.fixture(scope="module")
def signed_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_signed(tmp_path_factory.mktemp("migration-0011"))


def at_revision(path: Path, revision: str) -> None:
    """The file taken back to ``revision`` (its meetings, votes and audit trail kept)."""
    db = open_database(path, migrate=False)
    try:
        cfg = alembic_config()
        with db.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, revision)
    finally:
        db.close()


def columns(path: Path, table: str) -> set[str]:
    con = sqlite3.connect(path)
    try:
        return {row[1] for row in con.execute(f"PRAGMA table_info({table})")}
    finally:
        con.close()


@pytest.mark.parametrize("revision", ["0010_frozen_profiles", "0009_regulation_acts"])
def test_an_older_database_is_chained_and_sealed(
    signed_file: Path, tmp_path: Path, revision: str
) -> None:
    path = copy_of(signed_file, tmp_path / "kenes.sqlite3")
    at_revision(path, revision)
    assert "seq" not in columns(path, "audit_events")
    db = open_database(path)  # migrates to the head
    try:
        assert db.revision() == head_revision()
        found = verify_record(db)
        assert found.ok, [f.message() for f in found.findings]
        assert found.seals == 1 and found.events > 20
        with db.engine.begin() as conn:  # idempotent: nothing is left to chain or seal
            assert link_unchained(conn) == 0
            assert seal_unsealed(conn, "test") == 0
    finally:
        db.close()
    con = sqlite3.connect(path)
    try:
        seqs = [row[0] for row in con.execute("SELECT seq FROM audit_events ORDER BY id")]
        anchor = con.execute("SELECT anchor_seq FROM protocol_seals").fetchone()[0]
    finally:
        con.close()
    assert seqs == list(range(1, len(seqs) + 1))  # in the order they were written
    assert anchor == seqs[-1]
