"""The meeting's state machine and the pure rules around it: presiding, numbers, warnings."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app import i18n
from app.domain.composition import Member, Period, Role, SeatFacts, SeatKind
from app.domain.deadlines import WeekendCalendar
from app.domain.errors import DomainError
from app.domain.meeting import (
    ACTIVE_STATES,
    INSTRUCTIONS_REPORT_TITLES,
    MEETING_STATE_LABELS,
    TRANSITIONS,
    AlertKind,
    MeetingAction,
    MeetingKind,
    MeetingState,
    YearTally,
    allowed_actions,
    can,
    check_agenda_not_empty,
    check_approver,
    check_item_titles,
    check_move,
    check_not_in_future,
    check_number,
    check_reason,
    check_times,
    choose_presiding,
    default_approver,
    guard,
    held_early,
    materials_alert,
    materials_deadline,
    materials_due,
    minimum_alert,
    moved,
    opens_with_instructions_report,
    propose_number,
    protocol_draft_due,
    refusal,
)
from app.domain.regulation import (
    AI_COUNCIL_881,
    SUPERVISORY_BOARD_690,
    DayCount,
    Deadline,
    RegulationProfile,
)

S = MeetingState
A = MeetingAction
DAY = date(2026, 4, 15)

EXPECTED = {
    (S.PLANNED, A.APPROVE_AGENDA): S.AGENDA_APPROVED,
    (S.PLANNED, A.POSTPONE): S.POSTPONED,
    (S.PLANNED, A.CANCEL): S.CANCELLED,
    (S.PLANNED, A.EDIT_DETAILS): S.PLANNED,
    (S.PLANNED, A.EDIT_AGENDA): S.PLANNED,
    (S.AGENDA_APPROVED, A.NOTIFY): S.NOTIFIED,
    (S.AGENDA_APPROVED, A.POSTPONE): S.POSTPONED,
    (S.AGENDA_APPROVED, A.CANCEL): S.CANCELLED,
    (S.AGENDA_APPROVED, A.EDIT_DETAILS): S.AGENDA_APPROVED,
    (S.AGENDA_APPROVED, A.EDIT_AGENDA): S.PLANNED,
    (S.NOTIFIED, A.NOTIFY): S.NOTIFIED,
    (S.NOTIFIED, A.MARK_HELD): S.HELD,
    (S.NOTIFIED, A.POSTPONE): S.POSTPONED,
    (S.NOTIFIED, A.CANCEL): S.CANCELLED,
    (S.NOTIFIED, A.EDIT_DETAILS): S.AGENDA_APPROVED,
    (S.NOTIFIED, A.EDIT_AGENDA): S.PLANNED,
    (S.HELD, A.CLOSE): S.CLOSED,
    (S.POSTPONED, A.REPLAN): S.PLANNED,
    (S.POSTPONED, A.CANCEL): S.CANCELLED,
    (S.POSTPONED, A.EDIT_AGENDA): S.POSTPONED,
}
PAIRS = [(state, action) for state in S for action in A]


# -- the state machine ------------------------------------------------------------------


def test_the_table_is_the_documented_one() -> None:
    table = {
        (state, action): target
        for state, actions in TRANSITIONS.items()
        for action, target in actions.items()
    }
    assert table == EXPECTED
    assert set(TRANSITIONS) == set(S)


@pytest.mark.parametrize(("state", "action"), [p for p in PAIRS if p in EXPECTED])
def test_allowed_transitions_lead_where_the_table_says(
    state: MeetingState, action: MeetingAction
) -> None:
    assert can(action, state)
    assert action in allowed_actions(state)
    assert guard(action, state, number=3) is EXPECTED[(state, action)]


@pytest.mark.parametrize(("state", "action"), [p for p in PAIRS if p not in EXPECTED])
def test_every_other_transition_is_refused_with_its_reason(
    state: MeetingState, action: MeetingAction
) -> None:
    assert not can(action, state)
    with pytest.raises(DomainError) as refused:
        guard(action, state, number=3)
    text = refused.value.message()
    assert "No. 3" in text
    # The message names the state, or says it in other words.
    in_other_words = (
        "already",
        "has not approved its agenda",
        "is postponed;",
        "have not been notified",
    )
    assert MEETING_STATE_LABELS[state] in text or any(w in text for w in in_other_words)


def test_refusals_name_the_state_in_the_documents_language() -> None:
    with pytest.raises(DomainError) as refused:
        guard(A.CLOSE, S.PLANNED, number=7)
    assert refused.value.message() == (
        "Meeting No. 7 cannot be closed: it is in the state “Planned”; only a held meeting "
        "is closed."
    )
    kk = i18n.translations("kk")
    assert i18n.translations("kk").gettext("Planned") in refused.value.message(kk)


def test_clearer_words_for_repeated_actions() -> None:
    with pytest.raises(DomainError, match="already approved"):
        guard(A.APPROVE_AGENDA, S.NOTIFIED, number=1)
    with pytest.raises(DomainError, match="already cancelled"):
        guard(A.CANCEL, S.CANCELLED, number=1)
    with pytest.raises(DomainError, match="has not approved its agenda"):
        guard(A.NOTIFY, S.PLANNED, number=1)
    with pytest.raises(DomainError, match="plan it again for a new date"):
        guard(A.EDIT_DETAILS, S.POSTPONED, number=1)


def test_the_whole_life_of_a_meeting() -> None:
    state = S.PLANNED
    for action in (A.APPROVE_AGENDA, A.NOTIFY, A.MARK_HELD, A.CLOSE):
        state = guard(action, state, number=1)
    assert state is S.CLOSED
    assert allowed_actions(S.CLOSED) == frozenset()
    assert allowed_actions(S.CANCELLED) == frozenset()


@given(st.lists(st.sampled_from(list(A)), max_size=30))
def test_held_meetings_never_go_back_and_agendas_of_the_past_stay_fixed(
    actions: list[MeetingAction],
) -> None:
    state = S.PLANNED
    held = False
    for action in actions:
        if not can(action, state):
            continue
        state = guard(action, state, number=1)
        held = held or state is S.HELD
        if held:
            assert state in (S.HELD, S.CLOSED)
        if state in (S.HELD, S.CLOSED, S.CANCELLED):
            assert not can(A.EDIT_AGENDA, state)
            assert not can(A.EDIT_DETAILS, state)


# -- the other guards -------------------------------------------------------------------


def test_an_empty_agenda_is_not_approved() -> None:
    with pytest.raises(DomainError, match=r"agenda of meeting No\. 2 is empty"):
        check_agenda_not_empty(0, number=2)
    check_agenda_not_empty(1, number=2)


def test_a_meeting_is_held_on_or_after_its_date() -> None:
    check_not_in_future(DAY, DAY, number=1)
    with pytest.raises(DomainError, match="still ahead"):
        check_not_in_future(DAY, date(2026, 4, 14), number=1)


def test_postponing_and_cancelling_say_why() -> None:
    with pytest.raises(DomainError, match="postponed"):
        check_reason("", A.POSTPONE)
    with pytest.raises(DomainError, match="cancelled"):
        check_reason("", A.CANCEL)
    check_reason("The chair is abroad.", A.POSTPONE)


def test_the_end_comes_after_the_start() -> None:
    check_times(time(10), time(12))
    check_times(time(10), None)
    with pytest.raises(DomainError, match="starts at 10:00 and ends at 09:30"):
        check_times(time(10), time(9, 30))
    with pytest.raises(DomainError, match="must end after it starts"):
        check_times(time(10), time(10))


# -- numbers ----------------------------------------------------------------------------


def test_numbers_are_proposed_after_the_highest() -> None:
    assert propose_number([]) == 1
    assert propose_number([1, 2, 5]) == 6


def test_numbers_are_unique_per_council_and_year() -> None:
    assert check_number(4, [1, 2, 3], year=2026) == 4
    with pytest.raises(DomainError, match=r"already has a meeting No. 2 in 2026.*No. 4 is free"):
        check_number(2, [1, 2, 3], year=2026)
    for bad in (0, -1, True, "3", 2.0):
        with pytest.raises(DomainError, match="whole number"):
            check_number(bad, [], year=2026)


# -- presiding --------------------------------------------------------------------------


def seat(seat_id: int, role: Role) -> SeatFacts:
    return SeatFacts(seat_id, role, SeatKind.PERSONAL, Period(date(2025, 1, 1)), person_id=seat_id)


def member(seat_id: int, role: Role, person: int | None) -> Member:
    return Member(seat(seat_id, role), person)


CHAIR, DEPUTY, SECRETARY, MEMBER, OUTSIDER = 1, 2, 3, 4, 99
FULL = [
    member(1, Role.CHAIR, CHAIR),
    member(2, Role.DEPUTY_CHAIR, DEPUTY),
    member(3, Role.SECRETARY, SECRETARY),
    member(4, Role.MEMBER, MEMBER),
]
CHAIR_VACANT = [member(1, Role.CHAIR, None), *FULL[1:]]


def test_the_chair_presides_by_default() -> None:
    assert choose_presiding(MeetingKind.REGULAR, DAY, FULL) == CHAIR
    assert choose_presiding(MeetingKind.EXTRAORDINARY, DAY, FULL) == CHAIR


def test_the_deputy_presides_when_the_chair_is_vacant_or_absent() -> None:
    assert choose_presiding(MeetingKind.REGULAR, DAY, CHAIR_VACANT) == DEPUTY
    assert choose_presiding(MeetingKind.REGULAR, DAY, FULL, named=DEPUTY) == DEPUTY


def test_a_session_without_a_chair_seat_is_refused() -> None:
    with pytest.raises(DomainError, match="had no chair on 15/04/2026"):
        choose_presiding(MeetingKind.REGULAR, DAY, FULL[1:])
    with pytest.raises(DomainError, match="had no chair"):
        choose_presiding(MeetingKind.EXTRAORDINARY, DAY, [])


def test_a_vacant_chair_without_a_deputy_is_refused() -> None:
    with pytest.raises(DomainError, match="vacant and no deputy chair"):
        choose_presiding(MeetingKind.REGULAR, DAY, [member(1, Role.CHAIR, None), FULL[3]])


def test_only_the_chair_or_a_deputy_presides_over_a_session() -> None:
    for someone in (MEMBER, SECRETARY, OUTSIDER):
        with pytest.raises(DomainError, match="holds neither seat"):
            choose_presiding(MeetingKind.REGULAR, DAY, FULL, named=someone)


def test_interim_and_thematic_meetings_may_name_anyone() -> None:
    # 004 §31: the head of the Presidential Administration presides over interim meetings.
    assert choose_presiding(MeetingKind.INTERIM, DAY, FULL, named=OUTSIDER) == OUTSIDER
    assert choose_presiding(MeetingKind.THEMATIC, DAY, [], named=OUTSIDER) == OUTSIDER
    assert choose_presiding(MeetingKind.INTERIM, DAY, CHAIR_VACANT) == DEPUTY
    with pytest.raises(DomainError, match="name the person who presides"):
        choose_presiding(MeetingKind.THEMATIC, DAY, [])


def test_co_chairs_preside_over_a_working_group() -> None:
    group = [member(5, Role.CO_CHAIR, 5), member(6, Role.CO_CHAIR, 6), member(7, Role.MEMBER, 7)]
    assert choose_presiding(MeetingKind.REGULAR, DAY, group) == 5
    assert choose_presiding(MeetingKind.REGULAR, DAY, group, named=6) == 6


def test_who_approves_the_agenda() -> None:
    assert default_approver(FULL, presiding=DEPUTY) == CHAIR
    assert default_approver(CHAIR_VACANT, presiding=DEPUTY) == DEPUTY
    assert default_approver([], presiding=OUTSIDER) == OUTSIDER
    check_approver(DEPUTY, FULL, CHAIR, day=DAY)
    check_approver(OUTSIDER, FULL, OUTSIDER, day=DAY)
    with pytest.raises(DomainError, match="approved by the chair or by the person presiding"):
        check_approver(MEMBER, FULL, CHAIR, day=DAY)


# -- the agenda -------------------------------------------------------------------------


def test_sessions_open_with_the_instructions_report_when_the_profile_says_so() -> None:
    ai = AI_COUNCIL_881.profile
    assert opens_with_instructions_report(ai, MeetingKind.REGULAR)
    assert opens_with_instructions_report(ai, MeetingKind.EXTRAORDINARY)
    assert not opens_with_instructions_report(ai, MeetingKind.INTERIM)
    assert not opens_with_instructions_report(ai, MeetingKind.THEMATIC)
    assert not opens_with_instructions_report(SUPERVISORY_BOARD_690.profile, MeetingKind.REGULAR)
    assert set(INSTRUCTIONS_REPORT_TITLES) == {"kk", "ru", "en"}


def test_an_item_needs_a_title_in_some_language() -> None:
    check_item_titles({"kk": "", "ru": "Разное", "en": ""})
    with pytest.raises(DomainError, match="title in at least one language"):
        check_item_titles({"kk": " ", "ru": "", "en": ""})


def test_moving_items() -> None:
    assert moved([10, 20, 30, 40], 10, 2) == [20, 30, 10, 40]
    assert moved([10, 20, 30, 40], 40, 0) == [40, 10, 20, 30]
    assert check_move(3, 4) == 3
    with pytest.raises(
        DomainError, match="no place 5 in the agenda; its places are numbered 1 to 4"
    ):
        check_move(4, 4)
    for bad in (-1, True, "1"):
        with pytest.raises(DomainError, match="no place"):
            check_move(bad, 4)


@given(st.lists(st.integers(), min_size=1, max_size=12, unique=True), st.data())
def test_moving_keeps_every_item_once(order: list[int], data: st.DataObject) -> None:
    item = data.draw(st.sampled_from(order))
    index = data.draw(st.integers(0, len(order) - 1))
    result = moved(order, item, index)
    assert sorted(result) == sorted(order)
    assert result.index(item) == index
    assert [i for i in result if i != item] == [i for i in order if i != item]


# -- deadlines and warnings -------------------------------------------------------------

WEEK = WeekendCalendar()


def test_materials_deadlines_follow_the_kind_of_meeting() -> None:
    ai = AI_COUNCIL_881.profile
    assert materials_deadline(ai, MeetingKind.REGULAR) == Deadline(2, DayCount.MONTHS, "27")
    assert materials_deadline(ai, MeetingKind.INTERIM) == Deadline(15, DayCount.WORKING_DAYS, "36")
    assert materials_deadline(ai, MeetingKind.THEMATIC) == ai.materials_deadline_interim
    only_general = RegulationProfile(materials_deadline=Deadline(10, DayCount.CALENDAR_DAYS))
    assert materials_deadline(only_general, MeetingKind.INTERIM) == Deadline(
        10, DayCount.CALENDAR_DAYS
    )
    assert materials_due(SUPERVISORY_BOARD_690.profile, MeetingKind.REGULAR, DAY, WEEK) is None
    assert materials_due(ai, MeetingKind.REGULAR, DAY, WEEK) == date(2026, 2, 13)  # Sun 15 Feb


def test_protocol_draft_deadlines() -> None:
    ai = AI_COUNCIL_881.profile
    # 004 §30: a month after the session; 004 §38: two weeks after an interim meeting.
    assert protocol_draft_due(ai, MeetingKind.REGULAR, DAY, WEEK) == date(2026, 5, 15)
    assert protocol_draft_due(ai, MeetingKind.INTERIM, DAY, WEEK) == date(2026, 4, 29)
    assert protocol_draft_due(RegulationProfile(), MeetingKind.REGULAR, DAY, WEEK) is None


def test_materials_warnings() -> None:
    due = date(2026, 3, 10)
    overdue = materials_alert(date(2026, 3, 11), due, 2)
    assert overdue is not None and overdue.kind is AlertKind.MATERIALS_OVERDUE
    assert overdue.message() == (
        "Materials were due on 2026-03-10; agenda items still without materials: 2."
    )
    soon = materials_alert(date(2026, 3, 3), due, 1)
    assert soon is not None and soon.kind is AlertKind.MATERIALS_DUE_SOON
    assert str(soon) == "Materials are due on 2026-03-10; agenda items without materials yet: 1."
    assert materials_alert(date(2026, 3, 10), due, 1) is not None  # the due day itself
    assert materials_alert(date(2026, 3, 2), due, 1) is None  # more than a week ahead
    assert materials_alert(date(2026, 3, 11), due, 0) is None  # every item has materials
    assert materials_alert(date(2026, 3, 11), None, 3) is None  # the profile sets no deadline


def test_behind_the_yearly_minimum() -> None:
    today = date(2026, 6, 1)
    assert YearTally(2026, 1, 0, 0).behind(today)
    assert not YearTally(2026, 1, 0, 1).behind(today)  # one session planned
    assert not YearTally(2026, 1, 1, 0).behind(today)
    assert YearTally(2025, 1, 0, 1).behind(today)  # a past year counts what was held
    assert not YearTally(2026, 0, 0, 0).behind(today)  # no minimum in the regulation
    alert = minimum_alert(YearTally(2026, 1, 0, 0), today)
    assert alert is not None and alert.kind is AlertKind.BEHIND_MINIMUM
    assert "sessions required a year: 1; in 2026 held: 0, planned: 0" in alert.message()
    assert minimum_alert(YearTally(2026, 1, 1, 0), today) is None


def test_active_states() -> None:
    assert {S.PLANNED, S.AGENDA_APPROVED, S.NOTIFIED} == ACTIVE_STATES


def test_refusal_says_why_without_raising() -> None:
    assert refusal(MeetingAction.APPROVE_AGENDA, MeetingState.PLANNED, number=3) is None
    why = refusal(MeetingAction.MARK_HELD, MeetingState.AGENDA_APPROVED, number=3)
    assert why is not None
    assert "members have not been notified" in why.message()
    with pytest.raises(DomainError) as refused:
        guard(MeetingAction.MARK_HELD, MeetingState.AGENDA_APPROVED, number=3)
    assert refused.value.message() == why.message()


def test_held_early_only_before_the_start_on_the_day() -> None:
    day = date(2026, 3, 14)
    assert held_early(day, time(10, 0), datetime(2026, 3, 14, 9, 59))
    assert not held_early(day, time(10, 0), datetime(2026, 3, 14, 10, 0))
    assert not held_early(day, time(10, 0), datetime(2026, 3, 15, 8, 0))


def test_a_council_entered_today_is_not_behind() -> None:
    today = date(2026, 3, 14)
    assert YearTally(2026, 4, 0, 0).behind(today)
    assert not YearTally(2026, 4, 0, 0, since=today).behind(today)
    assert YearTally(2026, 4, 0, 0, since=date(2026, 3, 13)).behind(today)
