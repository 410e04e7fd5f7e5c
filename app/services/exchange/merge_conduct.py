"""The conduct rules checked on a merged meeting: attendance, invited persons, votes, opinions.

The rules are the ones the conduct services apply when a secretary records
the meeting by hand (who is a member, who may vote, who may state a
dissenting opinion), asked of the same domain and service functions, so a
file cannot record what the services would refuse.  A closed vote is never
recounted under today's profile (DESIGN §5, ``frozen_votes``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.attendance import AttendanceRecord, validate_attendance
from app.domain.dissent import not_a_participant, took_part_in_closed_vote
from app.domain.errors import DomainError, Term
from app.domain.meeting import MeetingState
from app.domain.translation import N_
from app.domain.voting import Choice
from app.formats.exchange_schema import KIND_RETURN
from app.formats.exchange_values import pointer
from app.formats.problem import Problem
from app.models.conduct import (
    Attendance,
    DecisionPoint,
    DissentingOpinion,
    InvitedPerson,
    ProtocolInstruction,
)
from app.services.conduct.common import (
    DISSENT_STATES,
    MeetingFrame,
    attendance_records,
    ballots_of,
    live_result,
    voting_context,
)
from app.services.conduct.voting import check_voter
from app.services.exchange.frozen_votes import settle_closed_point
from app.services.exchange.merge_state import MergeState


@dataclass(frozen=True)
class ConductRows:
    """The conduct records of one meeting, loaded once, each in id order."""

    attendance: list[Attendance]
    invited: list[InvitedPerson]
    points: list[DecisionPoint]
    dissents: list[DissentingOpinion]
    instructions: list[ProtocolInstruction]

    @classmethod
    def load(cls, session: Session, fr: MeetingFrame) -> ConductRows:
        def rows(model: Any, column: Any, ids: list[int]) -> list[Any]:
            if not ids:
                return []
            return list(session.scalars(select(model).where(column.in_(ids)).order_by(model.id)))

        meeting = [fr.meeting.id]
        points = rows(DecisionPoint, DecisionPoint.item_id, [item.id for item in fr.items])
        point_ids = [p.id for p in points]
        return cls(
            rows(Attendance, Attendance.meeting_id, meeting),
            rows(InvitedPerson, InvitedPerson.meeting_id, meeting),
            points,
            rows(DissentingOpinion, DissentingOpinion.decision_point_id, point_ids),
            rows(ProtocolInstruction, ProtocolInstruction.decision_point_id, point_ids),
        )


class ConductChecks(MergeState):
    """Checks the conduct of every merged meeting; fixes the frozen record of closed votes."""

    def _check_conduct(self, fr: MeetingFrame, where: str) -> None:
        found = ConductRows.load(self.session, fr)
        if not (found.attendance or found.invited or found.points):
            return
        meeting = fr.meeting
        if MeetingState(meeting.state) not in DISSENT_STATES:
            self.problem(
                where,
                N_(
                    "Attendance and votes of meeting No. {number} cannot be recorded in the state "
                    "“{state}”: record them once the agenda is approved, until the meeting is "
                    "closed."
                ),
                number=meeting.number,
                state=meeting.state,
            )
            return
        records = self._check_attendance(fr, found.attendance, where)
        if records is None:
            return
        self._check_invited(fr, found.invited, records)
        frozen_now: dict[int, dict[str, Any] | None] = {}
        for point in found.points:
            self._check_point(fr, point, records, frozen_now)
        self._check_dissents(fr, found, records, frozen_now)
        self._check_instructions(fr, found.instructions)

    def _check_attendance(
        self, fr: MeetingFrame, attendance: list[Attendance], where: str
    ) -> list[AttendanceRecord] | None:
        """The attendance as the conduct services read it; None when it breaks a rule."""
        members = fr.member_ids()
        for row in attendance:
            if row.person_id not in members:
                self.problem(
                    self._loc("attendance", row),
                    N_(
                        "{name} is not a member of the council on {day}; record them as an invited "
                        "person. Members take part without the right of substitution."
                    ),
                    name=self._name(row.person_id),
                    day=fr.day,
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
            if guest.person_id is not None and guest.person_id in members:
                self.problem(
                    at,
                    N_(
                        "{name} is a member of the council; record their attendance "
                        "instead of inviting them."
                    ),
                    name=self._name(guest.person_id),
                )
            if not guest.name:
                self.problem(at, N_("An invited person needs a name."))
            if guest.role == "substitute":
                if guest.instead_of_person_id is None:
                    self.problem(at, N_("Say which member this person came instead of."))
                elif guest.instead_of_person_id not in members:
                    self.problem(
                        at,
                        N_("The person replaced is not a member of the council on {day}."),
                        day=fr.day,
                    )
                elif guest.instead_of_person_id in present:
                    self.problem(
                        at,
                        N_(
                            "The member is marked present in person; nobody can "
                            "attend instead of them."
                        ),
                    )
            elif guest.instead_of_person_id is not None:
                self.problem(at, N_("Only someone who came instead of a member names the member."))

    def _pointer_of_ballot(self, point: DecisionPoint, person_id: int) -> str:
        key = ("decision_points", point.uid)
        base = self.where.get(key)
        record = self.record_of("decision_points", point.uid) if base else None
        person_uid = self.uids.uid("people", person_id)
        if base is None or record is None:
            return base or pointer("tables", "decision_points")
        for index, ballot in enumerate(record.get("ballots", [])):
            if ballot.get("person") == person_uid:
                return f"{base}/ballots/{index}"
        return base

    def _check_point(
        self,
        fr: MeetingFrame,
        point: DecisionPoint,
        records: list[AttendanceRecord],
        frozen_now: dict[int, dict[str, Any] | None],
    ) -> None:
        """The votes of one decision point; ``frozen_now`` gets its record when it is kept."""
        at = self._loc("decision_points", point)
        index = fr.item_index(point.item_id)
        cast = ballots_of(self.session, point.id)
        has_counts = any(
            v is not None for v in (point.count_for, point.count_against, point.count_abstained)
        )
        if point.mode == "counts" and cast:
            self.problem(
                at,
                N_(
                    "Decision point {number} is voted by counts only; enter the "
                    "counts instead of names."
                ),
                number=point.number,
            )
            return
        if point.mode == "roll_call" and (
            has_counts or point.presiding_choice or point.chair_choice
        ):
            self.problem(
                at,
                N_("Decision point {number} is a roll call; record each member's vote."),
                number=point.number,
            )
            return
        try:
            context = voting_context(fr, records, index)
        except DomainError as exc:
            self.error(at, exc)
            return
        refused = False
        for person_id in sorted(cast):
            if person_id in context.entitled_present:
                continue
            refused = True
            try:
                check_voter(self.session, fr, index, person_id, records)
            except DomainError as exc:
                self.error(self._pointer_of_ballot(point, person_id), exc)
        if refused:
            return
        try:
            result = live_result(self.session, point, fr, records, index)
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
            self.problem(
                at,
                N_("Enter the counts of decision point {number} before closing its voting."),
                number=point.number,
            )
            return
        self._settle_closed(fr, point, records, index, frozen_now)

    def _settle_closed(
        self,
        fr: MeetingFrame,
        point: DecisionPoint,
        records: list[AttendanceRecord],
        index: int,
        frozen_now: dict[int, dict[str, Any] | None],
    ) -> None:
        """A closed vote keeps the record frozen at closing (DESIGN §5, ``frozen_votes``)."""
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
                self.problem(
                    at,
                    N_(
                        "{name} has already stated a dissenting opinion on this "
                        "decision; change that one instead."
                    ),
                    name=name,
                )
                continue
            seen.add((point.id, opinion.person_id))
            if not opinion.text:
                self.problem(
                    at,
                    N_("The field “{field}” must not be empty."),
                    field=Term(N_("Dissenting opinion")),
                )
            if opinion.received_on < fr.day:
                self.problem(
                    at, N_("An opinion cannot be received before the meeting ({day})."), day=fr.day
                )
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
                    ballots_of(self.session, point.id).get(opinion.person_id, Choice.DID_NOT_VOTE)
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
            if instruction.executor_person_id is None and not any(
                (instruction.executor_kk, instruction.executor_ru, instruction.executor_en)
            ):
                self.problem(
                    at,
                    N_(
                        "An instruction needs a responsible executor (a person or an organisation)."
                    ),
                )
            if instruction.deadline is not None and instruction.deadline < fr.day:
                self.problem(
                    at,
                    N_("The deadline {deadline} is before the meeting."),
                    deadline=instruction.deadline,
                )
