"""The live state of a meeting, as the live meeting screen and the protocol see it."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import InstrumentedAttribute, Session, selectinload

from app.domain.attendance import AttendanceRecord
from app.domain.composition import Role
from app.domain.quorum import QuorumStatus
from app.domain.regulation import RegulationProfile
from app.domain.voting import Choice, TallyResult
from app.models.composition import Person, Position
from app.models.conduct import (
    Attendance,
    Ballot,
    DecisionPoint,
    DissentingOpinion,
    InvitedPerson,
    ProtocolInstruction,
)
from app.models.database import Database
from app.models.meeting import AgendaItem
from app.services.conduct.attendance import AttendanceInfo, attendance_info
from app.services.conduct.common import (
    MeetingFrame,
    attendance_records,
    entitled_present,
    frame,
    item_quorum,
    live_result,
    present_members,
    result_from_data,
)
from app.services.conduct.decisions import (
    DecisionInfo,
    InstructionInfo,
    decision_info,
    instruction_info,
)
from app.services.conduct.dissent import DissentInfo, dissent_info
from app.services.conduct.invited import InvitedInfo, invited_info
from app.services.meetings.common import ItemInfo, MeetingInfo, item_info, meeting_info
from app.services.people import PersonInfo, PositionInfo, person_info, position_info


@dataclass(frozen=True)
class MemberLine:
    """A member of the composition on the meeting date, with their attendance."""

    person: PersonInfo
    role: Role
    voting: bool
    position: PositionInfo | None
    attendance: AttendanceInfo | None


@dataclass(frozen=True)
class PointLine:
    decision: DecisionInfo
    ballots: dict[int, Choice]
    result: TallyResult | None
    closed: bool
    entitled: frozenset[int]
    without_quorum: bool
    dissents: tuple[DissentInfo, ...]
    instructions: tuple[InstructionInfo, ...]


@dataclass(frozen=True)
class ItemLine:
    item: ItemInfo
    index: int
    present: frozenset[int]
    entitled: frozenset[int]
    quorum: QuorumStatus
    points: tuple[PointLine, ...]


@dataclass(frozen=True)
class LiveMeeting:
    meeting: MeetingInfo
    profile: RegulationProfile
    members: tuple[MemberLine, ...]
    invited: tuple[InvitedInfo, ...]
    items: tuple[ItemLine, ...]
    chair_id: int | None
    presiding: PersonInfo | None

    def member(self, person_id: int) -> MemberLine | None:
        return next((m for m in self.members if m.person.id == person_id), None)


def live_meeting(db: Database, meeting_id: int) -> LiveMeeting:
    """Everything recorded for a meeting, with quorum and results counted as they stand."""
    with db.reading() as session:
        return live_meeting_in(session, meeting_id)


def live_meeting_in(session: Session, meeting_id: int) -> LiveMeeting:
    """:func:`live_meeting` inside an open session (the protocol is assembled in one).

    The meeting's records are read a table at a time (its points, their ballots, dissents
    and instructions, the people named), not a few statements per item and per point: a
    protocol of ten items was about sixty statements.
    """
    fr = frame(session, meeting_id)
    records = attendance_records(session, fr.meeting.id)
    rows = {
        a.person_id: a
        for a in session.scalars(select(Attendance).where(Attendance.meeting_id == fr.meeting.id))
    }
    _load_people(session, fr)
    members = []
    for member in fr.members:
        if member.person_id is None:
            continue
        person = session.get(Person, member.person_id)
        assert person is not None
        position = (
            session.get(Position, member.seat.position_id) if member.seat.position_id else None
        )
        row = rows.get(member.person_id)
        members.append(
            MemberLine(
                person_info(person),
                member.role,
                member.person_id in fr.voting_ids(),
                position_info(position) if position else None,
                attendance_info(row) if row is not None else None,
            )
        )
    invited = tuple(
        invited_info(r)
        for r in session.scalars(
            select(InvitedPerson)
            .where(InvitedPerson.meeting_id == fr.meeting.id)
            .order_by(InvitedPerson.sort_order, InvitedPerson.id)
        )
    )
    recorded = _Recorded.read(session, [item.id for item in fr.items])
    items = []
    for index, item in enumerate(fr.items):
        points = tuple(
            _point_line(session, point, fr, records, index, recorded)
            for point in recorded.points.get(item.id, ())
        )
        items.append(
            ItemLine(
                item_info(session, item),
                index,
                present_members(records, index),
                entitled_present(fr, records, index),
                item_quorum(fr, records, index),
                points,
            )
        )
    presiding = session.get(Person, fr.meeting.presiding_person_id)
    return LiveMeeting(
        meeting_info(fr.meeting),
        fr.profile,
        tuple(members),
        invited,
        tuple(items),
        fr.chair_id,
        person_info(presiding) if presiding else None,
    )


def _point_line(
    session: Session,
    point: DecisionPoint,
    fr: MeetingFrame,
    records: list[AttendanceRecord],
    index: int,
    recorded: _Recorded,
) -> PointLine:
    dissents = tuple(dissent_info(d) for d in recorded.dissents.get(point.id, ()))
    instructions = tuple(instruction_info(i) for i in recorded.instructions.get(point.id, ()))
    if point.state == "closed" and point.frozen:
        frozen = point.frozen
        ballots = {int(k): Choice(v) for k, v in frozen.get("ballots", {}).items()}
        return PointLine(
            decision_info(point),
            ballots,
            result_from_data(frozen["result"]),
            True,
            frozenset(frozen.get("entitled_present", [])),
            point.without_quorum,
            dissents,
            instructions,
        )
    cast = recorded.ballots.get(point.id, {})
    result = live_result(session, point, fr, records, index, cast)
    return PointLine(
        decision_info(point),
        dict(cast),
        result,
        False,
        entitled_present(fr, records, index),
        False,
        dissents,
        instructions,
    )


@dataclass(frozen=True)
class _Recorded:
    """A meeting's decision points by item, and their ballots, dissents and instructions by
    point, each read in one statement and in the order the protocol lists them."""

    points: dict[int, list[DecisionPoint]]
    ballots: dict[int, dict[int, Choice]]
    dissents: dict[int, list[DissentingOpinion]]
    instructions: dict[int, list[ProtocolInstruction]]

    @classmethod
    def read(cls, session: Session, item_ids: list[int]) -> _Recorded:
        points = _grouped(session, DecisionPoint.item_id, item_ids, DecisionPoint.number)
        point_ids = [p.id for listed in points.values() for p in listed]
        ballots: dict[int, dict[int, Choice]] = defaultdict(dict)
        for point_id, person_id, choice in session.execute(
            select(Ballot.decision_point_id, Ballot.person_id, Ballot.choice)
            .where(Ballot.decision_point_id.in_(point_ids))
            .order_by(Ballot.decision_point_id, Ballot.id)
        ):
            ballots[point_id][person_id] = Choice(choice)
        return cls(
            points,
            ballots,
            _grouped(session, DissentingOpinion.decision_point_id, point_ids, DissentingOpinion.id),
            _grouped(
                session,
                ProtocolInstruction.decision_point_id,
                point_ids,
                ProtocolInstruction.number,
            ),
        )


def _grouped(
    session: Session, key: InstrumentedAttribute[int], ids: list[int], order: Any
) -> dict[int, list[Any]]:
    """The rows whose ``key`` is one of ``ids``, by that key, each group in ``order``."""
    grouped: dict[int, list[Any]] = defaultdict(list)
    for row in session.scalars(select(key.class_).where(key.in_(ids)).order_by(key, order)):
        grouped[getattr(row, key.key)].append(row)
    return grouped


def _load_people(session: Session, fr: MeetingFrame) -> None:
    """The members' people and positions and the agenda's speakers and materials, read a
    table at a time into the session, where the lines below find them."""
    person_ids = {m.person_id for m in fr.members if m.person_id is not None}
    if fr.meeting.presiding_person_id is not None:
        person_ids.add(fr.meeting.presiding_person_id)
    position_ids = {m.seat.position_id for m in fr.members if m.seat.position_id}
    item_ids = [item.id for item in fr.items]
    session.scalars(
        select(AgendaItem)
        .where(AgendaItem.id.in_(item_ids))
        .options(selectinload(AgendaItem.speakers), selectinload(AgendaItem.materials))
    ).all()
    person_ids |= {
        s.person_id for item in fr.items for s in item.speakers if s.person_id is not None
    }
    session.scalars(select(Person).where(Person.id.in_(person_ids))).all()
    if position_ids:
        session.scalars(select(Position).where(Position.id.in_(position_ids))).all()
