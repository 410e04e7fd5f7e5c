"""Add one member to a council's composition: the person, the position and the seat at once.

A secretary typing in a composition from an order has the person and the
position in front of her, often new to Kenes.  Creating each in its own
dialog and then the seat took three dialogs per line; this action does it
in one transaction: the person and the position are picked or created, the
holder of an ex officio seat's position is appointed from the seat's first
day when the position has none, and the seat is added by the act.  Every
composition rule is checked (:func:`~app.services.composition_check.check_council`,
the same check as a seat added alone or an import); a refusal leaves the
database as it was, new person and position included.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy.orm import Session

from app.domain.composition import SeatKind
from app.domain.errors import DomainError
from app.domain.translation import N_
from app.models.composition import Council, Person, Position
from app.models.database import Database
from app.services.base import Actor, audit, expect, get
from app.services.composition_check import check_council, check_councils_of_position
from app.services.compositions.import_composition import _Counts, _ensure_holder
from app.services.people import (
    ActData,
    PersonData,
    PersonInfo,
    PositionData,
    PositionInfo,
    _apply_person,
    _apply_position,
    make_act,
    person_info,
    position_info,
)
from app.services.seats import (
    SeatData,
    SeatInfo,
    _new_seat,
    _next_order,
    _validated,
    seat_info,
)


@dataclass(frozen=True)
class MemberData:
    """A new member as the "Add member" dialog describes them.

    ``seat`` holds the role, kind, marks and first day; its ``person_id`` and
    ``position_id`` name records picked from the directory.  ``new_person``
    or ``new_position`` describe a record to create instead (they win over
    the ids).  An ex officio seat's person, if any, is the position's holder.
    """

    seat: SeatData
    new_person: PersonData | None = None
    new_position: PositionData | None = None


@dataclass(frozen=True)
class MemberAdded:
    """What adding a member changed: the seat, and the person and position it names."""

    seat: SeatInfo
    person: PersonInfo | None
    position: PositionInfo | None
    person_created: bool = False
    position_created: bool = False


def _person(session: Session, actor: Actor, member: MemberData) -> tuple[Person | None, bool]:
    if member.new_person is not None:
        person = Person()
        _apply_person(person, member.new_person)
        session.add(person)
        session.flush()
        audit(session, actor, "person.create", person)
        return person, True
    if member.seat.person_id is None:
        return None, False
    return get(session, Person, member.seat.person_id, N_("Person")), False


def _position(session: Session, actor: Actor, member: MemberData) -> tuple[Position | None, bool]:
    if member.new_position is not None:
        position = Position()
        _apply_position(position, member.new_position)
        session.add(position)
        session.flush()
        audit(session, actor, "position.create", position)
        return position, True
    if member.seat.position_id is None:
        return None, False
    return get(session, Position, member.seat.position_id, N_("Position")), False


def _check_request(member: MemberData, act: ActData | None) -> None:
    expect(member, MemberData, N_("Seat"))
    expect(member.seat, SeatData, N_("Seat"))
    if member.new_person is not None:
        expect(member.new_person, PersonData, N_("Person"))
    if member.new_position is not None:
        expect(member.new_position, PositionData, N_("Position"))
    if act is not None:
        expect(act, ActData, N_("Act"))


def add_member(
    db: Database, actor: Actor, council_id: int, member: MemberData, act: ActData | None = None
) -> MemberAdded:
    """Add a member (a new or known person and position, and the seat) in one step, by an act."""
    _check_request(member, act)
    with db.transaction() as session:
        council = get(session, Council, council_id, N_("Council"))
        person, person_created = _person(session, actor, member)
        position, position_created = _position(session, actor, member)
        ex_officio = member.seat.kind == SeatKind.EX_OFFICIO
        if not ex_officio and person is None:
            raise DomainError(N_("A personal seat must name the person who holds it."))
        data = replace(
            member.seat,
            person_id=person.id if person is not None else None,
            position_id=position.id if position is not None else None,
        )
        clean = _validated(session, data)
        act_record = make_act(session, act, council.id)
        if ex_officio and person is not None and position is not None:
            _ensure_holder(session, actor, _Counts(), position.id, person, clean.valid_from)
        seat = _new_seat(session, council, clean, act_record, _next_order(session, council.id))
        if ex_officio and person is not None and position is not None:
            check_councils_of_position(session, position.id)
        check_council(session, council.id)
        audit(session, actor, "seat.create", seat, council_id=council.id)
        return MemberAdded(
            seat_info(seat),
            person_info(person) if person is not None else None,
            position_info(position) if position is not None else None,
            person_created,
            position_created,
        )
