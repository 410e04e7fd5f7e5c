"""Kazakhstan's production calendar: which days are working days.

The data come from the maintained ``holidays`` library (``holidays.KZ``), which
follows the Law of the RK "On holidays in the Republic of Kazakhstan" and the
Labour Code:

* public holidays, and the "observed" day off on the next working day when a
  national or state holiday falls on a weekend (Orthodox Christmas and the
  first day of Kurban Ait are days off but are never moved);
* the Government's yearly transfers of days off ("О переносе выходных
  дней"): the library adds the new day off as a holiday and records the
  weekend day that becomes a working day in ``weekend_workdays``.

Decrees the library does not know yet (a transfer announced after its
release, a one-off day off) are given to :class:`KazakhstanCalendar` as
``extra_days_off`` / ``extra_working_days``; they override the library.

Importing the library costs about 300 modules (its package imports every
country) and held the GUI thread for 80-500 ms at the first deadline shown, so
what it gives for the years in ``app/data/calendar_kz.json`` is read from that
file instead; ``tools/calendar_table.py`` writes it (re-run it whenever the
``holidays`` pin changes: ``tests/test_calendar_kz_table.py`` fails until then).
The library is imported only for a year outside the table.

This module lives outside :mod:`app.domain` because it imports ``holidays``;
the domain only sees the :class:`~app.domain.deadlines.WorkCalendar` protocol.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from app.paths import bundle_root

LANGUAGES = ("kk", "ru", "en")

# The library's language codes for ours; Russian is not among its KZ catalogs,
# so it is produced from the Kazakh names by _RU_NAMES below.
_LIBRARY_LANGUAGE = {"kk": "kk", "en": "en_US"}

# Official Russian names (Law of the RK "On holidays"), keyed by the library's
# Kazakh names.  A test checks every name the library yields is covered.
_RU_NAMES = {
    "Жаңа жыл": "Новый год",
    "Православиелік Рождество": "Православное Рождество",
    "Халықаралық әйелдер күні": "Международный женский день",
    "Наурыз мейрамы": "Наурыз мейрамы",
    "Қазақстан халқының бірлігі мерекесі": "Праздник единства народа Казахстана",
    "Отан Қорғаушы күні": "День защитника Отечества",
    "Жеңіс күні": "День Победы",
    "Астана күні": "День Столицы",
    "Қазақстан Республикасының Конституциясы күні": "День Конституции Республики Казахстан",
    "Республика күні": "День Республики",
    "Қазақстан Республикасы күні": "День Республики Казахстан",
    "Қазақстан Республикасының Тұңғыш Президенті күні": (
        "День Первого Президента Республики Казахстан"
    ),
    "Тәуелсіздік күні": "День Независимости",
    "Құрбан айт": "Курбан айт",
}
# Suffixes the library appends in Kazakh, longest first so a combined one wins.
_RU_SUFFIXES = (
    (" (қайта белгіленген демалыс, бағаланған)", " (перенесенный выходной день, ориентировочно)"),
    (" (қайта белгіленген демалыс)", " (перенесенный выходной день)"),
    (" (бағаланған)", " (ориентировочно)"),
)
_KK_SUBSTITUTED = re.compile(r"^Демалыс күні \((\d{2}\.\d{2}\.\d{4}) бастап ауыстырылды\)$")
# en_US writes the transferred-from date month first; Kazakh readers take
# 01/05 as 1 May, so it is rewritten day first as Kenes writes English dates.
_EN_US_DATE = re.compile(r"\b(\d{2})/(\d{2})/(\d{4})\b")

_ONE_DAY = timedelta(days=1)

TABLE = bundle_root() / "app" / "data" / "calendar_kz.json"
"""The library's calendar for the years it holds, as ``tools/calendar_table.py`` wrote it."""


@dataclass(frozen=True)
class _LibraryYear:
    """What the library says about one year, in the library's default language (kk)."""

    named_days: dict[date, str]
    weekend_workdays: frozenset[date]


@lru_cache(maxsize=64)
def _library_year(year: int) -> _LibraryYear:
    """Holidays and working weekend days of ``year``, computed once per process.

    The following year is populated too: a transfer decree of year ``y + 1``
    can make a weekend day of ``y`` a working day (28 December 2013 for
    3 January 2014).
    """
    import holidays  # 300 modules: only for a year outside the table

    kz = holidays.country_holidays("KZ", years=(year, year + 1), language="kk")
    return _LibraryYear(
        named_days={d: name for d, name in kz.items() if d.year == year},
        weekend_workdays=frozenset(d for d in kz.weekend_workdays if d.year == year),
    )


@lru_cache(maxsize=64)
def _library_names(year: int, language: str) -> dict[date, str]:
    """The library's holiday names of ``year`` in one of its languages."""
    import holidays

    kz = holidays.country_holidays("KZ", years=year, language=language)
    return {d: name for d, name in kz.items() if d.year == year}


