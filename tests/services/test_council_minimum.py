"""council_minimum: councils behind their regulation's minimum number of sessions a year."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.errors import NotFoundError
from app.domain.meeting import AlertKind, MeetingState
from app.domain.regulation import AI_COUNCIL_881
from app.models.composition import Council
from app.models.database import Database
from app.services.council_minimum import council_alerts, entered_on
from app.services.councils import archive_council
from tests.services.meeting_helpers import ME, World, make_world, meeting_in_state, plan

TWICE = AI_COUNCIL_881.profile.with_changes(max_deputy_chairs=1, min_meetings_per_year=2)
IN_2026 = date(2026, 5, 1)  # the meetings of meeting_helpers are on 15 April 2026


@pytest.fixture
def world(database: Database) -> World:
    return make_world(database, TWICE)


def test_a_council_short_of_planned_sessions_is_named(database: Database, world: World) -> None:
    meeting_in_state(database, world, MeetingState.HELD)
    (alert,) = council_alerts(database, today=IN_2026)
    assert alert.council_id == world.council_id
    assert alert.council_name("ru") == "Совет по развитию искусственного интеллекта"
    assert (alert.tally.year, alert.tally.required) == (2026, 2)
    assert (alert.tally.held, alert.tally.planned) == (1, 0)
    assert alert.alert.kind is AlertKind.BEHIND_MINIMUM
    assert alert.alert.message() == (
        "The council is behind its regulation: sessions required a year: 2; "
        "in 2026 held: 1, planned: 0."
    )
    plan(database, world)  # a second session planned: enough for this year
    assert council_alerts(database, today=IN_2026) == []


def test_a_past_year_counts_only_what_was_held(database: Database, world: World) -> None:
    meeting_in_state(database, world, MeetingState.HELD)
    plan(database, world)
    assert council_alerts(database, year=2026, today=IN_2026) == []
    (alert,) = council_alerts(database, year=2026, today=date(2027, 1, 10))
    assert (alert.tally.held, alert.tally.planned) == (1, 1)
    # Without a year, the year of today: nothing yet in 2027.
    (current,) = council_alerts(database, today=date(2027, 1, 10))
    assert current.tally.year == 2027 and current.tally.held == 0


def test_cancelled_meetings_do_not_count(database: Database, world: World) -> None:
    meeting_in_state(database, world, MeetingState.CANCELLED)
    meeting_in_state(database, world, MeetingState.CANCELLED)
    (alert,) = council_alerts(database, today=IN_2026)
    assert (alert.tally.held, alert.tally.planned) == (0, 0)


def test_a_council_entered_today_or_archived_is_not_warned(
    database: Database, world: World
) -> None:
    with database.reading() as session:
        council = session.get(Council, world.council_id)
        assert council is not None
        entered = entered_on(council)
    assert entered is not None
    assert council_alerts(database, today=entered) == []
    archive_council(database, ME, world.council_id)
    assert council_alerts(database, today=IN_2026) == []
    # Asked about by id, an archived council is still answered for.
    assert len(council_alerts(database, council_id=world.council_id, today=IN_2026)) == 1


def test_one_council_asked_for_by_id(database: Database, world: World) -> None:
    other = make_world(database, TWICE.with_changes(min_meetings_per_year=0))
    assert council_alerts(database, council_id=other.council_id, today=IN_2026) == []
    assert [a.council_id for a in council_alerts(database, today=IN_2026)] == [world.council_id]
    with pytest.raises(NotFoundError):
        council_alerts(database, council_id=404, today=IN_2026)
