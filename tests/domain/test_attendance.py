"""Per-item presence: late arrivals and early departures change who counts for each item."""

from __future__ import annotations

import gettext
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.attendance import (
    ABSENT_WITH_MOVEMENT,
    ARRIVED_AFTER_AGENDA,
    LEFT_AFTER_AGENDA,
    LEFT_BEFORE_ARRIVING,
    LISTED_TWICE,
    NEGATIVE_POSITION,
    NOT_A_MEMBER,
    REASON_WHILE_PRESENT,
    AttendanceRecord,
    not_a_member,
    presence_by_item,
    present_at_item,
    validate_attendance,
)
from app.domain.errors import DomainError

EN = gettext.NullTranslations()
MAX_ITEMS = 8


@st.composite
def records(draw: st.DrawFn, item_count: int = MAX_ITEMS) -> AttendanceRecord:
    """One consistent record for an agenda of ``item_count`` items (person id set by caller)."""
    if not draw(st.booleans()):
        return AttendanceRecord(0, present=False, absence_reason=draw(st.sampled_from(["", "ill"])))
    arrived = draw(st.one_of(st.none(), st.integers(0, item_count - 1)))
    left = draw(st.one_of(st.none(), st.integers(arrived or 0, item_count - 1)))
    partial = bool(arrived) or (left is not None and left < item_count - 1)
    reason = draw(st.sampled_from(["", "flight"])) if partial else ""
    return AttendanceRecord(0, True, reason, arrived, left)


@st.composite
def attendances(draw: st.DrawFn) -> tuple[AttendanceRecord, ...]:
    rows = draw(st.lists(records(), max_size=12))
    return tuple(
        AttendanceRecord(i, r.present, r.absence_reason, r.arrived_before_item, r.left_after_item)
        for i, r in enumerate(rows, start=1)
    )


def test_late_arrival_and_early_departure() -> None:
    rows = [
        AttendanceRecord(1, True),
        AttendanceRecord(2, True, "flight delayed", arrived_before_item=2),
        AttendanceRecord(3, True, "government meeting", left_after_item=0),
        AttendanceRecord(4, False, "on leave"),
        AttendanceRecord(5, True, arrived_before_item=1, left_after_item=1),
    ]
    assert [present_at_item(rows, i) for i in range(4)] == [
        {1, 3},
        {1, 5},
        {1, 2},
        {1, 2},
    ]
    assert presence_by_item(rows, 4) == tuple(present_at_item(rows, i) for i in range(4))


def test_arriving_before_the_first_item_is_being_there_from_the_start() -> None:
    rows = [AttendanceRecord(1, True, arrived_before_item=0)]
    assert present_at_item(rows, 0) == {1}


@pytest.mark.parametrize(
    ("record", "msgid", "message"),
    [
        (
            AttendanceRecord(7, False, arrived_before_item=1),
            ABSENT_WITH_MOVEMENT,
            "Person 7 is marked absent, so they cannot arrive or leave during the meeting.",
        ),
        (AttendanceRecord(7, False, left_after_item=0), ABSENT_WITH_MOVEMENT, None),
        (
            AttendanceRecord(7, True, arrived_before_item=3, left_after_item=1),
            LEFT_BEFORE_ARRIVING,
            "Person 7 left after item 2 but arrived only before item 4.",
        ),
        (
            AttendanceRecord(7, True, arrived_before_item=2, left_after_item=1),
            LEFT_BEFORE_ARRIVING,
            None,
        ),
        (AttendanceRecord(7, True, arrived_before_item=-1), NEGATIVE_POSITION, None),
        (AttendanceRecord(7, True, left_after_item=-1), NEGATIVE_POSITION, None),
        (
            AttendanceRecord(7, True, "traffic"),
            REASON_WHILE_PRESENT,
            "An absence reason is given for person 7, who was present for the whole meeting.",
        ),
    ],
)
def test_inconsistent_records_are_refused(
    record: AttendanceRecord, msgid: str, message: str | None
) -> None:
    with pytest.raises(DomainError) as info:
        validate_attendance([AttendanceRecord(1, True), record])
    assert info.value.msgid == msgid
    if message is not None:
        assert info.value.message(EN) == message
    with pytest.raises(DomainError):
        present_at_item([record], 0)


def test_positions_beyond_the_agenda_are_refused() -> None:
    with pytest.raises(DomainError) as info:
        validate_attendance([AttendanceRecord(7, True, "late", arrived_before_item=3)], 3)
    assert info.value.msgid == ARRIVED_AFTER_AGENDA
    assert info.value.message(EN) == (
        "Person 7 arrived before item 4, but the agenda ends at item 3."
    )
    with pytest.raises(DomainError) as info:
        presence_by_item([AttendanceRecord(7, True, left_after_item=3)], 3)
    assert info.value.msgid == LEFT_AFTER_AGENDA
    # Leaving after the last item is staying to the end: no reason needed, none allowed.
    validate_attendance([AttendanceRecord(7, True, left_after_item=2)], 3)
    with pytest.raises(DomainError) as info:
        validate_attendance([AttendanceRecord(7, True, "late", left_after_item=2)], 3)
    assert info.value.msgid == REASON_WHILE_PRESENT


def test_a_person_is_listed_once() -> None:
    with pytest.raises(DomainError) as info:
        validate_attendance([AttendanceRecord(1, True), AttendanceRecord(1, False)])
    assert info.value.msgid == LISTED_TWICE


def test_negative_item_index_is_a_bug_not_a_user_error() -> None:
    with pytest.raises(ValueError, match="item_index"):
        present_at_item([], -1)
    with pytest.raises(ValueError, match="item_count"):
        validate_attendance([], -1)


@given(attendances(), st.integers(0, MAX_ITEMS - 1))
def test_a_member_who_has_left_does_not_count_for_later_items(
    rows: tuple[AttendanceRecord, ...], item: int
) -> None:
    present = present_at_item(rows, item)
    for r in rows:
        if r.left_after_item is not None and item > r.left_after_item:
            assert r.person_id not in present
        if r.arrived_before_item is not None and item < r.arrived_before_item:
            assert r.person_id not in present
        if not r.present:
            assert r.person_id not in present


@given(attendances())
def test_each_person_attends_one_unbroken_run_of_items(rows: tuple[AttendanceRecord, ...]) -> None:
    by_item = presence_by_item(rows, MAX_ITEMS)
    for r in rows:
        attended = [i for i, present in enumerate(by_item) if r.person_id in present]
        if not r.present:
            assert attended == []
            continue
        assert attended == list(range(attended[0], attended[-1] + 1))
        assert attended[0] == (r.arrived_before_item or 0)
        last = MAX_ITEMS - 1 if r.left_after_item is None else r.left_after_item
        assert attended[-1] == last


@given(attendances(), st.integers(0, MAX_ITEMS - 1))
def test_presence_is_a_subset_of_those_marked_present(
    rows: tuple[AttendanceRecord, ...], item: int
) -> None:
    assert present_at_item(rows, item) <= {r.person_id for r in rows if r.present}
    assert present_at_item(rows, item) == presence_by_item(rows, MAX_ITEMS)[item]


def test_only_a_member_on_the_day_has_an_attendance_record() -> None:
    day = date(2026, 5, 4)
    assert not_a_member(1, {1, 2}, day, str) is None
    refusal = not_a_member(7, {1, 2}, day, lambda pid: f"Person {pid}")
    assert refusal is not None and refusal.msgid == NOT_A_MEMBER
    assert refusal.params == {"name": "Person 7", "day": day}
