"""The summary of an import is a dry run: what would change, every refusal, nothing written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.domain.errors import DomainError
from app.formats.exchange_schema import KIND_ARCHIVE
from app.models.database import open_database
from app.services.base import SYSTEM
from app.services.exchange.apply_import import apply_import
from app.services.exchange.export_archive import export_archive
from app.services.exchange.plan_import import plan_import
from app.services.exchange.read_archive import read_archive
from tests.services.exchange.trip_helpers import bring_back, document_of, files, send
from tests.services.protocol_helpers import held_meeting


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The held meeting of the demo board, exported as a ZIP archive."""
    folder = tmp_path_factory.mktemp("plan")
    db = open_database(folder / "source.sqlite3")
    held_meeting(db)
    export_archive(db, folder / "held.kenes.zip")
    db.close()
    return folder / "held.kenes.zip"


def test_into_an_empty_database_every_record_is_new_and_nothing_is_written(
    exported: Path, tmp_path: Path
) -> None:
    path = tmp_path / "target.sqlite3"
    db = open_database(path)
    before = files(path)
    plan = plan_import(db, read_archive(exported))
    assert files(path) == before
    document, _blobs = document_of(exported)
    in_file = {name: len(records) for name, records in document["tables"].items() if records}
    assert plan.ok and plan.problems == ()
    assert plan.archive.kind == KIND_ARCHIVE
    assert {name: c.new for name, c in plan.counts.items() if c.new} == in_file
    assert plan.new == sum(in_file.values())
    assert plan.updated == 0 and plan.unchanged == 0


def test_after_the_import_the_same_file_changes_nothing(exported: Path, tmp_path: Path) -> None:
    db = open_database(tmp_path / "target.sqlite3")
    apply_import(db, SYSTEM, plan_import(db, read_archive(exported)))
    again = plan_import(db, read_archive(exported))
    assert again.ok
    assert again.new == 0 and again.updated == 0
    assert again.unchanged == sum(len(r) for r in again.archive.tables.values())
    assert all(c.changed == 0 for c in again.counts.values())


def test_a_changed_record_is_counted_as_updated(exported: Path, tmp_path: Path) -> None:
    db = open_database(tmp_path / "target.sqlite3")
    apply_import(db, SYSTEM, plan_import(db, read_archive(exported)))
    document, _blobs = document_of(exported)
    document["tables"]["people"][0]["note"] = "Жаңа ескертпе"
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    before = files(tmp_path / "target.sqlite3")
    plan = plan_import(db, read_archive(changed))
    assert files(tmp_path / "target.sqlite3") == before
    assert plan.ok
    assert plan.counts["people"].updated == 1
    assert plan.updated == 1 and plan.new == 0


def test_problems_are_listed_and_the_database_is_unchanged(exported: Path, tmp_path: Path) -> None:
    document, _blobs = document_of(exported)
    document["tables"]["attendance"][0]["person"] = "b" * 32
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    path = tmp_path / "target.sqlite3"
    db = open_database(path)
    before = files(path)
    plan = plan_import(db, read_archive(broken))
    assert not plan.ok
    assert [p.pointer for p in plan.problems] == ["/tables/attendance/0/person"]
    assert files(path) == before


def test_a_meeting_brought_back_is_refused_here(tmp_path: Path) -> None:
    trip = send(tmp_path)
    back = bring_back(trip)
    before = files(trip.office_path)
    with pytest.raises(DomainError, match="Bring back from laptop"):
        plan_import(trip.office, read_archive(back))
    assert files(trip.office_path) == before


def test_only_a_read_archive_is_planned(tmp_path: Path) -> None:
    db = open_database(tmp_path / "target.sqlite3")
    with pytest.raises(DomainError):
        plan_import(db, {"tables": {}})  # type: ignore[arg-type]
