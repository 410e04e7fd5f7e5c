"""What the meetings list shows: meetings, deadlines, countdowns, warnings.

Deadlines are counted on Kazakhstan's calendar with the exceptions entered in
Kenes (:mod:`app.services.calendar_overrides`); countdowns are calendar days
from ``today`` (0 on the day, negative when past).  Warnings are
:class:`~app.domain.meeting.Alert` values the view translates when it shows
them.

The list is read in two steps, so a 15-year archive opens at once: :func:`meeting_keys`
gives every matching meeting's id and date in the list's order (sorted in SQL; its
length is the count), and :func:`meeting_rows` builds the lines of the screen the user
looks at (about 100 µs of work a line: countdowns on the work calendar, warnings).

The other queries of the meetings views have their own modules: the yearly
minimum (:mod:`app.services.council_minimum`), one meeting's page
(:mod:`app.services.meeting_detail`) and the material files
(:mod:`app.services.material_files`).  They are named here too, for the views
that still import them from here (the agenda editor).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, NamedTuple, TypeVar

from sqlalchemy import Select, case, exists, func, select
from sqlalchemy.orm import Session

from app.domain.council import pick
from app.domain.deadlines import days_left
from app.domain.errors import DomainError
from app.domain.meeting import Alert, MeetingKind, MeetingState
from app.domain.regulation import profile_from_dict
from app.domain.translation import N_
from app.models.collation import kazakh
from app.models.composition import Council, Person
from app.models.database import Database
from app.models.meeting import AgendaItem, Material, Meeting
from app.services.accounts.scope import read_scope
from app.services.base import get
from app.services.calendar_overrides import calendar_in
from app.services.council_minimum import CouncilAlert, council_alerts
from app.services.material_files import MaterialContent, material_content, save_material_copy
from app.services.meeting_detail import (
    MeetingDetail,
    RevisionInfo,
    meeting_detail,
    notifications_of,
)
from app.services.meeting_facts import CHUNK, checked_today, council_names, meeting_deadlines
from app.services.meetings.common import LANGS, MeetingInfo, meeting_info, next_number
from app.services.people import PersonInfo, person_info

__all__ = [
    "CouncilAlert",
    "MaterialContent",
    "MeetingDetail",
    "MeetingKey",
    "MeetingOrder",
    "MeetingRow",
    "RevisionInfo",
    "council_alerts",
    "list_meetings",
    "material_content",
    "meeting_detail",
    "meeting_keys",
    "meeting_rows",
    "meeting_years",
    "notifications_of",
    "proposed_number",
    "save_material_copy",
]


# -- the list ---------------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingRow:
    """A line of the meetings list, with its countdowns and warnings."""

    meeting: MeetingInfo
    council_names: dict[str, str]
    presiding: PersonInfo
    days_left: int
    materials_due: date | None
    materials_days_left: int | None
    items_without_materials: int
    alerts: tuple[Alert, ...]

    def council_name(self, lang: str) -> str:
        return pick(self.council_names, lang)


def _set(values: Iterable[Any] | None, kind: type[Any]) -> set[str] | None:
    if values is None:
        return None
    try:
        return {kind(v).value for v in values}
    except ValueError as exc:
        raise DomainError(N_("The filter of the meetings list is not valid.")) from exc


class MeetingOrder(StrEnum):
    """What the meetings list is sorted by (a column of the list); ties go by date."""

    DATE = "date"
    COUNCIL = "council"  # the council's name in the language asked for
    NUMBER = "number"
    KIND = "kind"  # in the order of MeetingKind
    STATE = "state"  # in the order of a meeting's life (MeetingState)
    PRESIDING = "presiding"  # the presiding person's full name in the language asked for


class MeetingKey(NamedTuple):
    """A meeting's place in the list: its id and date, without anything else loaded."""

    id: int
    day: date


_Query = TypeVar("_Query", bound=Select[*tuple[Any, ...]])

_DATE_ORDER = (Meeting.meeting_date, Meeting.starts_at, Meeting.council_id, Meeting.number)


