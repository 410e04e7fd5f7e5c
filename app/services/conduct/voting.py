"""Actions on votes: a member's ballot, counts of a show of hands, closing and reopening.

The result is never stored as entered: it is counted by
:func:`app.domain.voting.tally` from the ballots, the members present and
entitled on the item, and the council's profile.  Closing the voting freezes
who was present and entitled, the ballots and the result (OpenSlides'
``entitled_users_at_stop``); reopening is an explicit, recorded action.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from app.domain.attendance import AttendanceRecord
from app.domain.errors import DomainError, refuse
from app.domain.protocol_states import PointAction, PointState, guard_point
from app.domain.quorum_loss import closing_without_quorum
from app.domain.substitution import not_a_member_cannot_vote, substitute_cannot_vote
from app.domain.translation import N_
from app.domain.voting import (
    Choice,
    TallyResult,
    counts_missing,
    mode_refusal,
    not_considered,
    tally_counts,
)
from app.models.composition import Person
from app.models.conduct import Ballot, DecisionPoint, InvitedPerson, VotingReopening
from app.models.database import Database
from app.services.base import Actor, audit, check_flag, check_id, clean_text, snapshot
from app.services.conduct.common import (
    VotingFrame,
    attendance_records,
    ballot_frame,
    frozen_record,
    guard_conduct,
    item_quorum,
    live_result,
    load_point,
    now,
    point_frame,
    voting_context,
)
from app.services.people import person_info


@dataclass(frozen=True)
class VoteChange:
    """What a voting action changed: the ballot and the result as it now stands."""

    decision_point_id: int
    person_id: int | None
    previous: Choice | None
    choice: Choice | None
    result: TallyResult | None


def _name(session: Session, person_id: int) -> str:
    person = session.get(Person, person_id)
    return person_info(person).full_name() if person else f"#{person_id}"


def _guard(action: PointAction, point: DecisionPoint) -> PointState:
    return guard_point(action, point.state, number=point.number)


def check_voter(
    session: Session,
    fr: VotingFrame,
    index: int,
    person_id: int,
    records: list[AttendanceRecord],
) -> None:
    """Say exactly why someone cannot vote on this item."""
    context = voting_context(fr, records, index)
    if person_id in context.entitled_present:
        return
    source = fr.profile.citation("substitution")
    invited = session.scalar(
        select(InvitedPerson).where(
            InvitedPerson.meeting_id == fr.meeting.id, InvitedPerson.person_id == person_id
        )
    )
    substitutes = {
        row.instead_of_person_id: row
        for row in session.scalars(
            select(InvitedPerson).where(
                InvitedPerson.meeting_id == fr.meeting.id,
                InvitedPerson.instead_of_person_id.is_not(None),
            )
        )
    }
    if invited is not None or person_id not in fr.member_ids():
        raise not_a_member_cannot_vote(_name(session, person_id), source)
    if person_id not in fr.voting_ids():
        raise DomainError(N_("{name} has no vote in the council."), name=_name(session, person_id))
    if person_id in substitutes:
        raise substitute_cannot_vote(_name(session, person_id), source)
    raise DomainError(
        N_("{name} is not present at item {item} and cannot vote on it."),
        name=_name(session, person_id),
        item=index + 1,
    )


def cast_ballot(
    db: Database, actor: Actor, point_id: int, person_id: int, choice: Choice
) -> VoteChange:
    """Record a member's vote (for, against, abstained); "did not vote" clears it."""
    try:
        choice = Choice(choice)
    except ValueError as exc:
        raise DomainError(N_("Unknown choice of vote.")) from exc
    pid = check_id(person_id, N_("Person"))
    with db.transaction() as session:
        point, fr, index = ballot_frame(session, point_id)  # guards the conduct too
        _guard(PointAction.CAST_BALLOT, point)
        refuse(mode_refusal(point.mode, point.number, names=True))
        records = attendance_records(session, fr.meeting.id)
        check_voter(session, fr, index, pid, records)
        previous, cast = _write_ballot(session, point.id, pid, choice)
        # The tally first, then the audit event: on PostgreSQL the event takes the audit
        # chain's lock until commit, so nothing slow may come after it (10 workstations).
        result = live_result(session, point, fr, records, index, cast)
        audit(
            session,
            actor,
            "ballot.cast",
            entity="ballots",
            entity_id=point.id,
            council_id=fr.meeting.council_id,
            before={"person_id": pid, "choice": previous.value if previous else None},
            after={"person_id": pid, "choice": choice.value},
        )
        new = None if choice is Choice.DID_NOT_VOTE else choice
        return VoteChange(point.id, pid, previous, new, result)


