"""Import goes through the rules: every refusal is listed, with its place in the file."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from app.domain.invited import MEMBER_INVITED, REPLACED_PRESENT
from app.formats.exchange_archive import ImportRefused
from app.i18n import translations
from app.models.database import Database, open_database
from app.services.base import SYSTEM
from app.services.exchange.apply_import import apply_import, import_at_once
from app.services.exchange.export_archive import export_archive
from app.services.exchange.plan_import import plan_import
from app.services.exchange.read_archive import read_archive
from tests.services.exchange.exchange_helpers import fingerprint
from tests.services.protocol_helpers import HeldMeeting, held_meeting


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], dict[str, Any]]:
    """The held meeting of the demo board as a JSON export, and facts about it."""
    folder = tmp_path_factory.mktemp("held")
    db = open_database(folder / "held.sqlite3")
    held: HeldMeeting = held_meeting(db)
    export_archive(db, folder / "held.json", embed_materials=False)
    with db.reading() as session:
        from app.models.composition import Person

        def uid(person_id: int) -> str:
            person = session.get(Person, person_id)
            assert person is not None
            return person.uid

        facts = {
            "members": [uid(p) for p in held.board.members],
            "absent": uid(held.board.members[-1]),
        }
    db.close()
    return json.loads((folder / "held.json").read_text("utf-8")), facts


def write(tmp_path: Path, data: dict[str, Any], name: str = "file.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return path


def refused(tmp_path: Path, data: dict[str, Any]) -> tuple[ImportRefused, Database]:
    """Import into an empty database; the refusal, and the database (unchanged)."""
    db = open_database(tmp_path / "target.sqlite3")
    before = fingerprint(db)
    archive = read_archive(write(tmp_path, data))
    plan = plan_import(db, archive)
    assert not plan.ok
    with pytest.raises(ImportRefused) as caught:
        apply_import(db, SYSTEM, plan)
    assert fingerprint(db) == before
    assert caught.value.problems == plan.problems
    return caught.value, db


def new_person(data: dict[str, Any], uid: str, surname: str) -> None:
    template = copy.deepcopy(data["tables"]["people"][0])
    template.update(
        uid=uid, surname=surname, given_name="", patronymic="", latin_name="", email="", note=""
    )
    data["tables"]["people"].append(template)


def first_point(data: dict[str, Any]) -> dict[str, Any]:
    return dict(data["tables"]["decision_points"][0])


def test_the_untouched_file_imports(
    exported: tuple[dict[str, Any], dict[str, Any]], tmp_path: Path
) -> None:
    data, _facts = exported
    db = open_database(tmp_path / "t.sqlite3")
    plan = plan_import(db, read_archive(write(tmp_path, data)))
    assert plan.ok, [str(p) for p in plan.problems]


def test_a_ballot_from_a_non_member_is_refused(
    exported: tuple[dict[str, Any], dict[str, Any]], tmp_path: Path
) -> None:
    data = copy.deepcopy(exported[0])
    new_person(data, "f" * 32, "Бөтен")
    data["tables"]["decision_points"][0]["ballots"].append(
        {"person": "f" * 32, "choice": "for", "recorded_at": "2024-03-14T06:00:00+00:00"}
    )
    error, _db = refused(tmp_path, data)
    (problem,) = error.problems
    assert problem.pointer.startswith("/tables/decision_points/0/ballots/")
    assert "is not a member of the council and cannot vote" in problem.message()
    assert "не является членом" in problem.message(translations("ru"))


def test_a_ballot_from_a_substitute_is_refused(
    exported: tuple[dict[str, Any], dict[str, Any]], tmp_path: Path
) -> None:
    data = copy.deepcopy(exported[0])
    _data, facts = exported
    new_person(data, "e" * 32, "Орынбасар")
    invited = {
        "uid": "d" * 32,
        "created_at": "2024-03-14T06:00:00+00:00",
        "meeting": data["tables"]["meetings"][0]["uid"],
        "person": "e" * 32,
        "name": "Орынбасар",
        "latin_name": "",
        "position_kk": "",
        "position_ru": "",
        "position_en": "",
        "organisation_kk": "",
        "organisation_ru": "",
        "organisation_en": "",
        "role": "substitute",
        "instead_of_person": facts["absent"],
        "sort_order": 10,
    }
    data["tables"]["invited_persons"].append(invited)
    data["tables"]["decision_points"][0]["ballots"].append(
        {"person": "e" * 32, "choice": "for", "recorded_at": "2024-03-14T06:00:00+00:00"}
    )
    error, _db = refused(tmp_path, data)
    assert [p.pointer[:34] for p in error.problems] == ["/tables/decision_points/0/ballots/"]
    assert "without the right of substitution" in error.problems[0].message()


def test_invited_persons_are_refused_with_the_services_own_messages(
    exported: tuple[dict[str, Any], dict[str, Any]], tmp_path: Path
) -> None:
    """The importer asks the domain's rules of invited persons, as add_invited_person does."""
    data = copy.deepcopy(exported[0])
    present_member = exported[1]["members"][0]
    guest = {
        "created_at": "2024-03-14T06:00:00+00:00",
        "meeting": data["tables"]["meetings"][0]["uid"],
        "latin_name": "",
        **{
            f"{field}_{lang}": ""
            for field in ("position", "organisation")
            for lang in ("kk", "ru", "en")
        },
        "sort_order": 10,
    }
    data["tables"]["invited_persons"] += [
        {**guest, "uid": "b" * 32, "person": present_member, "name": "Мүше", "role": "guest"},
        {
            **guest,
            "uid": "a" * 32,
            "person": None,
            "name": "Қонақ",
            "role": "substitute",
            "instead_of_person": present_member,
        },
    ]
    for record in data["tables"]["invited_persons"]:
        record.setdefault("instead_of_person", None)
    error, _db = refused(tmp_path, data)
    assert sorted(p.msgid for p in error.problems) == sorted([MEMBER_INVITED, REPLACED_PRESENT])
    assert all(p.pointer.startswith("/tables/invited_persons/") for p in error.problems)


