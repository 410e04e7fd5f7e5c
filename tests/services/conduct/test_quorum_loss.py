"""Loss of quorum: members leave, those with a vote fall below the quorum, and back again.

Seed 000's board with a quorum added (more than half of the 15 members with a
vote: at least 8).  9 members are present at item 1; two leave after it, so
item 2 has 7 (no quorum); one arrives before item 3, so item 3 has 8 again.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.domain.errors import DomainError
from app.domain.regulation import NoQuorumVote
from app.domain.voting import Reason
from app.models.conduct import DecisionPoint
from app.models.database import Database
from app.services.conduct.queries import live_meeting
from app.services.conduct.voting import close_voting, reopen_voting
from tests.services.conduct_helpers import ME
from tests.services.quorum_helpers import quorum_meeting, vote_all_for


def _files(path: Path) -> dict[str, bytes]:
    """The database file and its write-ahead log, byte for byte."""
    return {
        p.name: p.read_bytes() for p in (path, path.with_name(path.name + "-wal")) if p.exists()
    }


def test_the_quorum_follows_departures_and_arrivals(database: Database) -> None:
    board = quorum_meeting(database)
    live = live_meeting(database, board.meeting_id)
    assert [len(i.entitled) for i in live.items] == [9, 7, 8]
    assert [i.quorum.has_quorum for i in live.items] == [True, False, True]
    assert live.items[1].quorum.required == 8


def test_a_vote_without_a_quorum_needs_confirming_then_is_not_considered(
    database: Database,
) -> None:
    board = quorum_meeting(database)
    point = vote_all_for(database, board, 1)
    with pytest.raises(DomainError, match="Confirm to record the decision point as not"):
        close_voting(database, ME, point)
    change = close_voting(database, ME, point, without_quorum=True)
    assert change.result is not None
    assert not change.result.adopted and change.result.reason is Reason.NO_QUORUM
    assert change.result.for_ == 7  # the votes are kept in the record
    with database.reading() as session:
        row = session.get(DecisionPoint, point)
        assert row is not None and row.state == "closed" and row.without_quorum
        assert row.frozen is not None and row.frozen["result"]["reason"] == "no_quorum"
        assert row.frozen["quorum"]["present"] == 7
    line = live_meeting(database, board.meeting_id).items[1].points[0]
    assert line.result is not None and not line.result.adopted
    assert line.result.explain().endswith("Not considered: no quorum.")


def test_unanimous_for_without_a_quorum_is_never_adopted(database: Database) -> None:
    # Even 7 of 7 for: without a quorum there is no decision of the council.
    board = quorum_meeting(database)
    point = vote_all_for(database, board, 1)
    change = close_voting(database, ME, point, without_quorum=True)
    assert change.result is not None and not change.result.adopted


def test_a_refusing_profile_leaves_the_database_byte_for_byte_unchanged(
    database: Database, db_path: Path
) -> None:
    board = quorum_meeting(database, NoQuorumVote.REFUSE)
    point = vote_all_for(database, board, 1)
    before = _files(db_path)
    for confirmed in (False, True):
        with pytest.raises(DomainError, match="a vote without a quorum cannot be closed"):
            close_voting(database, ME, point, without_quorum=confirmed)
    assert _files(db_path) == before
    with database.reading() as session:
        row = session.get(DecisionPoint, point)
        assert row is not None and row.state == "open" and not row.without_quorum


def test_with_the_quorum_restored_the_vote_closes_as_usual(database: Database) -> None:
    board = quorum_meeting(database, NoQuorumVote.REFUSE)
    for item in (0, 2):  # 9 present, then 8 again after an arrival: a quorum both times
        change = close_voting(database, ME, vote_all_for(database, board, item))
        assert change.result is not None and change.result.adopted
        assert change.result.reason is Reason.THRESHOLD_MET


def test_reopening_a_not_considered_vote_after_members_return(database: Database) -> None:
    board = quorum_meeting(database)
    point = vote_all_for(database, board, 1)
    close_voting(database, ME, point, without_quorum=True)
    reopen_voting(database, ME, point, "Recorded in error")
    with database.reading() as session:
        row = session.get(DecisionPoint, point)
        assert row is not None and row.state == "open" and not row.without_quorum
