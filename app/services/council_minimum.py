"""Councils behind their regulation's minimum number of sessions a year (004 §25).

The Meetings page names them in a banner, and a meeting's page adds the
warning to a meeting still ahead.  Whether a council is behind is the
domain's rule (:meth:`app.domain.meeting.YearTally.behind`); this module
counts the sessions held and planned, and tells the rule when the council
was entered, so a council entered today is not warned about.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.council import pick
from app.domain.meeting import (
    ACTIVE_STATES,
    SESSION_KINDS,
    Alert,
    MeetingKind,
    MeetingState,
    YearTally,
    minimum_alert,
)
from app.domain.regulation import profile_from_dict
from app.domain.translation import N_
from app.formatting import DEFAULT_TIMEZONE
from app.models.composition import Council
from app.models.database import Database
from app.models.meeting import Meeting
from app.services.base import get
from app.services.meeting_facts import CHUNK, checked_today, council_names
from app.services.meetings.common import as_utc


@dataclass(frozen=True)
class CouncilAlert:
    council_id: int
    council_names: dict[str, str]
    tally: YearTally
    alert: Alert

    def council_name(self, lang: str) -> str:
        return pick(self.council_names, lang)


def _tallies(session: Session, council_ids: Sequence[int], year: int) -> dict[int, tuple[int, int]]:
    """How many sessions each council held, and has planned, in ``year`` (one query)."""
    held: dict[int, int] = dict.fromkeys(council_ids, 0)
    planned: dict[int, int] = dict.fromkeys(council_ids, 0)
    for start in range(0, len(council_ids), CHUNK):
        for council_id, state, kind, count in session.execute(
            select(Meeting.council_id, Meeting.state, Meeting.kind, func.count())
            .where(
                Meeting.council_id.in_(council_ids[start : start + CHUNK]),
                Meeting.year == year,
            )
            .group_by(Meeting.council_id, Meeting.state, Meeting.kind)
        ):
            if MeetingKind(kind) not in SESSION_KINDS:
                continue
            if state in (MeetingState.HELD.value, MeetingState.CLOSED.value):
                held[council_id] += int(count)
            elif MeetingState(state) in ACTIVE_STATES:
                planned[council_id] += int(count)
    return {cid: (held[cid], planned[cid]) for cid in council_ids}


def entered_on(council: Council) -> date | None:
    """The day (in Kazakhstan) the council was entered in Kenes."""
    moment = as_utc(council.created_at)
    return moment.astimezone(ZoneInfo(DEFAULT_TIMEZONE)).date() if moment is not None else None


def council_alert(
    session: Session,
    council: Council,
    year: int,
    today: date,
    counted: tuple[int, int] | None = None,
) -> CouncilAlert | None:
    """The warning for ``council`` when it is behind its minimum in ``year`` (None: it is not)."""
    held, planned = counted or _tallies(session, [council.id], year)[council.id]
    profile = profile_from_dict(council.profile)
    tally = YearTally(year, profile.min_meetings_per_year, held, planned, entered_on(council))
    alert = minimum_alert(tally, today)
    if alert is None:
        return None
    return CouncilAlert(council.id, council_names(council), tally, alert)


def council_alerts(
    db: Database,
    *,
    council_id: int | None = None,
    year: int | None = None,
    today: date | None = None,
) -> list[CouncilAlert]:
    """Councils behind their regulation's minimum number of sessions in ``year`` (004 §25).

    ``year`` defaults to the year of ``today``; archived councils are left out.
    """
    day = checked_today(today)
    wanted = year if year is not None else day.year
    with db.reading() as session:
        query = select(Council).where(Council.archived.is_(False)).order_by(Council.id)
        if council_id is not None:
            get(session, Council, council_id, N_("Council"))
            query = select(Council).where(Council.id == council_id)
        councils = list(session.scalars(query))
        tallies = _tallies(session, [c.id for c in councils], wanted)
        found = []
        for council in councils:
            alert = council_alert(session, council, wanted, day, tallies[council.id])
            if alert is not None:
                found.append(alert)
        return found
