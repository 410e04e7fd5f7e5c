"""The export's records read a batch at a time: the same records as building whole tables."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session

from app.formats.exchange_schema import TABLES
from app.models.database import Database
from app.models.meeting import Meeting
from app.services.conduct.attendance import record_attendance
from app.services.exchange.scope import archive_scope, build_tables, package_scope
from app.services.exchange.table_stream import TableStream
from tests.services.conduct_helpers import ME
from tests.services.exchange.trip_helpers import MATERIAL, office_with_material, sha256


@pytest.fixture
def office(tmp_path: Path) -> tuple[Database, int]:
    database, _path, meeting, _items, members = office_with_material(tmp_path)
    for person in members:
        record_attendance(database, ME, meeting, person, True)
    return database, meeting


def _drained(stream: TableStream) -> dict[str, list[dict[str, Any]]]:
    return {name: list(records) for name, records in stream.tables()}


def _whole(session: Session) -> dict[str, list[dict[str, Any]]]:
    return build_tables(session, archive_scope(session, None))[0]


def test_the_whole_archive_streams_the_records_build_tables_makes(
    office: tuple[Database, int],
) -> None:
    database, _meeting = office
    with database.reading() as session:
        streamed = TableStream(session, None, batch=3)
        tables = _drained(streamed)
        assert list(tables) == [t.name for t in TABLES if not t.optional]  # none with no records
        assert tables == _whole(session)
        assert streamed.counts == {name: len(rows) for name, rows in tables.items()}
        assert [sha for sha, _ in streamed.blob_items()] == [sha256(MATERIAL)]
        assert streamed.blob_items().__next__()[1]() == MATERIAL


def test_a_scope_streams_only_its_records(office: tuple[Database, int]) -> None:
    database, meeting_id = office
    with database.reading() as session:
        meeting = session.get(Meeting, meeting_id)
        assert meeting is not None
        scope = package_scope(session, meeting)
        built, blobs = build_tables(session, scope)
        streamed = TableStream(session, scope, batch=4)
        assert _drained(streamed) == built
        assert sorted(streamed.blobs) == sorted(blobs)
        assert streamed.counts["meetings"] == 1
        assert streamed.counts["attendance"] == len(scope["attendance"]) > 0


def test_smaller_batches_hold_fewer_rows_and_give_the_same_records(
    office: tuple[Database, int],
) -> None:
    database, _meeting = office
    with database.reading() as session:
        one, many = TableStream(session, None, batch=1), TableStream(session, None, batch=500)
        assert _drained(one) == _drained(many)
        assert 0 < one.most_held < many.most_held


def test_progress_counts_the_tables(office: tuple[Database, int]) -> None:
    database, _meeting = office
    seen: list[tuple[int, int]] = []
    with database.reading() as session:
        stream = TableStream(session, None, progress=lambda d, t: seen.append((d, t)))
        names = [name for name, _records in stream.tables()]
    total = len(TABLES)
    assert names == [t.name for t in TABLES if not t.optional]  # optional ones: none here
    assert seen == [(step, total) for step in range(total + 1)]
