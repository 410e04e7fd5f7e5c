"""SQLite → PostgreSQL → SQLite with ``kenes copy``: the same export at the end, verified."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.models.database import open_database
from app.services.copy_database import copy_database
from tests.postgres import POSTGRES, cluster
from tests.services.copy_helpers import ME, exported, fill

pytestmark = POSTGRES


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    with cluster() as url:
        yield url


def test_sqlite_to_postgresql_and_back(tmp_path: Path, pg_url: str) -> None:
    source = open_database(tmp_path / "source.sqlite")
    server = open_database(pg_url)
    back = open_database(tmp_path / "back.sqlite")
    try:
        fill(source)
        to_server = copy_database(source, server, ME)
        assert to_server.record.ok, [f.message("en") for f in to_server.record.findings]
        report = copy_database(server, back, ME)
        assert report.record.ok and report.rows == to_server.rows
        expected = exported(source, tmp_path / "source.json")
        assert exported(back, tmp_path / "back.json") == expected
        assert exported(server, tmp_path / "server.json") == expected
        # The server's ids continue after the copied ones: new records can be added there.
        from app.services.people import PersonData, create_person

        create_person(server, ME, PersonData(surname="Жаңа", given_name="Тұлға"))
    finally:
        for database in (source, server, back):
            database.close()
