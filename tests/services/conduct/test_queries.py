"""queries: the live state of a meeting, as the live meeting screen and the protocol see it."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.domain.composition import Role
from app.domain.errors import NotFoundError
from app.domain.voting import Choice
from app.models.database import Database
from app.services.conduct.decisions import add_decision_point
from app.services.conduct.queries import live_meeting, live_meeting_in
from app.services.conduct.voting import cast_ballot, close_voting
from tests.services.conduct_helpers import ME, Board, all_present, board_meeting

DECISION = {"kk": "Жоспар бекітілсін.", "ru": "Утвердить план.", "en": "Approve the plan."}


@pytest.fixture
def board(database: Database) -> Board:
    meeting = board_meeting(database, items=2)
    all_present(database, meeting, except_=(meeting.members[-1],))
    return meeting


def test_members_come_with_their_roles_positions_and_attendance(
    database: Database, board: Board
) -> None:
    live = live_meeting(database, board.meeting_id)
    assert [m.person.id for m in live.members] == board.members
    assert [m.role for m in live.members[:3]] == [Role.CHAIR, Role.DEPUTY_CHAIR, Role.SECRETARY]
    assert all(m.position is not None for m in live.members)  # the seed's seats are ex officio
    absent = live.member(board.members[-1])
    assert absent is not None and absent.attendance is not None
    assert not absent.attendance.present and absent.attendance.absence_reason == "іссапар"
    assert live.member(999) is None
    assert live.chair_id == board.chair
    assert live.presiding is not None and live.presiding.id == board.chair
    assert [i.item.id for i in live.items] == board.items
    assert live.items[0].present == set(board.members[:-1])
    assert live.items[0].quorum.has_quorum


def test_an_open_point_counts_as_it_stands_a_closed_one_as_frozen(
    database: Database, board: Board
) -> None:
    point = add_decision_point(database, ME, board.items[0], DECISION)
    for person in board.members[:10]:
        cast_ballot(database, ME, point.id, person, Choice.FOR)
    (open_line,) = live_meeting(database, board.meeting_id).items[0].points
    assert not open_line.closed and open_line.result is not None
    assert open_line.result.for_ == 10 and len(open_line.ballots) == 10
    assert open_line.decision.texts["ru"] == "Утвердить план."
    close_voting(database, ME, point.id)
    (closed,) = live_meeting(database, board.meeting_id).items[0].points
    assert closed.closed and not closed.without_quorum
    assert closed.result == open_line.result and closed.ballots == open_line.ballots
    assert closed.entitled == open_line.entitled
    assert live_meeting(database, board.meeting_id).items[1].points == ()


def test_inside_a_session_the_same_state_is_read(database: Database, board: Board) -> None:
    with database.reading() as session:
        inside = live_meeting_in(session, board.meeting_id)
    assert inside == live_meeting(database, board.meeting_id)


def test_an_unknown_meeting_is_refused(database: Database) -> None:
    with pytest.raises(NotFoundError):
        live_meeting(database, 404)


def _statements_of_live_meeting(database: Database, items: int) -> int:
    """Statements :func:`live_meeting_in` makes for a meeting of ``items`` items, each with
    two decision points voted on by every member present."""
    from tests.services.conduct.test_voting_cost import statements

    meeting = board_meeting(database, items=items)
    all_present(database, meeting)
    for item_id in meeting.items:
        for _ in range(2):
            point = add_decision_point(database, ME, item_id, DECISION)
            for member in meeting.members[:4]:
                cast_ballot(database, ME, point.id, member, Choice.FOR)
    with statements(database) as seen, database.reading() as session:
        live = live_meeting_in(session, meeting.meeting_id)
    assert len(live.items) == items and all(len(i.points) == 2 for i in live.items)
    assert all(len(p.ballots) == 4 for i in live.items for p in i.points)
    return len(seen)


def test_the_live_meeting_reads_a_table_at_a_time(tmp_path: Path) -> None:
    """The protocol's snapshot and the live screen read the meeting's points, ballots,
    dissents, instructions, people, speakers and materials a table at a time: three times
    the items and points take no more statements (it was a few per item and per point)."""
    from app.models.database import open_database

    counted = []
    for n, items in enumerate((2, 6)):
        database = open_database(tmp_path / f"kenes-{n}.sqlite3")
        try:
            counted.append(_statements_of_live_meeting(database, items))
        finally:
            database.close()
    assert counted[1] == counted[0], counted
