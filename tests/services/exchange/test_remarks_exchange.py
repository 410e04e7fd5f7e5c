"""The chair's remarks travel in the exchange files: added on import, never changed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from app.domain.meeting import MeetingState
from app.formats.exchange_archive import ImportRefused
from app.formats.exchange_schema import TABLES
from app.models.database import Database, open_database
from app.services.base import SYSTEM, Actor
from app.services.exchange.apply_import import apply_import
from app.services.exchange.export_archive import export_archive
from app.services.exchange.export_package import export_meeting_package
from app.services.exchange.plan_import import plan_import
from app.services.exchange.read_archive import read_archive
from app.services.protocols.actions import create_protocol
from app.services.review.answer_remark import answer_remark
from app.services.review.list_remarks import remarks_of
from app.services.review.return_with_remarks import return_with_remarks
from tests.services.meeting_helpers import ME, make_world, meeting_in_state

CHAIR = Actor("chair")
ROOT = Path(__file__).resolve().parents[3]
SCHEMA = json.loads((ROOT / "schemas" / "kenes-exchange-1.schema.json").read_text("utf-8"))
WITHOUT_OPTIONAL = [t.name for t in TABLES if not t.optional]


def files(path: Path) -> dict[str, bytes]:
    return {
        p.name: p.read_bytes() for p in (path, path.with_name(path.name + "-wal")) if p.exists()
    }


def document(path: Path) -> dict[str, Any]:
    return dict(json.loads(path.read_text("utf-8")))


def written(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return path


@pytest.fixture
def remarked(database: Database) -> tuple[Database, int]:
    """A held meeting: a remark on its agenda (answered) and one on its protocol draft."""
    world = make_world(database)
    planned = meeting_in_state(database, world, MeetingState.PLANNED)
    first = return_with_remarks(database, CHAIR, planned, "agenda", "Баяндамашыны көрсетіңіз.")
    answer_remark(database, ME, first.id, "Баяндамашы қосылды.")
    held = meeting_in_state(database, world, MeetingState.HELD)
    create_protocol(database, ME, held)
    return_with_remarks(database, CHAIR, held, "protocol", "Шешімді нақтылаңыз.")
    return database, held


def _export(db: Database, path: Path) -> dict[str, Any]:
    export_archive(db, path, embed_materials=False)
    return document(path)


def test_remarks_are_exported_and_read_back(remarked: tuple[Database, int], tmp_path: Path) -> None:
    db, _held = remarked
    data = _export(db, tmp_path / "a.json")
    jsonschema.validate(data, SCHEMA, cls=jsonschema.Draft202012Validator)
    assert list(data["tables"])[-2:] == ["review_remarks", "calendar_overrides"]
    agenda, protocol = data["tables"]["review_remarks"]
    meetings = {m["uid"] for m in data["tables"]["meetings"]}
    assert agenda["meeting"] in meetings and protocol["meeting"] in meetings
    assert (agenda["subject"], agenda["protocol"], agenda["author"]) == ("agenda", None, "chair")
    assert (agenda["answer"], agenda["answered_by"]) == ("Баяндамашы қосылды.", "secretary")
    assert protocol["protocol"] == data["tables"]["protocols"][0]["uid"]
    assert (protocol["answer"], protocol["answered_at"]) == ("", None)
    archive = read_archive(tmp_path / "a.json")
    assert archive.records("review_remarks") == data["tables"]["review_remarks"]


def test_a_database_without_remarks_writes_no_remarks_table(
    database: Database, tmp_path: Path
) -> None:
    """Files without remarks stay byte for byte what they were: the table is not written."""
    meeting = meeting_in_state(database, make_world(database), MeetingState.PLANNED)
    data = _export(database, tmp_path / "a.json")
    assert list(data["tables"]) == WITHOUT_OPTIONAL
    summary = export_meeting_package(database, meeting, tmp_path / "p.json", embed_materials=False)
    assert list(document(tmp_path / "p.json")["tables"]) == WITHOUT_OPTIONAL
    assert "review_remarks" not in summary.counts


def test_a_meeting_package_carries_the_meetings_remarks(
    remarked: tuple[Database, int], tmp_path: Path
) -> None:
    db, held = remarked
    export_meeting_package(db, held, tmp_path / "p.json", embed_materials=False, actor=ME)
    data = document(tmp_path / "p.json")
    (remark,) = data["tables"]["review_remarks"]
    assert remark["text"] == "Шешімді нақтылаңыз."
    assert f"review_remarks/{remark['uid']}" in data["package"]["base"]


def test_remarks_import_into_an_empty_database_and_again_change_nothing(
    remarked: tuple[Database, int], tmp_path: Path
) -> None:
    db, held = remarked
    _export(db, tmp_path / "a.json")
    target = open_database(tmp_path / "empty.sqlite3")
    plan = plan_import(target, read_archive(tmp_path / "a.json"))
    assert plan.ok, plan.problems
    assert plan.counts["review_remarks"].new == 2
    apply_import(target, SYSTEM, plan)
    ours = {(r.text, r.author, r.answer, r.answered_by) for r in remarks_of(db, held)}
    theirs = {(r.text, r.author, r.answer, r.answered_by) for r in remarks_of(target, held)}
    assert ours == theirs and len(ours) == 1
    again = plan_import(target, read_archive(tmp_path / "a.json"))
    assert again.ok and again.new == 0 and again.updated == 0
    assert again.counts["review_remarks"].unchanged == 2
    second = _export(target, tmp_path / "b.json")
    assert second["tables"] == document(tmp_path / "a.json")["tables"]
    target.close()


def test_an_answer_given_elsewhere_arrives_and_an_older_file_changes_nothing(
    remarked: tuple[Database, int], tmp_path: Path
) -> None:
    db, held = remarked
    older = _export(db, tmp_path / "older.json")
    target = open_database(tmp_path / "t.sqlite3")
    apply_import(target, SYSTEM, plan_import(target, read_archive(tmp_path / "older.json")))
    (open_remark,) = remarks_of(db, held)
    answer_remark(db, ME, open_remark.id, "Нақтыланды.")
    _export(db, tmp_path / "newer.json")
    plan = plan_import(target, read_archive(tmp_path / "newer.json"))
    assert plan.ok, plan.problems
    assert plan.counts["review_remarks"].updated == 1
    apply_import(target, SYSTEM, plan)
    assert [r.answer for r in remarks_of(target, held)] == ["Нақтыланды."]
    # The older file, without that answer, leaves the remark as it is here.
    back = plan_import(target, read_archive(written(tmp_path / "again.json", older)))
    assert back.ok and back.counts["review_remarks"].updated == 0
    apply_import(target, SYSTEM, back)
    assert [r.answer for r in remarks_of(target, held)] == ["Нақтыланды."]
    target.close()


@pytest.fixture
def imported(
    remarked: tuple[Database, int], tmp_path: Path
) -> tuple[Database, Path, dict[str, Any]]:
    """A second database holding the archive; the archive's document to tamper with."""
    db, _held = remarked
    data = _export(db, tmp_path / "a.json")
    path = tmp_path / "target.sqlite3"
    target = open_database(path)
    apply_import(target, SYSTEM, plan_import(target, read_archive(tmp_path / "a.json")))
    return target, path, data


