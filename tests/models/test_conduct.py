"""What happened at a meeting, as stored: one attendance and one ballot per member."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app.models.conduct import Attendance, Ballot, DecisionPoint, ProtocolInstruction
from app.models.database import Database
from tests.services.meeting_helpers import World, first_item, item, make_world, plan

AT = datetime(2026, 4, 15, 10, tzinfo=UTC)


@pytest.fixture
def world(database: Database) -> World:
    return make_world(database)


def test_a_member_is_marked_present_or_absent_once_a_meeting(
    database: Database, world: World
) -> None:
    meeting_id = plan(database, world)
    with database.transaction() as session:
        session.add(Attendance(meeting_id=meeting_id, person_id=world.chair, present=True))
    with pytest.raises(IntegrityError), database.transaction() as session:
        session.add(Attendance(meeting_id=meeting_id, person_id=world.chair, present=False))
    with database.reading() as session:
        stored = session.scalars(select(Attendance)).one()
        assert stored.present
        assert (stored.absence_kind, stored.arrived_before_item, stored.left_at) == ("", None, None)


def test_a_decision_point_opens_for_a_roll_call_and_takes_one_ballot_each(
    database: Database, world: World
) -> None:
    meeting_id = plan(database, world)
    item(database, meeting_id)
    with database.transaction() as session:
        point = DecisionPoint(
            item_id=first_item(database, meeting_id), number=1, text_kk="Бекітілсін."
        )
        session.add(point)
        session.flush()
        point_id = point.id
        assert (point.mode, point.state, point.frozen) == ("roll_call", "open", None)
        session.add(
            Ballot(decision_point_id=point_id, person_id=world.chair, choice="for", recorded_at=AT)
        )
    with pytest.raises(IntegrityError), database.transaction() as session:
        session.add(
            Ballot(
                decision_point_id=point_id, person_id=world.chair, choice="against", recorded_at=AT
            )
        )
    with database.reading() as session:
        assert session.scalars(select(Ballot.choice)).all() == ["for"]


def test_points_are_numbered_once_per_item_and_instructions_start_open(
    database: Database, world: World
) -> None:
    meeting_id = plan(database, world)
    item(database, meeting_id)
    item_id = first_item(database, meeting_id)
    with database.transaction() as session:
        point = DecisionPoint(item_id=item_id, number=1)
        session.add(point)
        session.flush()
        session.add(
            ProtocolInstruction(decision_point_id=point.id, number=1, deadline=date(2026, 6, 1))
        )
    with pytest.raises(IntegrityError), database.transaction() as session:
        session.add(DecisionPoint(item_id=item_id, number=1))
    with database.reading() as session:
        assert session.scalar(select(func.count()).select_from(DecisionPoint)) == 1
        assert session.scalars(select(ProtocolInstruction.state)).all() == ["open"]
