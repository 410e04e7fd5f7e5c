"""The import refuses what the council editors refuse: parent cycles and senseless numbers.

Each file is imported into a real SQLite file, by the import service and by the CLI;
every refusal names the place in the file and leaves the database byte for byte as it was.
"""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from app import cli, i18n
from app.domain.composition import Role, SeatKind
from app.domain.council import CouncilKind
from app.domain.regulation import AI_COUNCIL_881
from app.formats.exchange_archive import ImportRefused
from app.i18n import translations
from app.models.database import Database, open_database
from app.services.base import SYSTEM, Actor
from app.services.councils import CouncilData, create_council, get_council
from app.services.exchange.apply_import import apply_import
from app.services.exchange.export_archive import export_archive
from app.services.exchange.plan_import import plan_import
from app.services.exchange.read_archive import read_archive
from app.services.people import PersonData, create_person
from app.services.seats import SeatData, add_seat

ME = Actor("secretary")


def files(path: Path) -> dict[str, bytes]:
    """The database file and its write-ahead log, byte for byte."""
    return {
        p.name: p.read_bytes() for p in (path, path.with_name(path.name + "-wal")) if p.exists()
    }


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A board (AI council profile), its working group under it, a commission, and a seat."""
    folder = tmp_path_factory.mktemp("councils")
    db = open_database(folder / "source.sqlite3")
    board = create_council(
        db,
        ME,
        CouncilData(
            name_en="Board", kind=CouncilKind.SUPERVISORY_BOARD, preset_key=AI_COUNCIL_881.key
        ),
    ).id
    create_council(
        db, ME, CouncilData(name_en="Group", kind=CouncilKind.WORKING_GROUP, parent_id=board)
    )
    create_council(db, ME, CouncilData(name_en="Commission", kind=CouncilKind.COMMISSION))
    person = create_person(db, ME, PersonData(surname="Ахметов")).id
    add_seat(
        db, ME, board, SeatData(Role.MEMBER, SeatKind.PERSONAL, date(2024, 1, 10), None, person)
    )
    export_archive(db, folder / "source.json", embed_materials=False)
    db.close()
    data: dict[str, Any] = json.loads((folder / "source.json").read_text("utf-8"))
    return data


def council_record(data: dict[str, Any], name: str) -> dict[str, Any]:
    records: list[dict[str, Any]] = data["tables"]["councils"]
    (record,) = [c for c in records if c["name_en"] == name]
    return record


def index_of(data: dict[str, Any], name: str) -> int:
    records: list[dict[str, Any]] = data["tables"]["councils"]
    return records.index(council_record(data, name))


def write(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "file.json"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return path


def refused(db_path: Path, file: Path) -> ImportRefused:
    """Import ``file`` by the service, then by the CLI; both refuse and change no byte."""
    open_database(db_path).close()  # an empty database is created, then left as it is
    before = files(db_path)
    db = open_database(db_path)
    plan = plan_import(db, read_archive(file))
    assert not plan.ok
    with pytest.raises(ImportRefused) as caught:
        apply_import(db, SYSTEM, plan)
    db.close()
    assert files(db_path) == before
    assert cli.main(["--db", str(db_path), "import", str(file), "--yes"]) != 0
    i18n.set_interface_language("en")  # the CLI speaks the user's language; the test, English
    assert files(db_path) == before
    return caught.value


@pytest.fixture
def target(tmp_path: Path, exported: dict[str, Any]) -> Path:
    """A database that already holds the exported councils."""
    path = tmp_path / "target.sqlite3"
    db = open_database(path)
    plan = plan_import(db, read_archive(write(tmp_path, exported)))
    assert plan.ok, [str(p) for p in plan.problems]
    apply_import(db, SYSTEM, plan)
    db.close()
    return path


def test_the_untouched_file_imports_again(
    target: Path, exported: dict[str, Any], tmp_path: Path
) -> None:
    db = open_database(target)
    assert plan_import(db, read_archive(write(tmp_path, exported))).ok
    db.close()


# Finding 11: parent cycles.


def test_a_board_placed_under_its_own_working_group_is_refused(
    target: Path, exported: dict[str, Any], tmp_path: Path
) -> None:
    data = copy.deepcopy(exported)
    council_record(data, "Board")["parent"] = council_record(data, "Group")["uid"]
    error = refused(target, write(tmp_path, data))
    (problem,) = error.problems
    assert problem.pointer == f"/tables/councils/{index_of(data, 'Board')}"
    assert problem.message() == (
        "Councils cannot be each other's parent councils: Board → Group → Board."
    )
    assert problem.message(translations("ru")).startswith("Советы не могут быть вышестоящими")


def test_a_cycle_of_three_in_a_new_file_is_refused(
    exported: dict[str, Any], tmp_path: Path
) -> None:
    data = copy.deepcopy(exported)
    board, group, commission = (council_record(data, n) for n in ("Board", "Group", "Commission"))
    board["parent"] = commission["uid"]
    commission["parent"] = group["uid"]
    error = refused(tmp_path / "empty.sqlite3", write(tmp_path, data))
    (problem,) = error.problems
    assert problem.message() == (
        "Councils cannot be each other's parent councils: Board → Commission → Group → Board."
    )


def test_a_council_that_is_its_own_parent_is_refused(
    target: Path, exported: dict[str, Any], tmp_path: Path
) -> None:
    data = copy.deepcopy(exported)
    commission = council_record(data, "Commission")
    commission["parent"] = commission["uid"]
    error = refused(target, write(tmp_path, data))
    (problem,) = error.problems
    assert problem.pointer == f"/tables/councils/{index_of(data, 'Commission')}"
    assert problem.message() == "The council “Commission” cannot be its own parent council."


# Finding 12: senseless numbers.


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (
            "min_meetings_per_year",
            10**40,
            "The field “Meetings a year, at least” must be a whole number from 0 to 365.",
        ),
        (
            "max_deputy_chairs",
            -3,
            "The field “Deputy chairs, at most” must be a whole number from 0 to 20.",
        ),
        (
            "threshold",
            {"numerator": 5, "denominator": 3, "inclusive": False},
            "The value of “Decision threshold” must be a fraction of at most one, with a "
            "denominator from 1 to 100; 5/3 is not.",
        ),
        (
            "quorum",
            {"numerator": 1, "denominator": 10**30, "inclusive": True},
            "The value of “Quorum” must be a fraction of at most one, with a denominator from 1 "
            "to 100; 1/… is not.",
        ),
        (
            "materials_deadline",
            {"amount": -2, "unit": "months", "source": "27"},
            "The deadline “Materials, before a session” must be from 0 to 24 months.",
        ),
        (
            "protocol_draft_deadline_interim",
            {"amount": 10**20, "unit": "weeks", "source": ""},
            "The deadline “Draft protocol, after an interim meeting” must be from 0 to 52 weeks.",
        ),
    ],
)
def test_a_senseless_profile_value_is_refused(
    target: Path, exported: dict[str, Any], tmp_path: Path, field: str, value: Any, message: str
) -> None:
    data = copy.deepcopy(exported)
    council_record(data, "Board")["profile"][field] = value
    error = refused(target, write(tmp_path, data))
    (problem,) = error.problems
    assert problem.pointer == f"/tables/councils/{index_of(data, 'Board')}"
    assert problem.message() == message
    assert problem.message(translations("kk")) != message


@pytest.mark.parametrize("order", [-10, 1_000_001])
def test_a_senseless_seat_order_is_refused(
    target: Path, exported: dict[str, Any], tmp_path: Path, order: int
) -> None:
    data = copy.deepcopy(exported)
    data["tables"]["seats"][0]["sort_order"] = order
    error = refused(target, write(tmp_path, data))
    assert [p.pointer for p in error.problems] == ["/tables/seats/0"]
    assert error.problems[0].message() == (
        "The field “Order” must be a whole number from 0 to 1000000."
    )


def test_the_board_keeps_its_profile_after_the_refusals(target: Path) -> None:
    db: Database = open_database(target)
    (board,) = [c for c in (get_council(db, i) for i in (1, 2, 3)) if c.name("en") == "Board"]
    assert board.profile == AI_COUNCIL_881.profile
    db.close()
