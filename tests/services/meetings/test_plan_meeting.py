"""Planning a meeting: number, date and time, place, presiding, the instructions report."""

from __future__ import annotations

from datetime import date, time

import pytest

from app.domain.composition import Role, SeatKind
from app.domain.errors import DomainError, NotFoundError
from app.domain.meeting import INSTRUCTIONS_REPORT_TITLES, MeetingKind, MeetingState
from app.domain.regulation import AI_COUNCIL_881
from app.models.database import Database
from app.services.councils import CouncilData, create_council
from app.services.meetings.plan_meeting import plan_meeting
from app.services.people import (
    PositionData,
    appoint_to_position,
    archive_person,
    create_position,
    end_holding,
    holders,
)
from app.services.seats import SeatData, add_seat, end_seat
from tests.services.meeting_helpers import (
    DAY,
    ME,
    START,
    audit_actions,
    counts,
    make_world,
    meeting_data,
    person,
)


def test_a_regular_meeting_is_planned_with_the_next_number_and_the_chair(
    database: Database,
) -> None:
    world = make_world(database)
    first = plan_meeting(database, ME, world.council_id, meeting_data())
    meeting = first.meeting
    assert (meeting.number, meeting.year, meeting.day) == (1, 2026, DAY)
    assert (meeting.starts_at, meeting.ends_at) == (time(10), time(12))
    assert meeting.state is MeetingState.PLANNED
    assert meeting.presiding_person_id == world.chair
    assert meeting.place("en") == "Astana, Government House, hall 3"
    assert meeting.state_changed_by == "secretary" and meeting.state_changed_at is not None
    assert first.agenda == ()  # seed 000's board does not open with the instructions report
    second = plan_meeting(database, ME, world.council_id, meeting_data(day=date(2026, 9, 1)))
    assert second.meeting.number == 2
    assert audit_actions(database)[-2:] == ["meeting.plan", "meeting.plan"]


def test_a_session_of_the_ai_council_opens_with_the_instructions_report(
    database: Database,
) -> None:
    world = make_world(database, AI_COUNCIL_881.profile.with_changes(max_deputy_chairs=1))
    planned = plan_meeting(database, ME, world.council_id, meeting_data())
    assert len(planned.agenda) == 1
    report = planned.agenda[0]
    assert report.number == 1 and report.is_instructions_report
    assert report.titles == INSTRUCTIONS_REPORT_TITLES
    assert report.title("ru") == "Отчет об исполнении протокольных поручений предыдущего заседания"
    assert planned.meeting.item_count == 1
    assert "agenda_item.create" in audit_actions(database)
    interim = plan_meeting(
        database, ME, world.council_id, meeting_data(kind=MeetingKind.INTERIM, number=None)
    )
    assert interim.agenda == ()


def test_the_number_can_be_chosen_but_not_twice_in_a_year(database: Database) -> None:
    world = make_world(database)
    assert plan_meeting(database, ME, world.council_id, meeting_data(number=5)).meeting.number == 5
    before = counts(database)
    with pytest.raises(DomainError, match=r"already has a meeting No. 5 in 2026.*No. 6 is free"):
        plan_meeting(database, ME, world.council_id, meeting_data(number=5))
    assert counts(database) == before
    next_year = meeting_data(number=5, day=date(2027, 2, 3))
    assert plan_meeting(database, ME, world.council_id, next_year).meeting.number == 5
    with pytest.raises(DomainError, match="whole number"):
        plan_meeting(database, ME, world.council_id, meeting_data(number=0))
    assert plan_meeting(database, ME, world.council_id, meeting_data()).meeting.number == 6


@pytest.mark.parametrize("ends", [time(9, 0), time(10, 0)])
def test_an_end_before_the_start_is_refused(database: Database, ends: time) -> None:
    world = make_world(database)
    before = counts(database)
    with pytest.raises(DomainError, match="must end after it starts"):
        plan_meeting(database, ME, world.council_id, meeting_data(ends_at=ends))
    assert counts(database) == before


def test_a_meeting_without_an_end_time_is_fine(database: Database) -> None:
    world = make_world(database)
    assert (
        plan_meeting(database, ME, world.council_id, meeting_data(ends_at=None)).meeting.ends_at
        is None
    )


