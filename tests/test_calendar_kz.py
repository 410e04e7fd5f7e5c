"""Kazakhstan's production calendars for 2025 and 2026, as the ``holidays`` library gives them.

Sources: Law of the RK of 13 December 2001 No. 267-II "On holidays in the
Republic of Kazakhstan" (adilet Z010000267_), the Labour Code (Orthodox
Christmas and the first day of Kurban Ait are days off that are not moved),
and the Government's transfer decrees the library cites.
"""

from __future__ import annotations

from datetime import date, timedelta

import holidays
import pytest

from app import calendar_kz
from app.calendar_kz import KazakhstanCalendar
from app.domain.deadlines import WeekendCalendar, WorkCalendar, add_span, working_days_between
from app.domain.regulation import AI_COUNCIL_881, DayCount, Deadline

KZ = KazakhstanCalendar()

# Holidays that are days off on the date itself (whatever the weekday).
HOLIDAYS_2025 = [
    date(2025, 1, 1),  # New Year
    date(2025, 1, 2),
    date(2025, 1, 7),  # Orthodox Christmas
    date(2025, 3, 8),  # International Women's Day (Saturday)
    date(2025, 3, 21),  # Nauryz
    date(2025, 3, 22),
    date(2025, 3, 23),
    date(2025, 5, 1),  # Unity of the people of Kazakhstan
    date(2025, 5, 7),  # Defender of the Fatherland
    date(2025, 5, 9),  # Victory Day
    date(2025, 6, 6),  # Kurban Ait, first day
    date(2025, 7, 6),  # Capital Day (Sunday)
    date(2025, 8, 30),  # Constitution Day (Saturday)
    date(2025, 10, 25),  # Republic Day (Saturday; restored from 2022)
    date(2025, 12, 16),  # Independence Day
]
# Weekday days off because a holiday fell on a weekend (Law No. 267-II).
OBSERVED_2025 = [
    date(2025, 3, 10),  # for Saturday 8 March
    date(2025, 3, 24),  # for Saturday 22 and Sunday 23 March
    date(2025, 3, 25),
    date(2025, 7, 7),  # for Sunday 6 July
    date(2025, 9, 1),  # for Saturday 30 August
    date(2025, 10, 27),  # for Saturday 25 October
]

HOLIDAYS_2026 = [
    date(2026, 1, 1),
    date(2026, 1, 2),
    date(2026, 1, 7),
    date(2026, 3, 8),  # Sunday
    date(2026, 3, 21),  # Saturday
    date(2026, 3, 22),  # Sunday
    date(2026, 3, 23),
    date(2026, 5, 1),
    date(2026, 5, 7),
    date(2026, 5, 9),  # Saturday
    date(2026, 5, 27),  # Kurban Ait, first day (the library's estimate)
    date(2026, 7, 6),
    date(2026, 10, 25),  # Sunday
    date(2026, 12, 16),
]
OBSERVED_2026 = [
    date(2026, 3, 9),  # for Sunday 8 March
    date(2026, 3, 24),  # for Saturday 21 and Sunday 22 March
    date(2026, 3, 25),
    date(2026, 5, 11),  # for Saturday 9 May
    date(2026, 10, 26),  # for Sunday 25 October
]


def test_is_a_work_calendar() -> None:
    assert isinstance(KZ, WorkCalendar)


@pytest.mark.parametrize("d", HOLIDAYS_2025 + HOLIDAYS_2026)
def test_public_holidays_are_days_off_and_named(d: date) -> None:
    assert not KZ.is_working_day(d)
    assert KZ.is_day_off(d)
    assert KZ.holiday_name(d, "kk")


@pytest.mark.parametrize("d", OBSERVED_2025 + OBSERVED_2026)
def test_holidays_on_a_weekend_move_to_the_next_working_day(d: date) -> None:
    assert d.weekday() < 5
    assert not KZ.is_working_day(d)
    name = KZ.holiday_name(d, "kk")
    assert name is not None
    assert name.endswith("(қайта белгіленген демалыс)")


