"""A held meeting of the demo council (seed 000's board) to record conduct on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from sqlalchemy import func, select

from app.domain.meeting import MeetingKind
from app.domain.regulation import AI_COUNCIL_881
from app.models.conduct import (
    Attendance,
    Ballot,
    DecisionPoint,
    DissentingOpinion,
    InvitedPerson,
    ProtocolInstruction,
    VotingReopening,
)
from app.models.database import Database
from app.services.agenda.add_item import add_item
from app.services.agenda.common import ItemData
from app.services.base import SYSTEM, Actor
from app.services.conduct.attendance import record_attendance
from app.services.councils import get_council, set_profile
from app.services.demo import create_demo
from app.services.meetings.approve_agenda import approve_agenda
from app.services.meetings.common import MeetingData
from app.services.meetings.plan_meeting import plan_meeting
from app.services.seats import composition
from tests.services import helpers

ME = Actor("secretary")
DAY = date(2024, 3, 14)

CONDUCT_TABLES = (
    Attendance,
    InvitedPerson,
    DecisionPoint,
    Ballot,
    DissentingOpinion,
    ProtocolInstruction,
    VotingReopening,
)


@dataclass(frozen=True)
class Board:
    meeting_id: int
    items: list[int]
    members: list[int]  # person ids in list order: chair, deputy, secretary, members...
    chair: int
    deputy: int
    secretary: int


def board_meeting(db: Database, *, preset: str = "", items: int = 3) -> Board:
    create_demo(db, SYSTEM)
    council = 1
    if preset == AI_COUNCIL_881.key:
        set_profile(db, ME, council, AI_COUNCIL_881.profile, AI_COUNCIL_881.key)
    planned = plan_meeting(
        db,
        ME,
        council,
        MeetingData(
            kind=MeetingKind.REGULAR,
            day=DAY,
            starts_at=time(10, 0),
            ends_at=time(12, 0),
            place_kk="Астана, Үкімет үйі",
            place_ru="Астана, Дом Правительства",
            place_en="Astana, Government House",
        ),
    )
    meeting_id = planned.meeting.id
    item_ids = []
    for n in range(items):
        change = add_item(
            db,
            ME,
            meeting_id,
            ItemData(
                title_kk=f"{n + 1}-мәселе", title_ru=f"Вопрос {n + 1}", title_en=f"Item {n + 1}"
            ),
        )
        assert change.item_id is not None
        item_ids.append(change.item_id)
    approve_agenda(db, ME, meeting_id)
    people = [line.person.id for line in composition(db, council, DAY) if line.person]
    assert get_council(db, council).id == council
    return Board(meeting_id, item_ids, people, people[0], people[1], people[2])


def all_present(db: Database, board: Board, *, except_: tuple[int, ...] = ()) -> None:
    for person in board.members:
        record_attendance(
            db,
            ME,
            board.meeting_id,
            person,
            person not in except_,
            "" if person not in except_ else "іссапар",
        )


def counts(db: Database) -> dict[str, int]:
    result = helpers.counts(db)
    with db.reading() as session:
        for model in CONDUCT_TABLES:
            result[model.__tablename__] = (
                session.scalar(select(func.count()).select_from(model)) or 0
            )
    return result