def test_a_session_dated_when_the_council_had_no_chair_is_refused(database: Database) -> None:
    world = make_world(database)
    before = counts(database)
    with pytest.raises(DomainError, match="had no chair on 31/12/2024"):
        plan_meeting(database, ME, world.council_id, meeting_data(day=date(2024, 12, 31)))
    with pytest.raises(DomainError, match="had no chair"):
        plan_meeting(
            database,
            ME,
            world.council_id,
            meeting_data(kind=MeetingKind.EXTRAORDINARY, day=date(2024, 6, 1)),
        )
    assert counts(database) == before


def test_the_deputy_presides_while_the_chairs_seat_is_vacant(database: Database) -> None:
    council = create_council(database, ME, CouncilData(name_kk="Кеңес")).id
    premier = create_position(database, ME, PositionData(title_kk="Премьер-Министр")).id
    first = person(database, "Бірінші")
    appoint_to_position(database, ME, premier, first, START)
    deputy = person(database, "Орынбасар")
    add_seat(
        database, ME, council, SeatData(Role.CHAIR, SeatKind.EX_OFFICIO, START, position_id=premier)
    )
    deputy_seat = add_seat(
        database,
        ME,
        council,
        SeatData(Role.DEPUTY_CHAIR, SeatKind.PERSONAL, START, person_id=deputy),
    ).id
    end_holding(database, ME, holders(database, premier)[0].id, date(2026, 3, 31))
    planned = plan_meeting(database, ME, council, meeting_data())
    assert planned.meeting.presiding_person_id == deputy
    end_seat(database, ME, deputy_seat, date(2026, 3, 31))
    before = counts(database)
    with pytest.raises(DomainError, match="vacant and no deputy chair"):
        plan_meeting(database, ME, council, meeting_data(day=date(2026, 4, 20)))
    assert counts(database) == before
    # An interim meeting may still take place under someone named (004 §31).
    interim = meeting_data(
        kind=MeetingKind.INTERIM, day=date(2026, 4, 20), presiding_person_id=first
    )
    assert plan_meeting(database, ME, council, interim).meeting.presiding_person_id == first


def test_who_may_preside(database: Database) -> None:
    world = make_world(database)
    deputy = plan_meeting(
        database, ME, world.council_id, meeting_data(presiding_person_id=world.deputy)
    )
    assert deputy.meeting.presiding_person_id == world.deputy
    before = counts(database)
    for someone in (world.members[0], world.outsider):
        with pytest.raises(DomainError, match="holds neither seat"):
            plan_meeting(database, ME, world.council_id, meeting_data(presiding_person_id=someone))
    assert counts(database) == before
    thematic = meeting_data(kind=MeetingKind.THEMATIC, presiding_person_id=world.outsider)
    assert (
        plan_meeting(database, ME, world.council_id, thematic).meeting.presiding_person_id
        == world.outsider
    )


def test_an_archived_or_unknown_person_cannot_preside(database: Database) -> None:
    world = make_world(database)
    archive_person(database, ME, world.outsider)
    before = counts(database)
    interim = meeting_data(kind=MeetingKind.INTERIM, presiding_person_id=world.outsider)
    with pytest.raises(DomainError, match="archived"):
        plan_meeting(database, ME, world.council_id, interim)
    with pytest.raises(NotFoundError, match="Presiding #999 does not exist"):
        plan_meeting(database, ME, world.council_id, meeting_data(presiding_person_id=999))
    assert counts(database) == before


def test_bad_input_is_refused(database: Database) -> None:
    world = make_world(database)
    before = counts(database)
    with pytest.raises(NotFoundError, match="Council #999"):
        plan_meeting(database, ME, 999, meeting_data())
    with pytest.raises(DomainError, match="Unknown kind of meeting"):
        plan_meeting(database, ME, world.council_id, meeting_data(kind="weekly"))
    with pytest.raises(DomainError, match="“Start” must be a time of day"):
        plan_meeting(database, ME, world.council_id, meeting_data(starts_at="10:00"))
    with pytest.raises(DomainError, match="“Date” must be a date"):
        plan_meeting(database, ME, world.council_id, meeting_data(day="2026-04-15"))
    with pytest.raises(DomainError, match="control characters"):
        plan_meeting(database, ME, world.council_id, meeting_data(place_ru="зал\x00"))
    assert counts(database) == before
