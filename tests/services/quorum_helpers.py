"""Seed 000's board with a quorum: 9 present at item 1, 7 at item 2 after two leave, 8 at item 3.

The quorum is more than half of the 15 members with a vote (at least 8), so it
is lost after item 1 and restored before item 3 (one member arrives).
"""

from __future__ import annotations

from app.domain.regulation import MORE_THAN_HALF, SUPERVISORY_BOARD_690, NoQuorumVote
from app.domain.voting import Choice
from app.models.database import Database
from app.services.conduct.attendance import record_arrival, record_departure
from app.services.conduct.decisions import add_decision_point
from app.services.conduct.queries import live_meeting
from app.services.conduct.voting import cast_ballot
from app.services.councils import set_profile
from tests.services.conduct_helpers import ME, Board, all_present, board_meeting

WITH_QUORUM = SUPERVISORY_BOARD_690.profile.with_changes(quorum=MORE_THAN_HALF)


def quorum_meeting(db: Database, rule: NoQuorumVote = NoQuorumVote.NOT_CONSIDERED) -> Board:
    board = board_meeting(db)
    set_profile(db, ME, 1, WITH_QUORUM.with_changes(no_quorum_vote=rule))
    present = board.members[:9]
    all_present(db, board, except_=tuple(board.members[9:]))
    record_departure(db, ME, board.meeting_id, present[7], board.items[0])
    record_departure(db, ME, board.meeting_id, present[8], board.items[0])
    record_arrival(db, ME, board.meeting_id, board.members[9], board.items[2])
    return board


def vote_all_for(db: Database, board: Board, item: int) -> int:
    point = add_decision_point(db, ME, board.items[item], {"en": f"Decide on item {item + 1}"})
    live = live_meeting(db, board.meeting_id)
    for person in sorted(live.items[item].entitled):
        cast_ballot(db, ME, point.id, person, Choice.FOR)
    return point.id
