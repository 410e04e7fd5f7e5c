"""Deadlines counted the way Kazakh law counts terms.

A regulation says "copies within 7 calendar days of signing" (000 §9.4) or
"materials at least 15 working days before an interim meeting" (004 §36); this
module turns such a :class:`~app.domain.regulation.Deadline` into a date.

The counting convention follows the Civil Code of the Republic of Kazakhstan
(General Part, the chapter on calculating terms), which councils apply to
their own regulations:

* A term counted in days starts **the day after** the event: the
  event's day is never counted.  Seven calendar days after signing on
  1 March end on 8 March.
* Weeks end on the same weekday of the last week: ``n`` weeks are ``7 * n``
  calendar days.
* Months end on the same date of the last month; when that month is shorter
  the term ends on its last day: 31 January + 1 month is
  28 February (29 in a leap year).
* Working days count only the days the calendar marks as working; the result
  is the ``n``-th working day after the event, so exactly ``n`` working days
  lie in ``(start, result]``.
* When the last day of a term counted in calendar days, weeks or months is a
  non-working day, the term ends on the next working day
  (``shift_to_working_day=True``, the default).

Counting **backwards** (``before=True``, "at least 15 working days before the
meeting") mirrors this: the meeting's day is not counted, the result is the
``n``-th working day before it (exactly ``n`` working days lie in
``[result, start)``), and a calendar-day/week/month result that falls on a
non-working day moves to the **previous** working day, so the "at least"
still holds.

The module is pure: which days are working is asked from a
:class:`WorkCalendar` (Kazakhstan's lives in :mod:`app.calendar_kz`).
"""

from __future__ import annotations

import calendar as _gregorian
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol, assert_never, runtime_checkable

from app.domain.regulation import DayCount, Deadline

# Longest run of non-working days we accept before deciding the calendar is
# broken (ten years): a loop must end even on a calendar with no working day.
_MAX_NON_WORKING_RUN = 3660

_ONE_DAY = timedelta(days=1)


@runtime_checkable
class WorkCalendar(Protocol):
    """Which days are working days; the only thing deadline counting needs."""

    def is_working_day(self, d: date, /) -> bool:
        """Whether ``d`` is a working day."""
        ...


@dataclass(frozen=True)
class WeekendCalendar:
    """Monday–Friday are working days, save ``days_off``; ``working_days`` adds weekend days.

    Enough for tests and for councils that ignore public holidays; real
    Kazakh counting uses :class:`app.calendar_kz.KazakhstanCalendar`.
    """

    days_off: frozenset[date] = frozenset()
    working_days: frozenset[date] = frozenset()

    def is_working_day(self, d: date, /) -> bool:
        """Weekdays work unless listed as days off; weekend days only when listed."""
        if d in self.working_days:
            return True
        if d in self.days_off:
            return False
        return d.weekday() < 5


def next_working_day(d: date, calendar: WorkCalendar) -> date:
    """``d`` itself when it is a working day, else the first working day after it."""
    return _walk_to_working_day(d, calendar, _ONE_DAY)


def previous_working_day(d: date, calendar: WorkCalendar) -> date:
    """``d`` itself when it is a working day, else the last working day before it."""
    return _walk_to_working_day(d, calendar, -_ONE_DAY)


def _walk_to_working_day(d: date, calendar: WorkCalendar, step: timedelta) -> date:
    """Step from ``d`` until a working day; refuse a calendar without one."""
    for _ in range(_MAX_NON_WORKING_RUN):
        if calendar.is_working_day(d):
            return d
        d += step
    raise ValueError(f"no working day within {_MAX_NON_WORKING_RUN} days: broken calendar")


def add_months(d: date, months: int) -> date:
    """``d`` moved by ``months`` calendar months, clamped to the month's last day."""
    index = d.year * 12 + (d.month - 1) + months
    year, month0 = divmod(index, 12)
    last = _gregorian.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(d.day, last))


def _count_working_days(start: date, n: int, calendar: WorkCalendar, step: timedelta) -> date:
    """The ``n``-th working day from ``start`` in the direction of ``step`` (start excluded)."""
    d = start
    counted = 0
    run = 0
    while counted < n:
        d += step
        if calendar.is_working_day(d):
            counted += 1
            run = 0
        else:
            run += 1
            if run >= _MAX_NON_WORKING_RUN:
                raise ValueError(
                    f"no working day within {_MAX_NON_WORKING_RUN} days: broken calendar"
                )
    return d


def add_span(
    start: date,
    deadline: Deadline,
    calendar: WorkCalendar,
    *,
    before: bool = False,
    shift_to_working_day: bool = True,
) -> date:
    """The last day of ``deadline`` counted from the event on ``start``.

    ``before=True`` counts backwards ("materials at least 2 months before the
    session"): the result is the latest date that still keeps the distance.
    See the module docstring for the exact convention.  A zero amount of
    working days gives ``start`` itself.
    """
    n = deadline.amount
    sign = -1 if before else 1
    match deadline.unit:
        case DayCount.WORKING_DAYS:
            return _count_working_days(start, n, calendar, sign * _ONE_DAY)
        case DayCount.CALENDAR_DAYS:
            end = start + timedelta(days=sign * n)
        case DayCount.WEEKS:
            end = start + timedelta(weeks=sign * n)
        case DayCount.MONTHS:
            end = add_months(start, sign * n)
        case _:
            assert_never(deadline.unit)
    if not shift_to_working_day:
        return end
    return previous_working_day(end, calendar) if before else next_working_day(end, calendar)


def working_days_between(a: date, b: date, calendar: WorkCalendar) -> int:
    """Working days in ``(a, b]``; negative (minus those in ``(b, a]``) when ``b < a``.

    Counting mirrors :func:`add_span`: ``a`` is the event and is not counted,
    so ``working_days_between(s, add_span(s, Deadline(n, WORKING_DAYS), c), c) == n``.
    """
    if b < a:
        return -working_days_between(b, a, calendar)
    count = 0
    d = a + _ONE_DAY
    while d <= b:
        if calendar.is_working_day(d):
            count += 1
        d += _ONE_DAY
    return count


def days_left(today: date, due: date) -> int:
    """Calendar days from ``today`` to ``due``: 0 on the due day, negative when overdue."""
    return (due - today).days


def has_passed(due: date, today: date) -> bool:
    """Whether the last day ``due`` is over on ``today`` (the due day itself still counts)."""
    return days_left(today, due) < 0
