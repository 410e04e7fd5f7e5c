"""What the conduct actions share: the meeting's frame, who is present and entitled, results."""

from __future__ import annotations

import json

import pytest

from app.domain.errors import DomainError
from app.domain.regulation import profile_to_dict
from app.domain.voting import Choice, Reason
from app.models.conduct import DecisionPoint
from app.models.database import Database
from app.models.meeting import Meeting
from app.services.conduct.common import (
    attendance_records,
    ballots_of,
    entitled_present,
    frame,
    frozen_record,
    guard_conduct,
    item_quorum,
    live_result,
    point_frame,
    present_members,
    result_data,
    result_from_data,
    text_in,
    texts,
)
from app.services.conduct.decisions import add_decision_point
from app.services.conduct.voting import cast_ballot
from app.services.meetings.cancel_meeting import cancel_meeting
from tests.services.conduct_helpers import ME, Board, all_present, board_meeting

DECISION = {"kk": "Жоспар бекітілсін.", "ru": "Утвердить план.", "en": "Approve the plan."}


@pytest.fixture
def board(database: Database) -> Board:
    meeting = board_meeting(database)
    all_present(database, meeting, except_=(meeting.members[-1],))
    return meeting


def test_the_frame_holds_the_composition_and_agenda_of_the_day(
    database: Database, board: Board
) -> None:
    with database.reading() as session:
        fr = frame(session, board.meeting_id)
        assert fr.day == fr.meeting.meeting_date
        assert [item.id for item in fr.items] == board.items
        assert fr.chair_id == board.chair
        assert fr.member_ids() == set(board.members)
        assert fr.voting_ids() <= fr.member_ids()
        assert fr.item_index(board.items[2]) == 2
        with pytest.raises(DomainError, match="does not belong"):
            fr.item_index(board.items[-1] + 1)
        assert fr.profile.secretary_votes == (board.secretary in fr.voting_ids())


def test_who_is_present_and_entitled_and_the_quorum(database: Database, board: Board) -> None:
    with database.reading() as session:
        fr = frame(session, board.meeting_id)
        records = attendance_records(session, board.meeting_id)
        present = present_members(records, 0)
        entitled = entitled_present(fr, records, 0)
        quorum = item_quorum(fr, records, 0)
    assert present == set(board.members[:-1])
    assert entitled == present & fr.voting_ids()
    assert quorum.has_quorum and quorum.present == len(entitled)


def test_the_live_result_counts_the_ballots_cast(database: Database, board: Board) -> None:
    point = add_decision_point(database, ME, board.items[0], DECISION)
    for person in board.members[:9]:
        cast_ballot(database, ME, point.id, person, Choice.FOR)
    cast_ballot(database, ME, point.id, board.members[9], Choice.AGAINST)
    with database.reading() as session:
        row = session.get(DecisionPoint, point.id)
        assert row is not None
        fr, index = point_frame(session, row)
        records = attendance_records(session, board.meeting_id)
        cast = ballots_of(session, point.id)
        result = live_result(session, row, fr, records, index)
        assert texts(row, "text") == DECISION
        assert text_in(row, "text", "ru") == "Утвердить план."
        frozen = frozen_record(
            session, point.id, fr, records, index, item_quorum(fr, records, index), result
        )
    assert index == 0 and len(cast) == 10 and cast[board.members[9]] is Choice.AGAINST
    assert result is not None and (result.for_, result.against) == (9, 1)
    assert result.adopted
    assert frozen["ballots"] == {str(k): v.value for k, v in sorted(cast.items())}
    assert frozen["profile"] == profile_to_dict(fr.profile)
    assert frozen["chair_id"] == board.chair


def test_a_result_survives_being_frozen_as_plain_data(database: Database, board: Board) -> None:
    point = add_decision_point(database, ME, board.items[0], DECISION)
    for person in board.members[:7]:
        cast_ballot(database, ME, point.id, person, Choice.FOR)
    for person in board.members[7:14]:
        cast_ballot(database, ME, point.id, person, Choice.AGAINST)
    with database.reading() as session:
        row = session.get(DecisionPoint, point.id)
        assert row is not None
        fr, index = point_frame(session, row)
        result = live_result(session, row, fr, attendance_records(session, fr.meeting.id), index)
    assert result is not None and result.tie and result.tie_break_applied is not None
    data = json.loads(json.dumps(result_data(result)))
    assert result_from_data(data) == result
    data.pop("tie_reading")  # a result frozen before the reading was named
    assert result_from_data(data).tie_reading is None
    assert isinstance(result_from_data(data).reason, Reason)


def test_conduct_is_refused_for_a_meeting_not_being_held(database: Database, board: Board) -> None:
    cancel_meeting(database, ME, board.meeting_id, "Кворум болмайды.")
    with database.reading() as session:
        meeting = session.get(Meeting, board.meeting_id)
        assert meeting is not None
        with pytest.raises(DomainError):
            guard_conduct(session, meeting)