def _write_ballot(
    session: Session, point_id: int, pid: int, choice: Choice
) -> tuple[Choice | None, dict[int, Choice]]:
    """Save a member's ballot: their previous choice, and the point's ballots as they now
    stand (read once, for the tally).

    Plain columns and statements, no objects: this runs on every key of a roll call.
    """
    rows = session.execute(
        select(Ballot.id, Ballot.person_id, Ballot.choice).where(
            Ballot.decision_point_id == point_id
        )
    ).all()
    cast = {person: Choice(value) for _id, person, value in rows}
    ballot_id = next((id_ for id_, person, _value in rows if person == pid), None)
    previous = cast.get(pid)
    if choice is Choice.DID_NOT_VOTE:
        cast.pop(pid, None)
        if ballot_id is not None:
            session.execute(
                delete(Ballot).where(Ballot.id == ballot_id),
                execution_options={"synchronize_session": False},
            )
    elif ballot_id is None:
        cast[pid] = choice
        session.execute(
            insert(Ballot).values(
                decision_point_id=point_id, person_id=pid, choice=choice.value, recorded_at=now()
            )
        )
    else:
        cast[pid] = choice
        session.execute(
            update(Ballot)
            .where(Ballot.id == ballot_id)
            .values(choice=choice.value, recorded_at=now()),
            execution_options={"synchronize_session": False},
        )
    return previous, cast


def _choice(value: object) -> Choice | None:
    if value is None or value == "":
        return None
    try:
        return Choice(str(value))
    except ValueError as exc:
        raise DomainError(N_("Unknown choice of vote.")) from exc


def record_counts(
    db: Database,
    actor: Actor,
    point_id: int,
    for_: int,
    against: int,
    abstained: int,
    presiding_choice: Choice | None = None,
    chair_choice: Choice | None = None,
) -> VoteChange:
    """Record a show of hands without names; a tie needs the casting voter's choice."""
    for value in (for_, against, abstained):
        if isinstance(value, bool) or not isinstance(value, int):
            raise DomainError(N_("Counts must be whole numbers."))
    presiding = _choice(presiding_choice)
    chair = _choice(chair_choice)
    with db.transaction() as session:
        point = load_point(session, point_id)
        fr, index = point_frame(session, point)
        guard_conduct(session, fr.meeting)
        _guard(PointAction.RECORD_COUNTS, point)
        refuse(mode_refusal(point.mode, point.number, counts=True))
        context = voting_context(fr, attendance_records(session, fr.meeting.id), index)
        result = tally_counts(
            for_,
            against,
            abstained,
            context,
            fr.profile,
            presiding_choice=presiding,
            chair_choice=chair,
        )
        before = snapshot(point)
        point.count_for, point.count_against, point.count_abstained = for_, against, abstained
        point.presiding_choice = presiding.value if presiding else ""
        point.chair_choice = chair.value if chair else ""
        audit(
            session, actor, "ballot.counts", point, before=before, council_id=fr.meeting.council_id
        )
        return VoteChange(point.id, None, None, None, result)


def close_voting(
    db: Database, actor: Actor, point_id: int, *, without_quorum: bool = False
) -> VoteChange:
    """Close the voting: freeze who was present and entitled, the ballots and the result.

    On an item without a quorum the council's profile decides: the close is
    refused, or (``without_quorum`` confirming it) the point is recorded as not
    considered for lack of a quorum, never as adopted
    (:mod:`app.domain.quorum_loss`).
    """
    without_quorum = check_flag(without_quorum, N_("Without quorum"))
    with db.transaction() as session:
        point = load_point(session, point_id)
        fr, index = point_frame(session, point)
        guard_conduct(session, fr.meeting)
        closed = _guard(PointAction.CLOSE, point)
        records = attendance_records(session, fr.meeting.id)
        quorum = item_quorum(fr, records, index)
        # The profile says whether such a vote is refused or recorded as not considered.
        lost = closing_without_quorum(fr.profile, quorum, index + 1, confirmed=without_quorum)
        result = live_result(session, point, fr, records, index)
        if result is None:
            raise counts_missing(point.number)
        if lost:
            result = not_considered(result)
        before = snapshot(point)
        frozen = frozen_record(session, point.id, fr, records, index, quorum, result)
        point.state, point.frozen = closed.value, frozen
        point.closed_at, point.closed_by = now(), actor.name
        point.without_quorum = not quorum.has_quorum
        audit(
            session, actor, "voting.close", point, before=before, council_id=fr.meeting.council_id
        )
        return VoteChange(point.id, None, None, None, result)


def reopen_voting(db: Database, actor: Actor, point_id: int, reason: str) -> VoteChange:
    """Open a closed voting again, with a reason; the closed state is kept in the record."""
    why = clean_text(reason, N_("Reason"), required=True, limit=2000, multiline=True)
    with db.transaction() as session:
        point = load_point(session, point_id)
        fr, index = point_frame(session, point)
        guard_conduct(session, fr.meeting)
        reopened = _guard(PointAction.REOPEN, point)
        before = snapshot(point)
        session.add(
            VotingReopening(
                decision_point_id=point.id,
                reopened_at=now(),
                reopened_by=actor.name,
                reason=why,
                previous=point.frozen,
            )
        )
        point.state, point.frozen, point.closed_at, point.closed_by = reopened.value, None, None, ""
        point.without_quorum = False
        audit(
            session, actor, "voting.reopen", point, before=before, council_id=fr.meeting.council_id
        )
        result = live_result(session, point, fr, attendance_records(session, fr.meeting.id), index)
        return VoteChange(point.id, None, None, None, result)
