"""Issue 14, finding 1: an import never recounts a closed decision under today's profile.

The attack: an exchange file that changes only a council's profile (a threshold
of 99/100) made every signed "adopted 11-3" read "not adopted" while the signed
PDF still said adopted.  Closed results are now frozen with the profile they were
counted under; a profile change takes effect from a date, never over a closed
vote; and the summary says every change of a profile in words.
"""

from __future__ import annotations

import copy
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from app.cli import main
from app.formats.exchange_archive import ImportRefused
from app.models.conduct import DecisionPoint
from app.models.database import open_database
from app.models.profile_history import ProfileVersion
from app.services.base import SYSTEM
from app.services.demo_meeting import DAY
from app.services.exchange.apply_import import apply_import
from app.services.exchange.frozen_votes import profile_change_lines
from app.services.exchange.plan_import import ImportPlan, plan_import
from app.services.exchange.read_archive import read_archive
from tests.services.exchange.exchange_helpers import database_bytes, read_package, write_package

STRICT = {"numerator": 99, "denominator": 100, "inclusive": False}
SAID = (
    "the share of votes needed to adopt a decision changes from “more than half” "
    "to “more than 99/100”"
)


def signed_council(data: dict[str, Any]) -> dict[str, Any]:
    meeting = data["tables"]["meetings"][0]
    return next(c for c in data["tables"]["councils"] if c["uid"] == meeting["council"])


def stricter(original: Path, target: Path) -> Path:
    """The attack of the finding: only the profile changes, to a threshold of 99/100."""
    data, entries = read_package(original)
    signed_council(data)["profile"]["threshold"] = dict(STRICT)
    return write_package(target, data, entries)


def frozen_points(path: Path) -> dict[str, Any]:
    db = open_database(path)
    try:
        with db.reading() as session:
            return {
                p.uid: p.frozen
                for p in session.scalars(
                    select(DecisionPoint).where(DecisionPoint.state == "closed")
                )
            }
    finally:
        db.close()


def lines(plan: ImportPlan) -> list[str]:
    return profile_change_lines(plan.profile_changes, "en")


def test_a_file_that_only_changes_the_profile_never_recounts_a_signed_decision(
    demo: tuple[Path, Path], tmp_path: Path
) -> None:
    attack = stricter(demo[1], tmp_path / "attack.kenes.zip")
    target = tmp_path / "same.sqlite3"
    shutil.copyfile(demo[0], target)
    frozen_before = frozen_points(target)
    assert any(
        f["result"]["adopted"] and (f["result"]["for_"], f["result"]["against"]) == (11, 3)
        for f in frozen_before.values()
    )
    before = database_bytes(target)
    db = open_database(target)
    plan = plan_import(db, read_archive(attack))
    said = lines(plan)
    assert any(SAID in line and "for every meeting" in line for line in said), said
    assert not plan.ok
    messages = [p.message() for p in plan.problems]
    assert any("Say from which date the new regulation profile takes effect" in m for m in messages)
    assert not any("differs from the signed protocol" in m for m in messages), messages
    with pytest.raises(ImportRefused):
        apply_import(db, SYSTEM, plan)
    db.close()
    assert database_bytes(target) == before
    assert frozen_points(target) == frozen_before


