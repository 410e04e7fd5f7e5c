"""What bringing a meeting back from a laptop would change; nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.domain.errors import DomainError
from app.models.database import open_database
from app.services.conduct.attendance import record_attendance
from app.services.exchange.export_archive import export_archive
from app.services.exchange.plan_return import plan_return
from app.services.exchange.read_archive import read_archive
from tests.services.conduct_helpers import ME
from tests.services.exchange.trip_helpers import bring_back, conduct_on_laptop, files, send


def test_the_plan_names_the_meeting_and_the_laptop_changes(tmp_path: Path) -> None:
    trip = send(tmp_path)
    conduct_on_laptop(trip)
    back = read_archive(bring_back(trip))
    before = files(trip.office_path)
    plan = plan_return(trip.office, back)
    assert files(trip.office_path) == before
    assert plan.meeting_id == trip.office_meeting and plan.meeting_number == 1
    assert plan.meeting_day == "2024-03-14" and plan.package_id == trip.package_id
    assert plan.base_from_office and plan.conflicts == () and plan.kept == 0
    tables = [c.table for c in plan.changes]
    assert tables.count("attendance") == len(trip.members)
    assert {"decision_points"} <= set(tables)
    assert {c.action for c in plan.changes} == {"add"}
    assert all(c.label for c in plan.changes)


def test_an_untouched_meeting_brings_nothing_back(tmp_path: Path) -> None:
    trip = send(tmp_path)
    plan = plan_return(trip.office, read_archive(bring_back(trip)))
    assert plan.changes == () and plan.conflicts == () and plan.kept == 0


def test_planning_twice_gives_the_same_fingerprint_until_the_office_changes(
    tmp_path: Path,
) -> None:
    trip = send(tmp_path)
    back = read_archive(bring_back(trip))
    first, again = plan_return(trip.office, back), plan_return(trip.office, back)
    assert first.fingerprint == again.fingerprint
    record_attendance(trip.office, ME, trip.office_meeting, trip.office_members[0], True)
    changed = plan_return(trip.office, back)
    assert changed.fingerprint != first.fingerprint and changed.kept == 1


def test_only_a_meeting_brought_back_is_accepted(tmp_path: Path) -> None:
    trip = send(tmp_path)
    export_archive(trip.laptop, tmp_path / "all.kenes.zip")
    before = files(trip.office_path)
    with pytest.raises(DomainError, match="meeting package made to be taken"):
        plan_return(trip.office, read_archive(trip.package))
    with pytest.raises(DomainError, match="is an archive"):
        plan_return(trip.office, read_archive(tmp_path / "all.kenes.zip"))
    assert files(trip.office_path) == before


def test_a_meeting_the_office_never_had_is_refused(tmp_path: Path) -> None:
    trip = send(tmp_path)
    back = read_archive(bring_back(trip))
    elsewhere_path = tmp_path / "elsewhere.sqlite3"
    elsewhere = open_database(elsewhere_path)
    before = files(elsewhere_path)
    with pytest.raises(DomainError, match="not in this database"):
        plan_return(elsewhere, back)
    assert files(elsewhere_path) == before
