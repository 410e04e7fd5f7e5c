"""Facts about meetings that several queries share: today, names, materials deadlines.

The meetings list (:mod:`app.services.meeting_queries`), a meeting's page
(:mod:`app.services.meeting_detail`) and the planning dialog all count the
materials deadline the same way, on Kazakhstan's calendar with the
exceptions entered in Kenes (:mod:`app.services.calendar_overrides`), so the
rule is read from :mod:`app.domain.meeting` once, here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.domain.deadlines import WorkCalendar, days_left, has_passed
from app.domain.errors import DomainError
from app.domain.meeting import (
    ACTIVE_STATES,
    Alert,
    MeetingKind,
    MeetingState,
    materials_alert,
    materials_due,
)
from app.domain.regulation import RegulationProfile
from app.domain.translation import N_
from app.models.composition import Council
from app.models.database import Database
from app.models.meeting import Meeting
from app.services.base import check_date, check_id
from app.services.calendar_overrides import calendar_in
from app.services.meetings.common import LANGS, council_profile

CHUNK = 500
"""Ids per ``IN (...)``: well below the bound parameters SQLite and PostgreSQL accept."""


def checked_today(today: date | None) -> date:
    """``today`` checked as a date, or the computer's date."""
    day = check_date(today if today is not None else date.today(), N_("Date"))
    assert day is not None
    return day


def council_names(council: Council) -> dict[str, str]:
    """The council's name in each language (some may be empty)."""
    return {lang: getattr(council, f"name_{lang}") for lang in LANGS}


@dataclass(frozen=True)
class Deadlines:
    """A meeting's materials deadline, its countdown and the warning it raises."""

    materials_due: date | None
    materials_days_left: int | None
    items_without_materials: int
    alerts: tuple[Alert, ...]


def meeting_deadlines(
    meeting: Meeting,
    profile: RegulationProfile,
    calendar: WorkCalendar,
    today: date,
    missing: int | None = None,
) -> Deadlines:
    """The materials deadline of ``meeting`` (``missing``: items without materials, if counted)."""
    kind = MeetingKind(meeting.kind)
    due = materials_due(profile, kind, meeting.meeting_date, calendar)
    if missing is None:
        missing = sum(1 for item in meeting.items if not item.materials)
    alerts: list[Alert] = []
    if MeetingState(meeting.state) in ACTIVE_STATES:
        alert = materials_alert(today, due, missing)
        if alert is not None:
            alerts.append(alert)
    return Deadlines(
        due, days_left(today, due) if due is not None else None, missing, tuple(alerts)
    )


@dataclass(frozen=True)
class PlanningDeadline:
    """When materials for a meeting planned on a date are due, and whether that has passed."""

    due: date | None
    passed: bool


def planning_deadline(
    db: Database, council_id: int, kind: MeetingKind, day: date, *, today: date | None = None
) -> PlanningDeadline:
    """The materials deadline of a meeting of ``kind`` planned on ``day`` (before it exists).

    The planning dialog warns at once when it has passed: the members would get
    the materials later than the regulation asks.
    """
    council_id = check_id(council_id, N_("Council"))
    try:
        meeting_kind = MeetingKind(kind)
    except ValueError as exc:
        raise DomainError(N_("Choose the kind of the meeting.")) from exc
    meeting_day = check_date(day, N_("Date"))
    assert meeting_day is not None
    now = checked_today(today)
    with db.reading() as session:
        profile = council_profile(session, council_id, meeting_day)
        due = materials_due(profile, meeting_kind, meeting_day, calendar_in(session))
    return PlanningDeadline(due, due is not None and has_passed(due, now))
