"""Which records a file carries: every record, chosen councils, or one meeting; always whole."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import select

from app.formats.exchange_schema import (
    FORMAT_NAME,
    FORMAT_VERSION,
    KIND_ARCHIVE,
    KIND_PACKAGE,
    LIST,
    REF,
    TABLES,
)
from app.models.database import Database
from app.models.meeting import Meeting
from app.services.councils import CouncilData, create_council
from app.services.exchange.records import MODELS
from app.services.exchange.scope import (
    archive_scope,
    base_hashes,
    build_tables,
    header,
    package_scope,
)
from tests.services.conduct_helpers import ME
from tests.services.exchange.trip_helpers import MATERIAL, office_with_material, sha256


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> tuple[Database, int, int]:
    """The demo board's meeting with a material, and a second council with nothing in it."""
    folder = tmp_path_factory.mktemp("scope")
    db, _path, meeting, _items, _members = office_with_material(folder)
    other = create_council(db, ME, CouncilData(name_kk="Басқа кеңес", name_ru="Другой совет"))
    return db, meeting, other.id


def dangling(tables: dict[str, list[dict[str, Any]]]) -> list[str]:
    """Every reference in ``tables`` to a record that is not in them."""
    present = {(name, r["uid"]) for name, records in tables.items() for r in records}
    missing: list[str] = []
    for spec in TABLES:
        for record in tables.get(spec.name, []):  # an optional table may be left out
            fields = [(f, record) for f in spec.fields]
            for f, rec in list(fields):
                if f.kind == LIST and f.nested is not None:
                    fields += [(g, child) for child in rec[f.name] for g in f.nested.fields]
            for f, rec in fields:
                if (
                    f.kind == REF
                    and rec[f.name] is not None
                    and (f.target, rec[f.name]) not in present
                ):
                    missing.append(f"{spec.name}.{f.name} → {f.target}/{rec[f.name]}")
    return missing


def test_the_whole_archive_is_every_record(office: tuple[Database, int, int]) -> None:
    db, _meeting, _other = office
    with db.reading() as session:
        chosen = archive_scope(session, None)
        for spec in TABLES:
            every = set(session.scalars(select(MODELS[spec.name].id)))
            assert chosen[spec.name] == every, spec.name


def test_chosen_councils_bring_what_they_refer_to_and_nothing_else(
    office: tuple[Database, int, int],
) -> None:
    db, meeting, other = office
    with db.reading() as session:
        board = archive_scope(session, {1})
        empty = archive_scope(session, {other})
        tables, blobs = build_tables(session, board)
    assert board["councils"] == {1} and board["meetings"] == {meeting}
    assert board["people"] and board["seats"]  # the members the seats name come along
    assert empty["councils"] == {other}
    assert not empty["meetings"] and not empty["people"] and not empty["seats"]
    assert dangling(tables) == []
    assert set(blobs) == {sha256(MATERIAL)}
    assert blobs[sha256(MATERIAL)]() == MATERIAL


def test_a_package_is_one_meeting_on_its_date_and_whole(
    office: tuple[Database, int, int],
) -> None:
    db, meeting_id, other = office
    with db.reading() as session:
        meeting = session.get(Meeting, meeting_id)
        assert meeting is not None
        chosen = package_scope(session, meeting)
        tables, _blobs = build_tables(session, chosen)
    assert chosen["meetings"] == {meeting_id}
    assert other not in chosen["councils"]
    assert len(tables["agenda_items"]) == 3 and len(tables["materials"]) == 1
    assert dangling(tables) == []


def test_build_tables_reports_progress_table_by_table(office: tuple[Database, int, int]) -> None:
    db, _meeting, _other = office
    steps: list[tuple[int, int]] = []
    with db.reading() as session:
        tables, _blobs = build_tables(
            session, archive_scope(session, None), lambda i, n: steps.append((i, n))
        )
    assert list(tables) == [spec.name for spec in TABLES if spec.name in tables]
    assert all(spec.name in tables for spec in TABLES if not spec.optional)
    assert steps == [(i, len(TABLES)) for i in range(len(TABLES) + 1)]


def test_the_header_and_the_hashes_of_the_records(office: tuple[Database, int, int]) -> None:
    db, _meeting, _other = office
    head = header(KIND_PACKAGE, {"meeting": "x"})
    assert head["format"] == FORMAT_NAME and head["version"] == FORMAT_VERSION
    assert head["kind"] == KIND_PACKAGE and head["scope"] == {"meeting": "x"}
    assert datetime.fromisoformat(head["created_at"]).utcoffset() is not None
    assert header(KIND_ARCHIVE, {})["kind"] == KIND_ARCHIVE
    with db.reading() as session:
        tables, _blobs = build_tables(session, archive_scope(session, {1}))
    hashes = base_hashes(tables)
    assert len(hashes) == sum(len(records) for records in tables.values())
    person = tables["people"][0]
    key = f"people/{person['uid']}"
    changed = base_hashes({"people": [{**person, "note": "Өзгертілді"}]})
    assert len(hashes[key]) == 64 and changed[key] != hashes[key]
