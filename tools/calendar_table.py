#!/usr/bin/env python3
"""Write Kazakhstan's calendar as the installed ``holidays`` library gives it.

    .venv/bin/python tools/calendar_table.py

Run by hand whenever the ``holidays`` pin in ``pyproject.toml`` changes
(``tests/test_calendar_kz_table.py`` fails until then).  Writes
``app/data/calendar_kz.json``: for every year from the library's first for
Kazakhstan to the current year + 4, the holidays and observed days with their
Kazakh and English names and the weekend days made working days by transfer
decrees, so that ``app/calendar_kz.py`` does not import the library (about
300 modules) for those years.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app import calendar_kz  # noqa: E402

YEARS_AHEAD = 4


def first_year() -> int:
    """The first year the library knows for Kazakhstan (1991, the year of independence)."""
    from holidays.countries.kazakhstan import Kazakhstan

    return int(Kazakhstan.start_year)


def write(path: Path, first: int, last: int) -> None:
    table = calendar_kz.library_table(first, last)
    text = json.dumps(table, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def main() -> int:
    first, last = first_year(), date.today().year + YEARS_AHEAD
    write(calendar_kz.TABLE, first, last)
    print(f"{calendar_kz.TABLE.relative_to(ROOT)}: {first}..{last}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
