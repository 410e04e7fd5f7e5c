"""Gender and per-language absence reasons travel in exchange files; older files still import."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from app.models.composition import Person
from app.models.conduct import Attendance
from app.models.database import Database, open_database
from app.services.base import SYSTEM
from app.services.conduct.attendance import record_attendance
from app.services.exchange.apply_import import apply_import
from app.services.exchange.export_archive import export_archive
from app.services.exchange.plan_import import plan_import
from app.services.exchange.read_archive import read_archive
from app.services.people import PersonData, person_info, update_person
from tests.services.conduct_helpers import ME, board_meeting


def _source(db: Database) -> tuple[int, int]:
    board = board_meeting(db)
    absent, other = board.members[-1], board.members[-2]
    for person in board.members:
        if person == absent:
            record_attendance(db, ME, board.meeting_id, person, False, "іссапар")
        elif person == other:
            record_attendance(
                db,
                ME,
                board.meeting_id,
                person,
                False,
                absence_kind="other",
                absence_reasons={"kk": "форумда", "ru": "на форуме", "en": "at a forum"},
            )
        else:
            record_attendance(db, ME, board.meeting_id, person, True)
    with db.reading() as session:
        chosen = person_info(session.get(Person, board.members[0]))
    # A gender chosen by hand against the patronymic travels as chosen.
    update_person(
        db,
        ME,
        chosen.id,
        PersonData(chosen.surname, chosen.given_name, chosen.patronymic, gender="unknown"),
    )
    return absent, other


def _people(db: Database) -> dict[str, tuple[str, str]]:
    with db.reading() as session:
        return {p.uid: (p.patronymic, p.gender) for p in session.scalars(select(Person))}


def _reasons(db: Database) -> dict[str, tuple[str, str, str, str]]:
    with db.reading() as session:
        return {
            a.uid: (a.absence_kind, a.absence_reason_kk, a.absence_reason_ru, a.absence_reason_en)
            for a in session.scalars(select(Attendance))
        }


def _import(path: Path, tmp_path: Path) -> Database:
    target = open_database(tmp_path / "target.sqlite3")
    plan = plan_import(target, read_archive(path))
    assert plan.ok, plan.problems
    apply_import(target, SYSTEM, plan)
    return target


def test_gender_and_reasons_travel(database: Database, tmp_path: Path) -> None:
    _source(database)
    path = tmp_path / "a.json"
    export_archive(database, path, embed_materials=False)
    data = json.loads(path.read_text("utf-8"))
    assert {p["gender"] for p in data["tables"]["people"]} >= {"male", "female", "unknown"}
    target = _import(path, tmp_path)
    try:
        assert _people(target) == _people(database)
        assert _reasons(target) == _reasons(database)
    finally:
        target.close()


def test_a_file_written_before_the_fields_still_imports(database: Database, tmp_path: Path) -> None:
    _source(database)
    path = tmp_path / "old.json"
    export_archive(database, path, embed_materials=False)
    data = json.loads(path.read_text("utf-8"))
    for person in data["tables"]["people"]:
        del person["gender"]
    for row in data["tables"]["attendance"]:
        for field in (
            "absence_kind",
            "absence_reason_kk",
            "absence_reason_ru",
            "absence_reason_en",
        ):
            del row[field]
        if row["absence_reason"] == "on a business trip":
            row["absence_reason"] = "іссапар"  # as an older Kenes wrote it
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    target = _import(path, tmp_path)
    try:
        genders = {g for _patronymic, g in _people(target).values()}
        assert genders >= {"male", "female"}
        for patronymic, gender in _people(target).values():
            if patronymic.endswith("қызы"):
                assert gender == "female"
            if patronymic.endswith("ұлы"):
                assert gender == "male"
        kinds = sorted(kind for kind, *_texts in _reasons(target).values() if kind)
        assert kinds == ["business_trip", "other"]
    finally:
        target.close()
