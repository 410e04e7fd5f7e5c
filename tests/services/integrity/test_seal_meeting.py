"""seal_meeting: a signed revision sealed once, anchored to the audit chain, reproducibly."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from app.domain.seal import make_seal
from app.models.database import open_database
from app.services.integrity.canonical import sealed_rows
from app.services.integrity.chain import tail_of
from app.services.integrity.seal_meeting import SEALS, seal_protocol, seal_unsealed
from tests.services.seal_helpers import copy_of, make_signed, tamper

AT = datetime(2024, 3, 20, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def signed_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_signed(tmp_path_factory.mktemp("signed"))


@pytest.fixture
def path(signed_file: Path, tmp_path: Path) -> Path:
    return copy_of(signed_file, tmp_path / "kenes.sqlite3")


def seals(path: Path) -> list[sa.Row[tuple[object, ...]]]:
    engine = sa.create_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as conn:
            return list(conn.execute(sa.select(SEALS).order_by(SEALS.c.id)))
    finally:
        engine.dispose()


def test_signing_sealed_the_revision_over_its_rows(path: Path) -> None:
    (seal,) = seals(path)
    db = open_database(path)
    try:
        with db.engine.connect() as conn:
            expected = make_seal(sealed_rows(conn, seal.protocol_id))
            tail = tail_of(conn)
            assert tail is not None and seal.anchor_seq is not None
            assert seal.anchor_seq <= tail["seq"]  # made after the signing's event
            # Sealing again keeps the seal: the same digest, no second row.
            assert seal_protocol(conn, seal.protocol_id, "kenes") == seal.digest
    finally:
        db.close()
    assert seal.digest == expected.digest and seal.rows == expected.to_json()
    assert len(seals(path)) == 1


def test_a_lost_seal_is_made_again_the_same(path: Path) -> None:
    (original,) = seals(path)
    tamper(path, "DELETE FROM protocol_seals")
    db = open_database(path)
    try:
        with db.engine.begin() as conn:
            assert seal_unsealed(conn, "kenes", meeting_ids=[]) == 0
            assert seal_unsealed(conn, "kenes", meeting_ids=[404]) == 0
            tail = tail_of(conn)
            assert seal_unsealed(conn, "migration", meeting_ids=[1], at=AT) == 1
            assert seal_unsealed(conn, "migration") == 0  # every signed revision has one
    finally:
        db.close()
    (again,) = seals(path)
    assert again.digest == original.digest and again.rows == original.rows
    assert tail is not None and (again.anchor_seq, again.anchor_hash) == (tail["seq"], tail["hash"])
    assert again.sealed_by == "migration"
    assert again.sealed_at.replace(tzinfo=UTC) == AT


def test_a_record_changed_before_sealing_again_is_sealed_as_it_now_is(path: Path) -> None:
    (original,) = seals(path)
    tamper(
        path,
        "DELETE FROM protocol_seals",
        "UPDATE ballots SET choice = 'abstained' WHERE id = 1",
    )
    db = open_database(path)
    try:
        with db.engine.begin() as conn:
            assert seal_unsealed(conn, "kenes") == 1
    finally:
        db.close()
    (again,) = seals(path)
    assert again.digest != original.digest and set(again.rows) == set(original.rows)
    changed = [k for k in original.rows if original.rows[k] != again.rows[k]]
    assert len(changed) == 1 and changed[0].startswith("ballot:")
