"""Import a checked composition file as a new edition of a council's composition.

The file was read by :func:`~app.services.compositions.read_composition_file.
read_composition_file`; every row is checked again here, with the database:
positions and people are found or created, holders appointed, and every
composition rule of the council (and of other councils sharing a position)
checked before anything is kept.
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass, field, fields
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain import translation
from app.domain.composition import Role, SeatKind, Side, holder_on
from app.domain.errors import DomainError, KenesError
from app.domain.translation import N_
from app.formats.composition_rows import CompositionRow, ImportPreview, ImportRow
from app.models.composition import Act, Council, Person, Position, PositionHolding, Seat
from app.models.database import Database
from app.services.base import Actor, audit, check_date, get, snapshot
from app.services.composition_check import check_council, council_seats, holding_facts
from app.services.compositions.directory import Directory, person_name, position_title
from app.services.people import (
    ActData,
    PersonData,
    PositionData,
    _apply_person,
    _apply_position,
    make_act,
)
from app.services.seats import (
    SeatData,
    SeatInfo,
    _new_seat,
    _validated,
    seat_info,
)


@dataclass(frozen=True)
class ImportResult:
    """What an import changed."""

    council_id: int
    effective: date
    seats: tuple[SeatInfo, ...]
    ended_seats: int = 0
    positions_created: int = 0
    people_created: int = 0
    holdings_created: int = 0
    positions_matched: int = 0
    people_matched: int = 0


class ImportRowError(DomainError):
    """A row was refused while importing; the message names the row and the reason."""

    def __init__(self, row: int, reason: KenesError) -> None:
        self.row = row
        self.reason = reason
        super().__init__(N_("Row {row}: {reason}"), row=row, reason=reason.msgid)

    def message(self, translations: gettext.NullTranslations | None = None) -> str:
        t = translations if translations is not None else translation.current()
        reason = self.reason.message(t)
        try:
            return str(t.gettext(self.msgid).format(row=self.row, reason=reason))
        except (KeyError, IndexError, ValueError):
            return self.msgid.format(row=self.row, reason=reason)


@dataclass
class _Counts:
    positions_created: int = 0
    people_created: int = 0
    holdings_created: int = 0
    positions_matched: int = 0
    people_matched: int = 0
    holding_positions: set[int] = field(default_factory=set)


def import_composition(
    db: Database,
    actor: Actor,
    council_id: int,
    preview: ImportPreview,
    effective: date,
    act: ActData,
) -> ImportResult:
    """Record the rows of a checked file as a new edition of a council's composition.

    One transaction: positions and people are found (a position by its title in
    any language, a person by surname, name and patronymic) or created; an ex
    officio seat whose position has no holder when the seat starts gets the
    person of the row as holder; every seat valid on ``effective`` ends the day
    before, and the rows start on ``effective`` (or on their own later "valid
    from" date).  Any problem in the file, any composition rule broken, or any
    refusal on the way, and nothing is written.
    """
    start = check_date(effective, N_("From"))
    assert start is not None
    _check_request(preview, act)
    with db.transaction() as session:
        council = get(session, Council, council_id, N_("Council"))
        act_record = make_act(session, act, council.id)
        ended = _end_current_seats(session, actor, council.id, start, act_record)
        directory = Directory(session)
        counts = _Counts()
        created: list[Seat] = []
        for index, row in enumerate(preview.rows):
            try:
                data = _seat_data(session, actor, directory, counts, row.values, start)
                clean = _validated(session, data)
                created.append(_new_seat(session, council, clean, act_record, (index + 1) * 10))
                session.flush()
            except KenesError as exc:
                raise ImportRowError(row.row, exc) from exc
        check_council(session, council.id)
        _check_other_councils(session, council.id, counts.holding_positions)
        for seat in created:
            audit(session, actor, "seat.create", seat, council_id=council.id)
        audit(
            session,
            actor,
            "composition.import",
            entity="councils",
            entity_id=council.id,
            council_id=council.id,
            after={
                "file": preview.source,
                "effective": start.isoformat(),
                "act": act.title,
                "number": act.number,
                "seats": len(created),
                "ended_seats": ended,
                "positions_created": counts.positions_created,
                "people_created": counts.people_created,
                "holdings_created": counts.holdings_created,
            },
        )
        return ImportResult(
            council_id=council.id,
            effective=start,
            seats=tuple(seat_info(s) for s in created),
            ended_seats=ended,
            positions_created=counts.positions_created,
            people_created=counts.people_created,
            holdings_created=counts.holdings_created,
            positions_matched=counts.positions_matched,
            people_matched=counts.people_matched,
        )


def _check_request(preview: ImportPreview, act: ActData) -> None:
    """Refuse, before anything is read from the database, a file with problems or no act."""
    _check_preview(preview)
    if not preview.rows:
        raise DomainError(N_("A new edition of the composition needs at least one seat."))
    if not preview.ok:
        raise DomainError(
            N_(
                "The file has problems in {count} row(s); correct them and read the file "
                "again. Nothing was imported."
            ),
            count=preview.bad_row_count,
        )
    if not isinstance(act, ActData) or (not act.title and not act.number):
        raise DomainError(N_("A new edition of the composition needs the act that approves it."))


_ROW_TYPES: dict[str, type | tuple[type, ...]] = {
    "role": Role,
    "kind": SeatKind,
    "side": Side,
    "by_agreement": bool,
    "voting": bool,
    "valid_from": (date, type(None)),
}


def _check_preview(preview: object) -> None:
    """Refuse a preview that :func:`read_composition_file` cannot have made."""
    stale = DomainError(N_("Read the file again before importing it."))
    if not isinstance(preview, ImportPreview) or not isinstance(preview.rows, tuple | list):
        raise stale
    for row in preview.rows:
        if not (
            isinstance(row, ImportRow)
            and isinstance(row.row, int)
            and isinstance(row.problems, tuple | list)
            and isinstance(row.values, CompositionRow)
        ):
            raise stale
        for item in fields(CompositionRow):
            value = getattr(row.values, item.name)
            expected = _ROW_TYPES.get(item.name, str)
            if not isinstance(value, expected) or isinstance(value, datetime):
                raise stale
        if row.values.valid_from is not None:
            check_date(row.values.valid_from, N_("Valid from"))


def _end_current_seats(
    session: Session, actor: Actor, council_id: int, start: date, act_record: Act | None
) -> int:
    """End every seat valid on ``start`` the day before (as record_new_edition does)."""
    ended = 0
    for seat in council_seats(session, council_id):
        if seat.valid_from >= start:
            raise DomainError(
                N_(
                    "A seat already starts on or after {day}; a new edition cannot start before it."
                ),
                day=start,
            )
        if seat.valid_to is None or seat.valid_to >= start:
            before = snapshot(seat)
            seat.valid_to = start - timedelta(days=1)
            seat.end_act_id = act_record.id if act_record else None
            audit(session, actor, "seat.end", seat, before=before, council_id=council_id)
            ended += 1
    return ended


def _seat_data(
    session: Session,
    actor: Actor,
    directory: Directory,
    counts: _Counts,
    row: CompositionRow,
    start: date,
) -> SeatData:
    seat_start = max(start, row.valid_from) if row.valid_from else start
    position_id = _position_of(session, actor, directory, counts, row)
    person = _person_of(session, actor, directory, counts, row)
    if row.kind is SeatKind.EX_OFFICIO:
        if position_id is None:
            raise DomainError(N_("An ex officio seat must name the position it belongs to."))
        if person is not None:
            _ensure_holder(session, actor, counts, position_id, person, seat_start)
        return SeatData(
            row.role,
            SeatKind.EX_OFFICIO,
            seat_start,
            position_id=position_id,
            voting=row.voting,
            by_agreement=row.by_agreement,
            side=row.side,
        )
    if person is None:
        raise DomainError(N_("A personal seat must name the person who holds it."))
    return SeatData(
        row.role,
        SeatKind.PERSONAL,
        seat_start,
        position_id=position_id,
        person_id=person.id,
        voting=row.voting,
        by_agreement=row.by_agreement,
        side=row.side,
    )


def _position_of(
    session: Session, actor: Actor, directory: Directory, counts: _Counts, row: CompositionRow
) -> int | None:
    """The recorded position the row names, created when there is none; None for no title."""
    if not row.has_position:
        return None
    position_id = directory.position_for(row)
    if position_id is not None:
        counts.positions_matched += 1
        return position_id
    position = Position()
    _apply_position(
        position,
        PositionData(
            title_kk=row.position_kk,
            title_ru=row.position_ru,
            title_en=row.position_en,
            organisation_kk=row.organisation_kk,
            organisation_ru=row.organisation_ru,
            organisation_en=row.organisation_en,
        ),
    )
    session.add(position)
    audit(session, actor, "position.create", position)
    directory.add_position(position)
    counts.positions_created += 1
    return position.id


def _person_of(
    session: Session, actor: Actor, directory: Directory, counts: _Counts, row: CompositionRow
) -> Person | None:
    """The recorded person the row names, created when there is none; None for no name."""
    if not row.has_person:
        return None
    person = directory.person_for(row)
    if person is not None:
        counts.people_matched += 1
        return person
    person = Person()
    _apply_person(
        person,
        PersonData(
            surname=row.surname,
            given_name=row.given_name,
            patronymic=row.patronymic,
            latin_name=row.latin_name,
        ),
    )
    session.add(person)
    audit(session, actor, "person.create", person)
    directory.add_person(person)
    counts.people_created += 1
    return person


def _ensure_holder(
    session: Session, actor: Actor, counts: _Counts, position_id: int, person: Person, day: date
) -> None:
    """The row's person holds the position on ``day``: already, or appointed from then."""
    holdings = holding_facts(session, {position_id})
    holder = holder_on(position_id, day, holdings)
    if holder == person.id:
        return
    if holder is not None:
        other = session.get(Person, holder)
        raise DomainError(
            N_(
                "The position “{title}” is held by {holder} on {day}, not by {person}; record "
                "the appointment first or leave the name cells empty."
            ),
            title=position_title(session.get(Position, position_id)),
            holder=person_name(other),
            person=person_name(person),
            day=day,
        )
    if person.archived:
        raise DomainError(N_("Archived people and positions cannot be appointed."))
    later = sorted(h.period.start for h in holdings if h.period.start > day)
    end = later[0] - timedelta(days=1) if later else None
    holding = PositionHolding(
        position_id=position_id, person_id=person.id, valid_from=day, valid_to=end
    )
    session.add(holding)
    audit(session, actor, "holding.create", holding)
    counts.holdings_created += 1
    counts.holding_positions.add(position_id)


def _check_other_councils(session: Session, council_id: int, position_ids: set[int]) -> None:
    """A new holder sits in the position's ex officio seats of other councils too."""
    if not position_ids:
        return
    others = set(
        session.scalars(
            select(Seat.council_id).where(
                Seat.position_id.in_(position_ids), Seat.council_id != council_id
            )
        )
    )
    for other in sorted(others):
        check_council(session, other)
