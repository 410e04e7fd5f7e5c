"""An import the user agreed to beforehand runs once: the same records, the same refusals.

``import_at_once`` (``kenes import --yes``) plans and writes in one transaction;
nested rows (ballots, narratives, copies) go in as plain multi-row inserts.  The
database it leaves is the one the plan-then-apply path leaves, and a refused file
leaves the database as it was.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from app.formats.exchange_schema import DOCUMENT_ENTRY
from app.models.conduct import Ballot
from app.models.database import Database, open_database
from app.models.protocol import ProtocolNarrative
from app.services.base import SYSTEM
from app.services.exchange.apply_import import apply_import, import_at_once
from app.services.exchange.export_archive import export_archive
from app.services.exchange.plan_import import plan_import
from app.services.exchange.read_archive import read_archive
from bench.archive import Scale, generate

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
    folder = tmp_path_factory.mktemp("import-once")
    generate(folder / "tiny.sqlite3", TINY)
    db = open_database(folder / "tiny.sqlite3")
    try:
        export_archive(db, folder / "tiny.kenes.zip")
    finally:
        db.close()
    return folder / "tiny.kenes.zip"


def tables_of(db: Database, path: Path) -> dict[str, Any]:
    export_archive(db, path)
    with zipfile.ZipFile(path) as archive:
        return dict(json.loads(archive.read(DOCUMENT_ENTRY))["tables"])


def database_bytes(path: Path) -> bytes:
    wal = path.with_name(path.name + "-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


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
