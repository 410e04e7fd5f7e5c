"""Appending to the audit hash chain, and reading it back for the check.

Concurrent writers: on SQLite a writing transaction holds the database's write lock from
its first statement (``BEGIN IMMEDIATE``, app/models/database.py), so two chain appends
never interleave.  On PostgreSQL each append first takes a transaction-level advisory
lock, held until commit: a second writer waits for the first to commit, then reads the
new end of the chain (under READ COMMITTED each statement sees what was committed
before it).  Waiting was chosen over failing and retrying because an action is one
transaction with its audit events inside, and retrying it means redoing the whole
action.  The unique ``seq`` still refuses a duplicate should anything bypass the lock.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection, select, text
from sqlalchemy.orm import Session

from app.domain.seal import GENESIS, ChainedEvent, event_hash, plain
from app.models.audit import AuditEvent
from app.models.common import utcnow

# pg_advisory_xact_lock key for the audit chain: "KENS" in ASCII.
CHAIN_LOCK = 0x4B454E53


def _stored(value: object) -> Any:
    """A JSON value as it reads back from the database (keys as text, tuples as lists)."""
    return plain(value)


def append(session: Session, event: AuditEvent) -> None:
    """Give ``event`` the next place in the chain and its hash (it is then added)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CHAIN_LOCK})
    tail = session.execute(
        select(AuditEvent.seq, AuditEvent.hash)
        .where(AuditEvent.seq.is_not(None))
        .order_by(AuditEvent.seq.desc())
        .limit(1)
    ).first()
    seq = 1 if tail is None or tail[0] is None else int(tail[0]) + 1
    prev = GENESIS if tail is None else str(tail[1] or "")
    if event.at is None:
        event.at = utcnow()
    event.before = _stored(event.before)
    event.after = _stored(event.after)
    event.seq, event.prev_hash = seq, prev
    event.hash = event_hash(seq, prev, fields_of(event))
    session.add(event)


def fields_of(event: Any) -> dict[str, Any]:
    """The chained content of an event (an ORM row or a result row)."""
    return {
        "at": event.at,
        "actor": event.actor,
        "action": event.action,
        "entity": event.entity,
        "entity_id": event.entity_id,
        "council_id": event.council_id,
        "before": event.before,
        "after": event.after,
    }


_EVENTS = sa.table(
    "audit_events",
    sa.column("id", sa.Integer),
    sa.column("at", sa.DateTime(timezone=True)),
    sa.column("actor", sa.String),
    sa.column("action", sa.String),
    sa.column("entity", sa.String),
    sa.column("entity_id", sa.Integer),
    sa.column("council_id", sa.Integer),
    sa.column("before", sa.JSON),
    sa.column("after", sa.JSON),
    sa.column("seq", sa.Integer),
    sa.column("prev_hash", sa.String),
    sa.column("hash", sa.String),
)


def read_chain(conn: Connection) -> Iterator[ChainedEvent]:
    """Every audit event, in chain order (rows without a place last), read in batches."""
    result = conn.execution_options(yield_per=2000).execute(
        sa.select(_EVENTS).order_by(_EVENTS.c.seq.is_(None), _EVENTS.c.seq, _EVENTS.c.id)
    )
    for row in result:
        yield ChainedEvent(row.id, row.seq, row.prev_hash, row.hash, fields_of(row))


def link_unchained(conn: Connection) -> int:
    """Chain the events that have no place yet, in the order they were written.

    For migration 0011 (the events written before the chain existed); returns how many.
    """
    tail = conn.execute(
        sa.select(_EVENTS.c.seq, _EVENTS.c.hash)
        .where(_EVENTS.c.seq.is_not(None))
        .order_by(_EVENTS.c.seq.desc())
        .limit(1)
    ).first()
    seq, prev = (0, GENESIS) if tail is None else (int(tail.seq), str(tail.hash or ""))
    rows = conn.execute(
        sa.select(_EVENTS).where(_EVENTS.c.seq.is_(None)).order_by(_EVENTS.c.id)
    ).all()
    for row in rows:
        seq += 1
        digest = event_hash(seq, prev, fields_of(row))
        conn.execute(
            sa.update(_EVENTS)
            .where(_EVENTS.c.id == row.id)
            .values(seq=seq, prev_hash=prev, hash=digest)
        )
        prev = digest
    return len(rows)


def tail_of(conn: Connection) -> Mapping[str, Any] | None:
    """The last event of the chain: its place and hash (what a seal is anchored to)."""
    row = conn.execute(
        sa.select(_EVENTS.c.seq, _EVENTS.c.hash)
        .where(_EVENTS.c.seq.is_not(None))
        .order_by(_EVENTS.c.seq.desc())
        .limit(1)
    ).first()
    return None if row is None else {"seq": int(row.seq), "hash": str(row.hash or "")}
