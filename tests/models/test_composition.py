"""People, positions, councils and seats as stored: search text folded in every language."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.models.composition import Council, Person, Position, Seat, fold
from app.models.database import Database


def test_fold_joins_the_parts_it_has_and_folds_kazakh_and_russian_case() -> None:
    assert fold("ӘБЕНОВ", "", "Нұрлан", "Nurlan ABENOV") == "әбенов нұрлан nurlan abenov"
    assert fold("", "") == ""
    assert fold("Straße") == "strasse"


def test_a_person_is_found_by_any_part_of_the_name_after_a_rename(database: Database) -> None:
    with database.transaction() as session:
        person = Person(surname="ӘБЕНОВ", given_name="Нұрлан", latin_name="Nurlan Abenov")
        session.add(person)
        session.flush()
        person_id = person.id
    with database.transaction() as session:
        stored = session.get(Person, person_id)
        assert stored is not None
        assert stored.search_text == "әбенов нұрлан nurlan abenov"
        stored.patronymic = "Қайратұлы"
    with database.reading() as session:
        found = session.scalars(
            select(Person.id).where(Person.search_text.contains("қайратұлы"))
        ).all()
    assert found == [person_id]


def test_a_position_is_found_by_its_title_or_organisation_in_any_language(
    database: Database,
) -> None:
    with database.transaction() as session:
        session.add(Position(title_kk="МИНИСТР", title_ru="Министр", organisation_en="MINISTRY"))
    with database.reading() as session:
        text = session.scalars(select(Position.search_text)).one()
    assert text == "министр министр ministry"


def test_a_council_lists_its_seats_and_a_seat_needs_a_council(database: Database) -> None:
    with database.transaction() as session:
        council = Council(kind="board", profile={"quorum": "two_thirds"})
        council.seats.append(Seat(role="chair", kind="personal", valid_from=date(2025, 1, 1)))
        session.add(council)
        session.flush()
        council_id = council.id
    with database.reading() as session:
        stored = session.get(Council, council_id)
        assert stored is not None
        assert [seat.role for seat in stored.seats] == ["chair"]
        assert stored.profile == {"quorum": "two_thirds"}
        assert (stored.archived, stored.is_demo) == (False, False)
    with pytest.raises(IntegrityError), database.transaction() as session:
        session.add(
            Seat(
                council_id=council_id + 1,
                role="member",
                kind="personal",
                valid_from=date(2025, 1, 1),
            )
        )
    with database.reading() as session:
        assert len(session.scalars(select(Seat)).all()) == 1


def test_a_person_starts_with_an_unknown_gender(database: Database) -> None:
    with database.transaction() as session:
        session.add(Person(surname="Исаев"))
    with database.reading() as session:
        assert session.scalars(select(Person.gender)).one() == "unknown"
