"""Sealing a signed revision of a protocol: at signing, at import, and in migration 0011.

Sealing is part of the transaction that signs (or imports): the seal is made after the
signing's audit event, and names that event (its place and hash), which ties the seal
to the audit chain.  A revision is sealed once; a correction is a new revision with a
seal of its own, and the old seal stays as it was.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection
from sqlalchemy.orm import Session

from app.domain.protocol_states import LOCKED
from app.domain.seal import SCHEME, SealRow, stored_seal
from app.models.common import utcnow
from app.services.integrity.chain import tail_of

# The states of a signed revision, as stored (frozen with scheme 1: migration 0011 uses them;
# the services' rule is app/services/protocols/common.py LOCKED_STATES).
SIGNED_STATES = tuple(sorted(state.value for state in LOCKED))  # signed, copies sent
# How many revisions :func:`seal_unsealed` reads at once (their rows are held in memory).
BATCH = 20

_STATES = sa.table(
    "protocols",
    sa.column("id", sa.Integer),
    sa.column("meeting_id", sa.Integer),
    sa.column("state", sa.String),
)
SEALS = sa.table(
    "protocol_seals",
    sa.column("id", sa.Integer),
    sa.column("protocol_id", sa.Integer),
    sa.column("scheme", sa.Integer),
    sa.column("digest", sa.String),
    sa.column("rows", sa.JSON),
    sa.column("anchor_seq", sa.Integer),
    sa.column("anchor_hash", sa.String),
    sa.column("sealed_at", sa.DateTime(timezone=True)),
    sa.column("sealed_by", sa.String),
)


def seal_protocol(
    conn: Connection, protocol_id: int, sealed_by: str, at: datetime | None = None
) -> str:
    """Seal the signed revision ``protocol_id`` (its rows as written in this transaction).

    Returns the seal's digest.  A revision already sealed keeps its seal.  ``at``: when it
    is sealed (now; a generated archive passes a fixed time to stay reproducible).
    """
    from app.services.integrity.canonical import sealed_rows

    existing = conn.execute(
        sa.select(SEALS.c.digest).where(SEALS.c.protocol_id == protocol_id)
    ).scalar_one_or_none()
    if existing is not None:
        return str(existing)
    row = _seal_row(protocol_id, sealed_rows(conn, protocol_id), tail_of(conn), sealed_by, at)
    conn.execute(sa.insert(SEALS).values(**row))
    return str(row["digest"])


def _seal_row(
    protocol_id: int,
    rows: Iterable[SealRow],
    tail: Mapping[str, Any] | None,
    sealed_by: str,
    at: datetime | None,
) -> dict[str, Any]:
    """The stored seal of ``rows`` (a row of ``protocol_seals``), anchored to ``tail``."""
    digest, stored = stored_seal(rows)
    return {
        "protocol_id": protocol_id,
        "scheme": SCHEME,
        "digest": digest,
        "rows": stored,
        "anchor_seq": tail["seq"] if tail else None,
        "anchor_hash": tail["hash"] if tail else "",
        "sealed_at": at or utcnow(),
        "sealed_by": sealed_by,
    }


def seal_unsealed(
    conn: Connection,
    sealed_by: str,
    meeting_ids: Iterable[int] | None = None,
    at: datetime | None = None,
) -> int:
    """Seal every signed revision without a seal (of ``meeting_ids``, or of every meeting).

    For records that arrive signed by import, and for migration 0011; returns how many.
    The revisions are read :data:`BATCH` at a time (one query per table, not per
    revision); sealing adds no audit event, so every seal is anchored to the same one,
    read once.
    """
    from app.services.integrity.canonical import each_sealed_record

    query = (
        sa.select(_STATES.c.id)
        .where(
            _STATES.c.state.in_(SIGNED_STATES),
            ~sa.exists().where(SEALS.c.protocol_id == _STATES.c.id),
        )
        .order_by(_STATES.c.id)
    )
    if meeting_ids is not None:
        wanted = sorted(set(meeting_ids))
        if not wanted:
            return 0
        query = query.where(_STATES.c.meeting_id.in_(wanted))
    ids = list(conn.execute(query).scalars())
    tail = tail_of(conn) if ids else None
    for start in range(0, len(ids), BATCH):
        # Each seal is stored as soon as it is made, its rows made as they are hashed:
        # a batch holds the rows read, not thousands of seal rows beside them.
        for pid, rows in each_sealed_record(conn, ids[start : start + BATCH]):
            conn.execute(sa.insert(SEALS), _seal_row(pid, rows, tail, sealed_by, at))
    return len(ids)


def seal_signed(session: Session, protocol_id: int, sealed_by: str) -> str:
    """Seal a revision just signed in ``session`` (after its audit event)."""
    session.flush()
    return seal_protocol(session.connection(), protocol_id, sealed_by)


def seal_arrived(session: Session, meeting_ids: Iterable[int], sealed_by: str) -> int:
    """Seal the signed revisions an import brought in (after the import's audit event)."""
    session.flush()
    return seal_unsealed(session.connection(), sealed_by, meeting_ids)
