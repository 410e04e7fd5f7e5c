"""Adding agenda items; after approval the agenda needs approval again and the change is kept."""

from __future__ import annotations

import pytest

from app.domain.errors import DomainError, NotFoundError
from app.domain.meeting import MeetingAction, MeetingState, can
from app.models.database import Database
from app.services.agenda.add_item import add_item
from app.services.agenda.common import ItemData
from app.services.meeting_detail import meeting_detail
from tests.services.meeting_helpers import (
    ALL_STATES,
    ME,
    audit_actions,
    counts,
    make_world,
    meeting_in_state,
    plan,
)

FROZEN = (MeetingState.HELD, MeetingState.CLOSED, MeetingState.CANCELLED)


def test_items_are_added_at_the_end_or_at_a_place(database: Database) -> None:
    world = make_world(database)
    meeting_id = plan(database, world)
    first = add_item(
        database,
        ME,
        meeting_id,
        ItemData(
            title_kk=" Стратегия туралы ",
            title_ru="О стратегии",
            responsible_ru="Министерство цифрового развития",
        ),
    )
    assert first.changed and not first.approval_revoked and first.revision_id is None
    assert first.agenda[0].title("kk") == "Стратегия туралы"
    assert first.agenda[0].responsible_body("en") == "Министерство цифрового развития"
    add_item(database, ME, meeting_id, ItemData(title_en="Other matters"))
    middle = add_item(database, ME, meeting_id, ItemData(title_ru="Бюджет"), index=1)
    assert [i.title("ru") for i in middle.agenda] == ["О стратегии", "Бюджет", "Other matters"]
    assert [i.number for i in middle.agenda] == [1, 2, 3]
    assert middle.item_id == middle.agenda[1].id
    assert middle.meeting.item_count == 3
    assert audit_actions(database)[-1] == "agenda_item.create"


def test_an_item_without_any_title_is_refused(database: Database) -> None:
    world = make_world(database)
    meeting_id = plan(database, world)
    before = counts(database)
    with pytest.raises(DomainError, match="title in at least one language"):
        add_item(database, ME, meeting_id, ItemData(title_kk="  ", responsible_en="Ministry"))
    with pytest.raises(DomainError, match="no place 3"):
        add_item(database, ME, meeting_id, ItemData(title_kk="Әртүрлі"), index=2)
    with pytest.raises(NotFoundError, match="Meeting #99"):
        add_item(database, ME, 99, ItemData(title_kk="Әртүрлі"))
    assert counts(database) == before


@pytest.mark.parametrize("state", [MeetingState.AGENDA_APPROVED, MeetingState.NOTIFIED])
def test_after_approval_the_change_is_recorded_and_approval_is_needed_again(
    database: Database, state: MeetingState
) -> None:
    world = make_world(database)
    meeting_id = meeting_in_state(database, world, state)
    change = add_item(database, ME, meeting_id, ItemData(title_en="Other matters"))
    assert change.approval_revoked
    assert change.meeting.state is MeetingState.PLANNED
    assert change.revision_id is not None
    detail = meeting_detail(database, meeting_id)
    revision = detail.revisions[-1]
    assert (revision.action, revision.changed_by, revision.revoked_approval) == (
        "agenda_item.create",
        "secretary",
        True,
    )
    assert revision.details["after"]["title_en"] == "Other matters"
    assert revision.approval_id == detail.approvals[-1].id
    assert "meeting.approval_revoked" in audit_actions(database)
    # A further change while planned again is recorded too, without revoking anything.
    more = add_item(database, ME, meeting_id, ItemData(title_en="Any other business"))
    assert not more.approval_revoked and more.revision_id is not None


def test_a_postponed_meetings_agenda_can_still_be_prepared(database: Database) -> None:
    world = make_world(database)
    meeting_id = meeting_in_state(database, world, MeetingState.POSTPONED)
    change = add_item(database, ME, meeting_id, ItemData(title_kk="Әртүрлі"))
    assert change.meeting.state is MeetingState.POSTPONED


@pytest.mark.parametrize("state", FROZEN)
def test_refused_once_held_closed_or_cancelled(database: Database, state: MeetingState) -> None:
    world = make_world(database)
    meeting_id = meeting_in_state(database, world, state)
    before = counts(database)
    with pytest.raises(DomainError, match="can no longer be changed"):
        add_item(database, ME, meeting_id, ItemData(title_kk="Әртүрлі"))
    assert counts(database) == before


def test_the_frozen_states_are_exactly_these() -> None:
    assert {s for s in ALL_STATES if not can(MeetingAction.EDIT_AGENDA, s)} == set(FROZEN)
