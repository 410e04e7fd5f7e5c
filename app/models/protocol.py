"""Protocols of meetings: revisions, narrative texts, agreement rounds, signatures, copies,
and the issued documents frozen at signing."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base
from app.models.common import Identified, Timestamped


class Protocol(Identified, Timestamped, Base):
    """One revision of a meeting's protocol; a correction is a new revision."""

    __tablename__ = "protocols"
    __table_args__ = (UniqueConstraint("meeting_id", "revision"),)

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    revision: Mapped[int] = mapped_column(Integer, default=1)
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("protocols.id"))
    revision_reason: Mapped[str] = mapped_column(Text, default="")
    number: Mapped[str] = mapped_column(String(64))
    city_kk: Mapped[str] = mapped_column(Text, default="")
    city_ru: Mapped[str] = mapped_column(Text, default="")
    city_en: Mapped[str] = mapped_column(Text, default="")
    main_language: Mapped[str] = mapped_column(String(8), default="kk")
    state: Mapped[str] = mapped_column(String(16), default="draft", index=True)
    agreed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    signed_on: Mapped[date | None] = mapped_column(Date)
    signed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    signed_by: Mapped[str] = mapped_column(String(200), default="")
    copies_sent_on: Mapped[date | None] = mapped_column(Date)


class ProtocolNarrative(Base):
    """What was heard and said on an item, written by the secretary, per language."""

    __tablename__ = "protocol_narratives"
    __table_args__ = (UniqueConstraint("protocol_id", "item_id", "lang"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    protocol_id: Mapped[int] = mapped_column(ForeignKey("protocols.id"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("agenda_items.id"))
    lang: Mapped[str] = mapped_column(String(8))
    heard: Mapped[str] = mapped_column(Text, default="")
    spoke: Mapped[str] = mapped_column(Text, default="")  # one speaker a line
    discussion: Mapped[str] = mapped_column(Text, default="")


class ProtocolAgreement(Base):
    """A round of agreement: who agreed, when, with which remarks (004 §30)."""

    __tablename__ = "protocol_agreements"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    protocol_id: Mapped[int] = mapped_column(ForeignKey("protocols.id"), index=True)
    agreed_by: Mapped[str] = mapped_column(Text)
    agreed_on: Mapped[date] = mapped_column(Date)
    remarks: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ProtocolSignature(Base):
    """Who signed, in which role, when and how (on paper or electronically)."""

    __tablename__ = "protocol_signatures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    protocol_id: Mapped[int] = mapped_column(ForeignKey("protocols.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    role: Mapped[str] = mapped_column(String(32))  # presiding, secretary
    signed_on: Mapped[date] = mapped_column(Date)
    method: Mapped[str] = mapped_column(String(16))  # paper, electronic


class ProtocolCopy(Base):
    """A copy sent to a member or another recipient (000 §9.4)."""

    __tablename__ = "protocol_copies"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    protocol_id: Mapped[int] = mapped_column(ForeignKey("protocols.id"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    recipient: Mapped[str] = mapped_column(Text, default="")
    sent_on: Mapped[date] = mapped_column(Date)
    channel: Mapped[str] = mapped_column(String(32), default="")


class IssuedDocument(Base):
    """A protocol issued in one language at signing: its snapshot, its PDF and their hashes."""

    __tablename__ = "issued_documents"
    __table_args__ = (UniqueConstraint("protocol_id", "lang"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    protocol_id: Mapped[int] = mapped_column(ForeignKey("protocols.id"), index=True)
    lang: Mapped[str] = mapped_column(String(8))
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSON)
    snapshot_sha256: Mapped[str] = mapped_column(String(64))
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    pdf_sha256: Mapped[str] = mapped_column(String(64), index=True)
    with_gaps: Mapped[bool] = mapped_column(Boolean, default=False)
    gaps: Mapped[list[str]] = mapped_column(JSON)
    issued_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    issued_by: Mapped[str] = mapped_column(String(200))


class ProtocolSeal(Base):
    """The seal of a signed revision: a hash over the meeting's record, made at signing.

    ``rows`` keeps the digest of each record row (app/domain/seal.py), so a check names
    what changed.  ``anchor_seq``/``anchor_hash`` name the audit event the seal was made
    after, which ties the seal to the audit chain (events cut from its end are found).
    """

    __tablename__ = "protocol_seals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    protocol_id: Mapped[int] = mapped_column(ForeignKey("protocols.id"), unique=True)
    scheme: Mapped[int] = mapped_column(Integer)
    digest: Mapped[str] = mapped_column(String(64))
    rows: Mapped[dict[str, Any]] = mapped_column(JSON)
    anchor_seq: Mapped[int | None] = mapped_column(Integer)
    anchor_hash: Mapped[str] = mapped_column(String(64), default="")
    sealed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    sealed_by: Mapped[str] = mapped_column(String(200))
