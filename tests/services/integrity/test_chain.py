"""chain: every audit event takes the next place in a hash chain; old events are linked."""

from __future__ import annotations

from sqlalchemy import text

from app.domain.seal import GENESIS, chain_breaks, event_hash
from app.models.audit import AuditEvent
from app.models.database import Database
from app.services.base import Actor
from app.services.integrity.chain import fields_of, link_unchained, read_chain, tail_of
from app.services.people import PersonData, create_person, update_person

ME = Actor("secretary")


def write_three(db: Database) -> None:
    first = create_person(db, ME, PersonData(surname="Әбенов"))
    create_person(db, ME, PersonData(surname="Омарова"))
    update_person(db, ME, first.id, PersonData(surname="Әбенов", given_name="Нұрлан"))


def test_each_event_links_to_the_one_before(database: Database) -> None:
    with database.engine.connect() as conn:
        assert list(read_chain(conn)) == [] and tail_of(conn) is None
    write_three(database)
    with database.engine.connect() as conn:
        events = list(read_chain(conn))
        tail = tail_of(conn)
    assert [e.seq for e in events] == [1, 2, 3]
    assert events[0].prev_hash == GENESIS
    assert [e.prev_hash for e in events[1:]] == [e.hash for e in events[:-1]]
    for event in events:
        assert event.seq is not None and event.prev_hash is not None
        assert event.hash == event_hash(event.seq, event.prev_hash, event.fields)
    assert tail == {"seq": 3, "hash": events[-1].hash}
    assert events[2].fields["after"]["given_name"] == "Нұрлан"
    with database.reading() as session:
        stored = session.get(AuditEvent, events[2].id)
        assert stored is not None
        assert set(fields_of(stored)) == set(events[2].fields)
    assert chain_breaks(events) == []


def test_an_edited_event_no_longer_matches_its_hash(database: Database) -> None:
    write_three(database)
    with database.engine.begin() as conn:
        conn.execute(text("UPDATE audit_events SET actor = 'someone' WHERE seq = 2"))
    with database.engine.connect() as conn:
        events = list(read_chain(conn))
    assert events[1].fields["actor"] == "someone"
    assert events[1].hash != event_hash(2, events[1].prev_hash or "", events[1].fields)
    assert [(b.kind, b.first) for b in chain_breaks(events)] == [("altered", 2)]


def test_events_written_before_the_chain_are_linked_in_order(database: Database) -> None:
    write_three(database)
    with database.engine.begin() as conn:
        for action in ("person.create", "person.archive"):
            conn.execute(
                text(
                    "INSERT INTO audit_events (at, actor, action, entity, entity_id) "
                    "VALUES ('2020-01-01 10:00:00', 'old', :action, 'people', 1)"
                ),
                {"action": action},
            )
    with database.engine.connect() as conn:
        unchained = list(read_chain(conn))
    assert [e.seq for e in unchained] == [1, 2, 3, None, None]  # without a place: last
    assert [b.kind for b in chain_breaks(unchained)] == ["unchained", "unchained"]
    with database.engine.begin() as conn:
        assert link_unchained(conn) == 2
        assert link_unchained(conn) == 0  # nothing left to link
    with database.engine.connect() as conn:
        linked = list(read_chain(conn))
    assert [e.seq for e in linked] == [1, 2, 3, 4, 5]
    assert [e.fields["action"] for e in linked[3:]] == ["person.create", "person.archive"]
    assert chain_breaks(linked) == []
    # New events continue after the linked ones.
    create_person(database, ME, PersonData(surname="Исаев"))
    with database.engine.connect() as conn:
        assert tail_of(conn) == {"seq": 6, "hash": list(read_chain(conn))[-1].hash}
