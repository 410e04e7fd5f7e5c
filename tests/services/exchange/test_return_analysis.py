"""The three-way comparison of a meeting brought back: office, laptop and the base as it left."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from app.domain.errors import DomainError
from app.formats.exchange_schema import KIND_ARCHIVE, KIND_PACKAGE, KIND_RETURN, TABLES
from app.services.conduct.attendance import record_attendance
from app.services.exchange.read_archive import read_archive
from app.services.exchange.return_analysis import analyse, refuse_kind, table_order
from tests.services.conduct_helpers import ME
from tests.services.exchange.trip_helpers import Trip, bring_back, conduct_on_laptop, files, send


@pytest.fixture
def trip(tmp_path: Path) -> Trip:
    return send(tmp_path)


def test_only_a_return_passes_the_kind_check(trip: Trip) -> None:
    back = read_archive(bring_back(trip))
    refuse_kind(back)
    assert back.kind == KIND_RETURN
    with pytest.raises(DomainError, match="import it on the laptop"):
        refuse_kind(dataclasses.replace(back, kind=KIND_PACKAGE))
    with pytest.raises(DomainError, match="“Import…”"):
        refuse_kind(dataclasses.replace(back, kind=KIND_ARCHIVE))


def test_changed_only_there_is_taken_only_here_kept_in_both_a_conflict(trip: Trip) -> None:
    conduct_on_laptop(trip)
    # At the office: the first member present (the laptop agrees, so no conflict) and the
    # absent one present (the laptop says absent: a conflict).
    record_attendance(trip.office, ME, trip.office_meeting, trip.office_members[-1], True)
    back = read_archive(bring_back(trip))
    before = files(trip.office_path)
    with trip.office.reading() as session:
        found = analyse(session, back)
        assert found.meeting.id == trip.office_meeting and found.base_from_office
    assert files(trip.office_path) == before
    (conflict,) = found.conflicts
    assert conflict.id == f"attendance/{conflict.uid}" and conflict.table_label
    assert conflict.ours is not None and conflict.theirs is not None
    differences = {d.field: (d.ours, d.theirs) for d in conflict.differences}
    assert differences["present"] == ("✓", "✗")
    added = [c for c in found.changes if c.table == "attendance"]
    assert len(added) == len(trip.members) - 1 and {c.action for c in added} == {"add"}
    # Every record the laptop has is indexed where it sits in the file.
    assert set(found.theirs) <= set(found.theirs_index)


def test_the_base_recorded_at_the_office_wins_over_the_file(trip: Trip) -> None:
    conduct_on_laptop(trip)
    back = read_archive(bring_back(trip))
    package = dict(back.package or {})
    package["base"] = {}
    forged = dataclasses.replace(back, package=package)
    with trip.office.reading() as session:
        honest, from_file = analyse(session, back), analyse(session, forged)
    assert honest.base == from_file.base and from_file.base_from_office
    assert [c.uid for c in honest.changes] == [c.uid for c in from_file.changes]


def test_without_the_office_record_the_file_base_is_used(trip: Trip) -> None:
    back = read_archive(bring_back(trip))
    package = dict(back.package or {})
    package["id"] = "0" * 32
    unknown = dataclasses.replace(back, package=package)
    with trip.office.reading() as session:
        found = analyse(session, unknown)
    assert not found.base_from_office and found.base == package["base"]
    assert found.changes == [] and found.conflicts == []


def test_tables_are_ordered_as_in_the_format() -> None:
    names = [t.name for t in TABLES]
    assert [table_order(n) for n in names] == list(range(len(names)))
    assert table_order("meetings") < table_order("attendance")
