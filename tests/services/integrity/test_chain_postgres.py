"""Concurrent writers on a shared PostgreSQL database keep one unbroken audit chain."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from app.models.database import open_database
from app.services.base import Actor
from app.services.integrity.verify import verify_record
from app.services.people import PersonData, create_person
from tests.postgres import POSTGRES, cluster

pytestmark = POSTGRES


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    with cluster() as url:
        yield url


def test_two_secretaries_writing_at_once_leave_one_chain(pg_url: str) -> None:
    db = open_database(pg_url)
    errors: list[BaseException] = []

    def work(who: str) -> None:
        try:
            for n in range(15):
                create_person(db, Actor(who), PersonData(surname=f"{who}{n}", given_name="Тест"))
        except BaseException as exc:  # reported below, in the test's thread
            errors.append(exc)

    try:
        threads = [threading.Thread(target=work, args=(name,)) for name in ("Алма", "Бота")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        found = verify_record(db)
        assert found.ok, [f.message() for f in found.findings]
        assert found.events == 30
    finally:
        db.close()
