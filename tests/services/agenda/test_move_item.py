"""Reordering the agenda (drag and drop, or the keyboard)."""

from __future__ import annotations

import pytest

from app.domain.errors import DomainError
from app.domain.meeting import MeetingState
from app.domain.regulation import AI_COUNCIL_881
from app.models.database import Database
from app.services.agenda.move_item import move_item
from app.services.meeting_detail import meeting_detail
from app.services.meetings.approve_agenda import approve_agenda
from tests.services.meeting_helpers import (
    ME,
    audit_actions,
    counts,
    first_item,
    item,
    make_world,
    meeting_in_state,
    plan,
)

FROZEN = (MeetingState.HELD, MeetingState.CLOSED, MeetingState.CANCELLED)


def titles(database: Database, meeting_id: int) -> list[str]:
    return [i.title("kk") for i in meeting_detail(database, meeting_id).agenda]


def test_items_move_down_and_up(database: Database) -> None:
    world = make_world(database, AI_COUNCIL_881.profile.with_changes(max_deputy_chairs=1))
    meeting_id = plan(database, world)  # item 1: the instructions report
    a = item(database, meeting_id, "А")
    item(database, meeting_id, "Ә")
    c = item(database, meeting_id, "Б")
    down = move_item(database, ME, a, 3)
    assert [i.title("kk")[:1] for i in down.agenda] == ["А", "Ә", "Б", "А"]
    assert down.agenda[3].id == a and down.agenda[3].number == 4
    up = move_item(database, ME, c, 0)
    assert up.agenda[0].id == c
    assert up.agenda[1].is_instructions_report
    assert [i.number for i in up.agenda] == [1, 2, 3, 4]
    assert audit_actions(database)[-1] == "agenda_item.move"


def test_moving_to_the_same_place_changes_nothing(database: Database) -> None:
    world = make_world(database)
    meeting_id = meeting_in_state(database, world, MeetingState.NOTIFIED)
    before = counts(database)
    change = move_item(database, ME, first_item(database, meeting_id), 0)
    assert not change.changed and change.meeting.state is MeetingState.NOTIFIED
    assert counts(database) == before


def test_after_approval_a_move_is_recorded(database: Database) -> None:
    world = make_world(database)
    meeting_id = meeting_in_state(database, world, MeetingState.AGENDA_APPROVED)
    second = item(database, meeting_id, "Екінші")  # back to planned; approve again
    approve_agenda(database, ME, meeting_id)
    change = move_item(database, ME, second, 0)
    assert change.approval_revoked
    revision = meeting_detail(database, meeting_id).revisions[-1]
    assert (revision.action, revision.details) == ("agenda_item.move", {"from": 2, "to": 1})


@pytest.mark.parametrize("index", [-1, 2, 10, True])
def test_a_place_outside_the_agenda_is_refused(database: Database, index: int) -> None:
    world = make_world(database)
    meeting_id = plan(database, world)
    first = item(database, meeting_id, "Бірінші")
    item(database, meeting_id, "Екінші")
    before = counts(database)
    with pytest.raises(DomainError, match="numbered 1 to 2"):
        move_item(database, ME, first, index)
    assert counts(database) == before
    assert titles(database, meeting_id) == ["Бірінші", "Екінші"]


@pytest.mark.parametrize("state", FROZEN)
def test_refused_once_held_closed_or_cancelled(database: Database, state: MeetingState) -> None:
    world = make_world(database)
    meeting_id = meeting_in_state(database, world, state)
    before = counts(database)
    with pytest.raises(DomainError, match="can no longer be changed"):
        move_item(database, ME, first_item(database, meeting_id), 0)
    assert counts(database) == before
