"""The audit trail as stored: the record before and after, and one place per event in the chain."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app.models.audit import AuditEvent
from app.models.database import Database


def event(seq: int | None, **after: object) -> AuditEvent:
    return AuditEvent(
        actor="seitov",
        action="person.update",
        entity="person",
        entity_id=1,
        seq=seq,
        before={"surname": "Абенов"},
        after=dict(after),
    )


def test_the_record_before_and_after_reads_back_as_it_was_written(database: Database) -> None:
    with database.transaction() as session:
        session.add(event(1, surname="Әбенов", seats=[1, 2], note=None))
    with database.reading() as session:
        stored = session.scalars(select(AuditEvent)).one()
        assert stored.before == {"surname": "Абенов"}
        assert stored.after == {"surname": "Әбенов", "seats": [1, 2], "note": None}
        assert stored.at is not None
        assert (stored.prev_hash, stored.hash, stored.council_id) == (None, None, None)


def test_two_events_cannot_take_the_same_place_in_the_chain(database: Database) -> None:
    with database.transaction() as session:
        session.add(event(1))
    with pytest.raises(IntegrityError), database.transaction() as session:
        session.add(event(1))
    with database.reading() as session:
        assert session.scalar(select(func.count()).select_from(AuditEvent)) == 1


def test_events_outside_the_chain_have_no_place_and_do_not_collide(database: Database) -> None:
    with database.transaction() as session:
        session.add_all([event(None), event(None)])
    with database.reading() as session:
        assert list(session.scalars(select(AuditEvent.seq))) == [None, None]
