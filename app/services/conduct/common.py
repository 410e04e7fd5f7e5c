"""What the conduct actions share: who may vote on an item, guards, and plain results.

Members take part **without the right of substitution** (000 §14) and may not
hand their powers to anyone (004 §22): an invited person, even one who came
instead of a member, is never counted for the quorum and never votes.  The
set of members "present and entitled" on an item is computed here, from the
composition on the meeting date and the attendance, and nowhere else.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Integer, Select, and_, bindparam, func, or_, select
from sqlalchemy.orm import Session, aliased

from app.domain.attendance import AttendanceRecord
from app.domain.composition import Member, Role
from app.domain.conduct import CONDUCT_STATES, conduct_refusal
from app.domain.council import pick
from app.domain.errors import DomainError, refuse
from app.domain.meeting import MeetingState
from app.domain.quorum import QuorumStatus, quorum_status
from app.domain.regulation import (
    DecisionBase,
    RegulationProfile,
    TieBreak,
    TieReading,
    profile_to_dict,
)
from app.domain.translation import N_
from app.domain.voting import Ballot as BallotFact
from app.domain.voting import Choice, Reason, TallyResult, VotingContext, tally, tally_counts
from app.models.conduct import Attendance, Ballot, DecisionPoint
from app.models.meeting import AgendaItem, Meeting
from app.models.protocol import Protocol
from app.services.base import Actor, audit, check_id, get, snapshot
from app.services.meetings.common import load_meeting, members_on
from app.services.profile_history import profile_on

LANGS = ("kk", "ru", "en")


def now() -> datetime:
    return datetime.now(UTC)


def guard_conduct(
    session: Session, meeting: Meeting, states: frozenset[MeetingState] = CONDUCT_STATES
) -> None:
    """Refuse recording conduct for a meeting not being held, or whose protocol is signed."""
    from app.services.protocols.common import guard_unlocked

    guard_unlocked(session, meeting)
    refuse(conduct_refusal(meeting.state, meeting.number, states))


def remove_audited(session: Session, actor: Actor, row: Any, action: str, council_id: int) -> None:
    """Delete a conduct record; the audit trail keeps what it was."""
    before = snapshot(row)
    record_id = row.id
    session.delete(row)
    audit(
        session,
        actor,
        action,
        entity=type(row).__tablename__,
        entity_id=record_id,
        before=before,
        council_id=council_id,
    )


@dataclass(frozen=True)
class VotingFrame:
    """A meeting with what the voting rules need: its profile and composition on its date."""

    meeting: Meeting
    profile: RegulationProfile
    members: list[Member]
    chair_id: int | None

    @property
    def day(self) -> date:
        return self.meeting.meeting_date

    def member_ids(self) -> set[int]:
        return {m.person_id for m in self.members if m.person_id is not None}

    def voting_ids(self) -> set[int]:
        """Members with a vote on the meeting date (the secretary only if the profile says so)."""
        return {
            m.person_id
            for m in self.members
            if m.person_id is not None
            and m.seat.voting
            and (self.profile.secretary_votes or m.role is not Role.SECRETARY)
        }


@dataclass(frozen=True)
class MeetingFrame(VotingFrame):
    """A meeting with what every conduct rule needs, its agenda too, loaded once."""

    items: list[AgendaItem]

    def item_index(self, item_id: int) -> int:
        for index, item in enumerate(self.items):
            if item.id == item_id:
                return index
        raise DomainError(N_("The item does not belong to this meeting."))


def _voting_frame(session: Session, meeting: Meeting) -> VotingFrame:
    # The profile in force on the meeting's date: a later change never reaches it.
    profile = profile_on(session, meeting.council_id, meeting.meeting_date)
    members = members_on(session, meeting.council_id, meeting.meeting_date)
    chair = next((m.person_id for m in members if m.role is Role.CHAIR), None)
    return VotingFrame(meeting, profile, members, chair)


def frame(session: Session, meeting_id: int) -> MeetingFrame:
    voting = _voting_frame(session, load_meeting(session, meeting_id))
    items = list(
        session.scalars(
            select(AgendaItem)
            .where(AgendaItem.meeting_id == voting.meeting.id)
            .order_by(AgendaItem.position, AgendaItem.id)
        )
    )
    return MeetingFrame(voting.meeting, voting.profile, voting.members, voting.chair_id, items)


def _ballot_frame_query() -> Select[DecisionPoint, Meeting, int, str | None]:
    earlier = aliased(AgendaItem)
    place = (
        select(func.count())
        .select_from(earlier)
        .where(
            earlier.meeting_id == AgendaItem.meeting_id,
            or_(
                earlier.position < AgendaItem.position,
                and_(earlier.position == AgendaItem.position, earlier.id < AgendaItem.id),
            ),
        )
        .scalar_subquery()
    )
    # The state of the meeting's newest protocol revision (as ``record_locked`` reads it).
    protocol = (
        select(Protocol.state)
        .where(Protocol.meeting_id == Meeting.id)
        .order_by(Protocol.revision.desc())
        .limit(1)
        .scalar_subquery()
    )
    return (
        select(DecisionPoint, Meeting, place, protocol)
        .join(AgendaItem, AgendaItem.id == DecisionPoint.item_id)
        .join(Meeting, Meeting.id == AgendaItem.meeting_id)
        .where(DecisionPoint.id == bindparam("point_id", type_=Integer))
    )


# Built once: building the statement (the aliased agenda above all) costs more than running it.
BALLOT_FRAME = _ballot_frame_query()


def ballot_frame(session: Session, point_id: int) -> tuple[DecisionPoint, VotingFrame, int]:
    """A decision point of a meeting being held, the meeting's frame and the item's place.

    For the actions on one point (a ballot, on every key of a roll call): the point, its
    meeting, the item's place in the agenda and the state of the meeting's newest
    protocol are read in one statement, and the agenda itself is not loaded.  The place
    is the one :meth:`MeetingFrame.item_index` gives: the number of items before it.
    Refuses, with the same words, what :func:`guard_conduct` refuses.
    """
    from app.services.protocols.common import LOCKED_STATES, guard_unlocked

    key = check_id(point_id, N_("Decision point"))
    row = session.execute(BALLOT_FRAME, {"point_id": key}).first()
    if row is None:  # refused with the same words as the other actions
        point = load_point(session, key)
        fr, index = point_frame(session, point)
        guard_conduct(session, fr.meeting)
        return point, fr, index
    point, meeting, index, protocol_state = row
    if protocol_state in LOCKED_STATES:
        guard_unlocked(session, meeting)
    refuse(conduct_refusal(meeting.state, meeting.number, CONDUCT_STATES))
    return point, _voting_frame(session, meeting), int(index)


def attendance_records(session: Session, meeting_id: int) -> list[AttendanceRecord]:
    rows = session.execute(
        select(
            Attendance.person_id,
            Attendance.present,
            Attendance.absence_reason,
            Attendance.arrived_before_item,
            Attendance.left_after_item,
        ).where(Attendance.meeting_id == meeting_id)
    )
    return [AttendanceRecord(*row) for row in rows]


def present_members(records: list[AttendanceRecord], index: int) -> frozenset[int]:
    return frozenset(r.person_id for r in records if r.attends(index))


def entitled_present(
    fr: VotingFrame, records: list[AttendanceRecord], index: int
) -> frozenset[int]:
    """Members present at item ``index`` who have a vote: the only ones who vote and count."""
    return present_members(records, index) & frozenset(fr.voting_ids())


def voting_context(fr: VotingFrame, records: list[AttendanceRecord], index: int) -> VotingContext:
    return VotingContext(
        entitled_present=entitled_present(fr, records, index),
        composition_size=len(fr.voting_ids()),
        presiding_id=fr.meeting.presiding_person_id,
        chair_id=fr.chair_id,
    )


def item_quorum(fr: VotingFrame, records: list[AttendanceRecord], index: int) -> QuorumStatus:
    return quorum_status(
        len(entitled_present(fr, records, index)), len(fr.voting_ids()), fr.profile
    )


def context_quorum(context: VotingContext, profile: RegulationProfile) -> QuorumStatus:
    """:func:`item_quorum` with the item's voting context given (the same two numbers)."""
    return quorum_status(len(context.entitled_present), context.composition_size, profile)


