"""The write step of a merge: records updated by uid, files stored, no place taken twice."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from app.formats.exchange_archive import ImportRefused
from app.models.composition import Person
from app.models.database import Database, open_database
from app.models.meeting import Material, MaterialBlob
from app.services.base import SYSTEM
from app.services.exchange import merge_write
from app.services.exchange.apply_import import apply_import
from app.services.exchange.export_archive import export_archive
from app.services.exchange.merge_state import RELEASED
from app.services.exchange.plan_import import plan_import
from app.services.exchange.read_archive import read_archive
from app.services.exchange.records import MODELS, PARENT_COLUMN
from tests.services.exchange.trip_helpers import (
    MATERIAL,
    document_of,
    files,
    office_with_material,
    sha256,
)
from tests.services.protocol_helpers import held_meeting


@pytest.fixture(scope="module")
def held(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The held meeting of the demo board, as the document of a ZIP export."""
    folder = tmp_path_factory.mktemp("write")
    db = open_database(folder / "source.sqlite3")
    held_meeting(db)
    export_archive(db, folder / "held.kenes.zip")
    db.close()
    return document_of(folder / "held.kenes.zip")[0]


def write(folder: Path, document: dict[str, Any], name: str) -> Path:
    path = folder / name
    path.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    return path


def imported(folder: Path, document: dict[str, Any]) -> Database:
    db = open_database(folder / "target.sqlite3")
    apply_import(db, SYSTEM, plan_import(db, read_archive(write(folder, document, "full.json"))))
    return db


def refused(db: Database, path: Path, file: Path) -> ImportRefused:
    before = files(path)
    plan = plan_import(db, read_archive(file))
    assert not plan.ok
    with pytest.raises(ImportRefused) as caught:
        apply_import(db, SYSTEM, plan)
    assert files(path) == before
    return caught.value


def test_a_record_with_a_known_uid_is_updated_not_duplicated(
    held: dict[str, Any], tmp_path: Path
) -> None:
    db = imported(tmp_path, held)
    changed = copy.deepcopy(held)
    person = changed["tables"]["people"][2]
    person["note"] = "Кеңестің хатшысы"
    result = apply_import(
        db, SYSTEM, plan_import(db, read_archive(write(tmp_path, changed, "changed.json")))
    )
    assert result.counts["people"].updated == 1 and result.counts["people"].new == 0
    with db.reading() as session:
        assert len(session.scalars(select(Person)).all()) == len(held["tables"]["people"])
        row = session.scalars(select(Person).where(Person.uid == person["uid"])).one()
        assert row.note == "Кеңестің хатшысы"


def test_a_decision_point_number_taken_twice_is_refused(
    held: dict[str, Any], tmp_path: Path
) -> None:
    document = copy.deepcopy(held)
    first, second = document["tables"]["decision_points"]
    second["item"], second["number"] = first["item"], first["number"]
    path = tmp_path / "target.sqlite3"
    error = refused(open_database(path), path, write(tmp_path, document, "twice.json"))
    [problem] = error.problems
    assert problem.pointer == "/tables/decision_points/1"
    assert "appears twice on the same agenda item" in problem.message()


def test_a_meeting_number_taken_here_is_refused(held: dict[str, Any], tmp_path: Path) -> None:
    db = imported(tmp_path, held)
    meeting = held["tables"]["meetings"][0]["uid"]
    text = json.dumps(held, ensure_ascii=False).replace(meeting, "c" * 32)
    error = refused(db, tmp_path / "target.sqlite3", write(tmp_path, json.loads(text), "new.json"))
    [problem] = error.problems
    assert problem.pointer == "/tables/meetings/0"
    assert "The council already has a meeting No. 1 in 2024" in problem.message()


def test_the_files_of_materials_are_stored_from_the_archive(tmp_path: Path) -> None:
    office, _path, *_rest = office_with_material(tmp_path)
    export_archive(office, tmp_path / "with-files.kenes.zip")
    db = open_database(tmp_path / "target.sqlite3")
    plan = plan_import(db, read_archive(tmp_path / "with-files.kenes.zip"))
    assert plan.ok, [p.message() for p in plan.problems]
    apply_import(db, SYSTEM, plan)
    with db.reading() as session:
        [material] = session.scalars(select(Material)).all()
        blob = session.get(MaterialBlob, material.sha256)
        assert blob is not None
        assert bytes(blob.data) == MATERIAL and material.sha256 == sha256(MATERIAL)


def rows_of(db: Database, tables: Iterable[str]) -> dict[str, list[tuple[Any, ...]]]:
    with db.reading() as session:
        conn = session.connection()
        return {
            t: [tuple(r) for r in conn.exec_driver_sql(f'SELECT * FROM "{t}" ORDER BY id')]
            for t in tables
        }


@pytest.mark.parametrize("batch", [merge_write.FRESH_BATCH, 2])
@pytest.mark.parametrize("older", [False, True])
def test_new_records_of_the_large_tables_are_written_as_the_orm_writes_them(
    held: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, older: bool, batch: int
) -> None:
    """New records of the released tables, and nested records, go in as plain inserts: the
    same rows, ids, defaults (for a field an older file does not have) and versions as ORM
    rows, whether a table's rows go in at once or a batch at a time."""
    monkeypatch.setattr(merge_write, "FRESH_BATCH", batch)
    document = copy.deepcopy(held)
    if older:  # fields an older file does not have: the columns' defaults apply
        for record in document["tables"]["attendance"]:
            for name in ("absence_kind", "absence_reason_kk", "absence_reason_ru"):
                record.pop(name, None)
    tables = [MODELS[name].__table__.name for name in sorted({*RELEASED, *PARENT_COLUMN})]
    (tmp_path / "plain").mkdir()
    (tmp_path / "orm").mkdir()
    plain = imported(tmp_path / "plain", document)
    monkeypatch.setattr(merge_write, "RELEASED", frozenset())
    orm = imported(tmp_path / "orm", document)
    found = rows_of(plain, tables)
    assert found["attendance"] and found["decision_points"] and found["ballots"]
    assert found == rows_of(orm, tables)
    plain.close()
    orm.close()