def _where(
    session: Session,
    council_id: int | None,
    year: int | None,
    states: Iterable[MeetingState] | None,
    kinds: Iterable[MeetingKind] | None,
) -> list[Any]:
    """The SQL conditions of the list's filters; an unknown council or value is refused."""
    state_values = _set(states, MeetingState)
    kind_values = _set(kinds, MeetingKind)
    where: list[Any] = [read_scope(session).meetings()]
    if council_id is not None:
        get(session, Council, council_id, N_("Council"))
        where.append(Meeting.council_id == council_id)
    if year is not None:
        where.append(Meeting.year == year)
    if state_values is not None:
        where.append(Meeting.state.in_(state_values))
    if kind_values is not None:
        where.append(Meeting.kind.in_(kind_values))
    return where


def _rank(column: Any, values: Iterable[str]) -> Any:
    """The place of ``column``'s value in ``values`` (unknown values last)."""
    ranks = {value: rank for rank, value in enumerate(values)}
    return case(ranks, value=column, else_=len(ranks))


def _text_in(columns: dict[str, Any], lang: str) -> Any:
    """The text in ``lang``, else in kk, ru, en (as :func:`~app.domain.council.pick`), in SQL."""
    chosen = [columns[lang]] + [columns[other] for other in LANGS if other != lang]
    return func.coalesce(*(func.nullif(column, "") for column in chosen), "")


def _ordered(query: _Query, order: MeetingOrder, descending: bool, lang: str) -> _Query:
    """``query`` sorted by ``order`` (then by date, council and number, so the order is total)."""
    order = MeetingOrder(order)
    if lang not in LANGS:
        lang = LANGS[0]
    keys: tuple[Any, ...]
    if order is MeetingOrder.DATE:
        keys = (Meeting.meeting_date, Meeting.starts_at)
    elif order is MeetingOrder.COUNCIL:
        query = query.join(Council, Council.id == Meeting.council_id)
        keys = (
            kazakh(_text_in({other: getattr(Council, f"name_{other}") for other in LANGS}, lang)),
        )
    elif order is MeetingOrder.NUMBER:
        keys = (Meeting.number,)
    elif order is MeetingOrder.KIND:
        keys = (_rank(Meeting.kind, (kind.value for kind in MeetingKind)),)
    elif order is MeetingOrder.STATE:
        keys = (_rank(Meeting.state, (state.value for state in MeetingState)),)
    else:
        # As PersonInfo.full_name: the Latin spelling in English when known, else the surname.
        query = query.join(Person, Person.id == Meeting.presiding_person_id)
        surname = (
            func.coalesce(func.nullif(Person.latin_name, ""), Person.surname)
            if lang == "en"
            else Person.surname
        )
        keys = (kazakh(surname), kazakh(Person.given_name), kazakh(Person.patronymic))
    if descending:
        keys = tuple(key.desc() for key in keys)
    return query.order_by(*keys, *_DATE_ORDER, Meeting.id)


def meeting_keys(
    db: Database,
    *,
    council_id: int | None = None,
    year: int | None = None,
    states: Iterable[MeetingState] | None = None,
    kinds: Iterable[MeetingKind] | None = None,
    order: MeetingOrder = MeetingOrder.DATE,
    descending: bool = False,
    lang: str = "kk",
) -> list[MeetingKey]:
    """Every meeting the filters let through, in the list's order: ids and dates only.

    Its length is how many meetings the list has; :func:`meeting_rows` loads the lines the
    list shows, a screen at a time.  Sorting is done here, in SQL, over every matching
    meeting; names sort by their text in ``lang`` (plain code-point order).
    """
    with db.reading() as session:
        where = _where(session, council_id, year, states, kinds)
        query = _ordered(
            select(Meeting.id, Meeting.meeting_date).where(*where), order, descending, lang
        )
        return [MeetingKey(meeting_id, day) for meeting_id, day in session.execute(query)]


def meeting_years(
    db: Database,
    *,
    council_id: int | None = None,
    states: Iterable[MeetingState] | None = None,
    kinds: Iterable[MeetingKind] | None = None,
) -> list[int]:
    """The years that have meetings passing the other filters, latest first."""
    with db.reading() as session:
        where = _where(session, council_id, None, states, kinds)
        query = select(Meeting.year).where(*where).distinct().order_by(Meeting.year.desc())
        return [int(year) for year in session.scalars(query)]


