"""Bringing a meeting back: the laptop's changes and the user's choices, in one transaction."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.domain.errors import DomainError
from app.models.audit import AuditEvent
from app.models.conduct import Attendance, Ballot
from app.services.conduct.attendance import record_attendance
from app.services.exchange.apply_return import apply_return
from app.services.exchange.plan_return import plan_return
from app.services.exchange.read_archive import read_archive
from app.services.exchange.return_analysis import ReturnPlan
from tests.services.conduct_helpers import ME
from tests.services.exchange.trip_helpers import Trip, bring_back, conduct_on_laptop, files, send


@pytest.fixture
def trip(tmp_path: Path) -> Trip:
    trip = send(tmp_path)
    conduct_on_laptop(trip)
    return trip


def _conflicted(trip: Trip) -> ReturnPlan:
    """The absent member marked present at the office meanwhile: one conflict."""
    record_attendance(trip.office, ME, trip.office_meeting, trip.office_members[-1], True)
    plan = plan_return(trip.office, read_archive(bring_back(trip)))
    assert len(plan.conflicts) == 1
    return plan


def test_the_changes_are_taken_and_the_return_is_audited(trip: Trip) -> None:
    plan = plan_return(trip.office, read_archive(bring_back(trip)))
    result = apply_return(trip.office, ME, plan)
    assert result.taken == len(plan.changes) and result.kept_ours == 0
    with trip.office.reading() as session:
        assert session.scalar(select(func.count()).select_from(Attendance)) == len(trip.members)
        assert session.scalar(select(func.count()).select_from(Ballot)) == 14
        event = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "exchange.return")
        ).one()
        assert event.entity_id == trip.office_meeting and event.actor == ME.name
        after = event.after or {}
        assert after["package"] == trip.package_id and after["file"] == "back.kenes.zip"
        assert after["taken"] == result.taken and after["choices"] == {}


def test_keeping_the_office_version_counts_it(trip: Trip) -> None:
    plan = _conflicted(trip)
    (conflict,) = plan.conflicts
    result = apply_return(trip.office, ME, plan, {conflict.id: "ours"})
    assert result.kept_ours == 1 and result.taken == len(plan.changes)
    with trip.office.reading() as session:
        present = session.scalar(
            select(Attendance.present).where(Attendance.person_id == trip.office_members[-1])
        )
        choices = session.scalars(
            select(AuditEvent.after).where(AuditEvent.action == "exchange.return")
        ).one()["choices"]
    assert present is True and choices == {conflict.id: "ours"}


@pytest.mark.parametrize(
    "choices",
    [{}, {"attendance/none": "theirs"}, "theirs", None],
    ids=["missing", "unknown-record", "not-a-dict", "none"],
)
def test_bad_or_missing_choices_change_nothing(trip: Trip, choices: object) -> None:
    plan = _conflicted(trip)
    before = files(trip.office_path)
    with pytest.raises(DomainError):
        apply_return(trip.office, ME, plan, choices)  # type: ignore[arg-type]
    assert files(trip.office_path) == before


def test_a_bad_side_is_refused(trip: Trip) -> None:
    plan = _conflicted(trip)
    before = files(trip.office_path)
    with pytest.raises(DomainError, match="not valid"):
        apply_return(trip.office, ME, plan, {plan.conflict_ids[0]: "both"})
    assert files(trip.office_path) == before


def test_a_stale_plan_changes_nothing(trip: Trip) -> None:
    plan = plan_return(trip.office, read_archive(bring_back(trip)))
    record_attendance(trip.office, ME, trip.office_meeting, trip.office_members[0], True)
    before = files(trip.office_path)
    with pytest.raises(DomainError, match="changed since the summary"):
        apply_return(trip.office, ME, plan)
    assert files(trip.office_path) == before


def test_something_else_than_a_plan_is_refused(trip: Trip) -> None:
    before = files(trip.office_path)
    with pytest.raises(DomainError):
        apply_return(trip.office, ME, "plan")  # type: ignore[arg-type]
    assert files(trip.office_path) == before
