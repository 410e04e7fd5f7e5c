"""What the meetings list and the meeting page show: meetings, deadlines, countdowns, warnings.

Deadlines are counted on Kazakhstan's calendar with the exceptions entered in
Kenes (:mod:`app.services.calendar_overrides`); countdowns are calendar days
from ``today`` (0 on the day, negative when past).  Warnings are
:class:`~app.domain.meeting.Alert` values the view translates when it shows
them.

The list is read in two steps, so a 15-year archive opens at once: :func:`meeting_keys`
gives every matching meeting's id and date in the list's order (sorted in SQL; its
length is the count), and :func:`meeting_rows` builds the lines of the screen the user
looks at (about 100 µs of work a line: countdowns on the work calendar, warnings).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from sqlalchemy import Select, case, exists, func, select
from sqlalchemy.orm import Session, selectinload

from app.domain.council import pick
from app.domain.deadlines import WorkCalendar, days_left
from app.domain.errors import DomainError, EnvironmentProblem, Term
from app.domain.meeting import (
    ACTIVE_STATES,
    SESSION_KINDS,
    Alert,
    MeetingAction,
    MeetingKind,
    MeetingState,
    YearTally,
    allowed_actions,
    materials_alert,
    materials_deadline,
    materials_due,
    minimum_alert,
    protocol_draft_due,
)
from app.domain.regulation import Deadline, RegulationProfile, profile_from_dict
from app.domain.translation import N_
from app.formats.material_types import identify, safe_file_name
from app.models.collation import kazakh
from app.models.composition import Council, Person
from app.models.database import Database
from app.models.meeting import (
    AgendaApproval,
    AgendaItem,
    AgendaRevision,
    Material,
    MaterialBlob,
    Meeting,
    Notification,
)
from app.services.base import check_date, get
from app.services.calendar_overrides import calendar_in
from app.services.meetings.approve_agenda import ApprovalInfo, approval_info
from app.services.meetings.common import (
    LANGS,
    ItemInfo,
    MeetingInfo,
    agenda_info,
    as_utc,
    load_meeting,
    meeting_info,
    members_on,
    next_number,
)
from app.services.meetings.notify_members import NotificationInfo, notification_info
from app.services.people import PersonInfo, person_info


def _today(today: date | None) -> date:
    day = check_date(today if today is not None else date.today(), N_("Date"))
    assert day is not None
    return day


def _names(council: Council) -> dict[str, str]:
    return {lang: getattr(council, f"name_{lang}") for lang in LANGS}


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


@dataclass(frozen=True)
class _Deadlines:
    materials_due: date | None
    materials_days_left: int | None
    items_without_materials: int
    alerts: tuple[Alert, ...]


def _deadlines(
    meeting: Meeting,
    profile: RegulationProfile,
    calendar: WorkCalendar,
    today: date,
    missing: int | None = None,
) -> _Deadlines:
    kind = MeetingKind(meeting.kind)
    due = materials_due(profile, kind, meeting.meeting_date, calendar)
    if missing is None:
        missing = sum(1 for item in meeting.items if not item.materials)
    alerts: list[Alert] = []
    if MeetingState(meeting.state) in ACTIVE_STATES:
        alert = materials_alert(today, due, missing)
        if alert is not None:
            alerts.append(alert)
    return _Deadlines(
        due, days_left(today, due) if due is not None else None, missing, tuple(alerts)
    )


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
    where: list[Any] = []
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


_CHUNK = 500
"""Ids per ``IN (...)``: well below the bound parameters SQLite and PostgreSQL accept."""


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
    for start in range(0, len(ids), _CHUNK):
        for meeting_id, items, missing in session.execute(
            select(
                AgendaItem.meeting_id,
                func.count(),
                func.sum(case((without_materials, 1), else_=0)),
            )
            .where(AgendaItem.meeting_id.in_(ids[start : start + _CHUNK]))
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
        deadlines = _deadlines(meeting, profiles[meeting.council_id], calendar, day, missing)
        rows.append(
            MeetingRow(
                meeting=meeting_info(meeting, items),
                council_names=_names(councils[meeting.council_id]),
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
    day = _today(today)
    with db.reading() as session:
        found: dict[int, Meeting] = {}
        ids = list(dict.fromkeys(meeting_ids))
        for start in range(0, len(ids), _CHUNK):
            for meeting in session.scalars(
                select(Meeting).where(Meeting.id.in_(ids[start : start + _CHUNK]))
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
    day = _today(today)
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


# -- the yearly minimum -----------------------------------------------------------------


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
    for start in range(0, len(council_ids), _CHUNK):
        for council_id, state, kind, count in session.execute(
            select(Meeting.council_id, Meeting.state, Meeting.kind, func.count())
            .where(
                Meeting.council_id.in_(council_ids[start : start + _CHUNK]),
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


def _council_alert(
    session: Session,
    council: Council,
    year: int,
    today: date,
    counted: tuple[int, int] | None = None,
) -> CouncilAlert | None:
    held, planned = counted or _tallies(session, [council.id], year)[council.id]
    profile = profile_from_dict(council.profile)
    tally = YearTally(year, profile.min_meetings_per_year, held, planned)
    alert = minimum_alert(tally, today)
    if alert is None:
        return None
    return CouncilAlert(council.id, _names(council), tally, alert)


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
    day = _today(today)
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
            alert = _council_alert(session, council, wanted, day, tallies[council.id])
            if alert is not None:
                found.append(alert)
        return found


# -- one meeting ------------------------------------------------------------------------


@dataclass(frozen=True)
class RevisionInfo:
    """A change made to the agenda after it had been approved."""

    id: int
    meeting_id: int
    approval_id: int
    changed_at: datetime
    changed_by: str
    action: str
    item_id: int | None
    revoked_approval: bool
    details: dict[str, Any]


def _revision_info(row: AgendaRevision) -> RevisionInfo:
    moment = as_utc(row.changed_at)
    assert moment is not None
    return RevisionInfo(
        row.id,
        row.meeting_id,
        row.approval_id,
        moment,
        row.changed_by,
        row.action,
        row.item_id,
        row.revoked_approval,
        dict(row.details),
    )


@dataclass(frozen=True)
class MeetingDetail:
    """Everything the meeting page shows.

    ``member_ids`` are the members on the meeting's date: a speaker who is not
    one is an invited person.  ``materials_deadline`` carries the paragraph it
    comes from (e.g. "004 §36").
    """

    meeting: MeetingInfo
    council_names: dict[str, str]
    presiding: PersonInfo
    approver: PersonInfo | None
    agenda: tuple[ItemInfo, ...]
    member_ids: frozenset[int]
    days_left: int
    materials_deadline: Deadline | None
    materials_due: date | None
    materials_days_left: int | None
    protocol_draft_due: date | None
    alerts: tuple[Alert, ...]
    approvals: tuple[ApprovalInfo, ...]
    revisions: tuple[RevisionInfo, ...]
    notifications: tuple[NotificationInfo, ...]
    allowed_actions: frozenset[MeetingAction]

    def council_name(self, lang: str) -> str:
        return pick(self.council_names, lang)


def _load_agenda(session: Session, meeting: Meeting) -> list[Person]:
    """The agenda's items, speakers, materials and speaking persons in four queries.

    Loaded one by one they took two queries an item and one a speaker (25 ms for an
    agenda of ten items, each time a meeting is chosen in the list).  The persons are
    returned to be kept while the session reads them (its identity map holds them weakly).
    """
    items = (
        session.scalars(
            select(Meeting)
            .where(Meeting.id == meeting.id)
            .options(
                selectinload(Meeting.items).selectinload(AgendaItem.speakers),
                selectinload(Meeting.items).selectinload(AgendaItem.materials),
            )
        )
        .one()
        .items
    )
    people = {s.person_id for item in items for s in item.speakers if s.person_id is not None}
    if not people:
        return []
    return list(session.scalars(select(Person).where(Person.id.in_(people))))


def meeting_detail(db: Database, meeting_id: int, *, today: date | None = None) -> MeetingDetail:
    """A meeting with its agenda, deadlines, countdowns, warnings and history."""
    day = _today(today)
    with db.reading() as session:
        meeting = load_meeting(session, meeting_id)
        speaking = _load_agenda(session, meeting)
        council = session.get(Council, meeting.council_id)
        assert council is not None
        profile = profile_from_dict(council.profile)
        calendar = calendar_in(session)
        kind = MeetingKind(meeting.kind)
        deadlines = _deadlines(meeting, profile, calendar, day)
        alerts = list(deadlines.alerts)
        council_alert = _council_alert(session, council, meeting.year, day)
        if council_alert is not None and MeetingState(meeting.state) in ACTIVE_STATES:
            alerts.append(council_alert.alert)
        presiding = session.get(Person, meeting.presiding_person_id)
        assert presiding is not None
        approver = (
            session.get(Person, meeting.approver_person_id) if meeting.approver_person_id else None
        )
        members = members_on(session, meeting.council_id, meeting.meeting_date)
        approvals = session.scalars(
            select(AgendaApproval)
            .where(AgendaApproval.meeting_id == meeting.id)
            .order_by(AgendaApproval.id)
        )
        revisions = session.scalars(
            select(AgendaRevision)
            .where(AgendaRevision.meeting_id == meeting.id)
            .order_by(AgendaRevision.id)
        )
        detail = MeetingDetail(
            meeting=meeting_info(meeting),
            council_names=_names(council),
            presiding=person_info(presiding),
            approver=person_info(approver) if approver is not None else None,
            agenda=agenda_info(session, meeting),
            member_ids=frozenset(m.person_id for m in members if m.person_id is not None),
            days_left=days_left(day, meeting.meeting_date),
            materials_deadline=materials_deadline(profile, kind),
            materials_due=deadlines.materials_due,
            materials_days_left=deadlines.materials_days_left,
            protocol_draft_due=protocol_draft_due(profile, kind, meeting.meeting_date, calendar),
            alerts=tuple(alerts),
            approvals=tuple(approval_info(a) for a in approvals),
            revisions=tuple(_revision_info(r) for r in revisions),
            notifications=_notifications(session, meeting.id),
            allowed_actions=allowed_actions(MeetingState(meeting.state)),
        )
        del speaking  # read by agenda_info above
        return detail


def _notifications(session: Session, meeting_id: int) -> tuple[NotificationInfo, ...]:
    rows = session.scalars(
        select(Notification)
        .where(Notification.meeting_id == meeting_id)
        .order_by(Notification.round, Notification.person_id, Notification.channel)
    )
    return tuple(notification_info(r) for r in rows)


def notifications_of(db: Database, meeting_id: int) -> tuple[NotificationInfo, ...]:
    """Who was notified of the meeting, when, with which file (round by round)."""
    with db.reading() as session:
        load_meeting(session, meeting_id)
        return _notifications(session, meeting_id)


# -- material files ---------------------------------------------------------------------


@dataclass(frozen=True)
class MaterialContent:
    file_name: str
    media_type: str
    data: bytes
    sha256: str


def material_content(db: Database, material_id: int) -> MaterialContent:
    """The bytes of a material, checked against the SHA-256 recorded when it was attached."""
    with db.reading() as session:
        material = get(session, Material, material_id, N_("Material"))
        blob = session.get(MaterialBlob, material.sha256)
        assert blob is not None, "a material always has its stored file"
        data = bytes(blob.data)
        if hashlib.sha256(data).hexdigest() != material.sha256:
            raise EnvironmentProblem(
                N_(
                    "The stored copy of {name} is damaged (its SHA-256 does not match); "
                    "restore the database from a backup."
                ),
                name=material.file_name,
            )
        return MaterialContent(material.file_name, material.media_type, data, material.sha256)


_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation


def save_material_copy(db: Database, material_id: int, folder: Path) -> Path:
    """Write a read-only copy of a material into ``folder`` (to open it with the viewer); its path.

    A material whose content is not the document type its name says (one
    stored before types were checked by content) is refused, never written:
    the system would choose the program that opens it by the name. The folder
    is made for the user alone (0700) and the copy is read-only (0400), so the
    viewer cannot change it and nobody else can read it. An identical file
    already there is reused; a different one with the same name is kept, and
    the copy gets a " (2)" suffix.
    """
    content = material_content(db, material_id)
    name = safe_file_name(Path(content.file_name).name)
    identified = identify(content.data)
    document = identified.document
    if document is None or not document.fits(Path(name).suffix):
        raise DomainError(
            N_(
                "The file {name} is {what}, which does not match its name; Kenes does not "
                "open it. Remove it from the item and attach the document again."
            ),
            name=name,
            what=Term(identified.what),
        )
    stem, suffix = Path(name).stem, Path(name).suffix
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        for attempt in range(1, 1000):
            target = folder / (name if attempt == 1 else f"{stem} ({attempt}){suffix}")
            if target.is_symlink():
                continue
            if target.exists():
                if hashlib.sha256(target.read_bytes()).hexdigest() == content.sha256:
                    target.chmod(0o400)
                    return target
                continue
            descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY, 0o400)
            with os.fdopen(descriptor, "wb") as stream:
                stream.write(content.data)
            target.chmod(0o400)  # whatever the umask made of it
            return target
    except OSError as exc:
        raise EnvironmentProblem(
            N_("The file {name} cannot be written to {folder}: {reason}"),
            name=name,
            folder=str(folder),
            reason=exc.strerror or str(exc),
        ) from exc
    raise EnvironmentProblem(
        N_("The file {name} cannot be written to {folder}: {reason}"),
        name=name,
        folder=str(folder),
        reason="too many copies",
    )