def load_point(session: Session, point_id: int) -> DecisionPoint:
    return get(session, DecisionPoint, point_id, N_("Decision point"))


def point_frame(session: Session, point: DecisionPoint) -> tuple[MeetingFrame, int]:
    item = get(session, AgendaItem, point.item_id, N_("Agenda item"))
    fr = frame(session, item.meeting_id)
    return fr, fr.item_index(item.id)


def ballots_of(session: Session, point_id: int) -> dict[int, Choice]:
    # Plain columns: this runs on every ballot of the live meeting (no objects needed).
    rows = session.execute(
        select(Ballot.person_id, Ballot.choice).where(Ballot.decision_point_id == point_id)
    )
    return {person_id: Choice(choice) for person_id, choice in rows}


def live_result(
    session: Session,
    point: DecisionPoint,
    fr: VotingFrame,
    records: list[AttendanceRecord],
    index: int,
    cast: Mapping[int, Choice] | None = None,
) -> TallyResult | None:
    """The result as it stands (None in counts mode before counts are entered).

    ``cast``: the point's ballots when the caller has read them already (a ballot being
    saved, an import that reads a meeting's ballots at once); read here otherwise.
    """
    context = voting_context(fr, records, index)
    if cast is None and point.mode != "counts":
        cast = ballots_of(session, point.id)
    return counted_result(point, context, fr.profile, cast or {})


