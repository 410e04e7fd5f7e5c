"""The first step of a merge: references resolve to the file or to the database, or refuse."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from app.formats.exchange_archive import ImportRefused
from app.models.database import Database, open_database
from app.services.base import SYSTEM
from app.services.exchange.apply_import import apply_import
from app.services.exchange.export_archive import export_archive
from app.services.exchange.plan_import import plan_import
from app.services.exchange.read_archive import read_archive
from tests.services.exchange.trip_helpers import document_of, files, office_with_material
from tests.services.protocol_helpers import held_meeting


@pytest.fixture(scope="module")
def held(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The held meeting of the demo board, as the document of a ZIP export."""
    folder = tmp_path_factory.mktemp("resolve")
    db = open_database(folder / "source.sqlite3")
    held_meeting(db)
    export_archive(db, folder / "held.kenes.zip")
    db.close()
    return document_of(folder / "held.kenes.zip")[0]


def write(folder: Path, document: dict[str, Any], name: str = "file.json") -> Path:
    path = folder / name
    path.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    return path


def without_people(document: dict[str, Any]) -> dict[str, Any]:
    return {**document, "tables": {**document["tables"], "people": []}}


def imported(folder: Path, document: dict[str, Any]) -> Database:
    db = open_database(folder / "target.sqlite3")
    apply_import(db, SYSTEM, plan_import(db, read_archive(write(folder, document, "full.json"))))
    return db


def test_references_to_records_already_here_resolve(held: dict[str, Any], tmp_path: Path) -> None:
    db = imported(tmp_path, held)
    plan = plan_import(db, read_archive(write(tmp_path, without_people(held))))
    assert plan.ok, [p.message() for p in plan.problems]
    assert "people" not in plan.counts
    assert plan.new == 0 and plan.updated == 0


def test_a_reference_to_nothing_is_refused_at_its_place(
    held: dict[str, Any], tmp_path: Path
) -> None:
    path = tmp_path / "empty.sqlite3"
    db = open_database(path)
    before = files(path)
    plan = plan_import(db, read_archive(write(tmp_path, without_people(held))))
    pointers = {p.pointer for p in plan.problems}
    person = held["tables"]["people"][0]["uid"]
    assert "/tables/decision_points/0/ballots/0/person" in pointers  # nested records too
    assert "/tables/attendance/0/person" in pointers
    assert all("neither in the file nor in the database" in p.message() for p in plan.problems)
    assert any(person in p.message() for p in plan.problems)
    assert all(c.changed == 0 for c in plan.counts.values())
    with pytest.raises(ImportRefused):
        apply_import(db, SYSTEM, plan)
    assert files(path) == before


def test_a_material_whose_file_is_nowhere_is_refused(tmp_path: Path) -> None:
    office, _office_path, *_rest = office_with_material(tmp_path)
    export_archive(office, tmp_path / "no-files.json", embed_materials=False)
    document = document_of(tmp_path / "no-files.json")[0]
    assert document["tables"]["materials"]
    here = plan_import(office, read_archive(tmp_path / "no-files.json"))
    assert here.ok  # the file of the material is in this database
    path = tmp_path / "elsewhere.sqlite3"
    elsewhere = open_database(path)
    before = files(path)
    plan = plan_import(elsewhere, read_archive(tmp_path / "no-files.json"))
    [problem] = plan.problems
    assert problem.pointer == "/tables/materials/0/sha256"
    assert "is neither in the archive nor in the database" in problem.message()
    with pytest.raises(ImportRefused):
        apply_import(elsewhere, SYSTEM, plan)
    assert files(path) == before