def test_a_vote_for_an_absent_member_is_refused(
    exported: tuple[dict[str, Any], dict[str, Any]], tmp_path: Path
) -> None:
    data = copy.deepcopy(exported[0])
    data["tables"]["decision_points"][0]["ballots"].append(
        {
            "person": exported[1]["absent"],
            "choice": "against",
            "recorded_at": "2024-03-14T06:00:00+00:00",
        }
    )
    error, _db = refused(tmp_path, data)
    (problem,) = error.problems
    assert "is not present at item 1 and cannot vote on it" in problem.message()


def test_two_chairs_at_one_time_are_refused(
    exported: tuple[dict[str, Any], dict[str, Any]], tmp_path: Path
) -> None:
    data = copy.deepcopy(exported[0])
    seats = data["tables"]["seats"]
    member_seat = next(s for s in seats if s["role"] == "member")
    member_seat["role"] = "chair"
    index = seats.index(member_seat)
    error, _db = refused(tmp_path, data)
    locations = [p.pointer for p in error.problems]
    assert f"/tables/seats/{index}" in locations
    message = next(p for p in error.problems if p.pointer == f"/tables/seats/{index}")
    assert "two chairs" in message.message()
    assert "два председателя" in message.message(translations("ru"))


def test_a_dissent_from_someone_who_did_not_vote_is_refused(
    exported: tuple[dict[str, Any], dict[str, Any]], tmp_path: Path
) -> None:
    data = copy.deepcopy(exported[0])
    dissent = dict(data["tables"]["dissenting_opinions"][0])
    dissent.update(uid="c" * 32, person=exported[1]["absent"])
    data["tables"]["dissenting_opinions"].append(dissent)
    error, _db = refused(tmp_path, data)
    (problem,) = error.problems
    assert (
        problem.pointer
        == f"/tables/dissenting_opinions/{len(data['tables']['dissenting_opinions']) - 1}"
    )
    assert "did not take part in the decision" in problem.message()


