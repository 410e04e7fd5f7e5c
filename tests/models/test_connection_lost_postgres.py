"""The server goes away mid-work: a clear message, nothing half-saved, and work goes on."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import func, select, text

from app.domain.errors import ConnectionLost, EnvironmentProblem
from app.models.composition import Person
from app.models.database import commits_in_this_thread, open_database
from app.services.base import Actor
from app.services.people import PersonData, create_person
from tests.postgres import POSTGRES, cluster, cut_everyone_else

pytestmark = POSTGRES

ME = Actor("secretary")


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    with cluster() as url:
        yield url


def people(database: object) -> int:
    with database.reading() as session:  # type: ignore[attr-defined]
        return int(session.scalar(select(func.count()).select_from(Person)) or 0)


def test_a_lost_connection_mid_action_saves_nothing_and_says_so(pg_url: str) -> None:
    database = open_database(pg_url)
    create_person(database, ME, PersonData(surname="Әбенов", given_name="Нұрлан"))
    with pytest.raises(EnvironmentProblem) as caught, database.transaction() as session:
        session.add(Person(surname="Жарты", given_name="Сақталған"))
        session.flush()
        cut_everyone_else(pg_url)
        session.execute(text("SELECT 1"))
    assert "connection to the database server" in caught.value.message()
    # The next action connects again by itself; the confirmed record is there, the
    # interrupted one is not.
    assert people(database) == 1
    create_person(database, ME, PersonData(surname="Омарова", given_name="Гүлнар"))
    assert people(database) == 2
    database.close()


def test_a_connection_cut_between_actions_is_replaced_silently(pg_url: str) -> None:
    database = open_database(pg_url)
    before = people(database)
    cut_everyone_else(pg_url)
    assert people(database) == before  # the pool tests the connection before using it
    database.close()


def test_a_lost_connection_while_reading_is_explained(pg_url: str) -> None:
    database = open_database(pg_url)
    with (
        pytest.raises(EnvironmentProblem, match="connection to the database server"),
        database.reading() as session,
    ):
        session.execute(text("SELECT 1"))
        cut_everyone_else(pg_url)
        session.execute(text("SELECT 1"))
    assert people(database) >= 0
    database.close()


def test_a_loss_before_committing_can_be_repeated(pg_url: str) -> None:
    database = open_database(pg_url)
    with pytest.raises(ConnectionLost) as caught, database.transaction() as session:
        session.add(Person(surname="Жарты", given_name="Сақталған"))
        session.flush()
        cut_everyone_else(pg_url)
        session.execute(text("SELECT 1"))
    assert caught.value.repeatable
    database.close()


def test_a_loss_while_committing_says_it_cannot_tell(pg_url: str) -> None:
    """The COMMIT itself met the dropped line: the server may have saved it, so say so."""
    database = open_database(pg_url)
    before = people(database)
    commits = commits_in_this_thread()
    with pytest.raises(ConnectionLost) as caught, database.transaction() as session:
        session.add(Person(surname="Жарты", given_name="Сақталған"))
        session.flush()
        cut_everyone_else(pg_url)  # nothing more is sent before the COMMIT
    assert not caught.value.repeatable
    assert "cannot tell whether the server saved it" in caught.value.message()
    # Here the server had not received the COMMIT: it rolled the transaction back.
    assert people(database) == before and commits_in_this_thread() == commits
    database.close()
