"""The write step of a merge: records updated by uid, files stored, no place taken twice."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable
from datetime import date
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
from app.services.exchange.merge_state import RELEASED, Written
from app.services.exchange.merger import Merger
from app.services.exchange.plan_import import plan_import
from app.services.exchange.read_archive import read_archive
from app.services.exchange.records import MODELS, PARENT_COLUMN
from app.services.protocols.actions import (
    ProtocolDetails,
    Signing,
    create_protocol,
    revise_protocol,
    sign_protocol,
    update_protocol,
)
from tests.services.conduct_helpers import ME
from tests.services.exchange.exchange_helpers import exported_archive
from tests.services.exchange.test_apply_import_at_once import TINY
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


def imported_both_ways(
    folder: Path, document: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> tuple[Database, Database]:
    """``document`` imported with new rows as plain inserts, then with every row the ORM's."""
    (folder / "plain").mkdir()
    (folder / "orm").mkdir()
    plain = imported(folder / "plain", document)
    monkeypatch.setattr(merge_write, "RELEASED", frozenset())
    return plain, imported(folder / "orm", document)


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
    plain, orm = imported_both_ways(tmp_path, document, monkeypatch)
    found = rows_of(plain, tables)
    assert found["attendance"] and found["decision_points"] and found["ballots"]
    assert found == rows_of(orm, tables)
    plain.close()
    orm.close()


MEETING_TABLES = ("meetings", "agenda_items", "item_speakers", "protocols")


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small archive of the bench (meetings, items, speakers and protocols of two years)."""
    return exported_archive(tmp_path_factory.mktemp("tiny"), TINY, "tiny")


def test_new_meetings_items_speakers_and_protocols_are_never_orm_rows(
    tiny: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The new records of the meeting tables go in as plain inserts: no ORM row of theirs is
    made or added to the session, and the merge keeps of each a :class:`Written` (its id)."""
    models = tuple(MODELS[name] for name in MEETING_TABLES)
    made: list[str] = []
    original = merge_write.MergeWrite._fresh_to_orm

    def to_orm(self: Any, spec: Any, fresh: Any) -> None:
        made.append(spec.name)
        original(self, spec, fresh)

    monkeypatch.setattr(merge_write.MergeWrite, "_fresh_to_orm", to_orm)
    archive = read_archive(tiny)
    db = open_database(tmp_path / "empty.sqlite3")
    added: list[Any] = []
    with pytest.raises(RolledBack), db.transaction() as session:
        add = session.add

        def adding(row: Any, *args: Any, **kwargs: Any) -> None:
            added.append(row)
            add(row, *args, **kwargs)

        monkeypatch.setattr(session, "add", adding)
        merger = Merger(session, archive, consume=True)
        merger.run()
        assert merger.problems == []
        assert added and not [row for row in added if isinstance(row, models)]
        assert made == []
        for name in MEETING_TABLES:
            records = archive.records(name)
            assert records, name
            for record in records:
                kept = merger.rows[(name, record["uid"])]
                assert type(kept) is Written and kept.id == merger.id_of(name, kept.uid)
        raise RolledBack
    db.close()


class RolledBack(Exception):
    """Leaves a transaction without committing it."""


def test_the_meeting_tables_are_written_as_the_orm_writes_them(
    tiny: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A whole archive's meetings, items, speakers and protocols: the same rows and ids by
    plain inserts as by ORM rows (and so the same search index and seals)."""
    tables = [MODELS[name].__table__.name for name in sorted({*RELEASED, *PARENT_COLUMN})]
    document = document_of(tiny)[0]
    plain, orm = imported_both_ways(tmp_path, document, monkeypatch)
    found = rows_of(plain, tables)
    assert all(found[MODELS[name].__table__.name] for name in MEETING_TABLES)
    assert found == rows_of(orm, tables)
    indexed, sealed = indexed_and_sealed(plain)
    assert indexed and sealed and [indexed, sealed] == indexed_and_sealed(orm)
    plain.close()
    orm.close()


def indexed_and_sealed(db: Database) -> list[list[tuple[Any, ...]]]:
    """The search index and the seals (but the moment each seal was made)."""
    with db.reading() as session:
        conn = session.connection()
        return [
            [tuple(r) for r in conn.exec_driver_sql(sql)]
            for sql in (
                "SELECT rowid, body, kind, record_id, lang, meeting_id FROM search_index "
                "ORDER BY rowid",
                "SELECT id, protocol_id, scheme, digest, rows FROM protocol_seals ORDER BY id",
            )
        ]


@pytest.fixture(scope="module")
def revised(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A held meeting whose signed protocol is corrected by a second revision."""
    folder = tmp_path_factory.mktemp("revised")
    db = open_database(folder / "source.sqlite3")
    held_ = held_meeting(db)
    protocol = create_protocol(db, ME, held_.board.meeting_id)
    cities = {"kk": "Астана", "ru": "Астана", "en": "Astana"}
    update_protocol(db, ME, protocol.id, ProtocolDetails("3", cities, "kk"))
    sign_protocol(db, ME, protocol.id, Signing(date(2024, 3, 20), languages=("ru",)))
    revise_protocol(db, ME, protocol.id, "Ошибка в голосовании по вопросу 2")
    export_archive(db, folder / "revised.kenes.zip")
    db.close()
    return document_of(folder / "revised.kenes.zip")[0]


@pytest.mark.parametrize("batch", [merge_write.FRESH_BATCH, 1])
@pytest.mark.parametrize("replacing_first", [False, True])
def test_a_protocol_that_replaces_another_is_written_as_the_orm_writes_it(
    revised: dict[str, Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    replacing_first: bool,
    batch: int,
) -> None:
    """A record that names a record of its own table written in the same import takes the
    ORM's way, and the new rows before it too: the same ids, references and versions (even
    when the record it names went in already, a batch before)."""
    monkeypatch.setattr(merge_write, "FRESH_BATCH", batch)
    document = copy.deepcopy(revised)
    protocols = document["tables"]["protocols"]
    assert len(protocols) == 2 and protocols[1]["replaces"] == protocols[0]["uid"]
    if replacing_first:
        protocols.reverse()
    tables = [MODELS[name].__table__.name for name in ("protocols", *MEETING_TABLES[:3])]
    plain, orm = imported_both_ways(tmp_path, document, monkeypatch)
    found = rows_of(plain, tables)
    assert len(found["protocols"]) == 2
    assert found == rows_of(orm, tables)
    plain.close()
    orm.close()
