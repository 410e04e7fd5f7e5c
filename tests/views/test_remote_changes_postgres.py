"""Another workstation's write reaches this one's views through PostgreSQL's NOTIFY."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.models.database import open_database
from app.services.base import Actor
from app.services.people import PersonData, create_person
from app.views.operations import Changes, Record, hub
from app.views.remote_changes import changes_of, listen_for_other_workstations
from tests.postgres import POSTGRES, cluster

pytestmark = POSTGRES

ROOT = Path(__file__).resolve().parents[2]
OTHER_WORKSTATION = """
import sys
from app.models.database import open_database
from app.services.base import Actor
from app.services.people import PersonData, create_person
db = open_database(sys.argv[1])
create_person(db, Actor("other"), PersonData(surname="Омарова", given_name="Гүлнар"))
db.close()
"""


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    with cluster() as url:
        open_database(url).close()  # the schema, before anyone listens
        yield url


def test_another_workstation_s_write_is_announced_within_a_second(
    qtbot: QtBot, pg_url: str
) -> None:
    from sqlalchemy.engine import make_url

    seen: list[tuple[Changes, float]] = []
    hub().changed.connect(lambda changes, _source: seen.append((changes, time.monotonic())))
    listener = listen_for_other_workstations(make_url(pg_url), hub())
    assert listener is not None
    try:
        assert listener.listening.wait(10)
        subprocess.run(
            [sys.executable, "-c", OTHER_WORKSTATION, pg_url], cwd=ROOT, check=True, timeout=60
        )
        committed = time.monotonic()
        qtbot.waitUntil(lambda: bool(seen), timeout=5_000)
        changes, when = seen[0]
        assert Record.COMPOSITION in changes.records
        assert when - committed < 1.0
        # This workstation's own writes are not announced a second time.
        seen.clear()
        db = open_database(pg_url)
        create_person(db, Actor("me"), PersonData(surname="Исаев", given_name="Болат"))
        db.close()
        qtbot.wait(500)
        assert seen == []
    finally:
        listener.stop()


def test_kinds_of_records_map_to_what_views_follow() -> None:
    assert changes_of("ballots").records == {Record.CONDUCT}
    assert changes_of("protocol_signatures").records == {Record.PROTOCOLS}
    assert changes_of("exchange").records == set(Record)
