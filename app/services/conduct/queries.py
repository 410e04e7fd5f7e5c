"""The live state of a meeting, as the live meeting screen and the protocol see it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.attendance import AttendanceRecord
from app.domain.composition import Role
from app.domain.quorum import QuorumStatus
from app.domain.regulation import RegulationProfile
from app.domain.voting import Choice, TallyResult
from app.models.composition import Person, Position
from app.models.conduct import (
    Attendance,
    DecisionPoint,
    DissentingOpinion,
    InvitedPerson,
    ProtocolInstruction,
)
from app.models.database import Database
from app.services.conduct.attendance import AttendanceInfo, attendance_info
from app.services.conduct.common import (
    MeetingFrame,
    attendance_records,
    ballots_of,
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
    """:func:`live_meeting` inside an open session (the protocol is assembled in one)."""
    fr = frame(session, meeting_id)
    records = attendance_records(session, fr.meeting.id)
    rows = {
        a.person_id: a
        for a in session.scalars(select(Attendance).where(Attendance.meeting_id == fr.meeting.id))
    }
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
    items = []
    for index, item in enumerate(fr.items):
        points = []
        for point in session.scalars(
            select(DecisionPoint)
            .where(DecisionPoint.item_id == item.id)
            .order_by(DecisionPoint.number)
        ):
            points.append(_point_line(session, point, fr, records, index))
        items.append(
            ItemLine(
                item_info(session, item),
                index,
                present_members(records, index),
                entitled_present(fr, records, index),
                item_quorum(fr, records, index),
                tuple(points),
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
) -> PointLine:
    dissents = tuple(
        dissent_info(d)
        for d in session.scalars(
            select(DissentingOpinion)
            .where(DissentingOpinion.decision_point_id == point.id)
            .order_by(DissentingOpinion.id)
        )
    )
    instructions = tuple(
        instruction_info(i)
        for i in session.scalars(
            select(ProtocolInstruction)
            .where(ProtocolInstruction.decision_point_id == point.id)
            .order_by(ProtocolInstruction.number)
        )
    )
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
    result = live_result(session, point, fr, records, index)
    return PointLine(
        decision_info(point),
        ballots_of(session, point.id),
        result,
        False,
        entitled_present(fr, records, index),
        False,
        dissents,
        instructions,
    )