def test_a_changed_remark_is_refused_and_nothing_written(
    imported: tuple[Database, Path, dict[str, Any]], tmp_path: Path
) -> None:
    target, path, data = imported
    data["tables"]["review_remarks"][0]["text"] = "Басқа мәтін."
    data["tables"]["review_remarks"][1]["answer"] = "Жауап."
    before = files(path)
    plan = plan_import(target, read_archive(written(tmp_path / "changed.json", data)))
    found = {p.pointer: p.msgid for p in plan.problems}
    assert list(found) == ["/tables/review_remarks/0", "/tables/review_remarks/1"]
    assert "never changes" in found["/tables/review_remarks/0"]
    assert "not yet answered" in found["/tables/review_remarks/1"]  # an answer needs who, when
    with pytest.raises(ImportRefused):
        apply_import(target, SYSTEM, plan)
    assert files(path) == before
    target.close()


def _tampered(data: dict[str, Any], **fields: Any) -> dict[str, Any]:
    remark = dict(data["tables"]["review_remarks"][1])
    remark.update({"uid": "f" * 32, **fields})
    tables = {**data["tables"], "review_remarks": [*data["tables"]["review_remarks"], remark]}
    return {**data, "tables": tables}


@pytest.mark.parametrize(
    ("fields", "where"),
    [
        ({"uid": "NOT-A-UID"}, "/tables/review_remarks/2/uid"),
        ({"text": "Ұзын. " * 1000}, "/tables/review_remarks/2/text"),
        ({"subject": "minutes"}, "/tables/review_remarks/2/subject"),
    ],
)
def test_a_hostile_remark_is_refused_when_the_file_is_read(
    imported: tuple[Database, Path, dict[str, Any]],
    tmp_path: Path,
    fields: dict[str, Any],
    where: str,
) -> None:
    target, path, data = imported
    before = files(path)
    with pytest.raises(ImportRefused) as refused:
        read_archive(written(tmp_path / "hostile.json", _tampered(data, **fields)))
    assert where in [p.pointer for p in refused.value.problems]
    assert files(path) == before
    target.close()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"meeting": "e" * 32}, "neither in the file nor in the database"),
        ({"subject": "agenda"}, "names no protocol"),
        ({"protocol": None}, "names a protocol of its meeting"),
        ({"text": "   "}, "needs its text and its author"),
        ({"answer": "Жауап.", "answered_by": "", "answered_at": None}, "not yet answered"),
        (
            {"answer": "Жауап.", "answered_by": "x", "answered_at": "2000-01-01T00:00:00+00:00"},
            "before it was made",
        ),
    ],
)
def test_a_hostile_remark_is_refused_by_the_merge_and_nothing_written(
    imported: tuple[Database, Path, dict[str, Any]],
    tmp_path: Path,
    fields: dict[str, Any],
    message: str,
) -> None:
    target, path, data = imported
    before = files(path)
    archive = read_archive(written(tmp_path / "hostile.json", _tampered(data, **fields)))
    plan = plan_import(target, archive)
    assert not plan.ok
    assert any(message in p.msgid for p in plan.problems), plan.problems
    assert any(p.pointer.startswith("/tables/review_remarks/2") for p in plan.problems)
    with pytest.raises(ImportRefused):
        apply_import(target, SYSTEM, plan)
    assert files(path) == before
    target.close()


