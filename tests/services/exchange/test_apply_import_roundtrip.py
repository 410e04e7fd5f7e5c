"""Export → import into an empty database → export again gives the same content."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from sqlalchemy import func, select

from app.domain.voting import Choice
from app.formats.exchange_archive import ImportRefused
from app.formats.exchange_schema import FORMAT_VERSION
from app.models.composition import Council, Person
from app.models.conduct import DecisionPoint
from app.models.database import Database, open_database
from app.services.agenda.attach_material import attach_material
from app.services.base import SYSTEM
from app.services.conduct.decisions import add_decision_point, set_voting_mode
from app.services.conduct.voting import close_voting, record_counts
from app.services.demo_meeting import create_demo_meeting
from app.services.exchange.apply_import import apply_import
from app.services.exchange.export_archive import export_archive
from app.services.exchange.plan_import import plan_import
from app.services.exchange.read_archive import read_archive
from app.services.meetings.approve_agenda import approve_agenda
from app.services.people import PersonData, update_person
from tests.services.conduct_helpers import ME, all_present, board_meeting
from tests.services.exchange.exchange_helpers import fingerprint

ROOT = Path(__file__).resolve().parents[3]
SCHEMA = json.loads((ROOT / "schemas" / "kenes-exchange-1.schema.json").read_text("utf-8"))


def document(path: Path) -> dict[str, Any]:
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            return dict(json.loads(archive.read("kenes-exchange.json")))
    return dict(json.loads(path.read_text("utf-8")))


@pytest.fixture(scope="module")
def source_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with the demo meeting (signed protocol) and a second meeting with a
    material, a counts-only vote and a change of the approved agenda."""
    folder = tmp_path_factory.mktemp("source")
    db = open_database(folder / "source.sqlite3")
    from app.services.demo import create_demo

    create_demo(db, SYSTEM)
    create_demo_meeting(db, SYSTEM)
    board = board_meeting(db)
    material = folder / "анықтама.pdf"
    material.write_bytes(b"%PDF-1.4 reference material " * 50)
    attach_material(db, ME, board.items[0], material)
    approve_agenda(db, ME, board.meeting_id)
    all_present(db, board, except_=(board.members[-1],))
    point = add_decision_point(
        db, ME, board.items[1], {"kk": "Мақұлдансын.", "ru": "Одобрить.", "en": "Approve."}
    )
    set_voting_mode(db, ME, point.id, "counts")
    record_counts(db, ME, point.id, 9, 3, 2)
    close_voting(db, ME, point.id)
    db.close()
    return folder / "source.sqlite3"


@pytest.fixture
def source(source_file: Path, tmp_path: Path) -> Database:
    path = tmp_path / "source.sqlite3"
    shutil.copy(source_file, path)
    return open_database(path)


@pytest.mark.parametrize("embed", [True, False])
def test_round_trip_through_an_empty_database(
    source: Database, tmp_path: Path, embed: bool
) -> None:
    first = tmp_path / ("first.kenes.zip" if embed else "first.json")
    summary = export_archive(source, first, embed_materials=embed)
    assert summary.counts["meetings"] == 2 and summary.counts["protocols"] == 1
    assert summary.embedded is embed and (summary.blobs > 0) is embed
    target = open_database(tmp_path / "empty.sqlite3")
    if not embed:
        # A referenced material must already be here; the issued PDFs are rendered again.
        with pytest.raises(ImportRefused) as refused:
            plan_import(target, read_archive(first)).problems and apply_import(
                target, SYSTEM, plan_import(target, read_archive(first))
            )
        assert any("materials" in p.pointer for p in refused.value.problems)
        return
    plan = plan_import(target, read_archive(first))
    assert plan.ok, plan.problems
    assert plan.updated == 0 and plan.unchanged == 0 and plan.new == summary.records
    result = apply_import(target, SYSTEM, plan)
    assert result.changed == summary.records
    second = tmp_path / "second.kenes.zip"
    export_archive(target, second)
    a, b = document(first), document(second)
    assert a["tables"] == b["tables"]
    with zipfile.ZipFile(first) as one, zipfile.ZipFile(second) as two:
        assert sorted(one.namelist()) == sorted(two.namelist())
        for name in one.namelist():
            assert one.read(name) == two.read(name) or name == "kenes-exchange.json"


def test_json_without_materials_imports_where_the_files_are(
    source: Database, tmp_path: Path
) -> None:
    """A referenced file found in the database is used; PDFs are rendered and checked."""
    export_archive(source, tmp_path / "a.json", embed_materials=False)
    target_path = tmp_path / "copy.sqlite3"
    source.close()
    shutil.copy(Path(str(source.url.database)), target_path)
    target = open_database(target_path)
    plan = plan_import(target, read_archive(tmp_path / "a.json"))
    assert plan.ok and plan.new == 0 and plan.updated == 0


def test_real_exports_match_the_schema(source: Database, tmp_path: Path) -> None:
    export_archive(source, tmp_path / "a.kenes.zip")
    export_archive(source, tmp_path / "b.json", embed_materials=False, council_ids=[1])
    for path in (tmp_path / "a.kenes.zip", tmp_path / "b.json"):
        data = document(path)
        assert data["version"] == FORMAT_VERSION
        jsonschema.validate(data, SCHEMA, cls=jsonschema.Draft202012Validator)


