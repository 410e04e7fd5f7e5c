"""What the meetings list and the meeting page show: meetings, deadlines, countdowns, warnings.

Deadlines are counted on Kazakhstan's calendar with the exceptions entered in
Kenes (:mod:`app.services.calendar_overrides`); countdowns are calendar days
from ``today`` (0 on the day, negative when past).  Warnings are
:class:`~app.domain.meeting.Alert` values the view translates when it shows
them.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import case, exists, func, select
from sqlalchemy.orm import Session

from app.domain.council import pick
from app.domain.deadlines import WorkCalendar, days_left
from app.domain.errors import DomainError, EnvironmentProblem
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


def list_meetings(
    db: Database,
    *,
    council_id: int | None = None,
    year: int | None = None,
    states: Iterable[MeetingState] | None = None,
    kinds: Iterable[MeetingKind] | None = None,
    today: date | None = None,
) -> list[MeetingRow]:
    """Meetings of one council (or of all), filtered by year, states and kinds, by date.

    The agenda items are counted in SQL, and the councils and presiding persons read
    once each: loading every item and material of 2,000 meetings as objects took seconds.
    """
    day = _today(today)
    state_values = _set(states, MeetingState)
    kind_values = _set(kinds, MeetingKind)
    with db.reading() as session:
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
        meetings = list(
            session.scalars(
                select(Meeting)
                .where(*where)
                .order_by(
                    Meeting.meeting_date, Meeting.starts_at, Meeting.council_id, Meeting.number
                )
            )
        )
        if not meetings:
            return []
        without_materials = ~exists().where(Material.item_id == AgendaItem.id)
        counts = {
            meeting_id: (int(items), int(missing or 0))
            for meeting_id, items, missing in session.execute(
                select(
                    AgendaItem.meeting_id,
                    func.count(),
                    func.sum(case((without_materials, 1), else_=0)),
                )
                .where(AgendaItem.meeting_id.in_(select(Meeting.id).where(*where)))
                .group_by(AgendaItem.meeting_id)
            )
        }
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


def _tally(session: Session, council: Council, year: int) -> YearTally:
    profile = profile_from_dict(council.profile)
    held = planned = 0
    for state, kind in session.execute(
        select(Meeting.state, Meeting.kind).where(
            Meeting.council_id == council.id, Meeting.year == year
        )
    ):
        if MeetingKind(kind) not in SESSION_KINDS:
            continue
        if state in (MeetingState.HELD.value, MeetingState.CLOSED.value):
            held += 1
        elif MeetingState(state) in ACTIVE_STATES:
            planned += 1
    return YearTally(year, profile.min_meetings_per_year, held, planned)


def _council_alert(
    session: Session, council: Council, year: int, today: date
) -> CouncilAlert | None:
    tally = _tally(session, council, year)
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
        found = []
        for council in session.scalars(query):
            alert = _council_alert(session, council, wanted, day)
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


def meeting_detail(db: Database, meeting_id: int, *, today: date | None = None) -> MeetingDetail:
    """A meeting with its agenda, deadlines, countdowns, warnings and history."""
    day = _today(today)
    with db.reading() as session:
        meeting = load_meeting(session, meeting_id)
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
        return MeetingDetail(
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


_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]')


def save_material_copy(db: Database, material_id: int, folder: Path) -> Path:
    """Write a material into ``folder`` (e.g. to open it with the system viewer); its path.

    An identical file already there is reused; a different one with the same
    name is kept, and the copy gets a " (2)" suffix.
    """
    content = material_content(db, material_id)
    name = _UNSAFE.sub("_", Path(content.file_name).name) or "material"
    stem, suffix = Path(name).stem, Path(name).suffix
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for attempt in range(1, 1000):
            target = folder / (name if attempt == 1 else f"{stem} ({attempt}){suffix}")
            if target.exists():
                if hashlib.sha256(target.read_bytes()).hexdigest() == content.sha256:
                    return target
                continue
            target.write_bytes(content.data)
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
