"""Issue 14, finding 1: a profile change takes effect from a date, never over a closed vote."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from app.domain.errors import DomainError
from app.domain.meeting import MeetingKind
from app.domain.regulation import AT_LEAST_TWO_THIRDS, Share, Signers, profile_to_dict
from app.domain.voting import Choice
from app.models.conduct import DecisionPoint
from app.models.database import Database
from app.models.profile_history import ProfileVersion
from app.services.base import SYSTEM
from app.services.conduct.common import frame
from app.services.conduct.decisions import add_decision_point
from app.services.conduct.voting import cast_ballot, close_voting
from app.services.councils import CouncilData, get_council, set_profile, update_council
from app.services.meetings.common import MeetingData
from app.services.meetings.plan_meeting import plan_meeting
from app.services.profile_history import ProfileAct, profile_on
from tests.services.conduct_helpers import DAY, ME, Board, all_present, board_meeting

STRICT = Share(99, 100)


def files(path: Path) -> dict[str, bytes]:
    """The database as it lies on disk, WAL included."""
    return {
        p.name: p.read_bytes() for p in (path, path.with_name(path.name + "-wal")) if p.exists()
    }


def refused(db_path: Path, action: Callable[[], Any]) -> str:
    before = files(db_path)
    with pytest.raises(DomainError) as caught:
        action()
    assert files(db_path) == before
    return caught.value.message()


def adopted_eleven_three(db: Database, board: Board) -> int:
    """A decision adopted 11-3 at the board's meeting; its point id."""
    all_present(db, board)
    point = add_decision_point(db, ME, board.items[0], {"en": "Approve the plan"})
    voters = board.members[:14]
    for person in voters[:11]:
        cast_ballot(db, ME, point.id, person, Choice.FOR)
    for person in voters[11:]:
        cast_ballot(db, ME, point.id, person, Choice.AGAINST)
    change = close_voting(db, ME, point.id)
    assert change.result is not None and change.result.adopted
    assert (change.result.for_, change.result.against) == (11, 3)
    return point.id


def stricter(db: Database) -> Any:
    return get_council(db, 1).profile.with_changes(threshold=STRICT)


def test_closing_freezes_the_profile_the_vote_was_counted_under(database: Database) -> None:
    board = board_meeting(database)
    point_id = adopted_eleven_three(database, board)
    with database.reading() as session:
        point = session.get(DecisionPoint, point_id)
        assert point is not None and point.frozen is not None
        assert point.frozen["profile"] == profile_to_dict(get_council(database, 1).profile)


@pytest.mark.parametrize("day", [None, DAY, DAY - timedelta(days=30)])
def test_a_change_reaching_a_closed_vote_is_refused_and_nothing_is_written(
    database: Database, db_path: Path, day: date | None
) -> None:
    board = board_meeting(database)
    adopted_eleven_three(database, board)
    message = refused(
        db_path, lambda: set_profile(database, ME, 1, stricter(database), effective_from=day)
    )
    assert "meeting No. 1 of 14\xa0March\xa02024" in message
    assert "closed vote" in message
    if day is not None:
        assert "cannot take effect from" in message


def test_a_change_through_the_council_editor_is_refused_the_same_way(
    database: Database, db_path: Path
) -> None:
    board = board_meeting(database)
    adopted_eleven_three(database, board)
    council = get_council(database, 1)
    edit = CouncilData(
        name_kk=council.names["kk"],
        name_ru=council.names["ru"],
        name_en=council.names["en"],
        kind=council.kind,
        profile=stricter(database),
        profile_act=ProfileAct(title="Decree", number="12", act_date=DAY),
    )
    message = refused(db_path, lambda: update_council(database, ME, 1, edit))
    assert "meeting No. 1 of 14\xa0March\xa02024" in message


def test_meetings_count_under_the_profile_in_force_on_their_date(database: Database) -> None:
    board = board_meeting(database)
    point_id = adopted_eleven_three(database, board)
    with database.reading() as session:
        frozen_before = session.get(DecisionPoint, point_id).frozen  # type: ignore[union-attr]
    change_day = DAY + timedelta(days=10)
    changed = set_profile(
        database,
        ME,
        1,
        stricter(database),
        act=ProfileAct(title="Decree on the board", number="7", act_date=change_day),
    )
    assert changed.profile.threshold == STRICT
    later = plan_meeting(
        database,
        ME,
        1,
        MeetingData(
            kind=MeetingKind.REGULAR,
            day=change_day + timedelta(days=5),
            starts_at=time(10, 0),
            ends_at=time(12, 0),
            place_en="Astana",
        ),
    ).meeting.id
    with database.reading() as session:
        assert frame(session, board.meeting_id).profile.threshold != STRICT  # before the date
        assert frame(session, later).profile.threshold == STRICT  # after it
        assert profile_on(session, 1, change_day - timedelta(days=1)).threshold != STRICT
        versions = list(session.scalars(select(ProfileVersion).order_by(ProfileVersion.id)))
        assert [v.effective_from for v in versions] == [None, change_day]
        assert versions[1].act_number == "7" and versions[1].recorded_by == ME.name
        # The closed vote is never touched.
        assert session.get(DecisionPoint, point_id).frozen == frozen_before  # type: ignore[union-attr]
    # A later change cannot go back before the one recorded.
    with pytest.raises(DomainError) as caught:
        set_profile(
            database,
            ME,
            1,
            stricter(database).with_changes(threshold=AT_LEAST_TWO_THIRDS),
            effective_from=change_day - timedelta(days=1),
        )
    assert "later change" in caught.value.message()


def test_an_open_vote_before_the_date_keeps_the_old_rule(database: Database) -> None:
    board = board_meeting(database)
    all_present(database, board)
    point = add_decision_point(database, ME, board.items[0], {"en": "Approve"})
    for person in board.members[:8]:
        cast_ballot(database, ME, point.id, person, Choice.FOR)
    set_profile(database, ME, 1, stricter(database), effective_from=DAY + timedelta(days=1))
    change = close_voting(database, ME, point.id)
    assert change.result is not None and change.result.adopted  # more than half, not 99/100


def test_a_change_of_who_signs_alone_reaches_no_closed_result(database: Database) -> None:
    board = board_meeting(database)
    adopted_eleven_three(database, board)
    profile = get_council(database, 1).profile
    changed = set_profile(
        database, ME, 1, profile.with_changes(signers=Signers.PRESIDING_AND_SECRETARY)
    )
    assert changed.profile.signers is Signers.PRESIDING_AND_SECRETARY


def test_no_change_reaches_a_signed_protocol(database: Database, db_path: Path) -> None:
    from app.services.demo import create_demo
    from app.services.demo_meeting import create_demo_meeting

    create_demo(database, SYSTEM)
    create_demo_meeting(database, SYSTEM)
    profile = get_council(database, 1).profile
    message = refused(
        db_path,
        lambda: set_profile(
            database, ME, 1, profile.with_changes(signers=Signers.PRESIDING_AND_SECRETARY)
        ),
    )
    assert "signed protocol" in message
