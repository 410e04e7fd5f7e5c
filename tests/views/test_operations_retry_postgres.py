"""The runner repeats an action whose server connection dropped before anything was saved."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import func, select, text

from app.domain.errors import ConnectionLost
from app.models.composition import Person
from app.models.database import Database, open_database
from app.services.base import Actor
from app.services.people import PersonData, PersonInfo, create_person
from app.views.operations import attempt
from tests.postgres import POSTGRES, cluster, cut_everyone_else

pytestmark = POSTGRES

ME = Actor("secretary")


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    with cluster() as url:
        yield url


@pytest.fixture
def database(pg_url: str) -> Iterator[Database]:
    db = open_database(pg_url)
    yield db
    db.close()


def surnames(database: Database) -> list[str]:
    with database.reading() as session:
        return sorted(session.scalars(select(Person.surname)))


def count(database: Database) -> int:
    with database.reading() as session:
        return int(session.scalar(select(func.count()).select_from(Person)) or 0)


def test_a_loss_before_anything_was_saved_is_repeated_once(database: Database, pg_url: str) -> None:
    calls = 0

    def add_person() -> PersonInfo:
        nonlocal calls
        calls += 1
        if calls == 1:  # the line drops in the middle of the first try
            with database.transaction() as session:
                session.add(Person(surname="Жарты", given_name="Сақталған"))
                session.flush()
                cut_everyone_else(pg_url)
                session.execute(text("SELECT 1"))
        return create_person(database, ME, PersonData(surname="Әбенов", given_name="Нұрлан"))

    before = count(database)
    person = attempt(add_person)
    assert calls == 2 and person.surname == "Әбенов"
    assert count(database) == before + 1 and "Жарты" not in surnames(database)


def test_an_action_that_saved_part_of_its_work_is_not_repeated(
    database: Database, pg_url: str
) -> None:
    calls = 0

    def save_then_lose() -> None:
        nonlocal calls
        calls += 1
        create_person(database, ME, PersonData(surname="Омарова", given_name="Гүлнар"))
        with database.transaction() as session:
            session.execute(text("SELECT 1"))  # the transaction holds its connection
            cut_everyone_else(pg_url)
            session.execute(text("SELECT 1"))

    before = count(database)
    with pytest.raises(ConnectionLost) as caught:
        attempt(save_then_lose)
    assert calls == 1 and caught.value.repeatable
    assert count(database) == before + 1  # the first save stays, once


def test_a_second_loss_is_explained_not_repeated_again(database: Database, pg_url: str) -> None:
    calls = 0

    def always_lose() -> None:
        nonlocal calls
        calls += 1
        with database.reading() as session:
            session.execute(text("SELECT 1"))  # the reading holds its connection
            cut_everyone_else(pg_url)
            session.execute(text("SELECT 1"))

    with pytest.raises(ConnectionLost, match="connection to the database server"):
        attempt(always_lose)
    assert calls == 2
