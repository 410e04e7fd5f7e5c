"""app/services/exchange/merge_stream.py: ``kenes import --yes`` merges the file as it reads it.

A good file is written a table at a time as it is read, its large tables a part at a time,
and leaves the database the plan-then-apply path leaves.  Any problem, or a file laid out
otherwise than the export writes it, rolls back and merges the file read whole: the same
refusals, every problem, and a database left byte for byte as it was.
"""

from __future__ import annotations

import copy
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from app.domain.errors import DomainError
from app.formats import exchange_stream
from app.formats.exchange_archive import ImportRefused
from app.formats.exchange_schema import DOCUMENT_ENTRY, REF, TABLES
from app.models.database import open_database
from app.services.base import SYSTEM
from app.services.exchange import apply_import as apply_import_module
from app.services.exchange.apply_import import apply_import, import_at_once
from app.services.exchange.merge_state import RELEASED
from app.services.exchange.merge_stream import IN_PARTS, StreamedMerge
from app.services.exchange.plan_import import plan_import
from app.services.exchange.read_archive import read_archive
from app.services.exchange.records import MODELS
from tests.services.exchange.exchange_helpers import database_bytes, exported_archive
from tests.services.exchange.test_apply_import_at_once import TINY, seals_of, tables_of
from tests.services.exchange.test_merge_write import MEETING_TABLES, rows_of
from tests.services.exchange.test_merge_write import revised as revised_protocol
from tests.services.exchange.trip_helpers import bring_back, send

PART = 7  # records handed to the merge at a time: the tiny archive's tables come in parts
revised = revised_protocol  # a held meeting whose signed protocol has a second revision


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return exported_archive(tmp_path_factory.mktemp("merge-stream"), TINY, "tiny")


@pytest.fixture(autouse=True)
def small_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(exchange_stream, "SINK_BATCH", PART)


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """For each time the import reads the file: whether it merged the records as it read."""
    found: list[bool] = []
    read = apply_import_module.read_archive_file

    def noted(path: Path, *args: Any, **kwargs: Any) -> Any:
        found.append(kwargs.get("sink") is not None)
        return read(path, *args, **kwargs)

    monkeypatch.setattr(apply_import_module, "read_archive_file", noted)
    return found


def document_of(path: Path) -> dict[str, Any]:
    with zipfile.ZipFile(path) as archive:
        document: dict[str, Any] = json.loads(archive.read(DOCUMENT_ENTRY))
    return document


def written(path: Path, document: dict[str, Any]) -> Path:
    path.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    return path


def test_every_reference_names_an_earlier_table_or_its_own() -> None:
    """What lets a table be merged as soon as it is read, in the order the export writes."""
    order = [spec.name for spec in TABLES]
    for spec in TABLES:
        fields = list(spec.fields) + [
            g for f in spec.fields if f.nested is not None for g in f.nested.fields
        ]
        for f in fields:
            if f.kind == REF:
                assert order.index(f.target) <= order.index(spec.name), (spec.name, f.name)
    assert IN_PARTS == RELEASED and "decision_points" in IN_PARTS


