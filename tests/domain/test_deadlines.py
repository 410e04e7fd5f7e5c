"""Deadline counting: the Civil Code convention, on a plain Mon–Fri calendar."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.deadlines import (
    WeekendCalendar,
    WorkCalendar,
    add_months,
    add_span,
    days_left,
    next_working_day,
    previous_working_day,
    working_days_between,
)
from app.domain.regulation import AI_COUNCIL_881, SUPERVISORY_BOARD_690, DayCount, Deadline

WEEK = WeekendCalendar()

# A week with Nauryz-like days off on Mon 23 – Wed 25 March 2026.
NAURYZ = WeekendCalendar(
    days_off=frozenset({date(2026, 3, 23), date(2026, 3, 24), date(2026, 3, 25)})
)


def wd(n: int) -> Deadline:
    return Deadline(n, DayCount.WORKING_DAYS)


def cd(n: int) -> Deadline:
    return Deadline(n, DayCount.CALENDAR_DAYS)


# --- examples ---------------------------------------------------------------


def test_weekend_calendar() -> None:
    assert WEEK.is_working_day(date(2026, 11, 20))  # Friday
    assert not WEEK.is_working_day(date(2026, 11, 21))  # Saturday
    assert not WEEK.is_working_day(date(2026, 11, 22))  # Sunday
    assert not NAURYZ.is_working_day(date(2026, 3, 23))
    extra = WeekendCalendar(working_days=frozenset({date(2026, 11, 21)}))
    assert extra.is_working_day(date(2026, 11, 21))
    assert isinstance(WEEK, WorkCalendar)


def test_calendar_days_start_the_day_after() -> None:
    # Signed on Monday 2 March 2026: 7 calendar days end on Monday 9 March (000 §9.4).
    deadline = SUPERVISORY_BOARD_690.profile.copies_deadline
    assert deadline is not None
    assert add_span(date(2026, 3, 2), deadline, WEEK) == date(2026, 3, 9)


def test_calendar_days_ending_on_a_day_off_move_to_the_next_working_day() -> None:
    # Thursday 19 March + 2 days = Saturday 21 -> Monday 23 is off too -> Thursday 26.
    assert add_span(date(2026, 3, 19), cd(2), NAURYZ) == date(2026, 3, 26)
    assert add_span(date(2026, 3, 19), cd(2), NAURYZ, shift_to_working_day=False) == date(
        2026, 3, 21
    )


def test_calendar_days_before_move_to_the_previous_working_day() -> None:
    # Meeting Thursday 26 March; 4 days before is Sunday 22 -> Friday 20.
    assert add_span(date(2026, 3, 26), cd(4), NAURYZ, before=True) == date(2026, 3, 20)
    assert add_span(date(2026, 3, 26), cd(4), NAURYZ, before=True, shift_to_working_day=False) == (
        date(2026, 3, 22)
    )


def test_working_days_skip_weekends_and_days_off() -> None:
    # Friday 20 March 2026 + 1 working day = Thursday 26 (weekend and Nauryz skipped).
    assert add_span(date(2026, 3, 20), wd(1), NAURYZ) == date(2026, 3, 26)
    # Event on a Saturday: the first working day after it is Monday.
    assert add_span(date(2026, 11, 21), wd(1), WEEK) == date(2026, 11, 23)
    assert add_span(date(2026, 11, 20), wd(5), WEEK) == date(2026, 11, 27)
    assert add_span(date(2026, 11, 20), wd(0), WEEK) == date(2026, 11, 20)


def test_interim_materials_15_working_days_before() -> None:
    # 004 §36: meeting on Monday 13 April 2026; 15 working days before, Nauryz off.
    deadline = AI_COUNCIL_881.profile.materials_deadline_interim
    assert deadline == Deadline(15, DayCount.WORKING_DAYS, "36")
    due = add_span(date(2026, 4, 13), deadline, NAURYZ, before=True)
    # Back from 10 April: 10 working days to 30 March, 27 and 26 March (12),
    # Nauryz 23–25 and the weekend skipped, then 20, 19 and 18 March (15).
    assert due == date(2026, 3, 18)
    assert working_days_between(due - timedelta(days=1), date(2026, 4, 12), NAURYZ) == 15


def test_weeks() -> None:
    deadline = AI_COUNCIL_881.profile.protocol_draft_deadline_interim
    assert deadline == Deadline(2, DayCount.WEEKS, "38")
    assert add_span(date(2026, 11, 18), deadline, WEEK) == date(2026, 12, 2)
    assert add_span(date(2026, 11, 18), deadline, WEEK, before=True) == date(2026, 11, 4)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
        (date(2026, 1, 15), -1, date(2025, 12, 15)),
        (date(2026, 5, 31), 1, date(2026, 6, 30)),
        (date(2026, 5, 31), 0, date(2026, 5, 31)),
    ],
)
def test_add_months_clamps_to_the_month_end(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


def test_months_shift_and_before() -> None:
    # Saturday 31 January 2026 + 1 month = Saturday 28 February -> Monday 2 March.
    months = Deadline(1, DayCount.MONTHS)
    assert add_span(date(2026, 1, 31), months, WEEK) == date(2026, 3, 2)
    assert add_span(date(2026, 1, 31), months, WEEK, shift_to_working_day=False) == date(
        2026, 2, 28
    )
    # 004 §27: session on Tuesday 26 May 2026, materials 2 months before: 26 March.
    two = AI_COUNCIL_881.profile.materials_deadline
    assert two is not None
    assert add_span(date(2026, 5, 26), two, WEEK, before=True) == date(2026, 3, 26)
    # Session Tuesday 21 April: 21 February is a Saturday -> Friday 20 February.
    assert add_span(date(2026, 4, 21), two, WEEK, before=True) == date(2026, 2, 20)


def test_working_days_between_and_days_left() -> None:
    assert working_days_between(date(2026, 11, 20), date(2026, 11, 27), WEEK) == 5
    assert working_days_between(date(2026, 11, 27), date(2026, 11, 20), WEEK) == -5
    assert working_days_between(date(2026, 11, 21), date(2026, 11, 22), WEEK) == 0
    assert working_days_between(date(2026, 3, 20), date(2026, 3, 26), NAURYZ) == 1
    assert days_left(date(2026, 11, 22), date(2026, 11, 29)) == 7
    assert days_left(date(2026, 11, 22), date(2026, 11, 22)) == 0
    assert days_left(date(2026, 11, 22), date(2026, 11, 20)) == -2


def test_next_and_previous_working_day() -> None:
    assert next_working_day(date(2026, 3, 21), NAURYZ) == date(2026, 3, 26)
    assert previous_working_day(date(2026, 3, 25), NAURYZ) == date(2026, 3, 20)
    assert next_working_day(date(2026, 3, 20), NAURYZ) == date(2026, 3, 20)


class _NeverWorks:
    def is_working_day(self, d: date, /) -> bool:
        return False


def test_a_calendar_without_working_days_is_refused_not_looped() -> None:
    with pytest.raises(ValueError, match="broken calendar"):
        add_span(date(2026, 1, 1), wd(1), _NeverWorks())
    with pytest.raises(ValueError, match="broken calendar"):
        add_span(date(2026, 1, 1), cd(1), _NeverWorks())


# --- properties -------------------------------------------------------------

starts = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))
amounts = st.integers(min_value=1, max_value=400)


@st.composite
def calendars(draw: st.DrawFn) -> WeekendCalendar:
    """Mon–Fri calendars with random holidays and working Saturdays around 2000–2041."""
    days = st.dates(min_value=date(1999, 1, 1), max_value=date(2042, 12, 31))
    off = draw(st.frozensets(days, max_size=40))
    on = draw(st.frozensets(days.filter(lambda d: d.weekday() == 5), max_size=10))
    return WeekendCalendar(days_off=off - on, working_days=on)


@given(starts, amounts, calendars())
def test_working_days_forward_lands_on_a_working_day_with_exactly_n_between(
    start: date, n: int, cal: WeekendCalendar
) -> None:
    end = add_span(start, wd(n), cal)
    assert end > start
    assert cal.is_working_day(end)
    assert working_days_between(start, end, cal) == n
    # No earlier day would do: one day less holds n - 1 working days.
    assert working_days_between(start, end - timedelta(days=1), cal) == n - 1


@given(starts, amounts, calendars())
def test_working_days_backward_lands_on_a_working_day_with_exactly_n_before(
    start: date, n: int, cal: WeekendCalendar
) -> None:
    due = add_span(start, wd(n), cal, before=True)
    assert due < start
    assert cal.is_working_day(due)
    # Exactly n working days in [due, start).
    assert working_days_between(due - timedelta(days=1), start - timedelta(days=1), cal) == n


@given(starts, amounts, calendars())
def test_forward_then_back_returns_to_a_working_day_not_after_start(
    start: date, n: int, cal: WeekendCalendar
) -> None:
    back = add_span(add_span(start, wd(n), cal), wd(n), cal, before=True)
    assert cal.is_working_day(back)
    assert back <= start
    # It is the latest working day on or before the start.
    assert back == previous_working_day(start, cal)


@given(starts, st.integers(min_value=0, max_value=300), calendars(), st.sampled_from(DayCount))
def test_monotonic_in_the_amount(start: date, n: int, cal: WeekendCalendar, unit: DayCount) -> None:
    here, more = Deadline(n, unit), Deadline(n + 1, unit)
    assert add_span(start, here, cal) <= add_span(start, more, cal)
    assert add_span(start, here, cal, before=True) >= add_span(start, more, cal, before=True)


@given(starts, starts, calendars())
def test_working_days_between_is_antisymmetric_and_additive(
    a: date, b: date, cal: WeekendCalendar
) -> None:
    assert working_days_between(a, b, cal) == -working_days_between(b, a, cal)
    lo, hi = min(a, b), max(a, b)
    mid = lo + timedelta(days=(hi - lo).days // 2)
    assert working_days_between(lo, hi, cal) == working_days_between(
        lo, mid, cal
    ) + working_days_between(mid, hi, cal)


@given(
    starts,
    amounts,
    calendars(),
    st.sampled_from([DayCount.CALENDAR_DAYS, DayCount.WEEKS, DayCount.MONTHS]),
)
def test_shifted_results_are_working_days_at_or_beyond_the_raw_end(
    start: date, n: int, cal: WeekendCalendar, unit: DayCount
) -> None:
    deadline = Deadline(n, unit)
    raw = add_span(start, deadline, cal, shift_to_working_day=False)
    shifted = add_span(start, deadline, cal)
    assert cal.is_working_day(shifted)
    assert shifted >= raw
    # Every day in [raw, shifted) is a day off.
    assert working_days_between(raw - timedelta(days=1), shifted - timedelta(days=1), cal) == 0
    raw_back = add_span(start, deadline, cal, before=True, shift_to_working_day=False)
    back = add_span(start, deadline, cal, before=True)
    assert cal.is_working_day(back)
    assert back <= raw_back
    # Every day in (back, raw_back] is a day off.
    assert working_days_between(back, raw_back, cal) == 0


@given(starts, st.integers(min_value=0, max_value=200))
def test_calendar_days_and_weeks_are_plain_day_arithmetic_without_shift(
    start: date, n: int
) -> None:
    assert add_span(start, cd(n), WEEK, shift_to_working_day=False) == start + timedelta(days=n)
    weeks = Deadline(n, DayCount.WEEKS)
    assert add_span(start, weeks, WEEK, shift_to_working_day=False) == start + timedelta(weeks=n)
    assert add_span(start, cd(n), WEEK, before=True, shift_to_working_day=False) == (
        start - timedelta(days=n)
    )


@given(starts, st.integers(min_value=-240, max_value=240))
def test_add_months_keeps_the_day_or_clamps_to_the_month_end(start: date, m: int) -> None:
    end = add_months(start, m)
    assert (end.year * 12 + end.month) - (start.year * 12 + start.month) == m
    if end.day != start.day:
        assert end.day < start.day
        assert (end + timedelta(days=1)).day == 1  # clamped to the last day
