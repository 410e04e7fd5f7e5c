"""The conduct rules checked on a merged meeting: attendance, invited persons, votes, opinions.

The rules are the ones the conduct services apply when a secretary records
the meeting by hand (who is a member, who may vote, who may state a
dissenting opinion), asked of the same domain and service functions, so a
file cannot record what the services would refuse.  A closed vote is never
recounted under today's profile (DESIGN §5, ``frozen_votes``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import Session

from app.domain.attendance import AttendanceRecord, not_a_member, validate_attendance
from app.domain.conduct import DISSENT_STATES, conduct_refusal
from app.domain.dissent import (
    already_stated,
    not_a_participant,
    received_too_early,
    took_part_in_closed_vote,
)
from app.domain.errors import DomainError, Term
from app.domain.instruction import deadline_refusal, executor_refusal
from app.domain.invited import member_invited, nameless, substitute_refusal
from app.domain.translation import N_
from app.domain.voting import Choice, VotingContext, counts_missing, mode_refusal
from app.formats.exchange_schema import KIND_RETURN
from app.formats.exchange_values import pointer
from app.formats.problem import Problem
from app.models.conduct import (
    Attendance,
    Ballot,
    DecisionPoint,
    DissentingOpinion,
    InvitedPerson,
    ProtocolInstruction,
)
from app.models.meeting import AgendaItem
from app.services.conduct.common import (
    MeetingFrame,
    attendance_records,
    counted_result,
    voting_context,
)
from app.services.conduct.voting import check_voter
from app.services.exchange.frozen_votes import LiveCount, settle_closed_point
from app.services.exchange.merge_state import MergeState


@dataclass(frozen=True)
class ConductRows:
    """The conduct records of one meeting, loaded once, each in id order."""

    attendance: list[Attendance]
    invited: list[InvitedPerson]
    points: list[DecisionPoint]
    dissents: list[DissentingOpinion]
    instructions: list[ProtocolInstruction]
    # The ballots of every decision point of the meeting (point id → person id → choice),
    # read in one query, not one per point and per opinion.
    ballots: dict[int, dict[int, Choice]] = field(default_factory=dict)

    def cast(self, point_id: int) -> dict[int, Choice]:
        return self.ballots.get(point_id, {})

    @classmethod
    def load(cls, session: Session, fr: MeetingFrame) -> ConductRows:
        def rows(model: Any, ids: list[int]) -> list[Any]:
            if not ids:
                return []
            return list(session.scalars(ROWS_OF[model], {"ids": ids}))

        meeting = [fr.meeting.id]
        points = rows(DecisionPoint, [item.id for item in fr.items])
        point_ids = [p.id for p in points]
        return cls(
            rows(Attendance, meeting),
            rows(InvitedPerson, meeting),
            points,
            rows(DissentingOpinion, point_ids),
            rows(ProtocolInstruction, point_ids),
            _ballots(session, point_ids),
        )

    @classmethod
    def load_many(cls, session: Session, meeting_ids: Sequence[int]) -> dict[int, ConductRows]:
        """What ``load`` gives for each meeting of ``meeting_ids`` (one chunk of them), read
        with one query per table for the whole chunk: the same rows, each list in id order."""
        ids = list(meeting_ids)
        if not ids:
            return {}
        params = {"ids": ids}

        def grouped(model: Any) -> dict[int, list[Any]]:
            found: dict[int, list[Any]] = defaultdict(list)
            for row, meeting_id in session.execute(MANY_OF[model], params):
                found[meeting_id].append(row)
            return found

        attendance, invited = grouped(Attendance), grouped(InvitedPerson)
        points, dissents = grouped(DecisionPoint), grouped(DissentingOpinion)
        instructions = grouped(ProtocolInstruction)
        ballots: dict[int, dict[int, dict[int, Choice]]] = defaultdict(dict)
        for point_id, person_id, choice, meeting_id in session.execute(BALLOTS_OF_MEETINGS, params):
            ballots[meeting_id].setdefault(point_id, {})[person_id] = Choice(choice)
        return {
            meeting_id: cls(
                attendance.get(meeting_id, []),
                invited.get(meeting_id, []),
                points.get(meeting_id, []),
                dissents.get(meeting_id, []),
                instructions.get(meeting_id, []),
                ballots.get(meeting_id, {}),
            )
            for meeting_id in ids
        }


def _rows_of(model: Any, column: Any) -> Select[Any]:
    """The rows of ``model`` whose ``column`` is in the list bound as ``ids``, in id order."""
    return select(model).where(column.in_(bindparam("ids", expanding=True))).order_by(model.id)


# Built once (as the conduct services build theirs): building a statement for every meeting
# costs more than running it.
ROWS_OF: dict[Any, Select[Any]] = {
    Attendance: _rows_of(Attendance, Attendance.meeting_id),
    InvitedPerson: _rows_of(InvitedPerson, InvitedPerson.meeting_id),
    DecisionPoint: _rows_of(DecisionPoint, DecisionPoint.item_id),
    DissentingOpinion: _rows_of(DissentingOpinion, DissentingOpinion.decision_point_id),
    ProtocolInstruction: _rows_of(ProtocolInstruction, ProtocolInstruction.decision_point_id),
}


def _of_meetings(model: Any, point_column: Any = None) -> Select[Any]:
    """The rows of ``model`` of the meetings bound as ``ids``, each with its meeting id, in id
    order: by their meeting column, or (``point_column``: their decision point; None for the
    points) through their agenda item, as ``load`` finds them from the meeting's items."""
    if model in (Attendance, InvitedPerson):
        query = select(model, model.meeting_id)
        meeting_id = model.meeting_id
    else:
        query = select(model, AgendaItem.meeting_id)
        if point_column is not None:
            query = query.join(DecisionPoint, DecisionPoint.id == point_column)
        query = query.join(AgendaItem, AgendaItem.id == DecisionPoint.item_id)
        meeting_id = AgendaItem.meeting_id
    return query.where(meeting_id.in_(bindparam("ids", expanding=True))).order_by(model.id)


