"""What happened at a meeting: attendance, invited persons, decision points, ballots,
dissenting opinions and protocol instructions."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Time,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base
from app.models.common import Identified, Timestamped


class Attendance(Identified, Timestamped, Base):
    """A member's attendance: present (possibly arriving late or leaving early) or absent."""

    __tablename__ = "attendance"
    __table_args__ = (UniqueConstraint("meeting_id", "person_id"),)

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    present: Mapped[bool] = mapped_column(Boolean)
    # The reason as one text (kept for the rules and older files); the protocol prints
    # the kind from the translated list (app/domain/absence.py), or for "other" the
    # text in its own language.
    absence_reason: Mapped[str] = mapped_column(Text, default="")
    absence_kind: Mapped[str] = mapped_column(String(32), default="", server_default="")
    absence_reason_kk: Mapped[str] = mapped_column(Text, default="", server_default="")
    absence_reason_ru: Mapped[str] = mapped_column(Text, default="", server_default="")
    absence_reason_en: Mapped[str] = mapped_column(Text, default="", server_default="")
    arrived_before_item: Mapped[int | None] = mapped_column(Integer)  # agenda position, 0-based
    left_after_item: Mapped[int | None] = mapped_column(Integer)
    # The clock time of a late arrival or an early departure, where recorded (local time).
    arrived_at: Mapped[time | None] = mapped_column(Time)
    left_at: Mapped[time | None] = mapped_column(Time)


class InvitedPerson(Identified, Timestamped, Base):
    """Someone who attended without being a member: never counts for quorum, never votes."""

    __tablename__ = "invited_persons"

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    name: Mapped[str] = mapped_column(Text, default="")
    latin_name: Mapped[str] = mapped_column(Text, default="")
    position_kk: Mapped[str] = mapped_column(Text, default="")
    position_ru: Mapped[str] = mapped_column(Text, default="")
    position_en: Mapped[str] = mapped_column(Text, default="")
    organisation_kk: Mapped[str] = mapped_column(Text, default="")
    organisation_ru: Mapped[str] = mapped_column(Text, default="")
    organisation_en: Mapped[str] = mapped_column(Text, default="")
    role: Mapped[str] = mapped_column(String(32))  # speaker, expert, guest, substitute
    instead_of_person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class DecisionPoint(Identified, Timestamped, Base):
    """A numbered point of a decision on an agenda item, voted on as a whole."""

    __tablename__ = "decision_points"
    __table_args__ = (UniqueConstraint("item_id", "number"),)

    item_id: Mapped[int] = mapped_column(ForeignKey("agenda_items.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    text_kk: Mapped[str] = mapped_column(Text, default="")
    text_ru: Mapped[str] = mapped_column(Text, default="")
    text_en: Mapped[str] = mapped_column(Text, default="")
    mode: Mapped[str] = mapped_column(String(16), default="roll_call")  # or "counts"
    state: Mapped[str] = mapped_column(String(16), default="open")  # open or closed
    # Counts only mode (a show of hands without names).
    count_for: Mapped[int | None] = mapped_column(Integer)
    count_against: Mapped[int | None] = mapped_column(Integer)
    count_abstained: Mapped[int | None] = mapped_column(Integer)
    presiding_choice: Mapped[str] = mapped_column(String(16), default="")
    chair_choice: Mapped[str] = mapped_column(String(16), default="")
    # Frozen when voting closes: who was present and entitled, and the result.
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    closed_by: Mapped[str] = mapped_column(String(200), default="")
    frozen: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    without_quorum: Mapped[bool] = mapped_column(Boolean, default=False)


class Ballot(Base):
    """One member's vote on a decision point (roll call)."""

    __tablename__ = "ballots"
    __table_args__ = (UniqueConstraint("decision_point_id", "person_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    decision_point_id: Mapped[int] = mapped_column(ForeignKey("decision_points.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    choice: Mapped[str] = mapped_column(String(16))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class VotingReopening(Base):
    """Closed voting opened again: by whom, when and why."""

    __tablename__ = "voting_reopenings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    decision_point_id: Mapped[int] = mapped_column(ForeignKey("decision_points.id"), index=True)
    reopened_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    reopened_by: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text)
    previous: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class DissentingOpinion(Identified, Timestamped, Base):
    """A member's dissenting opinion on a decision (000 §16)."""

    __tablename__ = "dissenting_opinions"

    decision_point_id: Mapped[int] = mapped_column(ForeignKey("decision_points.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(8))
    received_on: Mapped[date] = mapped_column(Date)


class ProtocolInstruction(Identified, Timestamped, Base):
    """A protocol instruction: executor, deadline, form of completion (seed 001's table)."""

    __tablename__ = "protocol_instructions"
    __table_args__ = (
        # The Instructions page walks the open ones by deadline.  Migration 0016 makes the
        # index, partial on both SQLite and PostgreSQL; only SQLite's clause is written here,
        # as ``postgresql_where`` would import SQLAlchemy's whole PostgreSQL dialect at every
        # start on SQLite (20 modules, 2 MB) for a schema the models never create.
        Index(
            "ix_protocol_instructions_open_deadline",
            "deadline",
            sqlite_where=text("state = 'open'"),
        ),
    )

    decision_point_id: Mapped[int] = mapped_column(ForeignKey("decision_points.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    text_kk: Mapped[str] = mapped_column(Text, default="")
    text_ru: Mapped[str] = mapped_column(Text, default="")
    text_en: Mapped[str] = mapped_column(Text, default="")
    executor_person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    executor_kk: Mapped[str] = mapped_column(Text, default="")
    executor_ru: Mapped[str] = mapped_column(Text, default="")
    executor_en: Mapped[str] = mapped_column(Text, default="")
    deadline: Mapped[date | None] = mapped_column(Date, index=True)
    completion_form_kk: Mapped[str] = mapped_column(Text, default="")
    completion_form_ru: Mapped[str] = mapped_column(Text, default="")
    completion_form_en: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(16), default="open", index=True)
