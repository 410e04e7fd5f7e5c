"""Columns every record shares: a stable uid, a row version that refuses a stale write."""

from __future__ import annotations

from datetime import UTC

import pytest
from sqlalchemy import select, text

from app.domain.errors import ChangedMeanwhile
from app.models.common import new_uid, utcnow
from app.models.composition import Person
from app.models.database import Database


def add_person(database: Database, surname: str) -> int:
    with database.transaction() as session:
        person = Person(surname=surname)
        session.add(person)
        session.flush()
        return person.id


def test_new_uids_are_32_hex_digits_and_never_repeat() -> None:
    uids = {new_uid() for _ in range(1000)}
    assert len(uids) == 1000
    assert all(len(uid) == 32 and int(uid, 16) >= 0 for uid in uids)


def test_utcnow_is_aware_and_in_utc() -> None:
    assert utcnow().tzinfo is UTC


def test_a_new_record_gets_a_uid_a_first_version_and_a_creation_time(database: Database) -> None:
    first, second = add_person(database, "Әбенов"), add_person(database, "Омарова")
    with database.reading() as session:
        people = {p.id: (p.uid, p.version, p.created_at) for p in session.scalars(select(Person))}
    assert people[first][0] != people[second][0]
    assert len(people[first][0]) == 32
    assert people[first][1] == 1
    assert people[first][2] is not None


def test_every_saved_change_raises_the_version(database: Database) -> None:
    person_id = add_person(database, "Әбенов")
    for surname in ("Әбенова", "Әбен"):
        with database.transaction() as session:
            person = session.get(Person, person_id)
            assert person is not None
            person.surname = surname
    with database.reading() as session:
        assert session.get(Person, person_id).version == 3  # type: ignore[union-attr]


def test_a_change_over_a_newer_version_is_refused_and_not_saved(database: Database) -> None:
    person_id = add_person(database, "Әбенов")
    with pytest.raises(ChangedMeanwhile), database.transaction() as session:
        person = session.get(Person, person_id)
        assert person is not None
        # Another workstation saves the record after this one read it.
        session.execute(
            text("UPDATE people SET version = version + 1 WHERE id = :id"), {"id": person_id}
        )
        person.surname = "Омарова"
        session.flush()
    with database.reading() as session:
        person = session.get(Person, person_id)
        assert person is not None
        assert (person.surname, person.version) == ("Әбенов", 1)
