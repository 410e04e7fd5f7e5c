"""A council's composition checked on the records as a session holds them.

Appointing someone to a position (:mod:`app.services.people`) must check every
council with a seat bound to that position, and every change of seats
(:mod:`app.services.seats`) checks its council.  Both read the same facts
(seats and holdings as plain columns, fast enough for every vote of a live
meeting) and name people the same way in a refusal.  They live here, below
both, so that neither of the two imports the other.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.composition import (
    HoldingFacts,
    NameOf,
    Period,
    Role,
    SeatFacts,
    SeatKind,
    Side,
    check_composition,
)
from app.domain.person_name import full_name
from app.domain.regulation import profile_from_dict
from app.models.composition import Council, Person, PositionHolding, Seat


def holding_facts(session: Session, position_ids: set[int] | None = None) -> list[HoldingFacts]:
    """Who held which position when (of ``position_ids``, or of every position)."""
    # Plain columns, not ORM objects: this runs on every vote of a live meeting.
    query = select(
        PositionHolding.position_id,
        PositionHolding.person_id,
        PositionHolding.valid_from,
        PositionHolding.valid_to,
    )
    if position_ids is not None:
        query = query.where(PositionHolding.position_id.in_(position_ids))
    return [
        HoldingFacts(position_id, person_id, Period(start, end))
        for position_id, person_id, start, end in session.execute(query)
    ]


def seat_facts(seat: Seat) -> SeatFacts:
    return SeatFacts(
        seat.id,
        Role(seat.role),
        SeatKind(seat.kind),
        Period(seat.valid_from, seat.valid_to),
        seat.position_id,
        seat.person_id,
        seat.voting,
        seat.by_agreement,
        Side(seat.side),
        seat.sort_order,
    )


# A seat as the rules see it, in plain columns (``seat_facts_of`` reads a row of them).
SEAT_COLUMNS = (
    Seat.id,
    Seat.role,
    Seat.kind,
    Seat.valid_from,
    Seat.valid_to,
    Seat.position_id,
    Seat.person_id,
    Seat.voting,
    Seat.by_agreement,
    Seat.side,
    Seat.sort_order,
)


def seat_facts_of(values: Sequence[Any]) -> SeatFacts:
    """The :class:`SeatFacts` of the first ``len(SEAT_COLUMNS)`` values of a row."""
    sid, role, kind, start, end, position, person, voting, agreement, side, order = values[
        : len(SEAT_COLUMNS)
    ]
    return SeatFacts(
        sid,
        Role(role),
        SeatKind(kind),
        Period(start, end),
        position,
        person,
        voting,
        agreement,
        Side(side),
        order,
    )


def council_seat_facts(session: Session, council_id: int) -> list[SeatFacts]:
    """The rules' view of a council's seats, read as plain columns (fast: used per vote)."""
    rows = session.execute(select(*SEAT_COLUMNS).where(Seat.council_id == council_id))
    return [seat_facts_of(row) for row in rows]


def council_seats(session: Session, council_id: int) -> list[Seat]:
    return list(session.scalars(select(Seat).where(Seat.council_id == council_id)))


def person_names(session: Session) -> NameOf:
    """How a refusal names a person by id (``#id`` if the record is gone)."""

    def name_of(person_id: int) -> str:
        person = session.get(Person, person_id)
        if person is None:
            return f"#{person_id}"
        return full_name(person.surname, person.given_name, person.patronymic)

    return name_of


def check_council(session: Session, council_id: int) -> None:
    """Check every composition rule of a council on its seats as they now stand in the session."""
    session.flush()
    council = session.get(Council, council_id)
    assert council is not None
    profile = profile_from_dict(council.profile)
    seats = [seat_facts(s) for s in council_seats(session, council_id)]
    positions = {s.position_id for s in seats if s.position_id is not None}
    check_composition(
        seats,
        holding_facts(session, positions),
        max_deputy_chairs=profile.max_deputy_chairs,
        max_co_chairs=profile.max_co_chairs,
        name_of=person_names(session),
    )


def check_councils_of_position(session: Session, position_id: int) -> None:
    """A new holder must not end up in two seats of one council (e.g. ex officio and personal)."""
    council_ids = set(
        session.scalars(select(Seat.council_id).where(Seat.position_id == position_id))
    )
    for council_id in council_ids:
        check_council(session, council_id)
