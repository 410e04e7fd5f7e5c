"""The same models, migrations and services on PostgreSQL (a shared office database)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import text

from app.models.database import NewerSchemaError, head_revision, open_database
from app.services.base import SYSTEM
from app.services.demo import create_demo
from app.services.people import list_people
from app.services.seats import composition
from tests.postgres import POSTGRES, cluster

pytestmark = POSTGRES


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    with cluster() as url:
        yield url


def test_migrations_services_and_refusals_on_postgres(pg_url: str) -> None:
    db = open_database(pg_url)
    try:
        assert db.created
        assert db.revision() == head_revision()
        assert create_demo(db, SYSTEM)
        assert not create_demo(db, SYSTEM)
        lines = composition(db, 1, date(2024, 1, 1))
        assert len(lines) == 15
        assert lines[3].person is not None and lines[3].person.surname == "Мұхамеджанов"
        assert [p.surname for p in list_people(db, "ӘБЕНОВ")] == ["Әбенов"]
    finally:
        db.close()
    again = open_database(pg_url)
    assert not again.created
    with again.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    again.close()
    with pytest.raises(NewerSchemaError):
        open_database(pg_url)
