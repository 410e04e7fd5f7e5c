"""Actions on decision points and their protocol instructions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Row, func, select
from sqlalchemy.orm import Session

from app.domain.council import pick
from app.domain.errors import DomainError, refuse
from app.domain.instruction import deadline_refusal, executor_refusal
from app.domain.protocol_states import PointAction, guard_point
from app.domain.translation import N_
from app.models.composition import Person
from app.models.conduct import Ballot, DecisionPoint, DissentingOpinion, ProtocolInstruction
from app.models.database import Database
from app.models.meeting import AgendaItem
from app.services.base import Actor, audit, check_date, clean_text, expect, get, snapshot
from app.services.conduct.common import (
    LANGS,
    MeetingFrame,
    frame,
    guard_conduct,
    load_point,
    point_frame,
    remove_audited,
    texts,
)

MODES = ("roll_call", "counts")


@dataclass(frozen=True)
class DecisionInfo:
    id: int
    item_id: int
    number: int
    texts: dict[str, str]
    mode: str
    state: str

    def text(self, lang: str) -> str:
        return pick(self.texts, lang)


def decision_info(point: DecisionPoint) -> DecisionInfo:
    return DecisionInfo(
        point.id, point.item_id, point.number, texts(point, "text"), point.mode, point.state
    )


def _clean_texts(values: object, field_name: str, *, required: bool) -> dict[str, str]:
    data = expect(values, dict, field_name)
    cleaned = {
        lang: clean_text(data.get(lang, ""), field_name, limit=20_000, multiline=True)
        for lang in LANGS
    }
    if required and not any(cleaned.values()):
        raise DomainError(N_("“{field}” needs a text in at least one language."), field=field_name)
    return cleaned


def _point_in_conduct(session: Session, point_id: int) -> tuple[DecisionPoint, MeetingFrame]:
    """A decision point and its meeting, whose conduct may still be recorded."""
    point = load_point(session, point_id)
    fr, _index = point_frame(session, point)
    guard_conduct(session, fr.meeting)
    return point, fr


def _guard_open(point: DecisionPoint) -> None:
    guard_point(PointAction.EDIT, point.state, number=point.number)


def add_decision_point(
    db: Database, actor: Actor, item_id: int, decision: dict[str, str], mode: str = "roll_call"
) -> DecisionInfo:
    """Add the next numbered decision point to an agenda item."""
    cleaned = _clean_texts(decision, N_("Decision"), required=True)
    if mode not in MODES:
        raise DomainError(N_("Unknown voting mode."))
    with db.transaction() as session:
        item = get(session, AgendaItem, item_id, N_("Agenda item"))
        fr = frame(session, item.meeting_id)
        guard_conduct(session, fr.meeting)
        number = (
            session.scalar(
                select(func.max(DecisionPoint.number)).where(DecisionPoint.item_id == item.id)
            )
            or 0
        ) + 1
        point = DecisionPoint(item_id=item.id, number=number, mode=mode, state="open")
        for lang, text in cleaned.items():
            setattr(point, f"text_{lang}", text)
        session.add(point)
        audit(session, actor, "decision.add", point, council_id=fr.meeting.council_id)
        return decision_info(point)


def update_decision_point(
    db: Database, actor: Actor, point_id: int, decision: dict[str, str]
) -> DecisionInfo:
    """Change a decision point's wording while its voting is open."""
    cleaned = _clean_texts(decision, N_("Decision"), required=True)
    with db.transaction() as session:
        point, fr = _point_in_conduct(session, point_id)
        _guard_open(point)
        before = snapshot(point)
        for lang, text in cleaned.items():
            setattr(point, f"text_{lang}", text)
        audit(
            session,
            actor,
            "decision.update",
            point,
            before=before,
            council_id=fr.meeting.council_id,
        )
        return decision_info(point)


def set_voting_mode(db: Database, actor: Actor, point_id: int, mode: str) -> DecisionInfo:
    """Roll call (names) or counts only (a show of hands), before any vote is recorded."""
    if mode not in MODES:
        raise DomainError(N_("Unknown voting mode."))
    with db.transaction() as session:
        point, fr = _point_in_conduct(session, point_id)
        _guard_open(point)
        has_ballots = session.scalar(select(Ballot.id).where(Ballot.decision_point_id == point.id))
        if has_ballots is not None or point.count_for is not None:
            raise DomainError(
                N_(
                    "Votes are already recorded on decision point {number}; the "
                    "voting mode cannot change."
                ),
                number=point.number,
            )
        before = snapshot(point)
        point.mode = mode
        audit(
            session, actor, "decision.mode", point, before=before, council_id=fr.meeting.council_id
        )
        return decision_info(point)