def library_table(first: int, last: int) -> dict[str, Any]:
    """What the installed library gives for the years ``first`` .. ``last``, as the table holds."""
    from importlib.metadata import version

    def days(named: dict[date, str]) -> dict[str, str]:
        return {d.isoformat(): name for d, name in sorted(named.items())}

    years = {}
    for year in range(first, last + 1):
        library = _library_year(year)
        years[str(year)] = {
            "kk": days(library.named_days),
            "en": days(_library_names(year, _LIBRARY_LANGUAGE["en"])),
            "weekend_workdays": sorted(d.isoformat() for d in library.weekend_workdays),
        }
    return {"library": f"holidays {version('holidays')}", "years": years}


@lru_cache(maxsize=1)
def _table() -> dict[str, Any]:
    """The shipped table's years (about 0.1 MB of JSON, read once)."""
    years: dict[str, Any] = json.loads(TABLE.read_text(encoding="utf-8"))["years"]
    return years


def _dated(days: dict[str, str]) -> dict[date, str]:
    return {date.fromisoformat(d): name for d, name in days.items()}


@lru_cache(maxsize=64)
def _year(year: int) -> _LibraryYear:
    """Holidays and working weekend days of ``year``: from the table, else from the library."""
    entry = _table().get(str(year))
    if entry is None:
        return _library_year(year)
    return _LibraryYear(
        named_days=_dated(entry["kk"]),
        weekend_workdays=frozenset(date.fromisoformat(d) for d in entry["weekend_workdays"]),
    )


@lru_cache(maxsize=64)
def _names(year: int, language: str) -> dict[date, str]:
    """The holiday names of ``year`` in one of the library's languages: table, else library."""
    entry = _table().get(str(year))
    if entry is None or language != _LIBRARY_LANGUAGE["en"]:
        return _library_names(year, language)
    return _dated(entry["en"])


def _ru_name(kk_name: str) -> str | None:
    """The Russian name for one library name in Kazakh, or None when unknown."""
    if match := _KK_SUBSTITUTED.match(kk_name):
        return f"Выходной день (перенесен с {match.group(1)})"
    for kk_suffix, ru_suffix in _RU_SUFFIXES:
        if kk_name.endswith(kk_suffix):
            base = _RU_NAMES.get(kk_name.removesuffix(kk_suffix))
            return None if base is None else base + ru_suffix
    return _RU_NAMES.get(kk_name)


def _ru_names(kk_names: str) -> str:
    """Russian for the library's ``"; "``-joined names; Kazakh where no translation is known."""
    return "; ".join(_ru_name(part) or part for part in kk_names.split("; "))


def _check_language(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; expected one of {LANGUAGES}")


class KazakhstanCalendar:
    """Working days in Kazakhstan: weekends, public holidays and the Government's transfers.

    ``extra_days_off`` and ``extra_working_days`` are decrees announced after
    the ``holidays`` release in use; they win over the library.  A date may
    not be in both.
    """

    def __init__(
        self,
        extra_days_off: Iterable[date] = (),
        extra_working_days: Iterable[date] = (),
    ) -> None:
        self.extra_days_off = frozenset(extra_days_off)
        self.extra_working_days = frozenset(extra_working_days)
        both = self.extra_days_off & self.extra_working_days
        if both:
            listed = ", ".join(d.isoformat() for d in sorted(both))
            raise ValueError(f"dates both extra days off and extra working days: {listed}")

    def __repr__(self) -> str:
        return (
            f"KazakhstanCalendar(extra_days_off={sorted(self.extra_days_off)!r}, "
            f"extra_working_days={sorted(self.extra_working_days)!r})"
        )

    def is_working_day(self, d: date) -> bool:
        """Whether ``d`` is a working day on a five-day week (Saturday and Sunday off)."""
        if d in self.extra_working_days:
            return True
        if d in self.extra_days_off:
            return False
        year = _year(d.year)
        if d.weekday() >= 5:
            return d in year.weekend_workdays
        return d not in year.named_days

    def is_day_off(self, d: date) -> bool:
        """The opposite of :meth:`is_working_day`, for readability at call sites."""
        return not self.is_working_day(d)

    def days_off(self, year: int) -> frozenset[date]:
        """Every non-working day of ``year`` (weekends included), e.g. to shade a month view."""
        d, end = date(year, 1, 1), date(year, 12, 31)
        found: set[date] = set()
        while d <= end:
            if not self.is_working_day(d):
                found.add(d)
            d += _ONE_DAY
        return frozenset(found)

    def working_weekend_days(self, year: int) -> frozenset[date]:
        """Saturdays and Sundays of ``year`` made working days by a transfer."""
        library = _year(year).weekend_workdays
        extra = {d for d in self.extra_working_days if d.year == year and d.weekday() >= 5}
        return frozenset((library | extra) - self.extra_days_off)

    def holiday_name(self, d: date, lang: str = "kk") -> str | None:
        """The holiday's name on ``d`` in ``lang`` ("kk", "ru", "en"), or None.

        Names come from the library (days added with ``extra_days_off`` have
        none); several holidays on one day are joined with ``"; "``.  Russian
        is translated here because the library has no Russian KZ catalog.
        """
        _check_language(lang)
        kk_name = _year(d.year).named_days.get(d)
        if kk_name is None:
            return None
        if lang == "kk":
            return kk_name
        if lang == "ru":
            return _ru_names(kk_name)
        name = _names(d.year, _LIBRARY_LANGUAGE[lang]).get(d, kk_name)
        return _EN_US_DATE.sub(r"\2/\1/\3", name)
