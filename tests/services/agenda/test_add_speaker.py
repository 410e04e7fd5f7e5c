"""Speakers on an item: members, people from the register, invited persons by name."""

from __future__ import annotations

import pytest

from app.domain.errors import DomainError, NotFoundError
from app.domain.meeting import MeetingState
from app.models.database import Database
from app.services.agenda.add_speaker import SpeakerData, add_speaker
from app.services.meeting_detail import meeting_detail
from app.services.people import archive_person
from tests.services.meeting_helpers import (
    ME,
    audit_actions,
    counts,
    first_item,
    make_world,
    meeting_in_state,
)

FROZEN = (MeetingState.HELD, MeetingState.CLOSED, MeetingState.CANCELLED)
INVITED = SpeakerData(
    name="Jane Smith",
    position_en="Vice-President",
    position_ru="вице-президент",
    organisation_en="IDC Europe",
)


def test_members_and_invited_persons_speak(database: Database) -> None:
    world = make_world(database)
    meeting_id = meeting_in_state(database, world, MeetingState.PLANNED)
    item_id = first_item(database, meeting_id)
    member = add_speaker(
        database, ME, item_id, SpeakerData(person_id=world.deputy, position_kk="министр")
    )
    assert member.item_id == item_id and member.created_id is not None
    invited = add_speaker(database, ME, item_id, INVITED)
    outsider = add_speaker(database, ME, item_id, SpeakerData(person_id=world.outsider))
    speakers = outsider.agenda[0].speakers
    assert [s.display_name("en") for s in speakers] == [
        "Aigerim Zhaksylykova",
        "Jane Smith",
        "Anna Keller",
    ]
    assert speakers[0].display_name("kk") == "Жақсылықова Әйгерім"
    assert speakers[1].position("kk") == "вице-президент"  # falls back to another language
    assert speakers[1].organisation("ru") == "IDC Europe"
    detail = meeting_detail(database, meeting_id)
    assert world.deputy in detail.member_ids and world.outsider not in detail.member_ids
    assert invited.created_id == speakers[1].id
    assert audit_actions(database)[-1] == "item_speaker.create"


def test_a_speaker_needs_a_person_or_a_name_and_speaks_once(database: Database) -> None:
    world = make_world(database)
    meeting_id = meeting_in_state(database, world, MeetingState.PLANNED)
    item_id = first_item(database, meeting_id)
    add_speaker(database, ME, item_id, SpeakerData(person_id=world.chair))
    add_speaker(database, ME, item_id, INVITED)
    before = counts(database)
    with pytest.raises(DomainError, match="person from the register or a name"):
        add_speaker(database, ME, item_id, SpeakerData(position_en="Minister"))
    with pytest.raises(DomainError, match="Әбенов Нұрлан already speaks on this item"):
        add_speaker(database, ME, item_id, SpeakerData(person_id=world.chair))
    with pytest.raises(DomainError, match="JANE SMITH already speaks"):
        add_speaker(database, ME, item_id, SpeakerData(name="JANE SMITH"))
    with pytest.raises(NotFoundError, match="Person #999"):
        add_speaker(database, ME, item_id, SpeakerData(person_id=999))
    archive_person(database, ME, world.outsider)
    before = counts(database)
    with pytest.raises(DomainError, match="archived"):
        add_speaker(database, ME, item_id, SpeakerData(person_id=world.outsider))
    assert counts(database) == before


def test_after_approval_a_new_speaker_is_recorded(database: Database) -> None:
    world = make_world(database)
    meeting_id = meeting_in_state(database, world, MeetingState.NOTIFIED)
    change = add_speaker(database, ME, first_item(database, meeting_id), INVITED)
    assert change.approval_revoked and change.meeting.state is MeetingState.PLANNED
    revision = meeting_detail(database, meeting_id).revisions[-1]
    assert revision.details["speaker"] == "Jane Smith"


@pytest.mark.parametrize("state", FROZEN)
def test_refused_once_held_closed_or_cancelled(database: Database, state: MeetingState) -> None:
    world = make_world(database)
    meeting_id = meeting_in_state(database, world, state)
    before = counts(database)
    with pytest.raises(DomainError, match="can no longer be changed"):
        add_speaker(database, ME, first_item(database, meeting_id), INVITED)
    assert counts(database) == before
