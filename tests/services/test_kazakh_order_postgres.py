"""Kazakh alphabetical order on a PostgreSQL server (ICU's kk-x-icu), as in Python and SQLite."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.domain.collation import sort_key
from app.models.database import open_database
from app.services.base import SYSTEM
from app.services.people import PersonData, create_person, list_people
from tests.postgres import POSTGRES, cluster

pytestmark = POSTGRES


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    with cluster() as url:
        yield url


def test_kazakh_order_on_postgres_is_the_one_python_and_sqlite_use(pg_url: str) -> None:
    """ICU's Kazakh collation on the server sorts as app.domain.collation does."""
    surnames = ["Тоқтаров", "Әбенов", "Абаев", "ғалымов", "Гаухаров", "Іргебаев", "Ыбыраев"]
    db = open_database(pg_url)
    try:
        for surname in surnames:
            create_person(db, SYSTEM, PersonData(surname=surname, given_name="Ордер"))
        found = [p.surname for p in list_people(db, "ордер")]
    finally:
        db.close()
    assert found == sorted(surnames, key=sort_key)
    assert found[:2] == ["Абаев", "Әбенов"]
