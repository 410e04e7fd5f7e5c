"""Materials deadlines of meetings on Kazakhstan's 2025 and 2026 production calendars.

004 §36: materials for interim meetings and thematic meetings are due "at
least fifteen working days" before them; 004 §27: materials for a session
"at least two months" before it.  The calendars are those of
``app.calendar_kz`` (the ``holidays`` library: Law No. 267-II "On holidays",
its moved days off, and the Government's transfer decrees).  The days off
each case crosses are listed next to it, so the expected dates can be checked
against the published calendar by hand.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.calendar_kz import KazakhstanCalendar
from app.domain.deadlines import working_days_between
from app.domain.meeting import MeetingKind, materials_due, protocol_draft_due
from app.domain.regulation import AI_COUNCIL_881, DayCount, Deadline, RegulationProfile

KZ = KazakhstanCalendar()
AI = AI_COUNCIL_881.profile


def days(start: date, end: date) -> list[date]:
    return [start + timedelta(n) for n in range((end - start).days + 1)]


@pytest.mark.parametrize(
    ("meeting", "due", "days_off_crossed"),
    [
        # 2026: Nauryz Sat 21 – Mon 23 March, and Tue 24, Wed 25 March for the weekend ones.
        # Without them the 15th working day before Friday 10 April would be Friday 20 March.
        (
            date(2026, 4, 10),
            date(2026, 3, 17),
            [date(2026, 3, 23), date(2026, 3, 24), date(2026, 3, 25)],
        ),
        # 2025: Nauryz Fri 21 – Sun 23 March; Mon 24 and Tue 25 March for the weekend ones.
        (
            date(2025, 4, 10),
            date(2025, 3, 17),
            [date(2025, 3, 21), date(2025, 3, 24), date(2025, 3, 25)],
        ),
        # 2025: the day off of Sunday 5 January moved to Friday 3 January (decree No. 436
        # of 2024): Sunday 5 January is a working day, and here the 15th one before.
        (date(2025, 1, 27), date(2025, 1, 5), [date(2025, 1, 7)]),
        # 2026, May: Defender of the Fatherland Thu 7 May, Victory Day Sat 9 May moved to
        # Mon 11 May, and the first day of Kurban Ait, Wed 27 May.
        (
            date(2026, 5, 29),
            date(2026, 5, 5),
            [date(2026, 5, 7), date(2026, 5, 11), date(2026, 5, 27)],
        ),
    ],
)
def test_fifteen_working_days_before_an_interim_meeting(
    meeting: date, due: date, days_off_crossed: list[date]
) -> None:
    for kind in (MeetingKind.INTERIM, MeetingKind.THEMATIC):
        assert materials_due(AI, kind, meeting, KZ) == due
    assert KZ.is_working_day(due)
    # Exactly fifteen working days lie in [due, meeting), and the days off are among the rest.
    assert working_days_between(due - timedelta(1), meeting - timedelta(1), KZ) == 15
    window = days(due, meeting - timedelta(1))
    for day_off in days_off_crossed:
        assert day_off in window and not KZ.is_working_day(day_off)


def test_a_transferred_working_sunday_counts() -> None:
    sunday = date(2025, 1, 5)
    assert sunday.weekday() == 6 and KZ.is_working_day(sunday)
    assert materials_due(AI, MeetingKind.INTERIM, date(2025, 1, 27), KZ) == sunday
    # Without the working Sunday the count skips Friday 3 January (the day off moved there)
    # and the New Year holidays of 1–2 January: the 15th working day is Tuesday 31 December.
    without = KazakhstanCalendar(extra_days_off=[sunday])
    assert materials_due(AI, MeetingKind.INTERIM, date(2025, 1, 27), without) == date(2024, 12, 31)


def test_a_day_off_announced_later_moves_the_deadline() -> None:
    # holidays 0.109 lists no Government transfer for 2026; a decree announced later is
    # entered as an exception (app.services.calendar_overrides).  An example day off on
    # Friday 20 March 2026, before Nauryz, moves the deadline a working day earlier.
    decree = KazakhstanCalendar(extra_days_off=[date(2026, 3, 20)])
    assert materials_due(AI, MeetingKind.INTERIM, date(2026, 4, 10), decree) == date(2026, 3, 16)
    # And a working Saturday announced later moves it a working day later.
    saturday = KazakhstanCalendar(extra_working_days=[date(2026, 3, 28)])
    assert materials_due(AI, MeetingKind.INTERIM, date(2026, 4, 10), saturday) == date(2026, 3, 18)


@pytest.mark.parametrize(
    ("session", "due"),
    [
        # Two months before Thursday 21 May 2026 is Saturday 21 March, Nauryz; the days off
        # run to Wednesday 25 March, so "at least two months" means Friday 20 March.
        (date(2026, 5, 21), date(2026, 3, 20)),
        # Two months before Tuesday 1 July 2025 is Thursday 1 May, Unity Day: Wednesday 30 April.
        (date(2025, 7, 1), date(2025, 4, 30)),
        # Two months before Wednesday 16 December 2026 is Friday 16 October, a working day.
        (date(2026, 12, 16), date(2026, 10, 16)),
        # Two months before Monday 15 June 2026 is Wednesday 15 April: no shift.
        (date(2026, 6, 15), date(2026, 4, 15)),
    ],
)
def test_two_months_before_a_session_landing_on_a_holiday_moves_earlier(
    session: date, due: date
) -> None:
    assert materials_due(AI, MeetingKind.REGULAR, session, KZ) == due
    assert KZ.is_working_day(due)


def test_calendar_days_landing_on_a_holiday_move_to_the_working_day_before() -> None:
    profile = RegulationProfile(materials_deadline=Deadline(19, DayCount.CALENDAR_DAYS))
    # 19 days before Monday 26 January 2026 is Wednesday 7 January, Orthodox Christmas.
    assert materials_due(profile, MeetingKind.REGULAR, date(2026, 1, 26), KZ) == date(2026, 1, 6)
    # 19 days before Thursday 9 April 2026 is Saturday 21 March: Nauryz runs to Wednesday
    # 25 March, so the day before the whole run, Friday 20 March, is the last one.
    assert materials_due(profile, MeetingKind.REGULAR, date(2026, 4, 9), KZ) == date(2026, 3, 20)


def test_the_draft_protocol_after_a_session_ending_on_a_holiday_moves_later() -> None:
    # 004 §30: one month after Friday 25 April 2025 is Sunday 25 May -> Monday 26 May.
    assert protocol_draft_due(AI, MeetingKind.REGULAR, date(2025, 4, 25), KZ) == date(2025, 5, 26)
    # 004 §38: two weeks after Thursday 23 April 2026 is Thursday 7 May, Defender of the
    # Fatherland Day -> Friday 8 May.
    assert protocol_draft_due(AI, MeetingKind.INTERIM, date(2026, 4, 23), KZ) == date(2026, 5, 8)
