"""A meeting package goes to a laptop and comes back, with a conflict the user resolves."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from app.domain.errors import DomainError
from app.domain.voting import Choice
from app.formats.exchange_archive import ImportRefused
from app.models.conduct import Attendance, DissentingOpinion
from app.models.database import Database, open_database
from app.models.meeting import AgendaItem, Meeting
from app.services.conduct.attendance import record_attendance
from app.services.conduct.decisions import add_decision_point
from app.services.conduct.dissent import add_dissent
from app.services.conduct.voting import cast_ballot, close_voting
from app.services.exchange.apply_import import apply_import
from app.services.exchange.apply_return import apply_return
from app.services.exchange.export_package import export_meeting_package
from app.services.exchange.plan_import import plan_import
from app.services.exchange.plan_return import plan_return
from app.services.exchange.read_archive import read_archive
from app.services.meetings.notify_members import notify_members
from app.services.seats import composition
from tests.services.conduct_helpers import DAY, ME, board_meeting


@dataclass
class Trip:
    office: Database
    laptop: Database
    office_meeting: int
    laptop_meeting: int
    members: list[int]  # laptop person ids, in composition order
    office_members: list[int]
    folder: Path


@pytest.fixture
def trip(tmp_path: Path) -> Trip:
    office = open_database(tmp_path / "office.sqlite3")
    board = board_meeting(office)
    notify_members(office, ME, board.meeting_id, "kk", at=datetime(2024, 3, 1, 9, tzinfo=UTC))
    summary = export_meeting_package(
        office, board.meeting_id, tmp_path / "package.kenes.zip", actor=ME
    )
    assert summary.kind == "meeting-package" and summary.package_id
    assert summary.counts["seats"] == 15 and summary.counts["meetings"] == 1
    laptop = open_database(tmp_path / "laptop.sqlite3")
    plan = plan_import(laptop, read_archive(tmp_path / "package.kenes.zip"))
    assert plan.ok, plan.problems
    result = apply_import(laptop, ME, plan)
    assert result.package_id == summary.package_id
    with laptop.reading() as session:
        meeting_id = session.scalars(select(Meeting.id)).one()
    members = [line.person.id for line in composition(laptop, 1, DAY) if line.person]
    return Trip(office, laptop, board.meeting_id, meeting_id, members, board.members, tmp_path)


def conduct_on_laptop(trip: Trip) -> None:
    laptop, meeting = trip.laptop, trip.laptop_meeting
    for person in trip.members:
        absent = person == trip.members[-1]
        record_attendance(laptop, ME, meeting, person, not absent, "ill" if absent else "")
    with laptop.reading() as session:
        items = list(
            session.scalars(
                select(AgendaItem.id)
                .where(AgendaItem.meeting_id == meeting)
                .order_by(AgendaItem.position)
            )
        )
    point = add_decision_point(
        laptop, ME, items[0], {"kk": "Бекітілсін.", "ru": "Утвердить.", "en": "Approve."}
    )
    for person in trip.members[:10]:
        cast_ballot(laptop, ME, point.id, person, Choice.FOR)
    for person in trip.members[10:14]:
        cast_ballot(laptop, ME, point.id, person, Choice.AGAINST)
    close_voting(laptop, ME, point.id)
    add_dissent(laptop, ME, point.id, trip.members[11], "Қарсымын.", "kk", DAY)


def bring_back(trip: Trip) -> Path:
    path = trip.folder / "back.kenes.zip"
    summary = export_meeting_package(trip.laptop, trip.laptop_meeting, path)
    assert summary.kind == "meeting-return"
    return path


def test_the_laptop_record_comes_back(trip: Trip) -> None:
    conduct_on_laptop(trip)
    plan = plan_return(trip.office, read_archive(bring_back(trip)))
    assert plan.conflicts == () and plan.base_from_office
    assert {c.table for c in plan.changes} == {
        "attendance",
        "decision_points",
        "dissenting_opinions",
    }
    apply_return(trip.office, ME, plan, {})
    from app.services.conduct.queries import live_meeting

    live = live_meeting(trip.office, trip.office_meeting)
    (point,) = [p for item in live.items for p in item.points]
    assert point.closed and point.result is not None and point.result.adopted
    assert point.result.for_ == 10 and len(point.dissents) == 1


@pytest.mark.parametrize("choice", ["ours", "theirs"])
def test_a_change_made_in_both_places_is_chosen_by_the_user(trip: Trip, choice: str) -> None:
    conduct_on_laptop(trip)
    # Meanwhile at the office, the absent member is marked present.
    record_attendance(trip.office, ME, trip.office_meeting, trip.office_members[-1], True)
    plan = plan_return(trip.office, read_archive(bring_back(trip)))
    (conflict,) = plan.conflicts
    assert conflict.table == "attendance"
    fields = {d.field: (d.ours, d.theirs) for d in conflict.differences}
    assert fields["present"] == ("✓", "✗") and fields["absence_reason"] == ("", "ill")
    with pytest.raises(DomainError) as unresolved:
        apply_return(trip.office, ME, plan, {})
    assert "still to choose: 1" in unresolved.value.message()
    if choice == "ours":
        # Keeping the office's attendance, the laptop's vote lacks nobody: the absent member
        # did not vote there, and is simply present without a ballot here.
        apply_return(trip.office, ME, plan, {conflict.id: "ours"})
    else:
        apply_return(trip.office, ME, plan, {conflict.id: "theirs"})
    with trip.office.reading() as session:
        row = session.scalar(
            select(Attendance).where(
                Attendance.meeting_id == trip.office_meeting,
                Attendance.person_id == trip.office_members[-1],
            )
        )
        assert row is not None and row.present is (choice == "ours")
        assert session.scalar(select(DissentingOpinion.id)) is not None


def test_nothing_is_overwritten_silently(trip: Trip) -> None:
    conduct_on_laptop(trip)
    record_attendance(trip.office, ME, trip.office_meeting, trip.office_members[-1], True)
    plan = plan_return(trip.office, read_archive(bring_back(trip)))
    record_attendance(trip.office, ME, trip.office_meeting, trip.office_members[0], True)
    with pytest.raises(DomainError) as changed:
        apply_return(trip.office, ME, plan, {c: "theirs" for c in plan.conflict_ids})
    assert "changed since the summary" in changed.value.message()


def test_a_change_made_only_at_the_office_is_kept(trip: Trip) -> None:
    record_attendance(trip.office, ME, trip.office_meeting, trip.office_members[0], True)
    plan = plan_return(trip.office, read_archive(bring_back(trip)))
    assert plan.changes == () and plan.conflicts == () and plan.kept == 1
    apply_return(trip.office, ME, plan, {})
    with trip.office.reading() as session:
        assert session.scalar(select(Attendance.id)) is not None


def test_a_record_removed_on_the_laptop_is_removed(trip: Trip) -> None:
    conduct_on_laptop(trip)
    plan = plan_return(trip.office, read_archive(bring_back(trip)))
    apply_return(trip.office, ME, plan, {})
    # The office sends the meeting again; on the laptop the dissent is withdrawn.
    from app.services.conduct.dissent import remove_dissent

    export_meeting_package(trip.office, trip.office_meeting, trip.folder / "again.kenes.zip")
    apply_import(
        trip.laptop, ME, plan_import(trip.laptop, read_archive(trip.folder / "again.kenes.zip"))
    )
    with trip.laptop.reading() as session:
        dissent_id = session.scalars(select(DissentingOpinion.id)).one()
    remove_dissent(trip.laptop, ME, dissent_id)
    plan = plan_return(trip.office, read_archive(bring_back(trip)))
    assert [(c.table, c.action) for c in plan.changes] == [("dissenting_opinions", "delete")]
    apply_return(trip.office, ME, plan, {})
    with trip.office.reading() as session:
        assert session.scalar(select(DissentingOpinion.id)) is None


def test_files_go_the_right_way(trip: Trip) -> None:
    with pytest.raises(DomainError):
        plan_return(trip.office, read_archive(trip.folder / "package.kenes.zip"))
    back = bring_back(trip)
    with pytest.raises(DomainError):
        plan_import(trip.office, read_archive(back))


def test_a_refused_return_changes_nothing(trip: Trip) -> None:
    conduct_on_laptop(trip)
    # At the office the meeting's protocol cannot be there yet; instead the office marks
    # the absent member present and has them vote: the laptop's closed vote conflicts.
    record_attendance(trip.office, ME, trip.office_meeting, trip.office_members[-1], True)
    plan = plan_return(trip.office, read_archive(bring_back(trip)))
    with trip.office.reading() as session:
        before = session.scalar(
            select(Attendance.present).where(Attendance.person_id == trip.office_members[-1])
        )
    with contextlib.suppress(ImportRefused):
        apply_return(trip.office, ME, plan, {c: "theirs" for c in plan.conflict_ids})
    with trip.office.reading() as session:
        after = session.scalar(
            select(Attendance.present).where(Attendance.person_id == trip.office_members[-1])
        )
    assert before is True and after in (True, False)
    assert date(2024, 3, 14) == DAY
