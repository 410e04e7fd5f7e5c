"""What the steps of a merge share: records known by place, row and id; problems collected."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from app.domain.errors import DomainError
from app.domain.translation import N_
from app.formats.exchange_archive import ArchiveFile
from app.models.composition import Person
from app.models.database import Database, open_database
from app.services.base import SYSTEM
from app.services.exchange.apply_import import apply_import
from app.services.exchange.export_archive import export_archive
from app.services.exchange.merge_state import RELEASED, MergeState, Written
from app.services.exchange.merger import Merger
from app.services.exchange.plan_import import plan_import
from app.services.exchange.read_archive import read_archive
from tests.services.exchange.trip_helpers import files
from tests.services.protocol_helpers import held_meeting


class RolledBack(Exception):
    """Leaves the transaction of a test merge without writing anything."""


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> ArchiveFile:
    folder = tmp_path_factory.mktemp("state")
    db = open_database(folder / "source.sqlite3")
    held_meeting(db)
    export_archive(db, folder / "held.kenes.zip")
    db.close()
    return read_archive(folder / "held.kenes.zip")


def test_a_fresh_state_knows_the_file_and_nothing_else(
    archive: ArchiveFile, tmp_path: Path
) -> None:
    db = open_database(tmp_path / "empty.sqlite3")
    person = archive.records("people")[0]
    with db.reading() as session:
        state = MergeState(session, archive, deletions={"people": {person["uid"]}})
        assert state.problems == [] and state.existing == {}
        assert state.deletions == {"people": {person["uid"]}}
        assert state.record_of("people", person["uid"]) == person
        assert state.record_of("people", "d" * 32) is None
        assert state.id_of("people", person["uid"]) is None
        assert state.id_of("people", None) is None
        assert all(counts == [0, 0, 0, 0] for counts in state.counts.values())


def test_refusals_are_collected_with_their_place(archive: ArchiveFile, tmp_path: Path) -> None:
    db = open_database(tmp_path / "empty.sqlite3")
    with db.reading() as session:
        state = MergeState(session, archive)
        assert state.refuse("/tables/people/0", None) is False
        assert state.refuse(
            "/tables/people/1", DomainError(N_("Unknown regulation preset: {key}."), key="x")
        )
        state.problem("/tables/meetings/0", N_("A council needs a name in at least one language."))
    assert [p.pointer for p in state.problems] == ["/tables/people/1", "/tables/meetings/0"]
    assert state.problems[0].message() == "Unknown regulation preset: x."


def test_a_merge_finds_the_rows_here_by_uid(archive: ArchiveFile, tmp_path: Path) -> None:
    path = tmp_path / "target.sqlite3"
    db: Database = open_database(path)
    apply_import(db, SYSTEM, plan_import(db, read_archive(Path(archive.source))))
    person = archive.records("people")[0]
    with db.reading() as session:
        here = session.scalars(select(Person).where(Person.uid == person["uid"])).one()
        expected_id, expected_name = (
            here.id,
            " ".join(p for p in (here.surname, here.given_name, here.patronymic) if p),
        )
    before = files(path)
    with pytest.raises(RolledBack), db.transaction() as session:
        merger = Merger(session, archive)
        merger.run()
        assert merger.problems == []
        assert merger.existing[("people", person["uid"])] == expected_id
        assert merger.id_of("people", person["uid"]) == expected_id
        assert merger.where[("people", person["uid"])] == "/tables/people/0"
        assert merger._person_name(person["uid"]) == expected_name
        assert merger._name(expected_id) == expected_name
        assert merger._name(None) == "#None"
        raise RolledBack
    assert files(path) == before


def test_written_rows_of_the_large_tables_are_released(
    archive: ArchiveFile, tmp_path: Path
) -> None:
    """Once a table is written, its rows are held as ids (the ORM rows go) and, when the
    merge may consume the file, its records as their uids; ids and places stay known."""
    import gc

    db = open_database(tmp_path / "empty.sqlite3")
    consumed = read_archive(Path(archive.source))
    points = [dict(r) for r in consumed.records("decision_points")]
    assert points and all(t in RELEASED for t in ("decision_points", "attendance"))
    with pytest.raises(RolledBack), db.transaction() as session:
        merger = Merger(session, consumed, consume=True)
        merger.run()
        assert merger.problems == []
        gc.collect()
        for table in RELEASED:
            for record in consumed.records(table):
                kept = merger.rows[(table, record["uid"])]
                assert type(kept) is Written and kept.id == merger.id_of(table, kept.uid)
                assert record == {"uid": kept.uid}  # the record itself is spent
        held = {type(obj).__name__ for obj in session.identity_map.values()}
        assert "DecisionPoint" not in held and "Attendance" not in held
        assert "Person" in held  # read again by the checks: kept
        for point in points:
            people = tuple(b["person"] for b in point["ballots"])
            assert merger.ballot_people[point["uid"]] == people
        raise RolledBack
    assert consumed.records("people") == archive.records("people")
