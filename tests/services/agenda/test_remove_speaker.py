"""Removing a speaker from an item."""

from __future__ import annotations

import pytest

from app.domain.errors import DomainError, NotFoundError
from app.domain.meeting import MeetingState
from app.models.database import Database
from app.services.agenda.add_speaker import SpeakerData, add_speaker
from app.services.agenda.remove_speaker import remove_speaker
from app.services.meeting_detail import meeting_detail
from app.services.meetings.approve_agenda import approve_agenda
from tests.services.meeting_helpers import (
    ME,
    audit_actions,
    counts,
    drive_to,
    first_item,
    make_world,
    meeting_in_state,
)

FROZEN = (MeetingState.HELD, MeetingState.CLOSED, MeetingState.CANCELLED)


def test_a_speaker_is_removed_and_the_others_keep_their_order(database: Database) -> None:
    world = make_world(database)
    meeting_id = meeting_in_state(database, world, MeetingState.PLANNED)
    item_id = first_item(database, meeting_id)
    first = add_speaker(database, ME, item_id, SpeakerData(person_id=world.chair)).created_id
    add_speaker(database, ME, item_id, SpeakerData(name="Jane Smith"))
    add_speaker(database, ME, item_id, SpeakerData(person_id=world.members[1]))
    assert first is not None
    change = remove_speaker(database, ME, first)
    assert [s.display_name("kk") for s in change.agenda[0].speakers] == [
        "Jane Smith",
        "Исаев Болат",
    ]
    assert audit_actions(database)[-1] == "item_speaker.delete"
    with pytest.raises(NotFoundError, match="Speaker #"):
        remove_speaker(database, ME, first)


def test_after_approval_the_removal_is_recorded(database: Database) -> None:
    world = make_world(database)
    meeting_id = meeting_in_state(database, world, MeetingState.PLANNED)
    speaker = add_speaker(
        database, ME, first_item(database, meeting_id), SpeakerData(name="Jane Smith")
    ).created_id
    assert speaker is not None
    approve_agenda(database, ME, meeting_id)
    change = remove_speaker(database, ME, speaker)
    assert change.approval_revoked
    assert meeting_detail(database, meeting_id).revisions[-1].details["speaker"] == "Jane Smith"


@pytest.mark.parametrize("state", FROZEN)
def test_refused_once_held_closed_or_cancelled(database: Database, state: MeetingState) -> None:
    world = make_world(database)
    meeting_id = meeting_in_state(database, world, MeetingState.PLANNED)
    speaker = add_speaker(
        database, ME, first_item(database, meeting_id), SpeakerData(name="Jane Smith")
    ).created_id
    assert speaker is not None
    drive_to(database, meeting_id, state)
    before = counts(database)
    with pytest.raises(DomainError, match="can no longer be changed"):
        remove_speaker(database, ME, speaker)
    assert counts(database) == before