def test_import_updates_records_with_the_same_identifier(source: Database, tmp_path: Path) -> None:
    export_archive(source, tmp_path / "a.kenes.zip")
    with source.reading() as session:
        person = session.scalars(select(Person).order_by(Person.id)).first()
        assert person is not None
        person_id, surname = person.id, person.surname
    update_person(source, ME, person_id, PersonData(surname="Changed", given_name="X"))
    before = fingerprint(source)
    plan = plan_import(source, read_archive(tmp_path / "a.kenes.zip"))
    assert fingerprint(source) == before  # the summary writes nothing
    assert plan.ok and plan.new == 0 and plan.updated == 1
    assert plan.counts["people"].updated == 1
    apply_import(source, SYSTEM, plan)
    with source.reading() as session:
        assert session.get(Person, person_id).surname == surname  # type: ignore[union-attr]
        assert session.scalar(select(func.count()).select_from(Council)) == 1


def test_the_user_may_keep_a_record_as_it_is_here(source: Database, tmp_path: Path) -> None:
    export_archive(source, tmp_path / "a.kenes.zip")
    with source.reading() as session:
        person = session.scalars(select(Person).order_by(Person.id)).first()
        assert person is not None
        person_id, uid = person.id, person.uid
    update_person(source, ME, person_id, PersonData(surname="Mine"))
    plan = plan_import(source, read_archive(tmp_path / "a.kenes.zip"))
    apply_import(source, SYSTEM, plan, {f"people/{uid}": "ours"})
    with source.reading() as session:
        assert session.get(Person, person_id).surname == "Mine"  # type: ignore[union-attr]


def test_a_plan_is_not_applied_to_a_database_that_changed(source: Database, tmp_path: Path) -> None:
    from app.domain.errors import DomainError

    export_archive(source, tmp_path / "a.kenes.zip")
    plan = plan_import(source, read_archive(tmp_path / "a.kenes.zip"))
    with source.reading() as session:
        person_id = session.scalars(select(Person.id).order_by(Person.id)).first()
    update_person(source, ME, person_id, PersonData(surname="Meanwhile"))  # type: ignore[arg-type]
    before = fingerprint(source)
    with pytest.raises(DomainError):
        apply_import(source, SYSTEM, plan)
    assert fingerprint(source) == before


def test_results_travel_frozen_with_their_profile_and_are_counted_again(
    source: Database, tmp_path: Path
) -> None:
    export_archive(source, tmp_path / "a.json", embed_materials=False)
    data = document(tmp_path / "a.json")
    closed = [p for p in data["tables"]["decision_points"] if p["state"] == "closed"]
    assert closed and all(p["frozen"]["profile"]["threshold"] for p in closed)
    target = open_database(tmp_path / "t.sqlite3")
    # The same archive with the material embedded, imported into an empty database:
    export_archive(source, tmp_path / "a.kenes.zip")
    apply_import(target, SYSTEM, plan_import(target, read_archive(tmp_path / "a.kenes.zip")))
    with source.reading() as one, target.reading() as two:
        for point in one.scalars(select(DecisionPoint).where(DecisionPoint.state == "closed")):
            copy = two.scalar(select(DecisionPoint).where(DecisionPoint.uid == point.uid))
            assert copy is not None and copy.frozen is not None and point.frozen is not None
            assert copy.frozen == {**point.frozen, "profile": copy.frozen["profile"]}


def test_an_export_of_chosen_councils_is_whole(source: Database, tmp_path: Path) -> None:
    summary = export_archive(source, tmp_path / "c.kenes.zip", council_ids=[1])
    data = document(tmp_path / "c.kenes.zip")
    assert data["scope"]["councils"]
    assert summary.counts["councils"] == 1
    target = open_database(tmp_path / "t.sqlite3")
    plan = plan_import(target, read_archive(tmp_path / "c.kenes.zip"))
    assert plan.ok, plan.problems


def test_export_reports_progress_and_can_be_stopped(source: Database, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    export_archive(
        source,
        tmp_path / "p.json",
        embed_materials=False,
        progress=lambda done, total: seen.append((done, total)),
    )
    assert seen[-1][0] == seen[-1][1] > 0

    def stop(done: int, total: int) -> None:
        if done > 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        export_archive(source, tmp_path / "stopped.json", progress=stop)
    assert not (tmp_path / "stopped.json").exists()


def test_choices_of_ballots_survive(source: Database) -> None:
    assert Choice.FOR.value == "for"


def test_a_file_written_before_acts_imports_with_the_act_its_shorthand_named(
    source: Database, tmp_path: Path
) -> None:
    """Exchange files of the first milestone cite "000 §15": they map to the Regulation."""
    from app.domain.regulation import ACT_690
    from app.services.councils import get_council

    path = tmp_path / "old.kenes.zip"
    export_archive(source, path)
    data = document(path)
    for council in data["tables"]["councils"]:
        profile = council["profile"]
        profile.pop("act", None)
        profile["sources"] = {rule: f"000 §{p}" for rule, p in profile["sources"].items()}
        if profile.get("copies_deadline"):
            profile["copies_deadline"]["source"] = "000 §9.4"
    old = tmp_path / "rewritten.kenes.zip"
    with zipfile.ZipFile(path) as original, zipfile.ZipFile(old, "w") as rewritten:
        for name in original.namelist():
            body = original.read(name)
            if name == "kenes-exchange.json":
                body = json.dumps(data, ensure_ascii=False).encode("utf-8")
            rewritten.writestr(name, body)
    target = open_database(tmp_path / "empty.sqlite3")
    plan = plan_import(target, read_archive(old))
    assert plan.ok, plan.problems
    apply_import(target, SYSTEM, plan)
    profile = get_council(target, 1).profile
    assert profile.act == ACT_690
    assert profile.source("threshold") == "15"
    assert profile.copies_deadline is not None and profile.copies_deadline.source == "9.4"
