"""meeting_detail: what a meeting's page shows, its history and warnings included."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.errors import DomainError, NotFoundError
from app.domain.meeting import AlertKind, MeetingAction, MeetingState
from app.domain.regulation import AI_COUNCIL_881
from app.models.database import Database
from app.services.agenda.common import ItemData
from app.services.agenda.update_item import update_item
from app.services.meeting_detail import meeting_detail, notifications_of
from tests.services.meeting_helpers import (
    AT,
    DAY,
    ME,
    first_item,
    make_world,
    meeting_in_state,
)

TODAY = date(2026, 4, 5)


def test_a_planned_meeting_shows_its_people_agenda_and_countdown(database: Database) -> None:
    world = make_world(database)
    meeting = meeting_in_state(database, world, MeetingState.PLANNED)
    detail = meeting_detail(database, meeting, today=TODAY)
    assert detail.meeting.id == meeting and detail.meeting.state is MeetingState.PLANNED
    assert detail.council_name("en") == "Council for the development of artificial intelligence"
    assert detail.presiding.id == world.chair and detail.approver is None
    assert detail.member_ids == {world.chair, world.deputy, world.secretary, *world.members}
    assert world.outsider not in detail.member_ids
    assert [i.title("en") for i in detail.agenda] == ["AI strategy"]
    assert detail.days_left == (DAY - TODAY).days == 10
    assert MeetingAction.APPROVE_AGENDA in detail.allowed_actions
    assert MeetingAction.CLOSE not in detail.allowed_actions
    assert (detail.approvals, detail.revisions, detail.notifications) == ((), (), ())


def test_approval_notification_and_a_later_change_are_in_the_history(
    database: Database,
) -> None:
    world = make_world(database)
    meeting = meeting_in_state(database, world, MeetingState.NOTIFIED)
    update_item(database, ME, first_item(database, meeting), ItemData(title_kk="Жаңа атауы"))
    detail = meeting_detail(database, meeting, today=TODAY)
    (approval,) = detail.approvals
    assert approval.approved_at == AT and approval.item_count == 1
    assert approval.approver_person_id == world.chair
    (revision,) = detail.revisions
    assert revision.approval_id == approval.id and revision.changed_by == "secretary"
    assert revision.item_id == first_item(database, meeting)
    assert revision.revoked_approval == (detail.meeting.state is MeetingState.PLANNED)
    assert detail.notifications == notifications_of(database, meeting)
    assert {n.person_id for n in detail.notifications} >= {world.chair, *world.members}
    assert all(n.lang == "kk" and n.round == 1 for n in detail.notifications)


def test_a_council_behind_its_minimum_is_warned_on_meetings_ahead_only(
    database: Database,
) -> None:
    profile = AI_COUNCIL_881.profile.with_changes(max_deputy_chairs=1, min_meetings_per_year=4)
    world = make_world(database, profile)
    ahead = meeting_in_state(database, world, MeetingState.PLANNED)
    cancelled = meeting_in_state(database, world, MeetingState.CANCELLED)
    kinds = [a.kind for a in meeting_detail(database, ahead, today=TODAY).alerts]
    assert AlertKind.BEHIND_MINIMUM in kinds
    assert meeting_detail(database, cancelled, today=TODAY).alerts == ()
    detail = meeting_detail(database, ahead, today=TODAY)
    assert detail.materials_deadline is not None and detail.materials_due is not None
    assert detail.materials_days_left == (detail.materials_due - TODAY).days


def test_an_unknown_meeting_or_a_bad_day_is_refused(database: Database) -> None:
    meeting = meeting_in_state(database, make_world(database), MeetingState.PLANNED)
    with pytest.raises(NotFoundError):
        meeting_detail(database, meeting + 1)
    with pytest.raises(DomainError, match="must be a date"):
        meeting_detail(database, meeting, today="2026-04-05")  # type: ignore[arg-type]