def test_the_2025_transfer_of_the_day_off_to_friday_3_january() -> None:
    # Government decree No. 436 of 2024 (adilet G24G0000436), as the library
    # cites it: the day off of Sunday 5 January 2025 moves to Friday 3 January;
    # Sunday 5 January is a working day.
    assert not KZ.is_working_day(date(2025, 1, 3))
    assert KZ.is_working_day(date(2025, 1, 5))
    assert not KZ.is_working_day(date(2025, 1, 4))  # Saturday stays off
    assert KZ.working_weekend_days(2025) == frozenset({date(2025, 1, 5)})
    assert KZ.holiday_name(date(2025, 1, 3), "kk") == "Демалыс күні (05.01.2025 бастап ауыстырылды)"
    assert KZ.holiday_name(date(2025, 1, 3), "ru") == "Выходной день (перенесен с 05.01.2025)"
    assert KZ.holiday_name(date(2025, 1, 3), "en") == "Day off (substituted from 05/01/2025)"


def test_2026_has_no_transfer_in_the_library() -> None:
    # The library (holidays 0.109) lists no Government transfer for 2026: a
    # decree announced later goes into extra_days_off / extra_working_days.
    assert KZ.working_weekend_days(2026) == frozenset()


def test_kurban_ait_first_day_comes_from_the_library() -> None:
    assert KZ.holiday_name(date(2025, 6, 6), "kk") == "Құрбан айт"
    assert KZ.holiday_name(date(2025, 6, 6), "ru") == "Курбан айт"
    # 2026 is the library's estimate (it says so in the name).
    assert KZ.holiday_name(date(2026, 5, 27), "kk") == "Құрбан айт (бағаланған)"
    assert KZ.holiday_name(date(2026, 5, 27), "ru") == "Курбан айт (ориентировочно)"
    assert KZ.holiday_name(date(2026, 5, 28), "kk") is None  # only the first day is off


def test_constitution_day_2026_follows_the_library() -> None:
    # holidays 0.109 (citing the history of Law No. 267-II) has no Constitution
    # Day in 2026 and 15 March from 2027; 30 August 2026 is a Sunday anyway, so
    # the practical effect is that Monday 31 August 2026 is a working day.
    assert KZ.holiday_name(date(2026, 8, 30), "kk") is None
    assert KZ.is_working_day(date(2026, 8, 31))
    assert KZ.holiday_name(date(2027, 3, 15), "en") == "Constitution Day"


def test_ordinary_days() -> None:
    assert KZ.is_working_day(date(2026, 11, 20))  # Friday
    assert not KZ.is_working_day(date(2026, 11, 21))  # Saturday
    assert not KZ.is_working_day(date(2026, 11, 22))  # Sunday
    assert KZ.holiday_name(date(2026, 11, 20), "ru") is None


def test_days_off_per_year() -> None:
    year = [date(2025, 1, 1) + timedelta(days=i) for i in range(365)]
    weekends = {d for d in year if d.weekday() >= 5}
    weekday_holidays = {d for d in HOLIDAYS_2025 + OBSERVED_2025 if d.weekday() < 5}
    transferred = date(2025, 1, 3)
    working_sunday = date(2025, 1, 5)
    assert KZ.days_off(2025) == (weekends - {working_sunday}) | weekday_holidays | {transferred}
    # 104 weekend days - 1 working Sunday + 15 weekday holidays + 1 transferred day off.
    assert (len(weekends), len(weekday_holidays)) == (104, 15)
    assert len(KZ.days_off(2025)) == 119


def test_names_in_three_languages() -> None:
    nauryz = date(2026, 3, 23)
    assert KZ.holiday_name(nauryz, "kk") == "Наурыз мейрамы"
    assert KZ.holiday_name(nauryz, "ru") == "Наурыз мейрамы"
    assert KZ.holiday_name(nauryz, "en") == "Nowruz Holiday"
    assert KZ.holiday_name(date(2026, 3, 25), "ru") == "Наурыз мейрамы (перенесенный выходной день)"
    assert KZ.holiday_name(date(2026, 3, 25), "en") == "Nowruz Holiday (observed)"
    independence = date(2025, 12, 16)
    assert KZ.holiday_name(independence, "kk") == "Тәуелсіздік күні"
    assert KZ.holiday_name(independence, "ru") == "День Независимости"
    assert KZ.holiday_name(independence, "en") == "Independence Day"
    with pytest.raises(ValueError, match="unsupported language"):
        KZ.holiday_name(independence, "de")