@pytest.mark.parametrize("replacing_first", [False, True])
def test_a_protocol_naming_the_revision_it_replaces_is_written_as_plan_and_apply_write_it(
    revised: dict[str, Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    reads: list[bool],
    replacing_first: bool,
) -> None:
    """One part at a time: a revision that names one of an earlier part is merged as it is
    read; one that names a later one is merged read whole."""
    monkeypatch.setattr(exchange_stream, "SINK_BATCH", 1)
    document = copy.deepcopy(revised)
    protocols = document["tables"]["protocols"]
    assert len(protocols) == 2 and protocols[1]["replaces"] == protocols[0]["uid"]
    if replacing_first:
        protocols.reverse()
    path = written(tmp_path / "revised.json", document)
    once = open_database(tmp_path / "once.sqlite3")
    twice = open_database(tmp_path / "twice.sqlite3")
    try:
        plan, result = import_at_once(once, SYSTEM, path)
        assert reads == ([True, False] if replacing_first else [True])
        assert plan.ok and result is not None
        apply_import(twice, SYSTEM, plan_import(twice, read_archive(path)))
        tables = [MODELS[name].__table__.name for name in MEETING_TABLES]
        found = rows_of(once, tables)
        assert len(found["protocols"]) == 2 and found == rows_of(twice, tables)
    finally:
        once.close()
        twice.close()


def test_a_good_file_is_merged_as_it_is_read_and_holds_a_part_at_a_time(
    exported: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reads: list[bool]
) -> None:
    """The records of the tables merged in parts are held a part at a time (then only their
    uid), whatever the size of the file; the database is the one plan and apply leave."""
    held: list[int] = []
    handed = StreamedMerge.records

    def counted(self: StreamedMerge, table: str, start: int, done: bool) -> None:
        if self.merger is not None:
            held.append(
                sum(
                    1
                    for name in IN_PARTS
                    for record in self.merger.archive.records(name)
                    if record.keys() != {"uid"}
                )
            )
        handed(self, table, start, done)

    monkeypatch.setattr(StreamedMerge, "records", counted)
    once = open_database(tmp_path / "once.sqlite3")
    twice = open_database(tmp_path / "twice.sqlite3")
    try:
        plan, result = import_at_once(once, SYSTEM, exported)
        assert reads == [True]  # read once, merged as it was read
        assert plan.ok and result is not None
        assert len(held) > TINY.points // PART and 0 < max(held) <= PART
        planned = plan_import(twice, read_archive(exported))
        applied = apply_import(twice, SYSTEM, planned)
        assert plan.counts == planned.counts and result.counts == applied.counts
        assert tables_of(once, tmp_path / "1.zip") == tables_of(twice, tmp_path / "2.zip")
        assert seals_of(once) == seals_of(twice)
    finally:
        once.close()
        twice.close()


def test_a_file_merged_again_is_found_unchanged_as_it_is_read(
    exported: Path, tmp_path: Path, reads: list[bool]
) -> None:
    db = open_database(tmp_path / "again.sqlite3")
    try:
        import_at_once(db, SYSTEM, exported)
        plan, result = import_at_once(db, SYSTEM, exported)
        assert reads == [True, True]
        assert result is not None and result.changed == 0
        assert plan.counts == plan_import(db, read_archive(exported)).counts
    finally:
        db.close()


@pytest.mark.parametrize("change", ["tables in another order", "generator after the tables"])
def test_a_file_laid_out_otherwise_is_merged_read_whole(
    exported: Path, tmp_path: Path, reads: list[bool], change: str
) -> None:
    """What the export does not write (a table before one it names, a head after the
    tables) is still a good file: it is merged read whole, as before."""
    document = document_of(exported)
    if change == "tables in another order":
        tables = document["tables"]
        document["tables"] = {"people": tables.pop("people"), **tables}
    else:
        document["generator"] = document.pop("generator")
    path = written(tmp_path / "other.json", document)
    once = open_database(tmp_path / "once.sqlite3")
    try:
        plan, result = import_at_once(once, SYSTEM, path)
        assert reads == [True, False]
        assert plan.ok and result is not None
        source = open_database(exported.with_suffix("").with_suffix(".sqlite3"))
        try:
            assert tables_of(once, tmp_path / "1.zip") == tables_of(source, tmp_path / "s.zip")
        finally:
            source.close()
    finally:
        once.close()


def test_a_reference_missing_late_in_the_file_refuses_it_as_the_plan_does(
    exported: Path, tmp_path: Path, reads: list[bool]
) -> None:
    document = document_of(exported)
    document["tables"]["decision_points"][-1]["item"] = "f" * 32
    document["tables"]["attendance"][-1]["person"] = "e" * 32
    path = written(tmp_path / "dangling.json", document)
    planned = plan_import(open_database(tmp_path / "planned.sqlite3"), read_archive(path))
    target = tmp_path / "target.sqlite3"
    open_database(target).close()
    before = database_bytes(target)
    db = open_database(target)
    try:
        plan, result = import_at_once(db, SYSTEM, path)
    finally:
        db.close()
    assert reads == [True, False]
    assert result is None and plan.problems == planned.problems and len(plan.problems) == 2
    assert database_bytes(target) == before


@pytest.mark.parametrize("change", ["a value", "a uid twice"])
def test_a_layout_problem_late_in_the_file_is_refused_as_the_reader_refuses_it(
    exported: Path, tmp_path: Path, reads: list[bool], change: str
) -> None:
    """Records merged before the problem was read are rolled back; the refusal is the
    reader's, with every problem of the file."""
    document = document_of(exported)
    points = document["tables"]["decision_points"]
    if change == "a value":
        points[-1]["number"] = "first"
    else:
        points[-1]["uid"] = points[1]["uid"]
    path = written(tmp_path / "broken.json", document)
    with pytest.raises(ImportRefused) as read:
        read_archive(path)
    target = tmp_path / "target.sqlite3"
    open_database(target).close()
    before = database_bytes(target)
    db = open_database(target)
    try:
        with pytest.raises(ImportRefused) as refused:
            import_at_once(db, SYSTEM, path)
    finally:
        db.close()
    assert reads == [True]
    assert refused.value.problems == read.value.problems
    assert database_bytes(target) == before


def test_a_meeting_package_is_merged_as_it_is_read_and_a_return_is_sent_on(
    tmp_path: Path, reads: list[bool]
) -> None:
    """A package (its materials in the ZIP) goes in as it is read, with its package recorded;
    a file that brings a meeting back is refused as before, and nothing is written."""
    trip = send(tmp_path)
    laptop = open_database(tmp_path / "laptop-again.sqlite3")
    try:
        plan, result = import_at_once(laptop, SYSTEM, trip.package)
        assert reads == [True] and plan.ok and result is not None
        assert result.package_id == trip.package_id
        assert tables_of(laptop, tmp_path / "1.zip") == tables_of(trip.laptop, tmp_path / "2.zip")
    finally:
        laptop.close()
    back = bring_back(trip)
    reads.clear()
    before = database_bytes(trip.office_path)
    with pytest.raises(DomainError, match="Bring back from laptop"):
        import_at_once(trip.office, SYSTEM, back)
    assert reads == [True, False]
    assert database_bytes(trip.office_path) == before
