"""Roll-call voting, counts only, casting votes, closing and reopening; every refusal."""

from __future__ import annotations

import pytest

from app.domain.errors import DomainError
from app.domain.regulation import AI_COUNCIL_881
from app.domain.voting import Choice
from app.models.database import Database
from app.services.conduct.attendance import record_attendance, record_departure
from app.services.conduct.decisions import add_decision_point, set_voting_mode
from app.services.conduct.invited import InvitedData, InvitedRole, add_invited_person
from app.services.conduct.queries import live_meeting
from app.services.conduct.voting import cast_ballot, close_voting, record_counts, reopen_voting
from app.services.people import PersonData, create_person
from tests.services.conduct_helpers import ME, Board, all_present, board_meeting, counts


def vote(db: Database, point: int, voters: list[int], choice: Choice) -> None:
    for person in voters:
        cast_ballot(db, ME, point, person, choice)


def test_a_four_four_tie_decided_by_the_presiding_deputy_chair_seed_000(
    database: Database,
) -> None:
    """000 §15: the chair is absent, the deputy presides and breaks a 4–4 tie."""
    board = board_meeting(database)
    # 8 members present: the deputy, the secretary and six members; the chair and six absent.
    present = board.members[1:9]
    all_present(database, board, except_=tuple(p for p in board.members if p not in present))
    with database.transaction() as session:  # the deputy presides when the chair is absent
        from app.models.meeting import Meeting

        meeting = session.get(Meeting, board.meeting_id)
        assert meeting is not None
        meeting.presiding_person_id = board.deputy
    point = add_decision_point(database, ME, board.items[0], {"en": "Approve the plan"})
    vote(database, point.id, [board.deputy, *present[2:5]], Choice.FOR)
    vote(database, point.id, [board.secretary, *present[5:8]], Choice.AGAINST)
    change = close_voting(database, ME, point.id)
    assert change.result is not None and change.result.adopted and change.result.tie
    text = change.result.explain()
    assert (
        "4 for, 4 against" in text
        and "presiding member" in text
        and "paragraph 15 of the Regulation" in text
    )


def test_a_tie_with_the_chair_absent_is_not_adopted_seed_004(database: Database) -> None:
    board = board_meeting(database, preset=AI_COUNCIL_881.key)
    present = board.members[1:11]
    all_present(database, board, except_=tuple(p for p in board.members if p not in present))
    point = add_decision_point(database, ME, board.items[1], {"en": "Recommend"})
    vote(database, point.id, present[:5], Choice.FOR)
    vote(database, point.id, present[5:], Choice.AGAINST)
    change = close_voting(database, ME, point.id)
    assert change.result is not None and not change.result.adopted
    assert "the chair is absent" in change.result.explain()
    assert "paragraph 25 of the Regulation" in change.result.explain()


def test_results_are_recounted_live_after_each_ballot(database: Database) -> None:
    board = board_meeting(database)
    all_present(database, board)
    point = add_decision_point(database, ME, board.items[0], {"kk": "Бекітілсін"})
    change = cast_ballot(database, ME, point.id, board.members[3], Choice.FOR)
    assert change.previous is None and change.result is not None and change.result.for_ == 1
    change = cast_ballot(database, ME, point.id, board.members[3], Choice.AGAINST)
    assert change.previous is Choice.FOR and change.result is not None
    assert (change.result.for_, change.result.against) == (0, 1)
    change = cast_ballot(database, ME, point.id, board.members[3], Choice.DID_NOT_VOTE)
    assert change.result is not None and change.result.against == 0


def _substitute(db: Database, board: Board) -> int:
    member = board.members[9]
    record_attendance(db, ME, board.meeting_id, member, False, "іссапар")
    deputy = create_person(db, ME, PersonData(surname="Алмастырушы")).id
    add_invited_person(
        db,
        ME,
        board.meeting_id,
        InvitedData(
            InvitedRole.SUBSTITUTE,
            person_id=deputy,
            instead_of_person_id=member,
            positions={"ru": "Заместитель"},
        ),
    )
    return deputy


def test_a_substitutes_vote_is_refused_with_the_rule(database: Database) -> None:
    board = board_meeting(database)
    all_present(database, board, except_=(board.members[9],))
    substitute = _substitute(database, board)
    point = add_decision_point(database, ME, board.items[0], {"en": "Approve"})
    before = counts(database)
    with pytest.raises(
        DomainError, match=r"without the right of substitution .*paragraph 14 of the Regulation"
    ):
        cast_ballot(database, ME, point.id, substitute, Choice.FOR)
    with pytest.raises(DomainError, match="instead of them cannot vote"):
        cast_ballot(database, ME, point.id, board.members[9], Choice.FOR)
    assert counts(database) == before
    live = live_meeting(database, board.meeting_id)
    assert substitute not in live.items[0].entitled
    assert len(live.items[0].entitled) == 14