MANY_OF: dict[Any, Select[Any]] = {
    Attendance: _of_meetings(Attendance),
    InvitedPerson: _of_meetings(InvitedPerson),
    DecisionPoint: _of_meetings(DecisionPoint),
    DissentingOpinion: _of_meetings(DissentingOpinion, DissentingOpinion.decision_point_id),
    ProtocolInstruction: _of_meetings(ProtocolInstruction, ProtocolInstruction.decision_point_id),
}

# The ballots of the meetings bound as ``ids``, point by point, each point's in the order
# ``_ballots`` reads them (its index on the point, then the row id).
BALLOTS_OF_MEETINGS = (
    select(Ballot.decision_point_id, Ballot.person_id, Ballot.choice, AgendaItem.meeting_id)
    .join(DecisionPoint, DecisionPoint.id == Ballot.decision_point_id)
    .join(AgendaItem, AgendaItem.id == DecisionPoint.item_id)
    .where(AgendaItem.meeting_id.in_(bindparam("ids", expanding=True)))
    .order_by(Ballot.decision_point_id, Ballot.id)
)

# Meetings whose conduct rows are read together, ahead of their checks.
CHUNK = 200


class RowsAhead:
    """The conduct rows of the meetings about to be checked, read a chunk at a time (the
    meeting asked for and the next ones in id order); one chunk held at a time."""

    def __init__(self, size: int = CHUNK) -> None:
        self.size = size
        self.rows: dict[int, ConductRows] = {}
        self.last: int | None = None

    def take(self, session: Session, meeting_id: int, meetings: Iterable[int]) -> ConductRows:
        """The rows of ``meeting_id``, checked after every lower id of ``meetings``."""
        if self.last is not None and meeting_id <= self.last:  # the checks start over
            self.rows.clear()
        self.last = meeting_id
        found = self.rows.pop(meeting_id, None)
        if found is None:
            self.rows.clear()
            after = sorted(m for m in set(meetings) if m > meeting_id)[: self.size - 1]
            self.rows = ConductRows.load_many(session, [meeting_id, *after])
            found = self.rows.pop(meeting_id)
        return found


def _ballots(session: Session, point_ids: list[int]) -> dict[int, dict[int, Choice]]:
    """What ``ballots_of`` reads for each point, for all the points at once."""
    found: dict[int, dict[int, Choice]] = defaultdict(dict)
    for start in range(0, len(point_ids), 500):
        chunk = point_ids[start : start + 500]
        for point_id, person_id, choice in session.execute(
            select(Ballot.decision_point_id, Ballot.person_id, Ballot.choice).where(
                Ballot.decision_point_id.in_(chunk)
            )
        ):
            found[point_id][person_id] = Choice(choice)
    return dict(found)


