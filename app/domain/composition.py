"""Who sits on a council, in which role, on a given date.

A council's composition is a set of *seats*.  A seat has a role and a period
of validity; it is either **ex officio** (bound to a position: whoever holds
the position sits in it, so the seat passes to the new holder when the
position changes hands) or **personal** (bound to one person).  Every later
record (attendance, votes, protocols) asks :func:`composition_on`.

Periods are inclusive on both ends; an open end is ``None``.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from app.domain.errors import DomainError
from app.domain.translation import N_


class Role(StrEnum):
    """A seat's role; the order is the order of a composition list."""

    CHAIR = "chair"
    CO_CHAIR = "co_chair"
    DEPUTY_CHAIR = "deputy_chair"
    SECRETARY = "secretary"
    MEMBER = "member"


ROLE_ORDER = {role: index for index, role in enumerate(Role)}
ROLE_LABELS = {
    Role.CHAIR: N_("chair"),
    Role.CO_CHAIR: N_("co-chair"),
    Role.DEPUTY_CHAIR: N_("deputy chair"),
    Role.SECRETARY: N_("secretary"),
    Role.MEMBER: N_("member"),
}


class SeatKind(StrEnum):
    EX_OFFICIO = "ex_officio"
    PERSONAL = "personal"


class Side(StrEnum):
    """Kazakh or foreign side (004 §12–13); most councils do not distinguish."""

    NONE = ""
    KAZAKH = "kazakh"
    FOREIGN = "foreign"


