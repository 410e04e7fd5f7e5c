"""User actions on a council's composition: seats, their end, a new edition; and queries."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import TypeVar

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.domain.composition import (
    Period,
    Role,
    SeatKind,
    Side,
    composition_on,
)
from app.domain.council import LANGS, check_sort_order
from app.domain.errors import DomainError
from app.domain.translation import N_
from app.formatting import short_date
from app.models.composition import Act, Council, Person, Position, PositionHolding, Seat
from app.models.database import Database
from app.services.base import (
    Actor,
    audit,
    check_date,
    check_flag,
    clean_text,
    expect,
    get,
    snapshot,
)
from app.services.composition_check import (
    check_council,
    council_seats,
    holding_facts,
    seat_facts,
)
from app.services.people import (
    ActData,
    PersonInfo,
    PositionInfo,
    make_act,
    person_info,
    position_info,
)


@dataclass(frozen=True)
class SeatData:
    """A seat as the composition editor or an import describes it."""

    role: Role
    kind: SeatKind
    valid_from: date
    position_id: int | None = None
    person_id: int | None = None
    voting: bool = True
    by_agreement: bool = False
    side: Side = Side.NONE
    valid_to: date | None = None
    sort_order: int | None = None
    note: str = ""


@dataclass(frozen=True)
class SeatInfo:
    id: int
    uid: str
    council_id: int
    role: Role
    kind: SeatKind
    position_id: int | None
    person_id: int | None
    voting: bool
    by_agreement: bool
    side: Side
    valid_from: date
    valid_to: date | None
    sort_order: int
    act_id: int | None
    end_act_id: int | None
    note: str


def seat_info(seat: Seat) -> SeatInfo:
    return SeatInfo(
        seat.id,
        seat.uid,
        seat.council_id,
        Role(seat.role),
        SeatKind(seat.kind),
        seat.position_id,
        seat.person_id,
        seat.voting,
        seat.by_agreement,
        Side(seat.side),
        seat.valid_from,
        seat.valid_to,
        seat.sort_order,
        seat.act_id,
        seat.end_act_id,
        seat.note,
    )


def _validated(session: Session, data: SeatData) -> SeatData:
    expect(data, SeatData, N_("Seat"))
    try:
        role, kind, side = Role(data.role), SeatKind(data.kind), Side(data.side)
    except ValueError as exc:
        raise DomainError(N_("The seat's role, kind or side is not valid.")) from exc
    start = check_date(data.valid_from, N_("From"))
    end = check_date(data.valid_to, N_("To"), required=False)
    assert start is not None
    Period(start, end)
    if kind is SeatKind.EX_OFFICIO:
        if data.position_id is None:
            raise DomainError(N_("An ex officio seat must name the position it belongs to."))
        position = get(session, Position, data.position_id, N_("Position"))
        if position.archived:
            raise DomainError(N_("Archived people and positions cannot be given a seat."))
        person_id = None
    else:
        if data.person_id is None:
            raise DomainError(N_("A personal seat must name the person who holds it."))
        person = get(session, Person, data.person_id, N_("Person"))
        if person.archived:
            raise DomainError(N_("Archived people and positions cannot be given a seat."))
        person_id = person.id
        if data.position_id is not None:
            get(session, Position, data.position_id, N_("Position"))
    return SeatData(
        role,
        kind,
        start,
        data.position_id,
        person_id,
        check_flag(data.voting, N_("Voting")),
        check_flag(data.by_agreement, N_("By agreement")),
        side,
        end,
        None if data.sort_order is None else check_sort_order(data.sort_order),
        clean_text(data.note, N_("Note"), limit=2000),
    )


def _new_seat(
    session: Session, council: Council, data: SeatData, act: Act | None, order: int
) -> Seat:
    seat = Seat(
        council_id=council.id,
        role=data.role.value,
        kind=data.kind.value,
        position_id=data.position_id,
        person_id=data.person_id,
        voting=data.voting,
        by_agreement=data.by_agreement,
        side=data.side.value,
        valid_from=data.valid_from,
        valid_to=data.valid_to,
        sort_order=data.sort_order if data.sort_order is not None else order,
        act_id=act.id if act else None,
        note=data.note,
    )
    session.add(seat)
    return seat


def _next_order(session: Session, council_id: int) -> int:
    orders = [s.sort_order for s in council_seats(session, council_id)]
    return max(orders, default=0) + 10


def add_seat(
    db: Database, actor: Actor, council_id: int, data: SeatData, act: ActData | None = None
) -> SeatInfo:
    """Add a seat to a council's composition from a date, by an act."""
    with db.transaction() as session:
        council = get(session, Council, council_id, N_("Council"))
        clean = _validated(session, data)
        act_record = make_act(session, act, council.id)
        seat = _new_seat(session, council, clean, act_record, _next_order(session, council.id))
        check_council(session, council.id)
        audit(session, actor, "seat.create", seat, council_id=council.id)
        return seat_info(seat)


