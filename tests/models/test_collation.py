"""Kazakh alphabetical order in SQL: SQLite and PostgreSQL sort as Python does."""

from __future__ import annotations

from functools import cmp_to_key

from sqlalchemy import column, select
from sqlalchemy.dialects import postgresql, sqlite

from app.domain.collation import compare
from app.models.collation import POSTGRES_COLLATION, SQLITE_COLLATION, kazakh
from app.models.composition import Person
from app.models.database import Database

SURNAMES = [
    "Өмірбеков",
    "Омаров",
    "Әбенов",
    "Абаев",
    "Ыбыраев",
    "Ұлықбек",
    "Уалиев",
    "Іскаков",
    "Ибраев",
    "Яковлев",
    "Қасымов",
    "Кенжебаев",
    "Ғабитов",
    "Гусев",
    "Һадиев",
    "Ханов",
]


def test_sqlite_orders_by_the_kazakh_alphabet_as_python_does(database: Database) -> None:
    with database.transaction() as session:
        session.add_all(Person(surname=name) for name in SURNAMES)
    with database.reading() as session:
        ordered = list(session.scalars(select(Person.surname).order_by(kazakh(Person.surname))))
    assert ordered == sorted(SURNAMES, key=cmp_to_key(compare))
    assert ordered.index("Абаев") < ordered.index("Әбенов") < ordered.index("Гусев")
    assert ordered.index("Омаров") < ordered.index("Өмірбеков")


def test_each_dialect_gets_its_own_collation() -> None:
    query = select(column("surname")).order_by(kazakh(column("surname")))
    on_sqlite = str(query.compile(dialect=sqlite.dialect()))
    on_postgres = str(query.compile(dialect=postgresql.dialect()))
    assert f"ORDER BY (surname) COLLATE {SQLITE_COLLATION}" in on_sqlite
    assert f'ORDER BY (surname) COLLATE "{POSTGRES_COLLATION}"' in on_postgres


def test_the_collation_never_enters_the_schema(database: Database) -> None:
    """Other SQLite tools still open the file: no column is declared with kenes_kk."""
    with database.reading() as session:
        schema = " ".join(
            row[0]
            for row in session.connection().exec_driver_sql(
                "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL"
            )
        )
    assert SQLITE_COLLATION not in schema
