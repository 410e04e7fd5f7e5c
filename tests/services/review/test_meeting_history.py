"""The review in a meeting's history, read back from the audit trail and the remarks."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.meeting import MeetingState
from app.domain.permissions import ReadRefused
from app.models.database import Database
from app.services.accounts.add_account import add_account
from app.services.base import Actor, work_as
from app.services.meetings.approve_agenda import approve_agenda
from app.services.protocols.actions import (
    Signing,
    create_protocol,
    mark_agreed,
    record_agreement,
    sign_protocol,
)
from app.services.review.answer_remark import answer_remark
from app.services.review.common import Subject
from app.services.review.meeting_history import Step, meeting_history
from app.services.review.return_with_remarks import return_with_remarks
from tests.services.meeting_helpers import ME, make_world, meeting_in_state
from tests.services.protocol_helpers import held_meeting

PASSWORD = "correct horse battery"


def test_the_agenda_returned_answered_and_approved(database: Database) -> None:
    world = make_world(database)
    meeting = meeting_in_state(database, world, MeetingState.PLANNED)
    assert meeting_history(database, meeting) == []
    remark = return_with_remarks(database, Actor("chair"), meeting, "agenda", "Баяндамашы?")
    answer_remark(database, ME, remark.id, "Қосылды.")
    approve_agenda(database, Actor("chair"), meeting)
    steps = meeting_history(database, meeting)
    assert [s.step for s in steps] == [Step.RETURNED, Step.ANSWERED, Step.AGENDA_APPROVED]
    assert [s.by for s in steps] == ["chair", ME.name, "chair"]
    assert [s.text for s in steps] == ["Баяндамашы?", "Қосылды.", ""]
    assert {s.subject for s in steps} == {Subject.AGENDA}
    assert steps[0].at <= steps[1].at <= steps[2].at


def test_the_protocol_agreed_and_signed_and_hidden_from_members_as_a_draft(
    database: Database,
) -> None:
    held = held_meeting(database)
    meeting = held.board.meeting_id
    protocol = create_protocol(database, ME, meeting).id
    return_with_remarks(database, Actor("chair"), meeting, "protocol", "2-тармақты нақтылаңыз.")
    record_agreement(database, ME, protocol, "Қаржы министрлігі", date(2024, 3, 18), "Ескертусіз")
    mark_agreed(database, ME, protocol)
    add_account(database, ME, "admin", PASSWORD, role="administrator")
    add_account(database, Actor("admin"), "omarova", PASSWORD, role="member", council_id=1)
    add_account(database, Actor("admin"), "abenov", PASSWORD, role="chair", council_id=1)
    try:
        work_as(Actor("omarova"))  # a member does not read the draft's review
        assert [s.step for s in meeting_history(database, meeting)] == [Step.AGENDA_APPROVED]
        work_as(Actor("reader-less"))
        with pytest.raises(ReadRefused):
            meeting_history(database, meeting)
        work_as(Actor("abenov"))
        sign_protocol(
            database,
            Actor("abenov"),
            protocol,
            Signing(date(2024, 3, 20), languages=("kk",), accept_gaps=True),
        )
        work_as(Actor("omarova"))  # signed: the member reads the whole review
        steps = meeting_history(database, meeting)
    finally:
        work_as(None)
    approved, *steps = steps
    assert approved.step is Step.AGENDA_APPROVED
    assert [s.step for s in steps] == [Step.RETURNED, Step.AGREEMENT, Step.AGREED, Step.SIGNED]
    assert steps[0].subject is Subject.PROTOCOL and steps[0].text == "2-тармақты нақтылаңыз."
    assert steps[1].agreed_by == "Қаржы министрлігі" and steps[1].day == date(2024, 3, 18)
    assert steps[1].text == "Ескертусіз"
    assert steps[3].by == "abenov" and steps[3].day == date(2024, 3, 20)
