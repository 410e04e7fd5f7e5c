"""An import the user agreed to beforehand runs once: the same records, the same refusals.

``import_at_once`` (``kenes import --yes``) plans and writes in one transaction;
nested rows (ballots, narratives, copies) go in as plain multi-row inserts.  The
database it leaves is the one the plan-then-apply path leaves, and a refused file
leaves the database as it was.
"""

from __future__ import annotations

import gc
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from app.domain.errors import DomainError
from app.formats.exchange_schema import DOCUMENT_ENTRY
from app.models.conduct import Ballot
from app.models.database import Database, open_database
from app.models.protocol import Protocol, ProtocolNarrative, ProtocolSeal
from app.services.base import SYSTEM
from app.services.exchange import apply_import as apply_import_module
from app.services.exchange.apply_import import apply_import, import_at_once
from app.services.exchange.export_archive import export_archive
from app.services.exchange.merger import Merger
from app.services.exchange.plan_import import plan_import
from app.services.exchange.read_archive import read_archive
from bench.archive import Scale
from tests.services.exchange.exchange_helpers import database_bytes, exported_archive

TINY = Scale(
    councils=2,
    years=2,
    meetings=10,
    items=40,
    points=80,
    ballots=800,
    dissents=3,
    instructions=10,
    large_council=20,
)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return exported_archive(tmp_path_factory.mktemp("import-once"), TINY, "tiny")


def tables_of(db: Database, path: Path) -> dict[str, Any]:
    export_archive(db, path)
    with zipfile.ZipFile(path) as archive:
        return dict(json.loads(archive.read(DOCUMENT_ENTRY))["tables"])


def test_one_pass_writes_what_plan_and_apply_write(exported: Path, tmp_path: Path) -> None:
    once = open_database(tmp_path / "once.sqlite3")
    twice = open_database(tmp_path / "twice.sqlite3")
    plan, result = import_at_once(once, SYSTEM, exported)
    assert plan.ok and result is not None
    planned = plan_import(twice, read_archive(exported))
    applied = apply_import(twice, SYSTEM, planned)
    assert plan.counts == planned.counts and result.counts == applied.counts
    assert result.changed == plan.new > 0
    with once.reading() as session:
        assert session.scalar(select(func.count()).select_from(Ballot)) == TINY.ballots
        assert session.scalar(select(func.count()).select_from(ProtocolNarrative)) > 0
    source_db = open_database(exported.with_suffix("").with_suffix(".sqlite3"))
    try:
        source = tables_of(source_db, tmp_path / "s.zip")
    finally:
        source_db.close()
    assert tables_of(once, tmp_path / "1.zip") == tables_of(twice, tmp_path / "2.zip") == source
    once.close()
    twice.close()


def test_a_refused_file_writes_nothing_and_lists_every_problem(
    exported: Path, tmp_path: Path
) -> None:
    with zipfile.ZipFile(exported) as archive:
        document = json.loads(archive.read(DOCUMENT_ENTRY))
    document["tables"]["people"][0]["email"] = "nobody"
    document["tables"]["people"][1]["email"] = "nobody at all"
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    path = tmp_path / "target.sqlite3"
    target = open_database(path)
    target.close()
    before = database_bytes(path)
    target = open_database(path)
    plan, result = import_at_once(target, SYSTEM, str(broken))
    target.close()
    assert result is None and not plan.ok
    assert {p.pointer for p in plan.problems} == {"/tables/people/0", "/tables/people/1"}
    assert database_bytes(path) == before


def seals_of(db: Database) -> dict[str, tuple[str, Any]]:
    """Each seal by its protocol's uid: digest and rows."""
    with db.reading() as session:
        found = session.execute(
            select(Protocol.uid, ProtocolSeal.digest, ProtocolSeal.rows).join(
                Protocol, Protocol.id == ProtocolSeal.protocol_id
            )
        ).all()
    return {uid: (digest, rows) for uid, digest, rows in found}


def test_one_pass_seals_what_plan_and_apply_seal(exported: Path, tmp_path: Path) -> None:
    once = open_database(tmp_path / "once.sqlite3")
    twice = open_database(tmp_path / "twice.sqlite3")
    import_at_once(once, SYSTEM, exported)
    apply_import(twice, SYSTEM, plan_import(twice, read_archive(exported)))
    sealed = seals_of(once)
    assert sealed and sealed == seals_of(twice)
    once.close()
    twice.close()


def test_the_plan_of_one_pass_is_spent_and_never_applied(exported: Path, tmp_path: Path) -> None:
    """The one-pass merge empties the records it wrote: its plan is a summary only."""
    path = tmp_path / "once.sqlite3"
    db = open_database(path)
    plan, result = import_at_once(db, SYSTEM, exported)
    assert result is not None and plan.ok
    assert plan.archive.records("decision_points")[0].keys() == {"uid"}
    db.close()
    other = tmp_path / "other.sqlite3"
    open_database(other).close()
    before = database_bytes(other)
    db = open_database(other)
    with pytest.raises(DomainError):
        apply_import(db, SYSTEM, plan)
    db.close()
    assert database_bytes(other) == before


def test_the_collector_is_paused_while_the_file_is_read_and_merged(
    exported: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No automatic pass of the collector walks the records while they are read and merged;
    the collector runs again after, whether the import is written or refused."""
    enabled: list[bool] = []
    start, read = Merger.start_parts, apply_import_module.read_archive_file

    def merged(self: Merger) -> None:
        enabled.append(gc.isenabled())
        start(self)

    def read_through(path: Path, **kwargs: Any) -> Any:
        enabled.append(gc.isenabled())
        return read(path, **kwargs)

    monkeypatch.setattr(Merger, "start_parts", merged)
    monkeypatch.setattr(apply_import_module, "read_archive_file", read_through)
    assert gc.isenabled()
    db = open_database(tmp_path / "once.sqlite3")
    try:
        frozen_before = gc.get_freeze_count()
        plan, result = import_at_once(db, SYSTEM, exported)
        assert plan.ok and result is not None
        assert enabled == [False, False] and gc.isenabled()
        if not frozen_before:  # what it holds went to the oldest generation, not through passes
            assert gc.get_freeze_count() == 0
            assert any(obj is plan for obj in gc.get_objects(generation=2))
        with pytest.raises(DomainError):
            import_at_once(db, SYSTEM, tmp_path / "missing.kenes.zip")
        assert gc.isenabled()
    finally:
        db.close()
