"""What the meeting and agenda actions share: their data, checks and bookkeeping.

The ``...Info`` dataclasses are what views and reports get back: frozen,
plain data, never ORM objects.  :func:`begin_agenda_change` and
:func:`end_agenda_change` wrap every change of an agenda: the first refuses
changes to a held, closed or cancelled meeting; the second records an
:class:`~app.models.meeting.AgendaRevision` when the agenda had been approved
and takes the meeting back to "planned", so the chair approves it again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import Date, Integer, and_, bindparam, func, or_, select
from sqlalchemy.orm import Session

from app.domain.composition import (
    HoldingFacts,
    Member,
    Period,
    SeatFacts,
    composition_on,
)
from app.domain.council import pick
from app.domain.errors import DomainError, Term
from app.domain.meeting import (
    APPROVED_STATES,
    MeetingAction,
    MeetingKind,
    MeetingState,
    check_number,
    check_times,
    choose_presiding,
    guard,
    propose_number,
)
from app.domain.regulation import RegulationProfile
from app.domain.translation import N_
from app.models.composition import Council, Person, PositionHolding, Seat
from app.models.meeting import (
    AgendaApproval,
    AgendaItem,
    AgendaRevision,
    ItemSpeaker,
    Material,
    Meeting,
)
from app.services.base import Actor, audit, check_date, clean_text, expect, get, snapshot
from app.services.composition_check import SEAT_COLUMNS, seat_facts_of
from app.services.people import PersonInfo, person_info
from app.services.profile_history import profile_on

LANGS = ("kk", "ru", "en")


def utc_now() -> datetime:
    return datetime.now(UTC)


def as_utc(moment: datetime | None) -> datetime | None:
    """A stored moment as an aware UTC datetime (SQLite gives them back naive)."""
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def check_moment(value: datetime | None) -> datetime:
    """The moment an action happens: now, or the one given (aware, as UTC)."""
    if value is None:
        return utc_now()
    if not isinstance(value, datetime) or value.tzinfo is None:
        raise DomainError(N_("The moment of an action must be a date and time with a time zone."))
    return value.astimezone(UTC)


# -- input ------------------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingData:
    """What the meeting editor sends; ``number`` None takes the proposed number."""

    kind: MeetingKind
    day: date
    starts_at: time
    ends_at: time | None = None
    place_kk: str = ""
    place_ru: str = ""
    place_en: str = ""
    presiding_person_id: int | None = None
    number: int | None = None
    note: str = ""


@dataclass(frozen=True)
class CleanMeeting:
    """:class:`MeetingData` after every check, with the presiding person decided."""

    kind: MeetingKind
    day: date
    starts_at: time
    ends_at: time | None
    places: dict[str, str]
    presiding_person_id: int
    number: int
    note: str


# -- output -----------------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingInfo:
    id: int
    uid: str
    council_id: int
    kind: MeetingKind
    number: int
    year: int
    day: date
    starts_at: time
    ends_at: time | None
    places: dict[str, str]
    presiding_person_id: int
    state: MeetingState
    state_reason: str
    state_changed_at: datetime | None
    state_changed_by: str
    approved_at: datetime | None
    approved_by: str
    approver_person_id: int | None
    note: str
    version: int
    item_count: int

    def place(self, lang: str) -> str:
        return pick(self.places, lang)


@dataclass(frozen=True)
class SpeakerInfo:
    """A speaker on an item; ``person`` is None for an invited person known by name only."""

    id: int
    item_id: int
    person: PersonInfo | None
    name: str
    positions: dict[str, str]
    organisations: dict[str, str]

    def display_name(self, lang: str) -> str:
        return self.person.full_name(lang) if self.person is not None else self.name

    def position(self, lang: str) -> str:
        return pick(self.positions, lang)

    def organisation(self, lang: str) -> str:
        return pick(self.organisations, lang)


@dataclass(frozen=True)
class MaterialInfo:
    id: int
    item_id: int
    file_name: str
    media_type: str
    size: int
    sha256: str
    attached_at: datetime | None
    attached_by: str


@dataclass(frozen=True)
class ItemInfo:
    """An agenda item; ``number`` is its place in the agenda, from 1."""

    id: int
    meeting_id: int
    number: int
    titles: dict[str, str]
    responsible: dict[str, str]
    is_instructions_report: bool
    note: str
    speakers: tuple[SpeakerInfo, ...]
    materials: tuple[MaterialInfo, ...]
    version: int

    def title(self, lang: str) -> str:
        return pick(self.titles, lang)

    def responsible_body(self, lang: str) -> str:
        return pick(self.responsible, lang)


@dataclass(frozen=True)
class AgendaChange:
    """What an agenda action changed.

    ``item_id`` is the item added, changed, moved or removed (or the item of
    the speaker or material); ``created_id`` the speaker or material created.
    ``approval_revoked`` tells that the meeting went back to "planned" and
    its agenda needs approval again; ``revision_id`` the change recorded.
    """

    meeting: MeetingInfo
    agenda: tuple[ItemInfo, ...]
    item_id: int | None
    created_id: int | None = None
    changed: bool = True
    approval_revoked: bool = False
    revision_id: int | None = None


@dataclass(frozen=True)
class StateChange:
    """A meeting moved from ``previous`` to ``meeting.state``."""

    meeting: MeetingInfo
    previous: MeetingState


# -- converters -------------------------------------------------------------------------


def _texts(record: Any, prefix: str) -> dict[str, str]:
    return {lang: getattr(record, f"{prefix}_{lang}") for lang in LANGS}


def meeting_info(meeting: Meeting, item_count: int | None = None) -> MeetingInfo:
    """The meeting as plain data; ``item_count`` when known spares loading its items."""
    return MeetingInfo(
        id=meeting.id,
        uid=meeting.uid,
        council_id=meeting.council_id,
        kind=MeetingKind(meeting.kind),
        number=meeting.number,
        year=meeting.year,
        day=meeting.meeting_date,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        places=_texts(meeting, "place"),
        presiding_person_id=meeting.presiding_person_id,
        state=MeetingState(meeting.state),
        state_reason=meeting.state_reason,
        state_changed_at=as_utc(meeting.state_changed_at),
        state_changed_by=meeting.state_changed_by,
        approved_at=as_utc(meeting.approved_at),
        approved_by=meeting.approved_by,
        approver_person_id=meeting.approver_person_id,
        note=meeting.note,
        version=meeting.version,
        item_count=len(meeting.items) if item_count is None else item_count,
    )


def speaker_info(session: Session, speaker: ItemSpeaker) -> SpeakerInfo:
    person = session.get(Person, speaker.person_id) if speaker.person_id else None
    return SpeakerInfo(
        id=speaker.id,
        item_id=speaker.item_id,
        person=person_info(person) if person is not None else None,
        name=speaker.name,
        positions=_texts(speaker, "position"),
        organisations=_texts(speaker, "organisation"),
    )


def material_info(material: Material) -> MaterialInfo:
    return MaterialInfo(
        id=material.id,
        item_id=material.item_id,
        file_name=material.file_name,
        media_type=material.media_type,
        size=material.size,
        sha256=material.sha256,
        attached_at=as_utc(material.created_at),
        attached_by=material.attached_by,
    )


def item_info(session: Session, item: AgendaItem) -> ItemInfo:
    return ItemInfo(
        id=item.id,
        meeting_id=item.meeting_id,
        number=item.position + 1,
        titles=_texts(item, "title"),
        responsible=_texts(item, "responsible"),
        is_instructions_report=item.is_instructions_report,
        note=item.note,
        speakers=tuple(speaker_info(session, s) for s in item.speakers),
        materials=tuple(material_info(m) for m in item.materials),
        version=item.version,
    )


def agenda_info(session: Session, meeting: Meeting) -> tuple[ItemInfo, ...]:
    return tuple(item_info(session, item) for item in meeting.items)


# -- loading and checks -----------------------------------------------------------------


def load_meeting(session: Session, meeting_id: int) -> Meeting:
    return get(session, Meeting, meeting_id, N_("Meeting"))


def council_profile(session: Session, council_id: int, day: date) -> RegulationProfile:
    """The council's regulation profile in force on ``day`` (a meeting's date)."""
    get(session, Council, council_id, N_("Council"))
    return profile_on(session, council_id, day)


def _in_force(start: Any, end: Any) -> Any:
    """SQL for :meth:`Period.contains` on the day bound as ``day``."""
    day = bindparam("day", type_=Date)
    return and_(start <= day, or_(end.is_(None), end >= day))


# The composition's statement, built once (it runs on every ballot of a live meeting): the
# seats in force on the day, each with the holdings of its position in force that day.
_MEMBERS = (
    select(
        *SEAT_COLUMNS,
        PositionHolding.id,
        PositionHolding.person_id,
        PositionHolding.valid_from,
        PositionHolding.valid_to,
    )
    .outerjoin(
        PositionHolding,
        and_(
            PositionHolding.position_id == Seat.position_id,
            _in_force(PositionHolding.valid_from, PositionHolding.valid_to),
        ),
    )
    .where(
        Seat.council_id == bindparam("council_id", type_=Integer),
        _in_force(Seat.valid_from, Seat.valid_to),
    )
)


def members_on(session: Session, council_id: int, day: date) -> list[Member]:
    """The council's composition on ``day`` (vacant seats included).

    One statement, plain columns.  The SQL only leaves out the seats and holdings not in
    force on ``day``, which cannot count that day; :func:`composition_on` decides, as for
    any other list of seats and holdings.
    """
    seats: dict[int, SeatFacts] = {}
    holdings: dict[int, HoldingFacts] = {}
    rows = session.execute(_MEMBERS, {"council_id": council_id, "day": day})
    for row in rows:
        values: Sequence[Any] = row  # the seat's columns, then its holding's
        sid, position = values[0], values[5]
        if sid not in seats:
            seats[sid] = seat_facts_of(values)
        holding_id, holder, held_from, held_to = values[len(SEAT_COLUMNS) :]
        if holding_id is not None and holding_id not in holdings:
            assert position is not None  # the holding was joined on it
            holdings[holding_id] = HoldingFacts(position, holder, Period(held_from, held_to))
    return composition_on(day, seats.values(), list(holdings.values()))


def taken_numbers(
    session: Session, council_id: int, year: int, *, exclude: int | None = None
) -> list[int]:
    query = select(Meeting.number).where(Meeting.council_id == council_id, Meeting.year == year)
    if exclude is not None:
        query = query.where(Meeting.id != exclude)
    return list(session.scalars(query))


def next_number(session: Session, council_id: int, year: int) -> int:
    return propose_number(taken_numbers(session, council_id, year))


def check_time(value: object, field: str, *, required: bool = True) -> time | None:
    if value is None and not required:
        return None
    if not isinstance(value, time):
        raise DomainError(N_("The field “{field}” must be a time of day."), field=Term(field))
    return value.replace(tzinfo=None)


def check_person(session: Session, person_id: int, what: str) -> Person:
    person = get(session, Person, person_id, what)
    if person.archived:
        raise DomainError(
            N_("{name} is archived and cannot take part in a new meeting."),
            name=person_info(person).full_name(),
        )
    return person


def clean_meeting(
    session: Session,
    council_id: int,
    data: MeetingData,
    *,
    meeting: Meeting | None = None,
) -> CleanMeeting:
    """Check what the editor sent; decide the presiding person and the number."""
    expect(data, MeetingData, N_("Meeting"))
    try:
        kind = MeetingKind(data.kind)
    except (ValueError, TypeError) as exc:
        raise DomainError(N_("Unknown kind of meeting: {kind}."), kind=str(data.kind)) from exc
    day = check_date(data.day, N_("Date"))
    assert day is not None
    starts = check_time(data.starts_at, N_("Start"))
    assert starts is not None
    ends = check_time(data.ends_at, N_("End"), required=False)
    check_times(starts, ends)
    places = {
        lang: clean_text(getattr(data, f"place_{lang}"), N_("Place"), limit=1000) for lang in LANGS
    }
    note = clean_text(data.note, N_("Note"), limit=5000, multiline=True)
    named = data.presiding_person_id
    if named is not None:
        named = check_person(session, named, N_("Presiding")).id
    presiding = choose_presiding(kind, day, members_on(session, council_id, day), named)
    taken = taken_numbers(session, council_id, day.year, exclude=meeting.id if meeting else None)
    number: object = data.number
    if number is None:
        same_year = meeting is not None and meeting.year == day.year
        number = meeting.number if meeting is not None and same_year else propose_number(taken)
    checked = check_number(number, taken, year=day.year)
    return CleanMeeting(kind, day, starts, ends, places, presiding, checked, note)


def apply_meeting(meeting: Meeting, clean: CleanMeeting) -> None:
    meeting.kind = clean.kind.value
    meeting.meeting_date = clean.day
    meeting.year = clean.day.year
    meeting.number = clean.number
    meeting.starts_at = clean.starts_at
    meeting.ends_at = clean.ends_at
    for lang in LANGS:
        setattr(meeting, f"place_{lang}", clean.places[lang])
    meeting.presiding_person_id = clean.presiding_person_id
    meeting.note = clean.note


def set_state(
    meeting: Meeting, target: MeetingState, actor: Actor, at: datetime, reason: str = ""
) -> None:
    """Move the meeting to ``target`` (already allowed by the guard); leaving approval clears it."""
    meeting.state = target.value
    meeting.state_reason = reason
    meeting.state_changed_at = at
    meeting.state_changed_by = actor.name
    if target not in APPROVED_STATES:
        meeting.approved_at = None
        meeting.approved_by = ""
        meeting.approver_person_id = None


def agenda_digest(meeting: Meeting) -> str:
    """SHA-256 of the agenda's content: titles, responsible bodies, speakers, materials."""
    content = [
        {
            "titles": _texts(item, "title"),
            "responsible": _texts(item, "responsible"),
            "speakers": [
                [s.person_id, s.name, _texts(s, "position"), _texts(s, "organisation")]
                for s in item.speakers
            ],
            "materials": [[m.file_name, m.sha256] for m in item.materials],
        }
        for item in meeting.items
    ]
    text = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def meeting_snapshot(meeting: Meeting) -> dict[str, Any]:
    """The meeting's columns, JSON-ready for the audit trail (times as "HH:MM:SS")."""
    return {
        key: value.isoformat() if isinstance(value, time) else value
        for key, value in snapshot(meeting).items()
    }


