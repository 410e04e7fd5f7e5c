"""Reading limited by role on PostgreSQL: the same matrix as on SQLite, search included."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from app.domain.permissions import ReadRefused
from app.models.database import open_database
from app.services.base import Actor, work_as
from app.services.meeting_detail import meeting_detail
from app.services.protocols.documents import protocol_meeting_ids
from app.services.search import search
from tests.postgres import POSTGRES, cluster
from tests.services.accounts.test_scope_matrix import Archive, _build, _sign

pytestmark = POSTGRES


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    with cluster() as url:
        yield url


def test_members_and_readers_on_a_server(pg_url: str) -> None:
    archive: Archive = _build(pg_url)  # type: ignore[arg-type]  # a URL, not a file
    database = open_database(pg_url)
    try:
        work_as(Actor("omarova"))
        assert {h.meeting_id for h in search(database, "жоспар")} == {archive.held}
        assert protocol_meeting_ids(database) == []  # the draft is not the member's
        work_as(Actor("reader"))
        assert search(database, "жоспар") == []
        with pytest.raises(ReadRefused):
            meeting_detail(database, archive.held, today=date(2024, 3, 20))
        _sign(database, archive)
        assert {h.meeting_id for h in search(database, "жоспар")} == {archive.held}
        assert protocol_meeting_ids(database) == [archive.held]
        work_as(Actor("stranger"))
        assert search(database, "жоспар") == [] and protocol_meeting_ids(database) == []
    finally:
        work_as(None)
        database.close()