def end_seat(
    db: Database, actor: Actor, seat_id: int, valid_to: date, act: ActData | None = None
) -> SeatInfo:
    """End a seat on a date (the last day it counts), by an act; the history is kept."""
    end = check_date(valid_to, N_("To"))
    assert end is not None
    with db.transaction() as session:
        seat = get(session, Seat, seat_id, N_("Seat"))
        before = snapshot(seat)
        Period(seat.valid_from, end)
        seat.valid_to = end
        act_record = make_act(session, act, seat.council_id)
        seat.end_act_id = act_record.id if act_record else seat.end_act_id
        check_council(session, seat.council_id)
        audit(session, actor, "seat.end", seat, before=before, council_id=seat.council_id)
        return seat_info(seat)


def update_seat_details(
    db: Database,
    actor: Actor,
    seat_id: int,
    *,
    by_agreement: bool,
    voting: bool,
    side: Side,
    sort_order: int,
    note: str,
) -> SeatInfo:
    """Correct a seat's marks (a typing mistake, not a change of composition)."""
    with db.transaction() as session:
        seat = get(session, Seat, seat_id, N_("Seat"))
        before = snapshot(seat)
        try:
            seat.side = Side(side).value
        except ValueError as exc:
            raise DomainError(N_("The seat's role, kind or side is not valid.")) from exc
        seat.by_agreement = check_flag(by_agreement, N_("By agreement"))
        seat.voting = check_flag(voting, N_("Voting"))
        seat.sort_order = check_sort_order(sort_order)
        seat.note = clean_text(note, N_("Note"), limit=2000)
        audit(session, actor, "seat.update", seat, before=before, council_id=seat.council_id)
        return seat_info(seat)


def record_new_edition(
    db: Database,
    actor: Actor,
    council_id: int,
    effective: date,
    act: ActData,
    seats: list[SeatData],
) -> list[SeatInfo]:
    """Replace the whole composition from a date by an act ("Құрам жаңа редакцияда").

    Every seat valid on ``effective`` ends the day before; the listed seats
    start on ``effective``.  The previous editions stay in the history.
    """
    start = check_date(effective, N_("From"))
    assert start is not None
    expect(act, ActData, N_("Act"))
    if not act.title and not act.number:
        raise DomainError(N_("A new edition of the composition needs the act that approves it."))
    if not isinstance(seats, list) or not seats:
        raise DomainError(N_("A new edition of the composition needs at least one seat."))
    with db.transaction() as session:
        council = get(session, Council, council_id, N_("Council"))
        act_record = make_act(session, act, council.id)
        for seat in council_seats(session, council.id):
            if seat.valid_from >= start:
                raise DomainError(
                    N_(
                        "A seat already starts on or after {day}; a new edition cannot start "
                        "before it."
                    ),
                    day=start,
                )
            if seat.valid_to is None or seat.valid_to >= start:
                before = snapshot(seat)
                seat.valid_to = start - timedelta(days=1)
                seat.end_act_id = act_record.id if act_record else None
                audit(session, actor, "seat.end", seat, before=before, council_id=council.id)
        created = []
        for index, data in enumerate(seats):
            clean = _validated(session, SeatData(**{**data.__dict__, "valid_from": start}))
            seat = _new_seat(session, council, clean, act_record, (index + 1) * 10)
            created.append(seat)
        check_council(session, council.id)
        for seat in created:
            audit(session, actor, "seat.create", seat, council_id=council.id)
        audit(
            session,
            actor,
            "composition.new_edition",
            entity="councils",
            entity_id=council.id,
            council_id=council.id,
            after={
                "effective": start.isoformat(),
                "act": act.title,
                "number": act.number,
                "seats": len(created),
            },
        )
        return [seat_info(s) for s in created]


# -- queries -------------------------------------------------------------------


@dataclass(frozen=True)
class CompositionLine:
    """One line of a composition on a date, with names resolved."""

    seat: SeatInfo
    position: PositionInfo | None
    person: PersonInfo | None
    act: ActRef

    @property
    def vacant(self) -> bool:
        return self.person is None


@dataclass(frozen=True)
class ActRef:
    """The act behind a change as a table shows it, in the language it is read in."""

    titles: tuple[tuple[str, str], ...] = ()  # (language, title), only where entered
    number: str = ""
    act_date: date | None = None

    def label(self, lang: str) -> str:
        """ "Қаулы 26.01.2022 № 27": the title in ``lang`` (none if not entered in it)."""
        parts = [dict(self.titles).get(lang, "")]
        if self.act_date:
            parts.append(short_date(self.act_date, lang))
        if self.number:
            parts.append(f"№ {self.number}")
        return " ".join(p for p in parts if p)


def _act_ref(act: Act | None) -> ActRef:
    if act is None:
        return ActRef()
    titles = tuple((lang, text) for lang in LANGS if (text := getattr(act, f"title_{lang}")))
    return ActRef(titles, act.number, act.act_date)


M = TypeVar("M", Act, Person, Position)


def _by_id(session: Session, model: type[M], ids: Iterable[int | None]) -> dict[int, M]:
    """Records by id in one query (the session's identity map does not keep them alive)."""
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    return {row.id: row for row in session.scalars(select(model).where(model.id.in_(wanted)))}