def test_the_cli_states_the_profile_change_before_asking(
    demo: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    attack = stricter(demo[1], tmp_path / "attack.kenes.zip")
    target = tmp_path / "cli.sqlite3"
    shutil.copyfile(demo[0], target)
    before = database_bytes(target)
    code = main(["--db", str(target), "--lang", "en", "import", str(attack), "--yes"])
    out = capsys.readouterr()
    assert code != 0
    assert "The file changes the regulation profile of a council:" in out.out
    assert SAID in out.out
    assert "Say from which date" in out.err
    assert database_bytes(target) == before


def dated_change(original: Path, target: Path, day: date) -> Path:
    """The profile changed by an act from ``day``, recorded as a profile version."""
    data, entries = read_package(original)
    council = signed_council(data)
    old = copy.deepcopy(council["profile"])
    council["profile"]["threshold"] = dict(STRICT)
    version = {
        "created_at": "2026-03-01T00:00:00+00:00",
        "council": council["uid"],
        "profile": copy.deepcopy(council["profile"]),
        "act_title": "Decree on the board",
        "act_number": "12",
        "act_date": day.isoformat(),
        "act_text": "",
        "recorded_at": "2026-03-01T00:00:00+00:00",
        "recorded_by": "office",
    }
    data["tables"]["profile_versions"] = [
        {**version, "uid": "a" * 32, "effective_from": None, "profile": old, "act_title": ""},
        {**version, "uid": "b" * 32, "effective_from": day.isoformat()},
    ]
    return write_package(target, data, entries)


def test_a_dated_change_before_the_signed_meeting_is_refused(
    demo: tuple[Path, Path], tmp_path: Path
) -> None:
    changed = dated_change(demo[1], tmp_path / "early.kenes.zip", date(2024, 1, 1))
    target = tmp_path / "same.sqlite3"
    shutil.copyfile(demo[0], target)
    before = database_bytes(target)
    db = open_database(target)
    plan = plan_import(db, read_archive(changed))
    assert not plan.ok
    assert any("cannot take effect from 1\xa0January\xa02024" in p.message() for p in plan.problems)
    assert any("takes effect on 1\xa0January\xa02024" in line for line in lines(plan))
    db.close()
    assert database_bytes(target) == before


def test_a_dated_change_after_the_signed_meeting_is_imported_and_never_reaches_it(
    demo: tuple[Path, Path], tmp_path: Path
) -> None:
    later = date(2026, 3, 1)
    assert later > DAY
    changed = dated_change(demo[1], tmp_path / "later.kenes.zip", later)
    target = tmp_path / "same.sqlite3"
    shutil.copyfile(demo[0], target)
    frozen_before = frozen_points(target)
    db = open_database(target)
    plan = plan_import(db, read_archive(changed))
    assert plan.ok, [p.message() for p in plan.problems]
    assert any(
        SAID in line and "takes effect on 1\xa0March\xa02026" in line for line in lines(plan)
    )
    apply_import(db, SYSTEM, plan)
    with db.reading() as session:
        versions = list(session.scalars(select(ProfileVersion)))
        assert sorted(str(v.effective_from) for v in versions) == ["2026-03-01", "None"]
    db.close()
    assert frozen_points(target) == frozen_before


def test_a_new_closed_point_with_a_forged_result_is_refused(
    demo: tuple[Path, Path], tmp_path: Path
) -> None:
    data, entries = read_package(demo[1])
    point = next(
        p
        for p in data["tables"]["decision_points"]
        if p["state"] == "closed" and p["frozen"]["result"]["adopted"]
    )
    point["frozen"]["result"]["adopted"] = False
    point["frozen"]["result"]["reason"] = "threshold_not_met"
    forged = write_package(tmp_path / "forged.kenes.zip", data, entries)
    target = tmp_path / "empty.sqlite3"
    open_database(target).close()
    before = database_bytes(target)
    db = open_database(target)
    plan = plan_import(db, read_archive(forged))
    messages = [p.message() for p in plan.problems]
    assert any(
        "is recorded as not adopted, but its votes counted under the regulation profile it was "
        "closed under make it adopted" in m
        for m in messages
    ), messages
    with pytest.raises(ImportRefused):
        apply_import(db, SYSTEM, plan)
    db.close()
    assert database_bytes(target) == before


def test_a_frozen_profile_other_than_the_one_in_force_is_refused(
    demo: tuple[Path, Path], tmp_path: Path
) -> None:
    data, entries = read_package(demo[1])
    for point in data["tables"]["decision_points"]:
        if point["frozen"]:
            point["frozen"]["profile"]["threshold"] = dict(STRICT)
    forged = write_package(tmp_path / "forged.kenes.zip", data, entries)
    db = open_database(tmp_path / "empty.sqlite3")
    plan = plan_import(db, read_archive(forged))
    assert any(
        "other than the one in force for the council on the meeting's date" in p.message()
        for p in plan.problems
    )
    db.close()


def test_an_older_file_without_frozen_records_is_counted_under_the_profile_in_force(
    demo: tuple[Path, Path], tmp_path: Path
) -> None:
    data, entries = read_package(demo[1])
    data["tables"].pop("profile_versions", None)
    for point in data["tables"]["decision_points"]:
        point.pop("frozen", None)
    old = write_package(tmp_path / "old.kenes.zip", data, entries)
    target = tmp_path / "empty.sqlite3"
    db = open_database(target)
    plan = plan_import(db, read_archive(old))
    assert plan.ok, [p.message() for p in plan.problems]
    apply_import(db, SYSTEM, plan)
    db.close()
    assert frozen_points(target) == frozen_points(demo[0])
