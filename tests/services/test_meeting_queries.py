"""The meetings list and the meeting page: filters, order, deadlines, countdowns, warnings."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest
from sqlalchemy import update

from app.domain.errors import DomainError, EnvironmentProblem
from app.domain.meeting import AlertKind, MeetingAction, MeetingKind, MeetingState
from app.domain.regulation import AI_COUNCIL_881
from app.models.database import Database
from app.models.meeting import MaterialBlob
from app.services.agenda.attach_material import attach_material
from app.services.councils import archive_council
from app.services.meeting_queries import (
    council_alerts,
    list_meetings,
    material_content,
    meeting_detail,
    notifications_of,
    proposed_number,
)
from app.services.meetings.cancel_meeting import cancel_meeting
from tests.services.meeting_helpers import (
    AT,
    ME,
    World,
    first_item,
    item,
    make_world,
    material_file,
    meeting_in_state,
    plan,
)

AI = AI_COUNCIL_881.profile.with_changes(max_deputy_chairs=1)


def two_councils(database: Database) -> tuple[World, World]:
    return make_world(database), make_world(database, AI)


def test_meetings_across_councils_sorted_by_date_and_time(database: Database) -> None:
    board, ai = two_councils(database)
    late = plan(database, board, day=date(2026, 9, 1))
    afternoon = plan(database, ai, starts_at=time(15), ends_at=None)
    morning = plan(database, board)
    older = plan(database, ai, day=date(2025, 11, 5))
    rows = list_meetings(database, today=date(2026, 4, 1))
    assert [r.meeting.id for r in rows] == [older, morning, afternoon, late]
    assert rows[1].council_name("ru") == "Совет по развитию искусственного интеллекта"
    assert rows[1].presiding.id == board.chair
    assert rows[1].days_left == 14 and rows[0].days_left < 0
    assert [r.meeting.id for r in list_meetings(database, council_id=ai.council_id)] == [
        older,
        afternoon,
    ]
    assert [r.meeting.id for r in list_meetings(database, year=2025)] == [older]


def test_filters_by_state_and_kind(database: Database) -> None:
    board, _ai = two_councils(database)
    planned = plan(database, board)
    interim = plan(database, board, kind=MeetingKind.INTERIM, day=date(2026, 5, 6))
    cancelled = plan(database, board, day=date(2026, 6, 3))
    cancel_meeting(database, ME, cancelled, "Settled by a decree.")
    active = list_meetings(database, states=[MeetingState.PLANNED, MeetingState.NOTIFIED])
    assert [r.meeting.id for r in active] == [planned, interim]
    assert [r.meeting.id for r in list_meetings(database, kinds=[MeetingKind.INTERIM])] == [interim]
    only = list_meetings(database, states=[MeetingState.CANCELLED], kinds=[MeetingKind.REGULAR])
    assert [r.meeting.id for r in only] == [cancelled]
    with pytest.raises(DomainError, match="filter of the meetings list"):
        list_meetings(database, states=["weekly"])  # type: ignore[list-item]


def test_materials_countdown_and_warnings(database: Database, tmp_path: Path) -> None:
    _board, ai = two_councils(database)
    # 004 §27: materials two months before the session of 15 April 2026: Friday 13 February.
    meeting_id = plan(database, ai)
    item(database, meeting_id)
    ahead = list_meetings(database, today=date(2026, 1, 20))[0]
    assert ahead.materials_due == date(2026, 2, 13)
    assert ahead.materials_days_left == 24
    assert ahead.items_without_materials == 2  # the instructions report and the item
    assert ahead.alerts == ()
    soon = list_meetings(database, today=date(2026, 2, 9))[0]
    assert [a.kind for a in soon.alerts] == [AlertKind.MATERIALS_DUE_SOON]
    late = list_meetings(database, today=date(2026, 2, 16))[0]
    assert [a.kind for a in late.alerts] == [AlertKind.MATERIALS_OVERDUE]
    assert late.alerts[0].message() == (
        "Materials were due on 2026-02-13; agenda items still without materials: 2."
    )
    for item_id in [i.id for i in meeting_detail(database, meeting_id).agenda]:
        attach_material(database, ME, item_id, material_file(tmp_path))
    assert list_meetings(database, today=date(2026, 2, 16))[0].alerts == ()


def test_no_warnings_for_meetings_behind_us(database: Database) -> None:
    _board, ai = two_councils(database)
    meeting_id = meeting_in_state(database, ai, MeetingState.HELD)
    row = list_meetings(database, today=date(2026, 5, 1))[0]
    assert row.meeting.id == meeting_id and row.alerts == ()
    assert row.materials_due == date(2026, 2, 13)


def test_councils_behind_their_yearly_minimum(database: Database) -> None:
    board, ai = two_councils(database)
    today = date(2026, 6, 1)
    behind = council_alerts(database, today=today)
    # Seed 000's board has no minimum; seed 004's council must meet once a year (004 §25).
    assert [a.council_id for a in behind] == [ai.council_id]
    assert behind[0].alert.kind is AlertKind.BEHIND_MINIMUM
    assert (behind[0].tally.required, behind[0].tally.held, behind[0].tally.planned) == (1, 0, 0)
    plan(database, ai, kind=MeetingKind.INTERIM, day=date(2026, 7, 1))  # not a session
    assert council_alerts(database, today=today) != []
    session = plan(database, ai, day=date(2026, 10, 7))
    assert council_alerts(database, today=today) == []
    cancel_meeting(database, ME, session, "Settled by a decree.")
    assert council_alerts(database, council_id=ai.council_id, today=today) != []
    # A past year counts only what was held.
    plan(database, ai, day=date(2025, 12, 10))
    assert council_alerts(database, year=2025, today=today) != []
    assert council_alerts(database, council_id=board.council_id, today=today) == []
    archive_council(database, ME, ai.council_id)
    assert council_alerts(database, today=today) == []


def test_the_meeting_page(database: Database) -> None:
    _board, ai = two_councils(database)
    meeting_id = meeting_in_state(database, ai, MeetingState.NOTIFIED)
    detail = meeting_detail(database, meeting_id, today=date(2026, 4, 10))
    assert detail.meeting.state is MeetingState.NOTIFIED
    assert detail.council_name("en") == "Council for the development of artificial intelligence"
    assert detail.presiding.id == ai.chair and detail.approver is not None
    assert detail.approver.id == ai.chair
    assert [i.is_instructions_report for i in detail.agenda] == [True, False]
    assert detail.member_ids == {ai.chair, ai.deputy, ai.secretary, *ai.members}
    assert detail.days_left == 5
    assert detail.materials_due == date(2026, 2, 13) and detail.materials_days_left == -56
    assert detail.protocol_draft_due == date(2026, 5, 15)  # 004 §30: a month after
    assert [a.kind for a in detail.alerts] == [AlertKind.MATERIALS_OVERDUE]
    assert [a.approved_at for a in detail.approvals] == [AT]
    assert detail.revisions == ()
    assert len(detail.notifications) == 2 * len(detail.member_ids)
    assert notifications_of(database, meeting_id) == detail.notifications
    assert detail.allowed_actions == {
        MeetingAction.NOTIFY,
        MeetingAction.MARK_HELD,
        MeetingAction.POSTPONE,
        MeetingAction.CANCEL,
        MeetingAction.EDIT_DETAILS,
        MeetingAction.EDIT_AGENDA,
    }


def test_the_page_warns_when_the_council_is_behind(database: Database) -> None:
    _board, ai = two_councils(database)
    interim = plan(database, ai, kind=MeetingKind.INTERIM)
    kinds = [a.kind for a in meeting_detail(database, interim, today=date(2026, 1, 5)).alerts]
    assert AlertKind.BEHIND_MINIMUM in kinds


def test_the_proposed_number(database: Database) -> None:
    board, _ai = two_councils(database)
    assert proposed_number(database, board.council_id, 2026) == 1
    plan(database, board, number=7)
    assert proposed_number(database, board.council_id, 2026) == 8
    assert proposed_number(database, board.council_id, 2027) == 1


def test_a_damaged_stored_file_is_reported(database: Database, tmp_path: Path) -> None:
    board, _ai = two_councils(database)
    meeting_id = meeting_in_state(database, board, MeetingState.PLANNED)
    material = attach_material(
        database, ME, first_item(database, meeting_id), material_file(tmp_path)
    ).created_id
    assert material is not None
    with database.transaction() as session:
        session.execute(update(MaterialBlob).values(data=b"tampered"))
    with pytest.raises(EnvironmentProblem, match="damaged"):
        material_content(database, material)