def composition_sizes(db: Database, on: date) -> dict[int, int]:
    """How many seats (vacant ones included) each council has on a date, in one query."""
    day = check_date(on, N_("Date"))
    assert day is not None
    with db.reading() as session:
        rows = session.execute(
            select(Seat.council_id, func.count())
            .where(Seat.valid_from <= day, or_(Seat.valid_to.is_(None), Seat.valid_to >= day))
            .group_by(Seat.council_id)
        )
        return {council_id: count for council_id, count in rows}


def composition(db: Database, council_id: int, on: date) -> list[CompositionLine]:
    """The composition of a council on a date, in list order (chair first)."""
    day = check_date(on, N_("Date"))
    assert day is not None
    with db.reading() as session:
        get(session, Council, council_id, N_("Council"))
        seats = council_seats(session, council_id)
        by_id = {s.id: s for s in seats}
        facts = [seat_facts(s) for s in seats]
        positions = {s.position_id for s in seats if s.position_id is not None}
        holdings = holding_facts(session, positions)
        members = composition_on(day, facts, holdings)
        position_rows = _by_id(session, Position, positions)
        people = _by_id(session, Person, (m.person_id for m in members))
        acts = _by_id(session, Act, (s.act_id for s in seats))
        lines = []
        for member in members:
            seat = by_id[member.seat.seat_id]
            position = position_rows.get(seat.position_id) if seat.position_id else None
            person = people.get(member.person_id) if member.person_id else None
            act = acts.get(seat.act_id) if seat.act_id else None
            lines.append(
                CompositionLine(
                    seat_info(seat),
                    position_info(position) if position else None,
                    person_info(person) if person else None,
                    _act_ref(act),
                )
            )
        return lines


class ChangeKind(StrEnum):
    SEAT_ADDED = "seat_added"
    SEAT_ENDED = "seat_ended"
    HOLDER_CHANGED = "holder_changed"


@dataclass(frozen=True)
class HistoryEntry:
    """One change of a composition: what changed on which date, by which act."""

    day: date
    kind: ChangeKind
    role: Role
    position: PositionInfo | None
    person: PersonInfo | None
    act: ActRef


def history(db: Database, council_id: int) -> list[HistoryEntry]:
    """Every change of a council's composition, newest first."""
    with db.reading() as session:
        get(session, Council, council_id, N_("Council"))
        entries: list[HistoryEntry] = []
        seats = council_seats(session, council_id)
        position_ids = {s.position_id for s in seats if s.position_id is not None}
        held: dict[int, list[PositionHolding]] = {p: [] for p in position_ids}
        if position_ids:
            for holding in session.scalars(
                select(PositionHolding).where(PositionHolding.position_id.in_(position_ids))
            ):
                held[holding.position_id].append(holding)
        positions = _by_id(session, Position, position_ids)
        people = _by_id(
            session,
            Person,
            [s.person_id for s in seats] + [h.person_id for hs in held.values() for h in hs],
        )
        acts = _by_id(
            session,
            Act,
            [a for s in seats for a in (s.act_id, s.end_act_id)]
            + [h.act_id for hs in held.values() for h in hs],
        )
        for seat in seats:
            position = positions.get(seat.position_id) if seat.position_id else None
            pos = position_info(position) if position else None
            person = people.get(seat.person_id) if seat.person_id else None
            per = person_info(person) if person else None
            act = acts.get(seat.act_id) if seat.act_id else None
            entries.append(
                HistoryEntry(
                    seat.valid_from,
                    ChangeKind.SEAT_ADDED,
                    Role(seat.role),
                    pos,
                    per,
                    _act_ref(act),
                )
            )
            if seat.valid_to is not None:
                end_act = acts.get(seat.end_act_id) if seat.end_act_id else None
                entries.append(
                    HistoryEntry(
                        seat.valid_to + timedelta(days=1),
                        ChangeKind.SEAT_ENDED,
                        Role(seat.role),
                        pos,
                        per,
                        _act_ref(end_act),
                    )
                )
            if seat.kind == SeatKind.EX_OFFICIO.value and seat.position_id is not None:
                period = Period(seat.valid_from, seat.valid_to)
                for holding in held[seat.position_id]:
                    if period.contains(holding.valid_from) and holding.valid_from > seat.valid_from:
                        holder = people.get(holding.person_id)
                        act = acts.get(holding.act_id) if holding.act_id else None
                        entries.append(
                            HistoryEntry(
                                holding.valid_from,
                                ChangeKind.HOLDER_CHANGED,
                                Role(seat.role),
                                pos,
                                person_info(holder) if holder else None,
                                _act_ref(act),
                            )
                        )
        entries.sort(key=lambda e: (e.day, e.kind != ChangeKind.SEAT_ENDED), reverse=True)
        return entries


def seats_of(db: Database, council_id: int) -> list[SeatInfo]:
    with db.reading() as session:
        return [
            seat_info(s)
            for s in sorted(
                council_seats(session, council_id), key=lambda s: (s.valid_from, s.sort_order)
            )
        ]
