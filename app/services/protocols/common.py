"""What the protocol actions share: loading, the lock on a signed record, plain results."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.council import pick
from app.domain.errors import DomainError
from app.domain.meeting import MeetingState
from app.domain.protocol import ProtocolState
from app.domain.protocol_states import LOCKED, ProtocolAction, guard
from app.domain.translation import N_
from app.models.meeting import Meeting
from app.models.protocol import IssuedDocument, Protocol
from app.services.base import get

LANGS = ("kk", "ru", "en")
LOCKED_STATES = frozenset(state.value for state in LOCKED)
ISSUABLE_MEETING_STATES = frozenset({MeetingState.HELD.value, MeetingState.CLOSED.value})


@dataclass(frozen=True)
class ProtocolInfo:
    id: int
    uid: str
    meeting_id: int
    revision: int
    replaces_id: int | None
    revision_reason: str
    number: str
    cities: dict[str, str]
    main_language: str
    state: ProtocolState
    agreed_at: datetime | None
    signed_on: date | None
    signed_by: str
    copies_sent_on: date | None
    issued: tuple[IssuedInfo, ...]
    version: int

    def city(self, lang: str) -> str:
        return pick(self.cities, lang)


@dataclass(frozen=True)
class IssuedInfo:
    lang: str
    pdf_sha256: str
    snapshot_sha256: str
    with_gaps: bool
    gaps: tuple[str, ...]
    issued_at: datetime


def protocol_info(
    session: Session, row: Protocol, documents: Sequence[IssuedDocument] | None = None
) -> ProtocolInfo:
    """The protocol as plain data, its issued documents listed by language.

    ``documents``: its issued documents when the caller has read them already (the
    overview reads those of a page of protocols in one query).
    """
    if documents is None:
        documents = session.scalars(
            select(IssuedDocument)
            .where(IssuedDocument.protocol_id == row.id)
            .order_by(IssuedDocument.lang)
        ).all()
    issued = tuple(
        IssuedInfo(d.lang, d.pdf_sha256, d.snapshot_sha256, d.with_gaps, tuple(d.gaps), d.issued_at)
        for d in sorted(documents, key=lambda d: d.lang)
    )
    return ProtocolInfo(
        row.id,
        row.uid,
        row.meeting_id,
        row.revision,
        row.replaces_id,
        row.revision_reason,
        row.number,
        {lang: getattr(row, f"city_{lang}") for lang in LANGS},
        row.main_language,
        ProtocolState(row.state),
        row.agreed_at,
        row.signed_on,
        row.signed_by,
        row.copies_sent_on,
        issued,
        row.version,
    )


def load_protocol(session: Session, protocol_id: int) -> Protocol:
    return get(session, Protocol, protocol_id, N_("Protocol"))


def latest_protocol(session: Session, meeting_id: int) -> Protocol | None:
    return session.scalar(
        select(Protocol)
        .where(Protocol.meeting_id == meeting_id)
        .order_by(Protocol.revision.desc())
        .limit(1)
    )


def record_locked(session: Session, meeting_id: int) -> Protocol | None:
    """The signed protocol that freezes a meeting's record, if its newest revision is signed."""
    latest = latest_protocol(session, meeting_id)
    if latest is not None and latest.state in LOCKED_STATES:
        return latest
    return None


def guard_unlocked(session: Session, meeting: Meeting) -> None:
    """Refuse a change to the record of a meeting whose protocol is signed."""
    signed = record_locked(session, meeting.id)
    if signed is not None:
        raise DomainError(
            N_(
                "The protocol of meeting No. {number} is signed, so its record cannot change. "
                "Make a correction as a new revision of the protocol, with a reason."
            ),
            number=meeting.number,
        )


def guard_draft(row: Protocol) -> None:
    """Refuse a change to a signed protocol (the transitions table says why)."""
    guard(ProtocolAction.EDIT, row.state, number=row.number)
