"""The role matrix of ``test_authorize_services_matrix`` on a real PostgreSQL cluster (issue 17).

The world is built once in the cluster's database; every call gets a fresh copy made with
``CREATE DATABASE … TEMPLATE``; a refusal must leave every row of every table as it was.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.engine import Engine

from app.models.database import Database, open_database
from tests.postgres import POSTGRES, cluster
from tests.services.accounts.matrix_body import check_service
from tests.services.accounts.matrix_recipes import RECIPES
from tests.services.accounts.matrix_world import World, build_world

pytestmark = POSTGRES


def rows_of(db: Database) -> dict[str, list[str]]:
    """Every row of every table, as text, sorted: the database's whole content."""
    with db.reading() as session:
        conn = session.connection()
        tables = [
            r[0]
            for r in conn.execute(
                text(
                    "SELECT table_name FROM information_schema.tables "
                    "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1"
                )
            )
        ]
        return {
            table: sorted(repr(tuple(r)) for r in conn.execute(text(f'SELECT * FROM "{table}"')))
            for table in tables
        }


class ClusterCopies:
    """Copies of the world's database in the same cluster; a snapshot is every table's rows."""

    def __init__(self, url: str, admin: Engine) -> None:
        self.url, self.admin = make_url(url), admin
        self.counter = itertools.count()
        self.made: list[str] = []

    def fresh(self) -> Database:
        name = f"matrix_copy_{next(self.counter)}"
        with self.admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{self.url.database}"'))
        self.made.append(name)
        return open_database(self.url.set(database=name).render_as_string(hide_password=False))

    def snapshot(self, db: Database) -> Any:
        return rows_of(db)

    def drop_all(self) -> None:
        with self.admin.connect() as conn:
            for name in self.made:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        self.made.clear()


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ClusterCopies, World]]:
    with cluster() as url:
        db = open_database(url)
        built = build_world(db, tmp_path_factory.mktemp("matrix-pg"))
        db.close()
        admin_url = make_url(url).set(drivername="postgresql+psycopg", database="postgres")
        admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
        try:
            yield ClusterCopies(url, admin), built
        finally:
            admin.dispose()


@pytest.mark.parametrize("name", sorted(RECIPES))
def test_each_role_is_refused_or_allowed_as_the_table_says(
    name: str, world: tuple[ClusterCopies, World]
) -> None:
    copies, built = world
    try:
        allowed = check_service(copies, name, built)
    finally:
        copies.drop_all()
    assert any(allowed.values()), f"{name}: no role may make the call"


def test_the_copies_start_equal(world: tuple[ClusterCopies, World], tmp_path: Path) -> None:
    copies, _built = world
    first, second = copies.fresh(), copies.fresh()
    try:
        assert rows_of(first) == rows_of(second) and rows_of(first)["audit_events"]
    finally:
        first.close()
        second.close()
        copies.drop_all()
