"""Notifying the members: the notice PDF and an invitation each, recorded round by round."""

from __future__ import annotations

from datetime import timedelta

import pytest
from icalendar import Calendar

from app.domain.errors import DomainError
from app.domain.meeting import MeetingState
from app.models.database import Database
from app.services.agenda.add_speaker import SpeakerData, add_speaker
from app.services.meetings.approve_agenda import approve_agenda
from app.services.meetings.notify_members import notify_members
from app.services.meetings.update_meeting import update_meeting
from tests.services.meeting_helpers import (
    ALL_STATES,
    AT,
    ME,
    audit_actions,
    counts,
    item,
    make_world,
    meeting_data,
    meeting_in_state,
    plan,
)

ALLOWED = (MeetingState.AGENDA_APPROVED, MeetingState.NOTIFIED)


def test_every_member_gets_the_notice_and_an_invitation(database: Database) -> None:
    world = make_world(database)
    meeting_id = meeting_in_state(database, world, MeetingState.AGENDA_APPROVED)
    done = notify_members(database, ME, meeting_id, "ru", at=AT)
    assert done.meeting.state is MeetingState.NOTIFIED
    assert done.previous is MeetingState.AGENDA_APPROVED
    assert done.round == 1
    assert done.notice.data.startswith(b"%PDF")
    assert done.notice.file_name == "Уведомление-1-2026-04-15-ru.pdf"
    assert {i.file_name for i in done.invitations} == {
        f"{i.name}-1-2026-04-15.ics" for i in done.invitations
    }
    everyone = {world.chair, world.deputy, world.secretary, *world.members}
    assert {i.person_id for i in done.invitations} == everyone
    assert len(done.notifications) == 2 * len(everyone)
    pdf_rows = [n for n in done.notifications if n.channel == "pdf"]
    assert {n.file_sha256 for n in pdf_rows} == {done.notice.sha256}
    assert {n.notified_at for n in done.notifications} == {AT}
    assert {n.lang for n in done.notifications} == {"ru"}
    ics = {n.person_id: n.file_sha256 for n in done.notifications if n.channel == "ics"}
    assert ics == {i.person_id: i.sha256 for i in done.invitations}
    assert "meeting.notify" in audit_actions(database)


def test_notifying_again_is_a_new_round_and_a_newer_invitation(database: Database) -> None:
    world = make_world(database)
    meeting_id = meeting_in_state(database, world, MeetingState.NOTIFIED)
    again = notify_members(database, ME, meeting_id, "kk", at=AT + timedelta(days=1))
    assert again.round == 2 and again.previous is MeetingState.NOTIFIED
    event = Calendar.from_ical(again.invitations[0].data).walk("VEVENT")[0]
    assert int(event["SEQUENCE"]) == 1


def test_invited_speakers_are_notified_too(database: Database) -> None:
    world = make_world(database)
    meeting_id = plan(database, world)
    item_id = item(database, meeting_id)
    add_speaker(database, ME, item_id, SpeakerData(person_id=world.outsider))
    approve_agenda(database, ME, meeting_id, at=AT)
    done = notify_members(database, ME, meeting_id, "en", at=AT)
    invited = [i for i in done.invitations if i.person_id == world.outsider]
    assert len(invited) == 1
    attendee = Calendar.from_ical(invited[0].data).walk("VEVENT")[0]["ATTENDEE"]
    assert attendee.params["ROLE"] == "OPT-PARTICIPANT"
    assert attendee.params["CN"] == "Anna Keller"


@pytest.mark.parametrize("state", [s for s in ALL_STATES if s not in ALLOWED])
def test_refused_before_approval_and_after_the_meeting(
    database: Database, state: MeetingState
) -> None:
    world = make_world(database)
    meeting_id = meeting_in_state(database, world, state)
    before = counts(database)
    with pytest.raises(DomainError, match=r"No\. 1"):
        notify_members(database, ME, meeting_id, "kk", at=AT)
    assert counts(database) == before


def test_a_meeting_without_a_place_is_refused(database: Database) -> None:
    world = make_world(database)
    meeting_id = meeting_in_state(database, world, MeetingState.AGENDA_APPROVED)
    update_meeting(database, ME, meeting_id, meeting_data(place_kk="", place_ru="", place_en=""))
    before = counts(database)
    with pytest.raises(DomainError, match="has no place yet"):
        notify_members(database, ME, meeting_id, "kk", at=AT)
    assert counts(database) == before


def test_documents_come_in_three_languages_only(database: Database) -> None:
    world = make_world(database)
    meeting_id = meeting_in_state(database, world, MeetingState.AGENDA_APPROVED)
    before = counts(database)
    with pytest.raises(DomainError, match="Kazakh, Russian or English"):
        notify_members(database, ME, meeting_id, "de", at=AT)
    assert counts(database) == before