def test_a_meeting_brought_back_adds_remarks_and_never_loses_one(tmp_path: Path) -> None:
    """The laptop's new remark comes back; a return file without the office's remark
    (the laptop cannot remove one) leaves it as it is."""
    from app.services.exchange.apply_return import apply_return
    from app.services.exchange.plan_return import plan_return

    office = open_database(tmp_path / "office.sqlite3")
    meeting = meeting_in_state(office, make_world(office), MeetingState.PLANNED)
    kept = return_with_remarks(office, CHAIR, meeting, "agenda", "Тізімді қысқартыңыз.")
    answer_remark(office, ME, kept.id, "Қысқартылды.")
    export_meeting_package(office, meeting, tmp_path / "p.json", embed_materials=False, actor=ME)
    laptop = open_database(tmp_path / "laptop.sqlite3")
    apply_import(laptop, ME, plan_import(laptop, read_archive(tmp_path / "p.json")))
    export_meeting_package(laptop, 1, tmp_path / "r.json", embed_materials=False)
    data = document(tmp_path / "r.json")
    (carried,) = data["tables"]["review_remarks"]
    new = {**carried, "uid": "d" * 32, "text": "Ноутбукта жазылды.", "answer": ""}
    new.update(answered_by="", answered_at=None)
    data["tables"]["review_remarks"] = [new]  # the office's remark left out
    plan = plan_return(office, read_archive(written(tmp_path / "back.json", data)))
    assert [(c.table, c.action) for c in plan.changes] == [("review_remarks", "add")]
    assert not plan.conflicts
    apply_return(office, ME, plan)
    texts = sorted(r.text for r in remarks_of(office, meeting))
    assert texts == ["Ноутбукта жазылды.", "Тізімді қысқартыңыз."]
    office.close()
    laptop.close()


def test_remarks_of_a_signed_meeting_reach_a_copy_made_without_them(tmp_path: Path) -> None:
    """A signed meeting's record does not lock the remarks beside it: a database that got
    the meeting from a file written before remarks travelled gains them, unchanged."""
    from datetime import date

    from app.services.protocols.actions import Signing, sign_protocol
    from tests.services.protocol_helpers import held_meeting

    db = open_database(tmp_path / "signed.sqlite3")
    held = held_meeting(db)
    protocol = create_protocol(db, ME, held.board.meeting_id)
    remark = return_with_remarks(db, CHAIR, held.board.meeting_id, "protocol", "Күнін түзетіңіз.")
    sign_protocol(
        db, ME, protocol.id, Signing(date(2024, 3, 20), languages=("kk", "ru"), accept_gaps=True)
    )
    answer_remark(db, ME, remark.id, "Түзетілді.")  # an answer may come after the signature
    data = _export(db, tmp_path / "a.json")
    older = {**data, "tables": {k: v for k, v in data["tables"].items() if k != "review_remarks"}}
    target = open_database(tmp_path / "copy.sqlite3")
    first = plan_import(target, read_archive(written(tmp_path / "older.json", older)))
    assert first.ok, first.problems
    apply_import(target, SYSTEM, first)
    plan = plan_import(target, read_archive(tmp_path / "a.json"))
    assert plan.ok, plan.problems
    assert plan.new == 1 and plan.updated == 0
    apply_import(target, SYSTEM, plan)
    (arrived,) = remarks_of(target, held.board.meeting_id)
    assert (arrived.text, arrived.answer, arrived.author) == (
        "Күнін түзетіңіз.",
        "Түзетілді.",
        "chair",
    )
    target.close()
    db.close()
