"""Rows become records of the format and back: references by uid, values as their columns."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

import pytest
from sqlalchemy import select

from app.formats.exchange_schema import DATE, DATETIME, TABLE_BY_NAME, TEXT, TIME
from app.models.composition import Person
from app.models.conduct import DecisionPoint
from app.models.database import Database, open_database
from app.services.exchange.export_archive import export_archive
from app.services.exchange.records import (
    MODELS,
    UidMap,
    children,
    json_value,
    python_value,
    revision_details_out,
    serialize,
)
from tests.services.exchange.trip_helpers import document_of
from tests.services.protocol_helpers import HeldMeeting, held_meeting


class RolledBack(Exception):
    """Leaves a transaction without writing anything."""


@pytest.fixture(scope="module")
def source(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Database, HeldMeeting, dict[str, Any]]:
    """The held meeting of the demo board, and the document of its ZIP export."""
    folder = tmp_path_factory.mktemp("records")
    db = open_database(folder / "source.sqlite3")
    held = held_meeting(db)
    export_archive(db, folder / "held.kenes.zip")
    return db, held, document_of(folder / "held.kenes.zip")[0]


def test_every_table_of_the_format_has_its_model() -> None:
    assert set(MODELS) >= set(TABLE_BY_NAME)


def test_a_decision_point_is_the_record_the_export_wrote(
    source: tuple[Database, HeldMeeting, dict[str, Any]],
) -> None:
    db, held, document = source
    spec = TABLE_BY_NAME["decision_points"]
    with db.reading() as session:
        uids = UidMap(session)
        nested = children(session, spec, set(held.points))
        rows = [session.get(DecisionPoint, point) for point in held.points]
        records = [serialize(spec, row, uids, nested) for row in rows]
    assert records == document["tables"]["decision_points"]
    assert [len(nested["ballots"][p]) for p in held.points] == [14, 14]
    assert records[0]["item"] == document["tables"]["agenda_items"][0]["uid"]
    assert all(len(b["person"]) == 32 for b in records[0]["ballots"])  # people by uid


def test_the_uid_map_names_rows_by_uid_and_reloads_when_told(
    source: tuple[Database, HeldMeeting, dict[str, Any]],
) -> None:
    db, held, _document = source
    member = held.board.members[0]
    with pytest.raises(RolledBack), db.transaction() as session:
        uids = UidMap(session)
        person = session.get(Person, member)
        assert person is not None
        assert uids.uid("people", member) == person.uid
        assert uids.uid("people", None) is None
        assert uids.uid("people", 10**6) is None
        old = person.uid
        person.uid = "e" * 32
        session.flush()
        assert uids.uid("people", member) == old  # loaded once
        uids.forget("people")
        assert uids.uid("people", member) == "e" * 32
        raise RolledBack
    with db.reading() as session:
        assert session.scalar(select(Person.uid).where(Person.id == member)) == old


def test_values_travel_as_text_and_come_back_as_columns() -> None:
    moment = datetime(2024, 3, 15, 10, 30, tzinfo=UTC)
    cases = [
        (DATE, date(2024, 3, 15), "2024-03-15"),
        (DATETIME, moment, "2024-03-15T10:30:00+00:00"),
        (TIME, time(10, 0), "10:00:00"),
        (TEXT, "Кеңес", "Кеңес"),
    ]
    spec = TABLE_BY_NAME["meetings"]
    for kind, value, text in cases:
        assert json_value(kind, value) == text
        field = next(f for f in spec.fields if f.kind == kind)
        assert python_value(field, text) == value
        assert json_value(kind, None) is None and python_value(field, None) is None
    naive = datetime(2024, 3, 15, 10, 30)  # SQLite gives moments back without a zone: UTC
    assert json_value(DATETIME, naive) == "2024-03-15T10:30:00+00:00"


def test_a_revision_names_its_speaker_by_uid(
    source: tuple[Database, HeldMeeting, dict[str, Any]],
) -> None:
    db, held, _document = source
    member = held.board.members[0]
    with db.reading() as session:
        uids = UidMap(session)
        person = session.get(Person, member)
        assert person is not None
        out = revision_details_out({"person_id": member, "name": "x"}, uids)
        assert out == {"person": person.uid, "name": "x"}
        assert revision_details_out({"person_id": None}, uids) == {"person": None}
        assert revision_details_out(["kept"], uids) == ["kept"]
