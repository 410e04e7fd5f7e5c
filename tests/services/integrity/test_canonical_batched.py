"""canonical: the rows of many revisions read together are the rows each reads alone.

The reference below reads one revision the way scheme 1 always did (a query per table
for that revision): the rows read together, in any chunks, equal it row by row and in
order, so every seal's digest stays byte for byte what it was.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from app.domain.seal import SealRow, make_seal
from app.models.database import open_database
from app.services.integrity import canonical, seal_meeting
from app.services.integrity.canonical import sealed_records, sealed_rows
from app.services.integrity.chain import tail_of
from app.services.integrity.seal_meeting import SEALS, seal_unsealed
from bench.archive import Scale, generate
from tests.services.seal_helpers import copy_of, tamper

SMALL = Scale(
    councils=2,
    years=1,
    meetings=6,
    items=18,
    points=36,
    ballots=300,
    dissents=3,
    instructions=6,
    large_council=12,
)


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("batched") / "small.sqlite3"
    generate(path, SMALL)
    return path


@pytest.fixture
def path(archive: Path, tmp_path: Path) -> Path:
    return copy_of(archive, tmp_path / "kenes.sqlite3")


def read_alone(conn: sa.Connection, protocol_id: int) -> list[SealRow]:
    """One revision's rows, a query per table for it alone (as scheme 1 first read them)."""
    c = canonical

    def rows(table: sa.TableClause, where: Any, *order: Any) -> list[Any]:
        return list(conn.execute(sa.select(table).where(where).order_by(*order)).all())

    protocol = rows(c.PROTOCOLS, c.PROTOCOLS.c.id == protocol_id)[0]
    meeting = rows(c.MEETINGS, c.MEETINGS.c.id == protocol.meeting_id)[0]
    items = rows(c.ITEMS, c.ITEMS.c.meeting_id == meeting.id, c.ITEMS.c.position)
    points = rows(c.POINTS, c.POINTS.c.item_id.in_([i.id for i in items]), c.POINTS.c.id)
    point_ids = [p.id for p in points]
    tables = {
        "items": items,
        "points": points,
        "attendance": rows(c.ATTENDANCE, c.ATTENDANCE.c.meeting_id == meeting.id),
        "invited": rows(c.INVITED, c.INVITED.c.meeting_id == meeting.id),
        **{
            name: rows(table, table.c.decision_point_id.in_(point_ids))
            for name, table in c._BY_POINT
        },
        **{name: rows(table, table.c.protocol_id == protocol_id) for name, table in c._BY_PROTOCOL},
    }
    everyone = c._person_ids([meeting], [tables])
    return list(
        c._rows(
            protocol,
            meeting,
            tables,
            people=c._uids(conn, c.PEOPLE, everyone),
            councils=c._uids(conn, c.COUNCILS, {meeting.council_id}),
            replaced=c._uids(conn, c.PROTOCOLS, {protocol.replaces_id}),
        )
    )


def stored_seals(path: Path) -> dict[int, tuple[str, Any, Any, Any]]:
    engine = sa.create_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as conn:
            query = sa.select(
                SEALS.c.protocol_id,
                SEALS.c.digest,
                SEALS.c.rows,
                SEALS.c.anchor_seq,
                SEALS.c.anchor_hash,
            )
            return {r[0]: tuple(r[1:]) for r in conn.execute(query)}
    finally:
        engine.dispose()


@pytest.mark.parametrize("chunk", [1, 2, 500])
def test_revisions_read_together_give_the_rows_each_reads_alone(
    path: Path, chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(canonical, "CHUNK", chunk)
    seals = stored_seals(path)
    assert len(seals) >= 4  # several signed meetings, read in one go
    db = open_database(path)
    try:
        with db.engine.connect() as conn:
            together = sealed_records(conn, [*seals, *seals])  # a repeated id is read once
            assert sorted(together) == sorted(seals)
            for protocol_id, (digest, *_) in seals.items():
                alone = read_alone(conn, protocol_id)
                assert together[protocol_id] == alone  # row by row, in the same order
                assert sealed_rows(conn, protocol_id) == alone
                assert make_seal(together[protocol_id]).digest == digest
    finally:
        db.close()


def test_seals_made_in_batches_are_the_seals_made_one_by_one(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = stored_seals(path)
    tamper(path, "DELETE FROM protocol_seals")
    monkeypatch.setattr(seal_meeting, "BATCH", 2)  # batches of two, the last one short
    db = open_database(path)
    try:
        with db.engine.begin() as conn:
            tail = tail_of(conn)
            assert seal_unsealed(conn, "kenes", at=datetime(2000, 1, 1)) == len(before)
    finally:
        db.close()
    after = stored_seals(path)
    assert tail is not None and sorted(after) == sorted(before)
    for protocol_id, (digest, rows, anchor_seq, anchor_hash) in after.items():
        assert (digest, rows) == before[protocol_id][:2]
        assert (anchor_seq, anchor_hash) == (tail["seq"], tail["hash"])


def test_seals_are_stored_text_for_text_as_make_seal_makes_them(path: Path) -> None:
    """The stored rows are the JSON of ``make_seal(rows).to_json()``, keys in its order."""
    tamper(path, "DELETE FROM protocol_seals")
    db = open_database(path)
    try:
        with db.engine.begin() as conn:
            sealed = seal_unsealed(conn, "kenes", at=datetime(2000, 1, 1))
            stored = conn.exec_driver_sql("SELECT protocol_id, digest, rows FROM protocol_seals")
            assert sealed >= 4
            for protocol_id, digest, rows in stored.all():
                seal = make_seal(read_alone(conn, protocol_id))
                assert digest == seal.digest
                assert rows == json.dumps(seal.to_json())
    finally:
        db.close()