def audit_meeting(
    session: Session,
    actor: Actor,
    action: str,
    meeting: Meeting,
    *,
    before: dict[str, Any] | None = None,
) -> None:
    """Record an audit event about the meeting itself."""
    session.flush()
    audit(
        session,
        actor,
        action,
        meeting,
        before=before,
        after=meeting_snapshot(meeting),
        council_id=meeting.council_id,
    )


def count_rows(session: Session, model: Any, *where: Any) -> int:
    return session.scalar(select(func.count()).select_from(model).where(*where)) or 0


# -- agenda changes ---------------------------------------------------------------------


def begin_agenda_change(meeting: Meeting) -> MeetingState:
    """Refuse a change of a held, closed or cancelled meeting's agenda; the state it leads to."""
    return guard(MeetingAction.EDIT_AGENDA, MeetingState(meeting.state), number=meeting.number)


def end_agenda_change(
    session: Session,
    actor: Actor,
    meeting: Meeting,
    action: str,
    *,
    item_id: int | None,
    details: dict[str, Any],
    created_id: int | None = None,
    at: datetime | None = None,
) -> AgendaChange:
    """Record a change made to an approved agenda and revoke the approval in force.

    Call after the change is written (and audited); returns the
    :class:`AgendaChange` the action hands back.
    """
    moment = at or utc_now()
    target = begin_agenda_change(meeting)
    revoked = MeetingState(meeting.state) in APPROVED_STATES
    revision_id = None
    latest = session.scalar(
        select(AgendaApproval)
        .where(AgendaApproval.meeting_id == meeting.id)
        .order_by(AgendaApproval.id.desc())
        .limit(1)
    )
    if latest is not None:
        revision = AgendaRevision(
            meeting_id=meeting.id,
            approval_id=latest.id,
            changed_at=moment,
            changed_by=actor.name,
            action=action,
            item_id=item_id,
            revoked_approval=revoked,
            details=details,
        )
        session.add(revision)
        session.flush()
        revision_id = revision.id
    if revoked:
        before = meeting_snapshot(meeting)
        set_state(meeting, target, actor, moment)
        audit_meeting(session, actor, "meeting.approval_revoked", meeting, before=before)
    session.flush()
    session.expire_all()  # collections reload in their new order
    return AgendaChange(
        meeting=meeting_info(meeting),
        agenda=agenda_info(session, meeting),
        item_id=item_id,
        created_id=created_id,
        changed=True,
        approval_revoked=revoked,
        revision_id=revision_id,
    )


def unchanged(session: Session, meeting: Meeting, item_id: int | None) -> AgendaChange:
    """The answer of an agenda action that changed nothing (e.g. moving an item in place)."""
    session.flush()
    session.expire_all()
    return AgendaChange(
        meeting=meeting_info(meeting),
        agenda=agenda_info(session, meeting),
        item_id=item_id,
        changed=False,
    )


def renumber(items: list[AgendaItem]) -> None:
    """Give the items positions 0, 1, 2... in list order."""
    for index, item in enumerate(items):
        if item.position != index:
            item.position = index
