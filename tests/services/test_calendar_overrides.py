"""Days the Government announces after the library's release: entered once, used everywhere."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.errors import DomainError, NotFoundError
from app.domain.meeting import MeetingKind
from app.domain.regulation import AI_COUNCIL_881
from app.models.database import Database
from app.services.calendar_overrides import (
    add_calendar_override,
    list_calendar_overrides,
    remove_calendar_override,
    work_calendar,
)
from app.services.meeting_detail import meeting_detail
from tests.services.meeting_helpers import ME, audit_actions, counts, make_world, plan

FRIDAY = date(2026, 3, 20)  # a working day before Nauryz 2026
SATURDAY = date(2026, 3, 28)


def test_an_announced_day_off_and_working_day_change_the_calendar(database: Database) -> None:
    assert work_calendar(database).is_working_day(FRIDAY)
    off = add_calendar_override(
        database, ME, FRIDAY, is_working_day=False, note="Government decree (example)"
    )
    on = add_calendar_override(database, ME, SATURDAY, is_working_day=True)
    calendar = work_calendar(database)
    assert not calendar.is_working_day(FRIDAY) and calendar.is_working_day(SATURDAY)
    assert list_calendar_overrides(database, 2026) == [off, on]
    assert list_calendar_overrides(database, 2025) == []
    assert audit_actions(database)[-1] == "calendar_override.create"
    remove_calendar_override(database, ME, off.id)
    assert work_calendar(database).is_working_day(FRIDAY)
    assert audit_actions(database)[-1] == "calendar_override.delete"


def test_deadlines_use_the_entered_days(database: Database) -> None:
    world = make_world(database, AI_COUNCIL_881.profile.with_changes(max_deputy_chairs=1))
    meeting_id = plan(database, world, kind=MeetingKind.INTERIM, day=date(2026, 4, 10))
    assert meeting_detail(database, meeting_id).materials_due == date(2026, 3, 17)
    add_calendar_override(database, ME, FRIDAY, is_working_day=False)
    detail = meeting_detail(database, meeting_id)
    assert detail.materials_due == date(2026, 3, 16)
    assert detail.materials_deadline is not None
    assert detail.materials_deadline.source == "36"


def test_refusals(database: Database) -> None:
    add_calendar_override(database, ME, FRIDAY, is_working_day=False)
    before = counts(database)
    with pytest.raises(DomainError, match="already entered as an exception"):
        add_calendar_override(database, ME, FRIDAY, is_working_day=True)
    with pytest.raises(DomainError, match="already a working day"):
        add_calendar_override(database, ME, date(2026, 3, 19), is_working_day=True)
    with pytest.raises(DomainError, match="already a day off"):
        add_calendar_override(database, ME, date(2026, 3, 23), is_working_day=False)
    with pytest.raises(DomainError, match="must be a date"):
        add_calendar_override(database, ME, "2026-03-20", is_working_day=False)  # type: ignore[arg-type]
    with pytest.raises(NotFoundError, match="Calendar exception #99"):
        remove_calendar_override(database, ME, 99)
    assert counts(database) == before