@dataclass(frozen=True)
class Period:
    """Inclusive dates; ``end`` None means "until further notice"."""

    start: date
    end: date | None = None

    def __post_init__(self) -> None:
        if self.end is not None and self.end < self.start:
            raise DomainError(
                N_("The end date {end} is before the start date {start}."),
                start=self.start,
                end=self.end,
            )

    def contains(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    def overlaps(self, other: Period) -> bool:
        return (self.end is None or other.start <= self.end) and (
            other.end is None or self.start <= other.end
        )

    def intersection(self, other: Period) -> Period | None:
        if not self.overlaps(other):
            return None
        start = max(self.start, other.start)
        ends = [e for e in (self.end, other.end) if e is not None]
        return Period(start, min(ends) if ends else None)


@dataclass(frozen=True)
class SeatFacts:
    """What the rules need to know about a seat."""

    seat_id: int
    role: Role
    kind: SeatKind
    period: Period
    position_id: int | None = None
    person_id: int | None = None
    voting: bool = True
    by_agreement: bool = False
    side: Side = Side.NONE
    order: int = 0

    def __post_init__(self) -> None:
        refusal = seat_kind_refusal(self.kind, self.position_id, self.person_id)
        if refusal is not None:
            raise refusal


EX_OFFICIO_WITHOUT_POSITION = N_("An ex officio seat must name the position it belongs to.")
PERSONAL_WITHOUT_PERSON = N_("A personal seat must name the person who holds it.")


def seat_kind_refusal(
    kind: SeatKind | str, position_id: int | None, person_id: int | None
) -> DomainError | None:
    """An ex officio seat is bound to a position, a personal seat to a person."""
    if kind == SeatKind.EX_OFFICIO and position_id is None:
        return DomainError(EX_OFFICIO_WITHOUT_POSITION)
    if kind == SeatKind.PERSONAL and person_id is None:
        return DomainError(PERSONAL_WITHOUT_PERSON)
    return None


@dataclass(frozen=True)
class HoldingFacts:
    """A person holds a position during a period (appointed by an act)."""

    position_id: int
    person_id: int
    period: Period


@dataclass(frozen=True)
class Occupancy:
    """A person sits in a seat during a period."""

    seat_id: int
    person_id: int
    period: Period


@dataclass(frozen=True)
class Member:
    """One line of a composition on a date; ``person_id`` None is a vacant seat."""

    seat: SeatFacts
    person_id: int | None

    @property
    def role(self) -> Role:
        return self.seat.role

    @property
    def votes(self) -> bool:
        return self.person_id is not None and self.seat.voting


def holder_on(position_id: int, day: date, holdings: Iterable[HoldingFacts]) -> int | None:
    """The person holding ``position_id`` on ``day``, if any."""
    for holding in holdings:
        if holding.position_id == position_id and holding.period.contains(day):
            return holding.person_id
    return None


def sort_key(seat: SeatFacts) -> tuple[int, int, int]:
    return (ROLE_ORDER[seat.role], seat.order, seat.seat_id)


def composition_on(
    day: date, seats: Iterable[SeatFacts], holdings: Sequence[HoldingFacts]
) -> list[Member]:
    """The composition on ``day``: every valid seat with its occupant, in list order."""
    members = []
    for seat in sorted((s for s in seats if s.period.contains(day)), key=sort_key):
        if seat.kind is SeatKind.PERSONAL:
            person = seat.person_id
        else:
            assert seat.position_id is not None
            person = holder_on(seat.position_id, day, holdings)
        members.append(Member(seat, person))
    return members


def voting_members_on(
    day: date, seats: Iterable[SeatFacts], holdings: Sequence[HoldingFacts]
) -> list[int]:
    """Persons with a vote on ``day`` (vacant and non-voting seats excluded)."""
    return [
        m.person_id
        for m in composition_on(day, seats, holdings)
        if m.votes and m.person_id is not None
    ]


def occupancies(seats: Iterable[SeatFacts], holdings: Sequence[HoldingFacts]) -> list[Occupancy]:
    """Every (seat, person, period) the seats and holdings produce."""
    result = []
    for seat in seats:
        if seat.kind is SeatKind.PERSONAL:
            assert seat.person_id is not None
            result.append(Occupancy(seat.seat_id, seat.person_id, seat.period))
            continue
        for holding in holdings:
            if holding.position_id != seat.position_id:
                continue
            period = seat.period.intersection(holding.period)
            if period is not None:
                result.append(Occupancy(seat.seat_id, holding.person_id, period))
    return result


def change_dates(seats: Iterable[SeatFacts], holdings: Sequence[HoldingFacts]) -> list[date]:
    """Dates on which the composition changes: a seat or holding starts, or one has ended."""
    days: set[date] = set()
    for period in [s.period for s in seats] + [h.period for h in holdings]:
        days.add(period.start)
        if period.end is not None:
            days.add(period.end + timedelta(days=1))
    return sorted(days)


NameOf = Callable[[int], str]


def _name(name_of: NameOf | None, person_id: int) -> str:
    return name_of(person_id) if name_of is not None else f"#{person_id}"


def check_holdings(holdings: Sequence[HoldingFacts], name_of: NameOf | None = None) -> None:
    """A position is held by one person at a time."""
    ordered = sorted(holdings, key=lambda h: (h.position_id, h.period.start))
    for a, b in itertools.pairwise(ordered):
        if a.position_id == b.position_id and a.period.overlaps(b.period):
            raise DomainError(
                N_(
                    "The position is already held by {other} from {start}; end that "
                    "appointment before appointing {person}."
                ),
                other=_name(name_of, a.person_id),
                person=_name(name_of, b.person_id),
                start=a.period.start,
            )


def check_composition(
    seats: Sequence[SeatFacts],
    holdings: Sequence[HoldingFacts],
    *,
    max_deputy_chairs: int = 1,
    max_co_chairs: int = 0,
    name_of: NameOf | None = None,
) -> None:
    """Raise :class:`DomainError` if the seats break a rule on any date.

    At most one chair and one secretary at a time, deputies and co-chairs
    within the profile's limits, and a person in one seat of a council at a time.
    """
    limits = {
        Role.CHAIR: (
            1,
            N_("The council would have two chairs on {day}; end the current chair's seat first."),
        ),
        Role.SECRETARY: (
            1,
            N_(
                "The council would have two secretaries on {day}; end the "
                "current secretary's seat first."
            ),
        ),
        Role.DEPUTY_CHAIR: (
            max_deputy_chairs,
            N_(
                "The regulation allows {limit} deputy "
                "chair(s) at a time; on {day} there would "
                "be more."
            ),
        ),
        Role.CO_CHAIR: (
            max_co_chairs,
            N_(
                "The regulation allows {limit} co-chair(s) at a time; on {day} there would be more."
            ),
        ),
    }
    for day in sorted({s.period.start for s in seats}):
        valid = [s for s in seats if s.period.contains(day)]
        for role, (limit, message) in limits.items():
            if sum(1 for s in valid if s.role is role) > limit:
                raise DomainError(message, day=day, limit=limit)
    taken = sorted(occupancies(seats, holdings), key=lambda o: (o.person_id, o.period.start))
    for a, b in itertools.pairwise(taken):
        if a.person_id == b.person_id and a.seat_id != b.seat_id and a.period.overlaps(b.period):
            raise DomainError(
                N_(
                    "{person} would hold two seats in the council from {day}; a person holds "
                    "one seat at a time."
                ),
                person=_name(name_of, a.person_id),
                day=max(a.period.start, b.period.start),
            )


def chair_on(day: date, seats: Iterable[SeatFacts], holdings: Sequence[HoldingFacts]) -> int | None:
    """The chair in office on ``day`` (None when the seat is vacant or missing)."""
    for member in composition_on(day, seats, holdings):
        if member.role is Role.CHAIR:
            return member.person_id
    return None