def _rows(session: Session, meetings: Sequence[Meeting], day: date) -> list[MeetingRow]:
    """The lines of ``meetings``, in their order.

    The agenda items are counted in SQL, and the councils and presiding persons read
    once each: loading every item and material of 2,000 meetings as objects took seconds.
    """
    if not meetings:
        return []
    without_materials = ~exists().where(Material.item_id == AgendaItem.id)
    counts: dict[int, tuple[int, int]] = {}
    ids = [m.id for m in meetings]
    for start in range(0, len(ids), CHUNK):
        for meeting_id, items, missing in session.execute(
            select(
                AgendaItem.meeting_id,
                func.count(),
                func.sum(case((without_materials, 1), else_=0)),
            )
            .where(AgendaItem.meeting_id.in_(ids[start : start + CHUNK]))
            .group_by(AgendaItem.meeting_id)
        ):
            counts[meeting_id] = (int(items), int(missing or 0))
    councils = {
        c.id: c
        for c in session.scalars(
            select(Council).where(Council.id.in_({m.council_id for m in meetings}))
        )
    }
    profiles = {cid: profile_from_dict(c.profile) for cid, c in councils.items()}
    people = {
        p.id: person_info(p)
        for p in session.scalars(
            select(Person).where(Person.id.in_({m.presiding_person_id for m in meetings}))
        )
    }
    calendar = calendar_in(session)
    rows = []
    for meeting in meetings:
        items, missing = counts.get(meeting.id, (0, 0))
        deadlines = meeting_deadlines(meeting, profiles[meeting.council_id], calendar, day, missing)
        rows.append(
            MeetingRow(
                meeting=meeting_info(meeting, items),
                council_names=council_names(councils[meeting.council_id]),
                presiding=people[meeting.presiding_person_id],
                days_left=days_left(day, meeting.meeting_date),
                materials_due=deadlines.materials_due,
                materials_days_left=deadlines.materials_days_left,
                items_without_materials=deadlines.items_without_materials,
                alerts=deadlines.alerts,
            )
        )
    return rows


def meeting_rows(
    db: Database, meeting_ids: Sequence[int], *, today: date | None = None
) -> list[MeetingRow]:
    """The lines of these meetings, in the order given (a page of :func:`meeting_keys`).

    A meeting that no longer exists is left out.
    """
    day = checked_today(today)
    with db.reading() as session:
        found: dict[int, Meeting] = {}
        ids = list(dict.fromkeys(meeting_ids))
        for start in range(0, len(ids), CHUNK):
            for meeting in session.scalars(
                select(Meeting).where(Meeting.id.in_(ids[start : start + CHUNK]))
            ):
                found[meeting.id] = meeting
        return _rows(session, [found[i] for i in ids if i in found], day)


def list_meetings(
    db: Database,
    *,
    council_id: int | None = None,
    year: int | None = None,
    states: Iterable[MeetingState] | None = None,
    kinds: Iterable[MeetingKind] | None = None,
    today: date | None = None,
    order: MeetingOrder = MeetingOrder.DATE,
    descending: bool = False,
    lang: str = "kk",
    offset: int = 0,
    limit: int | None = None,
) -> list[MeetingRow]:
    """Meetings of one council (or of all), filtered by year, states and kinds, by date.

    ``order`` and ``descending`` sort them as :func:`meeting_keys` does; ``offset`` and
    ``limit`` take one page of that order.
    """
    day = checked_today(today)
    with db.reading() as session:
        where = _where(session, council_id, year, states, kinds)
        query = _ordered(select(Meeting).where(*where), order, descending, lang)
        if offset:
            query = query.offset(max(0, offset))
        if limit is not None:
            query = query.limit(max(0, limit))
        return _rows(session, list(session.scalars(query)), day)


def proposed_number(db: Database, council_id: int, year: int) -> int:
    """The number the editor proposes for a new meeting of the council in ``year``."""
    with db.reading() as session:
        get(session, Council, council_id, N_("Council"))
        return next_number(session, council_id, year)