class ConductChecks(MergeState):
    """Checks the conduct of every merged meeting; fixes the frozen record of closed votes."""

    _rows_ahead: RowsAhead | None = None

    def _conduct_rows(self, fr: MeetingFrame) -> ConductRows:
        """The meeting's conduct rows, read with those of the next touched meetings (the
        checks go through them in id order): a few queries per chunk, not six per meeting."""
        if self._rows_ahead is None:
            self._rows_ahead = RowsAhead(CHUNK)
        return self._rows_ahead.take(self.session, fr.meeting.id, self.touched_meetings)

    def _check_conduct(self, fr: MeetingFrame, where: str) -> None:
        found = self._conduct_rows(fr)
        if not (found.attendance or found.invited or found.points):
            return
        meeting = fr.meeting
        if self.refuse(where, conduct_refusal(meeting.state, meeting.number, DISSENT_STATES)):
            return
        records = self._check_attendance(fr, found.attendance, where)
        if records is None:
            return
        self._check_invited(fr, found.invited, records)
        frozen_now: dict[int, dict[str, Any] | None] = {}
        for point in found.points:
            self._check_point(fr, point, records, frozen_now, found.cast(point.id))
        self._check_dissents(fr, found, records, frozen_now)
        self._check_instructions(fr, found.instructions)

    def _check_attendance(
        self, fr: MeetingFrame, attendance: list[Attendance], where: str
    ) -> list[AttendanceRecord] | None:
        """The attendance as the conduct services read it; None when it breaks a rule."""
        members = fr.member_ids()
        for row in attendance:
            self.refuse(
                self._loc("attendance", row),
                not_a_member(row.person_id, members, fr.day, self._name),
            )
        records = attendance_records(self.session, fr.meeting.id)
        try:
            validate_attendance(records, len(fr.items))
        except DomainError as exc:
            params = dict(exc.params)
            culprit = params.get("person_id")
            row_at = next((r for r in attendance if r.person_id == culprit), None)
            if isinstance(culprit, int):
                params["person_id"] = self._name(culprit)
            self.problems.append(
                Problem(
                    exc.msgid,
                    tuple(sorted(params.items())),
                    pointer=self._loc("attendance", row_at) if row_at is not None else where,
                )
            )
            return None
        return records

    def _check_invited(
        self, fr: MeetingFrame, invited: list[InvitedPerson], records: list[AttendanceRecord]
    ) -> None:
        members = fr.member_ids()
        present = {r.person_id for r in records if r.present}
        for guest in invited:
            at = self._loc("invited_persons", guest)
            self.refuse(at, member_invited(guest.person_id, members, self._name))
            self.refuse(at, nameless(guest.name))
            refusal = substitute_refusal(
                guest.role, guest.instead_of_person_id, members=members, present=present, day=fr.day
            )
            self.refuse(at, refusal)

    def _pointer_of_ballot(self, point: DecisionPoint, person_id: int) -> str:
        base = self.where.get(("decision_points", point.uid))
        if base is None:
            return pointer("tables", "decision_points")
        people = self.ballot_people.get(point.uid)  # kept when the record was consumed
        if people is None:
            record = self.record_of("decision_points", point.uid)
            people = tuple(b.get("person") for b in record.get("ballots", [])) if record else ()
        person_uid = self.uids.uid("people", person_id)
        for index, uid in enumerate(people):
            if uid == person_uid:
                return f"{base}/ballots/{index}"
        return base

    def _check_point(
        self,
        fr: MeetingFrame,
        point: DecisionPoint,
        records: list[AttendanceRecord],
        frozen_now: dict[int, dict[str, Any] | None],
        cast: Mapping[int, Choice],
    ) -> None:
        """The votes of one decision point (``cast``: its ballots); ``frozen_now`` gets its
        record when it is kept."""
        at = self._loc("decision_points", point)
        index = fr.item_index(point.item_id)
        has_counts = any(
            v is not None for v in (point.count_for, point.count_against, point.count_abstained)
        ) or bool(point.presiding_choice or point.chair_choice)
        if self.refuse(at, mode_refusal(point.mode, point.number, names=bool(cast))):
            return
        if self.refuse(at, mode_refusal(point.mode, point.number, counts=has_counts)):
            return
        context = self._check_voters(fr, point, records, cast)
        if context is None:
            return
        try:
            result = counted_result(point, context, fr.profile, cast)
        except DomainError as exc:
            self.error(at, exc)
            return
        if point.state != "closed":
            if point.frozen is not None:
                point.frozen = None
            if point.without_quorum:
                point.without_quorum = False
            frozen_now[point.id] = None
            return
        if result is None:
            self.error(at, counts_missing(point.number))
            return
        self._settle_closed(fr, point, records, index, frozen_now, cast, LiveCount(context, result))

    def _check_voters(
        self,
        fr: MeetingFrame,
        point: DecisionPoint,
        records: list[AttendanceRecord],
        cast: Mapping[int, Choice],
    ) -> VotingContext | None:
        """Every ballot is a member present and entitled on the item; the item's voting
        context when they all are (None otherwise)."""
        index = fr.item_index(point.item_id)
        try:
            context = voting_context(fr, records, index)
        except DomainError as exc:
            self.error(self._loc("decision_points", point), exc)
            return None
        allowed = True
        for person_id in sorted(cast):
            if person_id in context.entitled_present:
                continue
            allowed = False
            try:
                check_voter(self.session, fr, index, person_id, records)
            except DomainError as exc:
                self.error(self._pointer_of_ballot(point, person_id), exc)
        return context if allowed else None

    def _settle_closed(
        self,
        fr: MeetingFrame,
        point: DecisionPoint,
        records: list[AttendanceRecord],
        index: int,
        frozen_now: dict[int, dict[str, Any] | None],
        cast: Mapping[int, Choice],
        live: LiveCount,
    ) -> None:
        """A closed vote keeps the record frozen at closing (DESIGN §5, ``frozen_votes``);
        ``cast``: its ballots, read with the meeting's; ``live``: its count by the checks."""
        at = self._loc("decision_points", point)
        if point.closed_at is None:
            self.problem(at, N_("The field “{field}” must not be empty."), field="closed_at")
        try:
            kept, refusals = settle_closed_point(
                self.session,
                point,
                fr,
                records,
                index,
                point.frozen or None,
                stored=self.closed_before.get(point.id),
                votes_changed=("decision_points", point.uid) in self.changed,
                recount=self.archive.kind == KIND_RETURN,
                cast=cast,
                live=live,
            )
        except DomainError as exc:
            self.error(at, exc)
            return
        for refusal in refusals:
            self.error(at, refusal)
        if kept is None:
            return
        if point.frozen != kept:
            point.frozen = kept
        has_quorum = bool((kept.get("quorum") or {}).get("has_quorum", True))
        if point.without_quorum != (not has_quorum):
            point.without_quorum = not has_quorum
        frozen_now[point.id] = kept

    def _check_dissents(
        self,
        fr: MeetingFrame,
        found: ConductRows,
        records: list[AttendanceRecord],
        frozen_now: dict[int, dict[str, Any] | None],
    ) -> None:
        """One opinion per member and decision, by someone who took part in the vote."""
        by_point = {p.id: p for p in found.points}
        seen: set[tuple[int, int]] = set()
        for opinion in found.dissents:
            at = self._loc("dissenting_opinions", opinion)
            point = by_point[opinion.decision_point_id]
            name = self._name(opinion.person_id)
            if (point.id, opinion.person_id) in seen:
                self.error(at, already_stated(name))
                continue
            seen.add((point.id, opinion.person_id))
            if not opinion.text:
                self.problem(
                    at,
                    N_("The field “{field}” must not be empty."),
                    field=Term(N_("Dissenting opinion")),
                )
            self.refuse(at, received_too_early(opinion.received_on, fr.day))
            frozen_state = frozen_now.get(point.id)
            if frozen_state is not None:
                took_part = took_part_in_closed_vote(frozen_state, opinion.person_id, point.mode)
            elif point.mode == "counts":
                try:
                    context = voting_context(fr, records, fr.item_index(point.item_id))
                except DomainError:
                    continue
                took_part = opinion.person_id in context.entitled_present
            else:
                took_part = (
                    found.cast(point.id).get(opinion.person_id, Choice.DID_NOT_VOTE)
                    is not Choice.DID_NOT_VOTE
                )
            if not took_part:
                refusal = not_a_participant(name, point.number, fr.profile.citation("dissent"))
                self.error(at, refusal)

    def _check_instructions(
        self, fr: MeetingFrame, instructions: list[ProtocolInstruction]
    ) -> None:
        for instruction in instructions:
            at = self._loc("protocol_instructions", instruction)
            if not any((instruction.text_kk, instruction.text_ru, instruction.text_en)):
                self.problem(
                    at,
                    N_("“{field}” needs a text in at least one language."),
                    field=Term(N_("Instruction")),
                )
            organisations = (
                instruction.executor_kk,
                instruction.executor_ru,
                instruction.executor_en,
            )
            self.refuse(at, executor_refusal(instruction.executor_person_id, organisations))
            self.refuse(at, deadline_refusal(instruction.deadline, fr.day))