def test_every_problem_is_listed_at_once(
    exported: tuple[dict[str, Any], dict[str, Any]], tmp_path: Path
) -> None:
    data = copy.deepcopy(exported[0])
    facts = exported[1]
    data["tables"]["decision_points"][0]["ballots"].append(
        {"person": facts["absent"], "choice": "for", "recorded_at": "2024-03-14T06:00:00+00:00"}
    )
    dissent = dict(data["tables"]["dissenting_opinions"][0])
    dissent.update(uid="c" * 32, person=facts["absent"])
    data["tables"]["dissenting_opinions"].append(dissent)
    data["tables"]["people"][1]["email"] = "not an address"
    error, _db = refused(tmp_path, data)
    assert len(error.problems) == 3
    report = error.report(translations("kk"))
    assert all(location and message for location, message in report)
    assert "Problems found: 3" in error.message()


def test_a_result_in_the_file_is_counted_again(
    exported: tuple[dict[str, Any], dict[str, Any]], tmp_path: Path
) -> None:
    data = copy.deepcopy(exported[0])
    point = data["tables"]["decision_points"][0]
    assert point["state"] == "closed"
    point["frozen"] = {**point["frozen"], "result": {"adopted": False}}
    error, _db = refused(tmp_path, data)
    assert error.problems[0].pointer == "/tables/decision_points/0"
    assert "counted under the regulation profile it was closed under" in error.problems[0].message()


def test_counts_beyond_the_members_present_are_refused(
    exported: tuple[dict[str, Any], dict[str, Any]], tmp_path: Path
) -> None:
    data = copy.deepcopy(exported[0])
    point = data["tables"]["decision_points"][0]
    point.update(mode="counts", ballots=[], count_for=30, count_against=0, count_abstained=0)
    data["tables"]["dissenting_opinions"] = []
    error, _db = refused(tmp_path, data)
    assert any("more than the members with a vote present" in p.message() for p in error.problems)


def test_a_reference_to_nothing_is_refused(
    exported: tuple[dict[str, Any], dict[str, Any]], tmp_path: Path
) -> None:
    data = copy.deepcopy(exported[0])
    data["tables"]["attendance"][0]["person"] = "a" * 32
    error, _db = refused(tmp_path, data)
    assert error.problems[0].pointer == "/tables/attendance/0/person"
    assert "neither in the file nor in the database" in error.problems[0].message()


def test_a_signed_record_is_not_changed_by_an_import(tmp_path: Path) -> None:
    from app.services.demo import create_demo
    from app.services.demo_meeting import create_demo_meeting

    db = open_database(tmp_path / "demo.sqlite3")
    create_demo(db, SYSTEM)
    create_demo_meeting(db, SYSTEM)
    export_archive(db, tmp_path / "demo.kenes.zip")
    from zipfile import ZipFile

    with ZipFile(tmp_path / "demo.kenes.zip") as archive:
        data = json.loads(archive.read("kenes-exchange.json"))
    data["tables"]["attendance"][0]["absence_reason"] = "late"
    data["tables"]["attendance"][0]["present"] = False
    path = write(tmp_path, data, "changed.json")
    before = fingerprint(db)
    plan = plan_import(db, read_archive(path))
    assert any("is signed, so its record cannot change" in p.message() for p in plan.problems)
    with pytest.raises(ImportRefused):
        apply_import(db, SYSTEM, plan)
    assert fingerprint(db) == before


def test_one_pass_names_a_refused_ballot_where_the_plan_does(
    exported: tuple[dict[str, Any], dict[str, Any]], tmp_path: Path
) -> None:
    """The one-pass import empties the records it wrote; a ballot refused later is still
    named at its own place in the file."""
    data = copy.deepcopy(exported[0])
    new_person(data, "f" * 32, "Бөтен")
    ballots = data["tables"]["decision_points"][0]["ballots"]
    ballots.insert(
        1, {"person": "f" * 32, "choice": "for", "recorded_at": ballots[0]["recorded_at"]}
    )
    path = write(tmp_path, data)
    planned = plan_import(open_database(tmp_path / "planned.sqlite3"), read_archive(path))
    plan, result = import_at_once(open_database(tmp_path / "once.sqlite3"), SYSTEM, path)
    assert result is None
    assert plan.problems == planned.problems
    assert [p.pointer for p in plan.problems] == ["/tables/decision_points/0/ballots/1"]
