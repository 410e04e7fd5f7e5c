"""Actions on dissenting opinions (000 §16): a member who took part in a decision disagrees.

Opinions are received during the meeting or afterwards, until the protocol is
signed; the opinion's text is kept in the language it was written in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from app.domain.conduct import DISSENT_STATES
from app.domain.dissent import (
    already_stated,
    not_a_participant,
    received_too_early,
    took_part_in_closed_vote,
)
from app.domain.errors import DomainError, refuse
from app.domain.translation import N_
from app.domain.voting import Choice
from app.models.composition import Person
from app.models.conduct import DissentingOpinion
from app.models.database import Database
from app.services.base import Actor, audit, check_date, check_id, clean_text, get, snapshot
from app.services.conduct.common import (
    LANGS,
    attendance_records,
    ballots_of,
    guard_conduct,
    load_point,
    point_frame,
    remove_audited,
    voting_context,
)
from app.services.people import person_info


@dataclass(frozen=True)
class DissentInfo:
    id: int
    decision_point_id: int
    person_id: int
    text: str
    language: str
    received_on: date


def dissent_info(row: DissentingOpinion) -> DissentInfo:
    return DissentInfo(
        row.id, row.decision_point_id, row.person_id, row.text, row.language, row.received_on
    )


def add_dissent(
    db: Database,
    actor: Actor,
    point_id: int,
    person_id: int,
    text: str,
    language: str,
    received_on: date,
) -> DissentInfo:
    """Record a dissenting opinion of a member who took part in the decision."""
    body = clean_text(text, N_("Dissenting opinion"), required=True, limit=50_000, multiline=True)
    if language not in LANGS:
        raise DomainError(N_("The language of the opinion must be Kazakh, Russian or English."))
    received = check_date(received_on, N_("Received on"))
    assert received is not None
    pid = check_id(person_id, N_("Person"))
    with db.transaction() as session:
        point = load_point(session, point_id)
        fr, index = point_frame(session, point)
        guard_conduct(session, fr.meeting, DISSENT_STATES)
        refuse(received_too_early(received, fr.day))
        person = get(session, Person, pid, N_("Person"))
        name = person_info(person).full_name()
        if point.state == "closed" and point.frozen is not None:
            took_part = took_part_in_closed_vote(point.frozen, pid, point.mode)
        elif point.mode == "counts":
            context = voting_context(fr, attendance_records(session, fr.meeting.id), index)
            took_part = pid in context.entitled_present
        else:
            took_part = (
                ballots_of(session, point.id).get(pid, Choice.DID_NOT_VOTE)
                is not Choice.DID_NOT_VOTE
            )
        if not took_part:
            raise not_a_participant(name, point.number, fr.profile.citation("dissent"))
        exists = session.scalar(
            select(DissentingOpinion.id).where(
                DissentingOpinion.decision_point_id == point.id, DissentingOpinion.person_id == pid
            )
        )
        if exists is not None:
            raise already_stated(name)
        row = DissentingOpinion(
            decision_point_id=point.id,
            person_id=pid,
            text=body,
            language=language,
            received_on=received,
        )
        session.add(row)
        audit(session, actor, "dissent.add", row, council_id=fr.meeting.council_id)
        return dissent_info(row)


def update_dissent(
    db: Database, actor: Actor, dissent_id: int, text: str, language: str
) -> DissentInfo:
    body = clean_text(text, N_("Dissenting opinion"), required=True, limit=50_000, multiline=True)
    if language not in LANGS:
        raise DomainError(N_("The language of the opinion must be Kazakh, Russian or English."))
    with db.transaction() as session:
        row = get(session, DissentingOpinion, dissent_id, N_("Dissenting opinion"))
        point = load_point(session, row.decision_point_id)
        fr, _index = point_frame(session, point)
        guard_conduct(session, fr.meeting, DISSENT_STATES)
        before = snapshot(row)
        row.text, row.language = body, language
        audit(
            session, actor, "dissent.update", row, before=before, council_id=fr.meeting.council_id
        )
        return dissent_info(row)


def remove_dissent(db: Database, actor: Actor, dissent_id: int) -> None:
    with db.transaction() as session:
        row = get(session, DissentingOpinion, dissent_id, N_("Dissenting opinion"))
        point = load_point(session, row.decision_point_id)
        fr, _index = point_frame(session, point)
        guard_conduct(session, fr.meeting, DISSENT_STATES)
        remove_audited(session, actor, row, "dissent.remove", fr.meeting.council_id)
