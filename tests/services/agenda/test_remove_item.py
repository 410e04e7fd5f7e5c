"""Removing an agenda item with its speakers and materials."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.domain.errors import DomainError, NotFoundError
from app.domain.meeting import MeetingState
from app.models.database import Database
from app.services.agenda.add_item import add_item
from app.services.agenda.add_speaker import SpeakerData, add_speaker
from app.services.agenda.attach_material import attach_material
from app.services.agenda.common import ItemData
from app.services.agenda.remove_item import remove_item
from app.services.meeting_detail import meeting_detail
from app.services.meetings.approve_agenda import approve_agenda
from tests.services.meeting_helpers import (
    ME,
    audit_actions,
    counts,
    first_item,
    item,
    make_world,
    material_file,
    meeting_in_state,
    plan,
)

FROZEN = (MeetingState.HELD, MeetingState.CLOSED, MeetingState.CANCELLED)


def test_the_items_after_it_move_up(database: Database, tmp_path: Path) -> None:
    world = make_world(database)
    meeting_id = plan(database, world)
    first = item(database, meeting_id, "Бірінші")
    second = item(database, meeting_id, "Екінші")
    item(database, meeting_id, "Үшінші")
    add_speaker(database, ME, second, SpeakerData(person_id=world.members[0]))
    shared = material_file(tmp_path, "ортақ.pdf", b"%PDF shared")
    own = material_file(tmp_path, "жеке.pdf", b"%PDF own")
    attach_material(database, ME, second, shared)
    attach_material(database, ME, second, own)
    attach_material(database, ME, first, shared)
    before = counts(database)
    change = remove_item(database, ME, second)
    assert [(i.number, i.title("kk")) for i in change.agenda] == [(1, "Бірінші"), (2, "Үшінші")]
    after = counts(database)
    assert after["agenda_items"] == before["agenda_items"] - 1
    assert after["item_speakers"] == before["item_speakers"] - 1
    assert after["materials"] == before["materials"] - 2
    # The file only the removed item used is gone; the shared one stays for the first item.
    assert after["material_blobs"] == before["material_blobs"] - 1
    assert audit_actions(database)[-1] == "agenda_item.delete"


def test_after_approval_the_removal_is_recorded(database: Database) -> None:
    world = make_world(database)
    meeting_id = meeting_in_state(database, world, MeetingState.AGENDA_APPROVED)
    add_item(database, ME, meeting_id, ItemData(title_en="Other matters"))
    approve_agenda(database, ME, meeting_id)
    change = remove_item(database, ME, first_item(database, meeting_id))
    assert change.approval_revoked and change.meeting.state is MeetingState.PLANNED
    revision = meeting_detail(database, meeting_id).revisions[-1]
    assert revision.action == "agenda_item.delete"
    assert revision.details["before"]["title_kk"] == "Жасанды интеллект стратегиясы"


def test_an_unknown_item(database: Database) -> None:
    with pytest.raises(NotFoundError, match="Agenda item #7 does not exist"):
        remove_item(database, ME, 7)


@pytest.mark.parametrize("state", FROZEN)
def test_refused_once_held_closed_or_cancelled(database: Database, state: MeetingState) -> None:
    world = make_world(database)
    meeting_id = meeting_in_state(database, world, state)
    before = counts(database)
    with pytest.raises(DomainError, match="can no longer be changed"):
        remove_item(database, ME, first_item(database, meeting_id))
    assert counts(database) == before
