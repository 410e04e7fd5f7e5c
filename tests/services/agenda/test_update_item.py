"""Correcting an agenda item; an unchanged item changes nothing."""

from __future__ import annotations

import pytest

from app.domain.errors import DomainError
from app.domain.meeting import MeetingState
from app.models.database import Database
from app.services.agenda.common import ItemData
from app.services.agenda.update_item import update_item
from app.services.meeting_detail import meeting_detail
from tests.services.meeting_helpers import (
    ME,
    audit_actions,
    counts,
    first_item,
    make_world,
    meeting_in_state,
)

SAME = ItemData(
    title_kk="Жасанды интеллект стратегиясы", title_ru="Стратегия ИИ", title_en="AI strategy"
)
FROZEN = (MeetingState.HELD, MeetingState.CLOSED, MeetingState.CANCELLED)


def test_an_item_is_corrected(database: Database) -> None:
    world = make_world(database)
    meeting_id = meeting_in_state(database, world, MeetingState.PLANNED)
    item_id = first_item(database, meeting_id)
    change = update_item(
        database, ME, item_id, ItemData(title_kk="Жаңа атау", responsible_kk="Министрлік")
    )
    assert change.agenda[0].titles == {"kk": "Жаңа атау", "ru": "", "en": ""}
    assert change.agenda[0].responsible_body("ru") == "Министрлік"
    assert audit_actions(database)[-1] == "agenda_item.update"


def test_after_approval_the_change_is_recorded(database: Database) -> None:
    world = make_world(database)
    meeting_id = meeting_in_state(database, world, MeetingState.NOTIFIED)
    item_id = first_item(database, meeting_id)
    unchanged = update_item(database, ME, item_id, SAME)
    assert not unchanged.changed and unchanged.meeting.state is MeetingState.NOTIFIED
    change = update_item(database, ME, item_id, ItemData(title_kk="Жаңа атау"))
    assert change.approval_revoked and change.meeting.state is MeetingState.PLANNED
    revision = meeting_detail(database, meeting_id).revisions[-1]
    assert revision.details["before"]["title_kk"] == "Жасанды интеллект стратегиясы"
    assert revision.details["after"] == {"title_kk": "Жаңа атау", "title_ru": "", "title_en": ""}


def test_bad_input_is_refused(database: Database) -> None:
    world = make_world(database)
    meeting_id = meeting_in_state(database, world, MeetingState.AGENDA_APPROVED)
    item_id = first_item(database, meeting_id)
    before = counts(database)
    with pytest.raises(DomainError, match="title in at least one language"):
        update_item(database, ME, item_id, ItemData())
    with pytest.raises(DomainError, match="changed by someone else"):
        update_item(database, ME, item_id, ItemData(title_kk="X"), expected_version=42)
    assert counts(database) == before
    assert meeting_detail(database, meeting_id).meeting.state is MeetingState.AGENDA_APPROVED


@pytest.mark.parametrize("state", FROZEN)
def test_refused_once_held_closed_or_cancelled(database: Database, state: MeetingState) -> None:
    world = make_world(database)
    meeting_id = meeting_in_state(database, world, state)
    before = counts(database)
    with pytest.raises(DomainError, match="can no longer be changed"):
        update_item(database, ME, first_item(database, meeting_id), ItemData(title_kk="X"))
    assert counts(database) == before
