"""meeting_facts: today checked, council names, a meeting's materials deadline and warnings."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from app.domain.errors import DomainError
from app.domain.meeting import AlertKind, MeetingKind, MeetingState
from app.domain.regulation import AI_COUNCIL_881
from app.models.composition import Council
from app.models.database import Database
from app.models.meeting import Meeting
from app.services.agenda.attach_material import attach_material
from app.services.calendar_overrides import calendar_in
from app.services.meeting_facts import (
    Deadlines,
    checked_today,
    council_names,
    meeting_deadlines,
    planning_deadline,
)
from app.services.meetings.common import council_profile
from tests.services.meeting_helpers import (
    DAY,
    ME,
    first_item,
    item,
    make_world,
    material_file,
    meeting_in_state,
)

AI = AI_COUNCIL_881.profile.with_changes(max_deputy_chairs=1)  # materials two months before


def deadlines(db: Database, meeting_id: int, today: date, missing: int | None = None) -> Deadlines:
    with db.reading() as session:
        meeting = session.get(Meeting, meeting_id)
        assert meeting is not None
        profile = council_profile(session, meeting.council_id, meeting.meeting_date)
        return meeting_deadlines(meeting, profile, calendar_in(session), today, missing)


def test_today_is_checked_or_the_computers_date() -> None:
    assert checked_today(date(2026, 4, 1)) == date(2026, 4, 1)
    assert checked_today(None) == date.today()
    for bad in ("2026-04-01", date(1800, 1, 1)):
        with pytest.raises(DomainError):
            checked_today(bad)  # type: ignore[arg-type]


def test_council_names_in_every_language(database: Database) -> None:
    world = make_world(database)
    with database.reading() as session:
        council = session.get(Council, world.council_id)
        assert council is not None
        names = council_names(council)
    assert names == {
        "kk": "Жасанды интеллектіні дамыту жөніндегі кеңес",
        "ru": "Совет по развитию искусственного интеллекта",
        "en": "Council for the development of artificial intelligence",
    }


def test_items_without_materials_warn_as_the_deadline_nears_and_passes(
    database: Database,
) -> None:
    meeting = meeting_in_state(database, make_world(database, AI), MeetingState.PLANNED)
    due = deadlines(database, meeting, date(2026, 1, 1)).materials_due
    assert due is not None and due < DAY
    early = deadlines(database, meeting, due - timedelta(days=60))
    # The item added and the instructions report the 004 profile opens every session with.
    assert early.items_without_materials == 2 and early.alerts == ()
    assert early.materials_days_left == 60
    soon = deadlines(database, meeting, due)
    assert [a.kind for a in soon.alerts] == [AlertKind.MATERIALS_DUE_SOON]
    late = deadlines(database, meeting, due + timedelta(days=1))
    assert [a.kind for a in late.alerts] == [AlertKind.MATERIALS_OVERDUE]
    assert late.materials_days_left == -1
    assert deadlines(database, meeting, due + timedelta(days=1), missing=0).alerts == ()


def test_materials_attached_or_a_closed_meeting_raise_no_warning(
    database: Database, tmp_path: Path
) -> None:
    world = make_world(database, AI)
    meeting = meeting_in_state(database, world, MeetingState.PLANNED)
    item(database, meeting, "Екінші")
    after = DAY + timedelta(days=1)
    missing = deadlines(database, meeting, after).items_without_materials
    attach_material(database, ME, first_item(database, meeting), material_file(tmp_path))
    assert deadlines(database, meeting, after).items_without_materials == missing - 1
    cancelled = meeting_in_state(database, world, MeetingState.CANCELLED)
    facts = deadlines(database, cancelled, after)
    assert facts.items_without_materials > 0 and facts.alerts == ()


def test_without_a_materials_deadline_nothing_is_due(database: Database) -> None:
    world = make_world(database, AI.with_changes(materials_deadline=None))
    meeting = meeting_in_state(database, world, MeetingState.PLANNED)
    facts = deadlines(database, meeting, DAY)
    assert (facts.materials_due, facts.materials_days_left, facts.alerts) == (None, None, ())
    planned = planning_deadline(database, world.council_id, MeetingKind.REGULAR, DAY, today=DAY)
    assert (planned.due, planned.passed) == (None, False)