def remove_decision_point(db: Database, actor: Actor, point_id: int) -> None:
    """Remove a decision point entered by mistake: only before any vote, dissent or instruction."""
    with db.transaction() as session:
        point, fr = _point_in_conduct(session, point_id)
        _guard_open(point)
        for model, column in (
            (Ballot, Ballot.decision_point_id),
            (DissentingOpinion, DissentingOpinion.decision_point_id),
            (ProtocolInstruction, ProtocolInstruction.decision_point_id),
        ):
            if session.scalar(select(model.id).where(column == point.id)) is not None:
                raise DomainError(
                    N_(
                        "Decision point {number} already has votes, dissenting "
                        "opinions or instructions and cannot be removed."
                    ),
                    number=point.number,
                )
        if point.count_for is not None:
            raise DomainError(
                N_(
                    "Decision point {number} already has votes, dissenting "
                    "opinions or instructions and cannot be removed."
                ),
                number=point.number,
            )
        before = snapshot(point)
        session.delete(point)
        audit(
            session,
            actor,
            "decision.remove",
            entity="decision_points",
            entity_id=point_id,
            before=before,
            council_id=fr.meeting.council_id,
        )


# -- protocol instructions --------------------------------------------------------------


@dataclass(frozen=True)
class InstructionData:
    texts: dict[str, str]
    executor_person_id: int | None = None
    executors: dict[str, str] = field(default_factory=dict)
    deadline: date | None = None
    completion_forms: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class InstructionInfo:
    id: int
    decision_point_id: int
    number: int
    texts: dict[str, str]
    executor_person_id: int | None
    executors: dict[str, str]
    deadline: date | None
    completion_forms: dict[str, str]
    state: str

    def text(self, lang: str) -> str:
        return pick(self.texts, lang)

    def executor(self, lang: str) -> str:
        return pick(self.executors, lang)

    def completion_form(self, lang: str) -> str:
        return pick(self.completion_forms, lang)


def instruction_info(row: ProtocolInstruction | Row[Any]) -> InstructionInfo:
    """The instruction of an ORM object or of a row of its table's columns."""
    return InstructionInfo(
        row.id,
        row.decision_point_id,
        row.number,
        texts(row, "text"),
        row.executor_person_id,
        texts(row, "executor"),
        row.deadline,
        texts(row, "completion_form"),
        row.state,
    )


def _apply_instruction(
    session: Session, row: ProtocolInstruction, data: InstructionData, meeting_day: date
) -> None:
    expect(data, InstructionData, N_("Protocol instruction"))
    cleaned = _clean_texts(data.texts, N_("Instruction"), required=True)
    executors = _clean_texts(data.executors, N_("Responsible executor"), required=False)
    forms = _clean_texts(data.completion_forms, N_("Form of completion"), required=False)
    deadline = check_date(data.deadline, N_("Deadline"), required=False)
    refuse(deadline_refusal(deadline, meeting_day))
    executor_id = None
    if data.executor_person_id is not None:
        executor_id = get(session, Person, data.executor_person_id, N_("Person")).id
    refuse(executor_refusal(executor_id, executors.values()))
    row.executor_person_id = executor_id
    row.deadline = deadline
    for lang in LANGS:
        setattr(row, f"text_{lang}", cleaned[lang])
        setattr(row, f"executor_{lang}", executors[lang])
        setattr(row, f"completion_form_{lang}", forms[lang])


def add_instruction(
    db: Database, actor: Actor, point_id: int, data: InstructionData
) -> InstructionInfo:
    """Attach a protocol instruction (executor, deadline, form of completion) to a decision."""
    with db.transaction() as session:
        point, fr = _point_in_conduct(session, point_id)
        number = (
            session.scalar(
                select(func.max(ProtocolInstruction.number)).where(
                    ProtocolInstruction.decision_point_id == point.id
                )
            )
            or 0
        ) + 1
        row = ProtocolInstruction(decision_point_id=point.id, number=number, state="open")
        _apply_instruction(session, row, data, fr.day)
        session.add(row)
        audit(session, actor, "instruction.add", row, council_id=fr.meeting.council_id)
        return instruction_info(row)


def update_instruction(
    db: Database, actor: Actor, instruction_id: int, data: InstructionData
) -> InstructionInfo:
    with db.transaction() as session:
        row = get(session, ProtocolInstruction, instruction_id, N_("Protocol instruction"))
        _point, fr = _point_in_conduct(session, row.decision_point_id)
        before = snapshot(row)
        _apply_instruction(session, row, data, fr.day)
        audit(
            session,
            actor,
            "instruction.update",
            row,
            before=before,
            council_id=fr.meeting.council_id,
        )
        return instruction_info(row)


def remove_instruction(db: Database, actor: Actor, instruction_id: int) -> None:
    with db.transaction() as session:
        row = get(session, ProtocolInstruction, instruction_id, N_("Protocol instruction"))
        _point, fr = _point_in_conduct(session, row.decision_point_id)
        remove_audited(session, actor, row, "instruction.remove", fr.meeting.council_id)
