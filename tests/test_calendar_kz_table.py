"""The shipped calendar table of ``app/calendar_kz.py`` against the installed library."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from app import calendar_kz
from app.calendar_kz import KazakhstanCalendar

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = json.loads(calendar_kz.TABLE.read_text(encoding="utf-8"))
FIRST, LAST = min(map(int, SHIPPED["years"])), max(map(int, SHIPPED["years"]))


@pytest.fixture
def fresh_caches() -> Iterator[None]:
    caches = (calendar_kz._table, calendar_kz._year, calendar_kz._names)

    def clear() -> None:
        for cached in caches:  # the originals, even where a test replaced one
            cached.cache_clear()

    clear()
    yield
    clear()


def test_the_table_covers_every_year_from_the_first_to_the_last() -> None:
    assert sorted(map(int, SHIPPED["years"])) == list(range(FIRST, LAST + 1))
    assert FIRST <= 1995 and LAST >= 2028


def test_the_shipped_table_is_what_the_installed_library_gives() -> None:
    expected = calendar_kz.library_table(FIRST, LAST)
    rerun = "the holidays library changed: run `.venv/bin/python tools/calendar_table.py`"
    # The days and names are compared, not the library's release: a new release that
    # changes no day of Kazakhstan's calendar leaves the table right.
    assert set(SHIPPED["years"]) == set(expected["years"]), rerun
    for year, entry in expected["years"].items():
        assert SHIPPED["years"][year] == entry, f"{year}: {rerun}"


def test_a_year_in_the_table_is_counted_without_importing_the_library() -> None:
    script = (
        "import sys\n"
        "from datetime import date\n"
        "from app.calendar_kz import KazakhstanCalendar\n"
        "kz = KazakhstanCalendar()\n"
        "print(kz.is_working_day(date(2025, 1, 2)), kz.holiday_name(date(2025, 3, 21), 'en'),\n"
        "      kz.holiday_name(date(2025, 5, 1), 'ru'), len(kz.days_off(2026)),\n"
        "      sorted(kz.working_weekend_days(2025)), 'holidays' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.split("\n")[0] == (
        "False Nowruz Holiday Праздник единства народа Казахстана 118 "
        "[datetime.date(2025, 1, 5)] False"
    )


def test_the_table_gives_the_same_calendar_as_the_library(
    fresh_caches: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    kz = KazakhstanCalendar()
    days = [date(2025, 1, 1) + calendar_kz._ONE_DAY * n for n in range(730)]
    from_table = [
        (kz.is_working_day(d), *(kz.holiday_name(d, lang) for lang in ("kk", "ru", "en")))
        for d in days
    ]
    calendar_kz._year.cache_clear()
    calendar_kz._names.cache_clear()
    monkeypatch.setattr(calendar_kz, "_table", lambda: {})
    from_library = [
        (kz.is_working_day(d), *(kz.holiday_name(d, lang) for lang in ("kk", "ru", "en")))
        for d in days
    ]
    assert from_table == from_library


def test_a_year_outside_the_table_comes_from_the_library(fresh_caches: None) -> None:
    kz = KazakhstanCalendar()
    year = LAST + 1
    assert str(year) not in calendar_kz._table()
    assert kz.holiday_name(date(year, 1, 1)) == "Жаңа жыл"
    assert kz.holiday_name(date(year, 12, 16), "ru") == "День Независимости"
    assert kz.holiday_name(date(year, 3, 8), "en") == "International Women's Day"
    assert kz.is_day_off(date(year, 3, 22)) and kz.is_working_day(date(year, 3, 26))
    assert calendar_kz._year(year) == calendar_kz._library_year(year)


def test_the_table_ships_with_the_package_and_the_installer() -> None:
    import tomllib

    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "data/*.json" in pyproject["tool"]["setuptools"]["package-data"]["app"]
    spec = (ROOT / "installer" / "kenes.spec").read_text(encoding="utf-8")
    assert '(str(ROOT / "app" / "data" / "calendar_kz.json"), "app/data")' in spec
    assert calendar_kz.TABLE == ROOT / "app" / "data" / "calendar_kz.json"