def test_a_vote_for_an_absent_member_is_refused(database: Database) -> None:
    board = board_meeting(database)
    all_present(database, board, except_=(board.members[4],))
    point = add_decision_point(database, ME, board.items[0], {"en": "Approve"})
    before = counts(database)
    with pytest.raises(DomainError, match="not present at item 1"):
        cast_ballot(database, ME, point.id, board.members[4], Choice.FOR)
    leaver = board.members[5]
    record_departure(database, ME, board.meeting_id, leaver, board.items[0])
    point2 = add_decision_point(database, ME, board.items[1], {"en": "Approve"})
    with pytest.raises(DomainError, match="not present at item 2"):
        cast_ballot(database, ME, point2.id, leaver, Choice.FOR)
    assert counts(database)["ballots"] == before["ballots"]


def test_a_ballot_after_closing_is_refused(database: Database) -> None:
    board = board_meeting(database)
    all_present(database, board)
    point = add_decision_point(database, ME, board.items[0], {"en": "Approve"})
    vote(database, point.id, board.members[:9], Choice.FOR)
    close_voting(database, ME, point.id)
    before = counts(database)
    with pytest.raises(DomainError, match="closed"):
        cast_ballot(database, ME, point.id, board.members[10], Choice.AGAINST)
    assert counts(database) == before
    with pytest.raises(DomainError, match="Reason"):
        reopen_voting(database, ME, point.id, "  ")
    reopened = reopen_voting(database, ME, point.id, "The secretary mis-keyed a vote")
    assert reopened.result is not None and reopened.result.for_ == 9
    cast_ballot(database, ME, point.id, board.members[10], Choice.AGAINST)
    assert counts(database)["voting_reopenings"] == 1


def test_closing_freezes_the_entitled_members_and_the_result(database: Database) -> None:
    board = board_meeting(database)
    all_present(database, board)
    point = add_decision_point(database, ME, board.items[0], {"en": "Approve"})
    vote(database, point.id, board.members[:8], Choice.FOR)
    close_voting(database, ME, point.id)
    live = live_meeting(database, board.meeting_id)
    line = live.items[0].points[0]
    assert line.closed and len(line.entitled) == 15
    assert line.result is not None and line.result.adopted and line.result.for_ == 8


def test_counts_only_mode(database: Database) -> None:
    board = board_meeting(database)
    all_present(database, board, except_=(board.members[-1],))  # 14 of 15 present
    point = add_decision_point(database, ME, board.items[0], {"en": "Approve"}, mode="counts")
    with pytest.raises(DomainError, match="counts only"):
        cast_ballot(database, ME, point.id, board.members[3], Choice.FOR)
    with pytest.raises(DomainError, match="more than the members"):
        record_counts(database, ME, point.id, 10, 5, 1)
    # 7-7 among the 14 present is a tie: the presiding member's vote decides it.
    strict = record_counts(database, ME, point.id, 7, 7, 0, presiding_choice=Choice.AGAINST)
    assert strict.result is not None and not strict.result.adopted
    with pytest.raises(DomainError, match="record how the presiding member voted"):
        record_counts(database, ME, point.id, 7, 7, 0)
    change = record_counts(database, ME, point.id, 7, 7, 0, presiding_choice=Choice.FOR)
    assert change.result is not None and change.result.adopted
    closed = close_voting(database, ME, point.id)
    assert closed.result is not None and closed.result.adopted
    empty = add_decision_point(database, ME, board.items[1], {"en": "Note"}, mode="counts")
    with pytest.raises(DomainError, match="Enter the counts"):
        close_voting(database, ME, empty.id)


def test_mode_cannot_change_after_votes(database: Database) -> None:
    board = board_meeting(database)
    all_present(database, board)
    point = add_decision_point(database, ME, board.items[0], {"en": "Approve"})
    cast_ballot(database, ME, point.id, board.members[3], Choice.FOR)
    with pytest.raises(DomainError, match="voting mode cannot change"):
        set_voting_mode(database, ME, point.id, "counts")


def test_closing_without_quorum_needs_confirmation(database: Database) -> None:
    board = board_meeting(database)
    from app.domain.regulation import AT_LEAST_TWO_THIRDS, SUPERVISORY_BOARD_690
    from app.services.councils import set_profile

    set_profile(
        database, ME, 1, SUPERVISORY_BOARD_690.profile.with_changes(quorum=AT_LEAST_TWO_THIRDS)
    )
    all_present(database, board, except_=tuple(board.members[6:]))
    point = add_decision_point(database, ME, board.items[0], {"en": "Approve"})
    vote(database, point.id, board.members[:6], Choice.FOR)
    with pytest.raises(DomainError, match="no quorum"):
        close_voting(database, ME, point.id)
    closed = close_voting(database, ME, point.id, without_quorum=True)
    assert closed.result is not None
    assert live_meeting(database, board.meeting_id).items[0].points[0].without_quorum
