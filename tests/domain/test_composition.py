"""Composition on a date, succession of ex officio seats, and the composition rules."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from app.domain.composition import (
    EX_OFFICIO_WITHOUT_POSITION,
    PERSONAL_WITHOUT_PERSON,
    HoldingFacts,
    Period,
    Role,
    SeatFacts,
    SeatKind,
    chair_on,
    change_dates,
    check_composition,
    check_holdings,
    composition_on,
    holder_on,
    occupancies,
    seat_kind_refusal,
    voting_members_on,
)
from app.domain.errors import DomainError

D = date
START = date(2022, 1, 26)


def ex_officio(
    seat_id: int,
    position_id: int,
    role: Role = Role.MEMBER,
    start: date = START,
    end: date | None = None,
    voting: bool = True,
) -> SeatFacts:
    return SeatFacts(
        seat_id,
        role,
        SeatKind.EX_OFFICIO,
        Period(start, end),
        position_id=position_id,
        voting=voting,
        order=seat_id,
    )


def personal(
    seat_id: int,
    person_id: int,
    role: Role = Role.MEMBER,
    start: date = START,
    end: date | None = None,
) -> SeatFacts:
    return SeatFacts(
        seat_id, role, SeatKind.PERSONAL, Period(start, end), person_id=person_id, order=seat_id
    )


def test_period_refuses_end_before_start() -> None:
    with pytest.raises(DomainError):
        Period(D(2024, 5, 2), D(2024, 5, 1))


def test_ex_officio_seat_passes_to_the_new_holder() -> None:
    seats = [ex_officio(1, 100, Role.CHAIR), ex_officio(2, 200)]
    holdings = [
        HoldingFacts(100, 1, Period(D(2020, 1, 1), D(2023, 8, 31))),
        HoldingFacts(100, 7, Period(D(2023, 9, 1))),
        HoldingFacts(200, 2, Period(D(2021, 1, 1))),
    ]
    before = composition_on(D(2023, 8, 31), seats, holdings)
    after = composition_on(D(2023, 9, 1), seats, holdings)
    assert [m.person_id for m in before] == [1, 2]
    assert [m.person_id for m in after] == [7, 2]
    assert chair_on(D(2023, 9, 1), seats, holdings) == 7
    assert D(2023, 9, 1) in change_dates(seats, holdings)


def test_vacant_ex_officio_seat_has_no_vote() -> None:
    seats = [ex_officio(1, 100, Role.CHAIR), ex_officio(2, 200)]
    holdings = [HoldingFacts(200, 2, Period(D(2021, 1, 1)))]
    members = composition_on(D(2022, 3, 1), seats, holdings)
    assert members[0].person_id is None and not members[0].votes
    assert voting_members_on(D(2022, 3, 1), seats, holdings) == [2]
    assert chair_on(D(2022, 3, 1), seats, holdings) is None


def test_list_order_is_chair_deputy_secretary_members() -> None:
    seats = [
        personal(1, 1, Role.MEMBER),
        personal(2, 2, Role.SECRETARY),
        personal(3, 3, Role.CHAIR),
        personal(4, 4, Role.DEPUTY_CHAIR),
    ]
    order = [m.role for m in composition_on(D(2022, 2, 1), seats, [])]
    assert order == [Role.CHAIR, Role.DEPUTY_CHAIR, Role.SECRETARY, Role.MEMBER]


def test_non_voting_seat_is_listed_but_has_no_vote() -> None:
    seats = [ex_officio(1, 100, voting=False)]
    holdings = [HoldingFacts(100, 5, Period(D(2022, 1, 1)))]
    assert composition_on(D(2022, 2, 1), seats, holdings)[0].person_id == 5
    assert voting_members_on(D(2022, 2, 1), seats, holdings) == []


def test_two_chairs_at_one_time_are_refused() -> None:
    seats = [personal(1, 1, Role.CHAIR), personal(2, 2, Role.CHAIR, start=D(2023, 1, 1))]
    with pytest.raises(DomainError, match="two chairs"):
        check_composition(seats, [])


def test_a_chair_succeeding_another_is_allowed() -> None:
    seats = [
        personal(1, 1, Role.CHAIR, end=D(2022, 12, 31)),
        personal(2, 2, Role.CHAIR, start=D(2023, 1, 1)),
    ]
    check_composition(seats, [])


def test_two_secretaries_and_too_many_deputies_are_refused() -> None:
    with pytest.raises(DomainError, match="two secretaries"):
        check_composition([personal(1, 1, Role.SECRETARY), personal(2, 2, Role.SECRETARY)], [])
    deputies = [personal(1, 1, Role.DEPUTY_CHAIR), personal(2, 2, Role.DEPUTY_CHAIR)]
    with pytest.raises(DomainError, match="deputy"):
        check_composition(deputies, [], max_deputy_chairs=1)
    check_composition(deputies, [], max_deputy_chairs=2)
    with pytest.raises(DomainError, match="co-chair"):
        check_composition([personal(1, 1, Role.CO_CHAIR)], [], max_co_chairs=0)


def test_one_person_holds_one_seat_at_a_time() -> None:
    seats = [personal(1, 1), ex_officio(2, 100)]
    holdings = [HoldingFacts(100, 1, Period(D(2023, 1, 1)))]
    with pytest.raises(DomainError, match="two seats"):
        check_composition(seats, holdings, name_of=lambda pid: "Әбенов Н.")


def test_a_position_has_one_holder_at_a_time() -> None:
    holdings = [
        HoldingFacts(100, 1, Period(D(2022, 1, 1))),
        HoldingFacts(100, 2, Period(D(2023, 1, 1))),
    ]
    with pytest.raises(DomainError):
        check_holdings(holdings)
    check_holdings(
        [
            HoldingFacts(100, 1, Period(D(2022, 1, 1), D(2022, 12, 31))),
            HoldingFacts(100, 2, Period(D(2023, 1, 1))),
        ]
    )


def test_seat_kinds_need_their_anchor() -> None:
    with pytest.raises(DomainError):
        SeatFacts(1, Role.MEMBER, SeatKind.EX_OFFICIO, Period(D(2022, 1, 1)))
    with pytest.raises(DomainError):
        SeatFacts(1, Role.MEMBER, SeatKind.PERSONAL, Period(D(2022, 1, 1)))


# -- properties over ranges of dates ---------------------------------------------------------

days = st.dates(min_value=D(2015, 1, 1), max_value=D(2035, 12, 31))


@st.composite
def periods(draw: st.DrawFn) -> Period:
    start = draw(days)
    length = draw(st.one_of(st.none(), st.integers(min_value=0, max_value=4000)))
    return Period(start, None if length is None else start + timedelta(days=length))


@given(periods(), days)
def test_contains_matches_the_bounds(period: Period, day: date) -> None:
    expected = period.start <= day and (period.end is None or day <= period.end)
    assert period.contains(day) == expected


@given(periods(), periods(), days)
def test_intersection_is_exactly_the_days_in_both(a: Period, b: Period, day: date) -> None:
    both = a.intersection(b)
    assert (both is not None and both.contains(day)) == (a.contains(day) and b.contains(day))
    assert (both is not None) == a.overlaps(b)


@given(st.lists(periods(), min_size=1, max_size=6), days)
def test_succession_gives_exactly_one_holder_or_none(spans: list[Period], day: date) -> None:
    """Consecutive appointments to one position: the seat has the holder of that day."""
    spans = sorted(spans, key=lambda p: (p.start, p.end or date.max))
    chain: list[HoldingFacts] = []
    cursor: date | None = None
    for index, span in enumerate(spans):
        start = span.start if cursor is None else max(span.start, cursor)
        if span.end is not None and span.end < start:
            continue
        chain.append(HoldingFacts(1, index + 1, Period(start, span.end)))
        if span.end is None:
            break
        cursor = span.end + timedelta(days=1)
    check_holdings(chain)
    seat = ex_officio(1, 1, start=D(2015, 1, 1))
    members = composition_on(day, [seat], chain)
    expected = [h.person_id for h in chain if h.period.contains(day)]
    assert len(expected) <= 1
    assert [m.person_id for m in members] == [expected[0] if expected else None]


@given(st.lists(st.tuples(periods(), st.sampled_from(list(Role))), min_size=1, max_size=6), days)
def test_a_composition_that_passes_the_check_never_has_two_chairs(
    seats_spec: list[tuple[Period, Role]], day: date
) -> None:
    seats = [
        SeatFacts(i + 1, role, SeatKind.PERSONAL, period, person_id=i + 1)
        for i, (period, role) in enumerate(seats_spec)
    ]
    try:
        check_composition(seats, [], max_deputy_chairs=1, max_co_chairs=2)
    except DomainError:
        assume(False)
    members = composition_on(day, seats, [])
    assert sum(1 for m in members if m.role is Role.CHAIR) <= 1
    assert sum(1 for m in members if m.role is Role.SECRETARY) <= 1
    assert sum(1 for m in members if m.role is Role.DEPUTY_CHAIR) <= 1


@given(st.lists(periods(), min_size=1, max_size=5), days)
def test_occupancies_agree_with_composition(spans: list[Period], day: date) -> None:
    seats = [personal(i + 1, i + 1, start=p.start, end=p.end) for i, p in enumerate(spans)]
    on_day = {m.person_id for m in composition_on(day, seats, [])}
    occupied = {o.person_id for o in occupancies(seats, []) if o.period.contains(day)}
    assert on_day == occupied
    assert holder_on(1, day, []) is None


def test_a_seat_is_bound_to_a_position_or_to_a_person() -> None:
    """The importer and the seat editor ask this; SeatFacts refuses the same way."""
    refusal = seat_kind_refusal(SeatKind.EX_OFFICIO, None, 5)
    assert refusal is not None and refusal.msgid == EX_OFFICIO_WITHOUT_POSITION
    refusal = seat_kind_refusal("personal", 3, None)
    assert refusal is not None and refusal.msgid == PERSONAL_WITHOUT_PERSON
    assert seat_kind_refusal("ex_officio", 3, None) is None
    assert seat_kind_refusal(SeatKind.PERSONAL, None, 5) is None
    with pytest.raises(DomainError) as caught:
        SeatFacts(1, Role.MEMBER, SeatKind.PERSONAL, Period(date(2026, 1, 1)))
    assert caught.value.msgid == PERSONAL_WITHOUT_PERSON
