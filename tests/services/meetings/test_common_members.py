"""The composition on a day read in one statement equals the rules' own reading of it.

``members_on`` reads the seats and holdings in force on the day in one joined statement
(it runs on every ballot of a live meeting); the composition must be exactly what
:func:`composition_on` gives over every seat and holding of the council, on every day the
composition changes, the day before and the day after.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from sqlalchemy import select

from app.domain.composition import change_dates, composition_on
from app.models.composition import Council
from app.models.database import open_database
from app.services.composition_check import council_seat_facts, holding_facts
from app.services.meetings.common import members_on
from bench.archive import Scale, generate

SMALL = Scale(
    councils=3,
    years=6,
    meetings=30,
    items=60,
    points=60,
    ballots=300,
    dissents=0,
    instructions=0,
    large_council=12,
)


def test_members_on_every_change_day_equal_the_rules_reading(tmp_path: Path) -> None:
    generate(tmp_path / "small.sqlite3", SMALL)
    db = open_database(tmp_path / "small.sqlite3")
    compared = changed = 0
    try:
        with db.reading() as session:
            for council_id in session.scalars(select(Council.id)):
                seats = council_seat_facts(session, council_id)
                positions = {s.position_id for s in seats if s.position_id is not None}
                holdings = holding_facts(session, positions)
                ends = [h for h in holdings if h.period.end is not None]
                changed += len(ends)
                for day in change_dates(seats, holdings):
                    for moment in (day - timedelta(days=1), day, day + timedelta(days=1)):
                        expected = composition_on(moment, seats, holdings)
                        assert members_on(session, council_id, moment) == expected, moment
                        compared += 1
    finally:
        db.close()
    assert compared > 30 and changed > 0  # holders of positions did change meanwhile
