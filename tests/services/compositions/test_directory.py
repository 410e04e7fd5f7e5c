"""Directory: recorded positions and people found as an imported row names them."""

from __future__ import annotations

import unicodedata
from dataclasses import replace

import pytest

from app.domain.errors import DomainError
from app.formats.composition_rows import CompositionRow
from app.models.composition import Person, Position
from app.models.database import Database
from app.services.base import SYSTEM
from app.services.compositions.directory import Directory, person_name, position_title
from app.services.people import (
    PersonData,
    PositionData,
    archive_person,
    archive_position,
    create_person,
    create_position,
)

MINISTER = "Цифрлық даму министрі"


def position(db: Database, **titles: str) -> int:
    return create_position(db, SYSTEM, PositionData(**titles)).id


def person(db: Database, surname: str, given: str, latin: str = "") -> int:
    data = PersonData(surname=surname, given_name=given, latin_name=latin)
    return create_person(db, SYSTEM, data).id


def find_position(db: Database, row: CompositionRow) -> int | None:
    with db.reading() as session:
        return Directory(session).position_for(row)


def find_person(db: Database, row: CompositionRow) -> int | None:
    with db.reading() as session:
        found = Directory(session).person_for(row)
        return found.id if found else None


def test_a_position_is_found_by_its_title_in_any_language(database: Database) -> None:
    minister = position(database, title_kk=MINISTER, title_ru="Министр цифрового развития")
    assert find_position(database, CompositionRow(position_ru="Министр цифрового развития"))
    assert find_position(database, CompositionRow(position_kk=MINISTER)) == minister
    # Spaces and Unicode forms do not matter; case does.
    decomposed = unicodedata.normalize("NFD", "Цифрлық   даму\nминистрі")
    assert find_position(database, CompositionRow(position_kk=decomposed)) == minister
    assert find_position(database, CompositionRow(position_kk=MINISTER.upper())) is None
    assert find_position(database, CompositionRow(position_en="Minister")) is None


def test_titles_naming_two_positions_are_refused(database: Database) -> None:
    position(database, title_kk=MINISTER)
    position(database, title_ru="Аким города Алматы")
    row = CompositionRow(position_kk=MINISTER, position_ru="Аким города Алматы")
    with pytest.raises(DomainError, match="two different recorded positions") as caught:
        find_position(database, row)
    assert caught.value.params == {"first": MINISTER, "second": "Аким города Алматы"}


def test_archived_records_are_not_found(database: Database) -> None:
    archive_position(database, SYSTEM, position(database, title_kk=MINISTER))
    archive_person(database, SYSTEM, person(database, "Әбенов", "Нұрлан"))
    assert find_position(database, CompositionRow(position_kk=MINISTER)) is None
    assert find_person(database, CompositionRow(surname="Әбенов", given_name="Нұрлан")) is None


def test_a_person_is_found_by_name_regardless_of_case(database: Database) -> None:
    abenov = person(database, "Әбенов", "Нұрлан")
    assert find_person(database, CompositionRow(surname="ӘБЕНОВ", given_name="нұрлан")) == abenov
    assert find_person(database, CompositionRow(surname="Әбенов")) is None


def test_namesakes_are_told_apart_by_the_latin_name(database: Database) -> None:
    first = person(database, "Исаев", "Болат", "Bolat Isayev")
    second = person(database, "Исаев", "Болат", "Bolat Issayev")
    row = CompositionRow(surname="Исаев", given_name="Болат")
    assert find_person(database, row) == first  # no Latin name: the first recorded
    assert find_person(database, replace(row, latin_name="BOLAT ISSAYEV")) == second
    assert find_person(database, replace(row, latin_name="B. Isaev")) == first


def test_names_and_titles_for_messages() -> None:
    assert position_title(Position(title_kk="", title_ru="Аким", title_en="Akim")) == "Аким"
    assert position_title(None) == ""
    someone = Person(surname="Әбенов", given_name="Нұрлан", patronymic="")
    assert person_name(someone) == "Әбенов Нұрлан"
    assert person_name(None) == ""
