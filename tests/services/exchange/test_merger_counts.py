"""What one merge did: records per table (new, updated, unchanged), the meetings it touched."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from app.formats.exchange_archive import ArchiveFile
from app.models.database import open_database
from app.models.meeting import Meeting
from app.services.base import SYSTEM
from app.services.exchange.apply_import import apply_import
from app.services.exchange.export_archive import export_archive
from app.services.exchange.merger import Merger, TableCounts, counts_of
from app.services.exchange.plan_import import plan_import
from app.services.exchange.read_archive import read_archive
from tests.services.exchange.trip_helpers import files
from tests.services.protocol_helpers import held_meeting


class RolledBack(Exception):
    """Leaves the transaction of a test merge without writing anything."""


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> ArchiveFile:
    folder = tmp_path_factory.mktemp("merger")
    db = open_database(folder / "source.sqlite3")
    held_meeting(db)
    export_archive(db, folder / "held.kenes.zip")
    db.close()
    return read_archive(folder / "held.kenes.zip")


def test_a_count_changes_by_its_new_updated_and_removed_records() -> None:
    assert TableCounts().changed == 0
    assert TableCounts(new=1, updated=2, unchanged=5, removed=3).changed == 6


def test_a_merge_into_an_empty_database_counts_every_record_new(
    archive: ArchiveFile, tmp_path: Path
) -> None:
    path = tmp_path / "target.sqlite3"
    db = open_database(path)
    before = files(path)
    with pytest.raises(RolledBack), db.transaction() as session:
        merger = Merger(session, archive)
        merger.run()
        assert merger.problems == []
        [meeting] = session.scalars(select(Meeting.id)).all()
        assert merger.touched_meetings == {meeting}
        assert len(merger.touched_councils) == 1
        counts = counts_of(merger)
        raise RolledBack
    assert files(path) == before
    with_records = {name for name, records in archive.tables.items() if records}
    assert set(counts) == with_records  # tables with nothing in the file and no change: left out
    assert all(counts[name] == TableCounts(new=len(archive.records(name))) for name in counts)


def test_the_same_merge_again_changes_nothing(archive: ArchiveFile, tmp_path: Path) -> None:
    db = open_database(tmp_path / "target.sqlite3")
    apply_import(db, SYSTEM, plan_import(db, archive))
    with pytest.raises(RolledBack), db.transaction() as session:
        merger = Merger(session, archive)
        merger.run()
        counts = counts_of(merger)
        raise RolledBack
    assert merger.problems == []
    assert all(c == TableCounts(unchanged=len(archive.records(n))) for n, c in counts.items())