def test_every_library_name_has_a_russian_translation() -> None:
    # Fails when a holidays upgrade renames or adds a KZ holiday: extend _RU_NAMES.
    for year in range(1991, 2036):
        for name in holidays.country_holidays("KZ", years=year, language="kk").values():
            for part in name.split("; "):
                assert calendar_kz._ru_name(part) is not None, part


def test_extra_days_override_the_library() -> None:
    friday = date(2026, 12, 18)
    saturday = date(2026, 12, 26)
    observed_nauryz = date(2026, 3, 25)
    cal = KazakhstanCalendar(
        extra_days_off=[friday], extra_working_days=[saturday, observed_nauryz]
    )
    assert KZ.is_working_day(friday) and not cal.is_working_day(friday)
    assert not KZ.is_working_day(saturday) and cal.is_working_day(saturday)
    assert not KZ.is_working_day(observed_nauryz) and cal.is_working_day(observed_nauryz)
    assert cal.working_weekend_days(2026) == frozenset({saturday})
    assert friday in cal.days_off(2026) and saturday not in cal.days_off(2026)
    # Counting follows the override: Thursday 17 Dec + 1 working day skips Friday 18.
    assert add_span(date(2026, 12, 17), Deadline(1, DayCount.WORKING_DAYS), KZ) == friday
    assert add_span(date(2026, 12, 17), Deadline(1, DayCount.WORKING_DAYS), cal) == date(
        2026, 12, 21
    )
    # An extra day off can also cancel a library transfer: Sunday 5 January 2025.
    assert not KazakhstanCalendar(extra_days_off=[date(2025, 1, 5)]).is_working_day(
        date(2025, 1, 5)
    )


def test_a_date_cannot_be_both_extra_day_off_and_extra_working_day() -> None:
    with pytest.raises(ValueError, match="2026-12-18"):
        KazakhstanCalendar(
            extra_days_off=[date(2026, 12, 18)], extra_working_days=[date(2026, 12, 18)]
        )


def test_interim_materials_deadline_spanning_nauryz_2026() -> None:
    # 004 §36: materials at least 15 working days before an interim meeting on
    # Tuesday 7 April 2026.  Back from Monday 6 April: 6, 3, 2, 1 April, 31, 30,
    # 27, 26 March (8); Nauryz 21–25 March and the weekend are skipped; then
    # 20, 19, 18, 17, 16, 13, 12 March (15).
    deadline = AI_COUNCIL_881.profile.materials_deadline_interim
    assert deadline == Deadline(15, DayCount.WORKING_DAYS, "36")
    meeting = date(2026, 4, 7)
    due = add_span(meeting, deadline, KZ, before=True)
    assert due == date(2026, 3, 12)
    # Without the holidays it would be three working days later.
    assert add_span(meeting, deadline, WeekendCalendar(), before=True) == date(2026, 3, 17)
    assert working_days_between(due, meeting, KZ) == 15  # (due, meeting] with meeting working


def test_interim_materials_deadline_spanning_nauryz_2025() -> None:
    # Meeting Monday 7 April 2025: Nauryz 21 (Fri), 24 and 25 (Mon, Tue) March are off.
    due = add_span(date(2025, 4, 7), Deadline(15, DayCount.WORKING_DAYS), KZ, before=True)
    assert due == date(2025, 3, 12)


def test_calendar_days_ending_in_nauryz_move_past_it() -> None:
    # Protocol signed Friday 13 March 2026, copies within 7 calendar days (000 §9.4):
    # Friday 20 March is a working day; signed on the 16th, the 23rd is Nauryz -> 26th.
    copies = Deadline(7, DayCount.CALENDAR_DAYS, "9.4")
    assert add_span(date(2026, 3, 13), copies, KZ) == date(2026, 3, 20)
    assert add_span(date(2026, 3, 16), copies, KZ) == date(2026, 3, 26)
