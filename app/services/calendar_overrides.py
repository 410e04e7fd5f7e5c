"""Days off and working days the Government announces after the ``holidays`` release in use.

Kazakhstan's calendar comes from the ``holidays`` library (see
:mod:`app.calendar_kz`); a transfer decree published later ("О переносе
выходных дней"), or a one-off day off, is entered here and wins over the
library in every deadline Kenes counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.calendar_kz import KazakhstanCalendar
from app.domain.errors import DomainError
from app.domain.translation import N_
from app.models.database import Database
from app.models.meeting import CalendarOverride
from app.services.base import Actor, audit, check_date, check_flag, clean_text, get, snapshot


@dataclass(frozen=True)
class OverrideInfo:
    id: int
    day: date
    is_working_day: bool
    note: str


def _info(row: CalendarOverride) -> OverrideInfo:
    return OverrideInfo(row.id, row.day, row.is_working_day, row.note)


def calendar_in(session: Session) -> KazakhstanCalendar:
    """Kazakhstan's calendar with the overrides stored in the database (inside a session)."""
    rows = list(session.scalars(select(CalendarOverride)))
    return KazakhstanCalendar(
        extra_days_off=[r.day for r in rows if not r.is_working_day],
        extra_working_days=[r.day for r in rows if r.is_working_day],
    )


def work_calendar(db: Database) -> KazakhstanCalendar:
    """Kazakhstan's calendar with the overrides stored in the database."""
    with db.reading() as session:
        return calendar_in(session)


def add_calendar_override(
    db: Database, actor: Actor, day: date, *, is_working_day: bool, note: str = ""
) -> OverrideInfo:
    """Make ``day`` a working day or a day off, as a Government decree announced."""
    checked = check_date(day, N_("Date"))
    assert checked is not None
    text = clean_text(note, N_("Note"), limit=1000)
    working = check_flag(is_working_day, N_("Working day"))
    with db.transaction() as session:
        existing = session.scalar(select(CalendarOverride).where(CalendarOverride.day == checked))
        if existing is not None:
            raise DomainError(
                N_("{day} is already entered as an exception; remove that entry first."),
                day=checked,
            )
        if KazakhstanCalendar().is_working_day(checked) == working:
            if working:
                raise DomainError(
                    N_("{day} is already a working day in Kazakhstan's calendar."),
                    day=checked,
                )
            raise DomainError(
                N_("{day} is already a day off in Kazakhstan's calendar."),
                day=checked,
            )
        row = CalendarOverride(day=checked, is_working_day=working, note=text)
        session.add(row)
        audit(session, actor, "calendar_override.create", row)
        return _info(row)


def remove_calendar_override(db: Database, actor: Actor, override_id: int) -> OverrideInfo:
    """Remove an exception entered by mistake; the library's calendar applies again."""
    with db.transaction() as session:
        row = get(session, CalendarOverride, override_id, N_("Calendar exception"))
        before = snapshot(row)
        removed = _info(row)
        session.delete(row)
        audit(
            session,
            actor,
            "calendar_override.delete",
            entity="calendar_overrides",
            entity_id=removed.id,
            before=before,
            after=None,
        )
        return removed


def list_calendar_overrides(db: Database, year: int | None = None) -> list[OverrideInfo]:
    """The exceptions entered, by date; only those of ``year`` when given."""
    with db.reading() as session:
        query = select(CalendarOverride).order_by(CalendarOverride.day)
        if year is not None:
            query = query.where(
                CalendarOverride.day >= date(year, 1, 1), CalendarOverride.day <= date(year, 12, 31)
            )
        return [_info(r) for r in session.scalars(query)]