def counted_result(
    point: DecisionPoint,
    context: VotingContext,
    profile: RegulationProfile,
    cast: Mapping[int, Choice],
) -> TallyResult | None:
    """:func:`live_result` with the item's voting context given (an import counting a point
    once for all its checks); ``cast``: the point's ballots (unread in counts mode)."""
    if point.mode == "counts":
        if point.count_for is None:
            return None
        return tally_counts(
            point.count_for,
            point.count_against or 0,
            point.count_abstained or 0,
            context,
            profile,
            presiding_choice=Choice(point.presiding_choice) if point.presiding_choice else None,
            chair_choice=Choice(point.chair_choice) if point.chair_choice else None,
        )
    facts = [
        BallotFact(pid, choice) for pid, choice in cast.items() if pid in context.entitled_present
    ]
    return tally(facts, context, profile)


def frozen_record(
    session: Session,
    point_id: int,
    fr: VotingFrame,
    records: list[AttendanceRecord],
    index: int,
    quorum: QuorumStatus,
    result: TallyResult,
    cast: Mapping[int, Choice] | None = None,
) -> dict[str, Any]:
    """What closing a vote freezes: who was present and entitled, the ballots, the quorum,
    the result, and the profile it was counted under (a later change never recounts it).

    Written once for the service that closes a vote and the import that checks one.
    ``cast``: the point's ballots when the caller has read them already (the import).
    """
    context = voting_context(fr, records, index)
    if cast is None:
        cast = ballots_of(session, point_id)
    return frozen_data(context, quorum, result, cast, fr.profile)


def frozen_data(
    context: VotingContext,
    quorum: QuorumStatus,
    result: TallyResult,
    cast: Mapping[int, Choice],
    profile: RegulationProfile,
) -> dict[str, Any]:
    """:func:`frozen_record` with the item's voting context and the ballots given."""
    return {
        "entitled_present": sorted(context.entitled_present),
        "composition_size": context.composition_size,
        "presiding_id": context.presiding_id,
        "chair_id": context.chair_id,
        "ballots": {str(k): v.value for k, v in sorted(cast.items())},
        "quorum": {
            "has_quorum": quorum.has_quorum,
            "present": quorum.present,
            "base": quorum.base,
            "required": quorum.required,
            "source": quorum.source,
        },
        "result": result_data(result),
        "profile": profile_to_dict(profile),
    }


RESULT_FIELDS = tuple(f.name for f in dataclasses.fields(TallyResult))


def result_data(result: TallyResult) -> dict[str, Any]:
    """A tally result as plain data, frozen with the decision point when voting closes."""
    # A shallow copy is what ``dataclasses.asdict`` gives: every field holds a bool, an int,
    # a str, None or an enum (replaced below), which it would not copy either.
    data = {name: getattr(result, name) for name in RESULT_FIELDS}
    data["base"] = result.base.value
    data["tie_break_applied"] = result.tie_break_applied.value if result.tie_break_applied else None
    data["reason"] = result.reason.value
    data["tie_reading"] = result.tie_reading.value if result.tie_reading else None
    return data


def result_from_data(data: dict[str, Any]) -> TallyResult:
    """The frozen result, able to explain itself again in any language."""
    values = dict(data)
    values["base"] = DecisionBase(values["base"])
    tie_break = values.get("tie_break_applied")
    values["tie_break_applied"] = TieBreak(tie_break) if tie_break else None
    values["reason"] = Reason(values["reason"])
    reading = values.get("tie_reading")  # absent in results frozen before it was named
    values["tie_reading"] = TieReading(reading) if reading else None
    return TallyResult(**values)


def texts(record: Any, prefix: str) -> dict[str, str]:
    return {lang: getattr(record, f"{prefix}_{lang}") for lang in LANGS}


def text_in(record: Any, prefix: str, lang: str) -> str:
    return pick(texts(record, prefix), lang)
