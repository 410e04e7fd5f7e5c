"""Protocol documents: preview, export (PDF or DOCX), verification of a file; and the overview
of protocols with their deadlines."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select

from app.domain.deadlines import add_span, days_left
from app.domain.errors import DomainError, EnvironmentProblem
from app.domain.meeting import MeetingKind, MeetingState
from app.domain.protocol import ProtocolSnapshot, ProtocolState
from app.domain.translation import N_
from app.models.database import Database
from app.models.meeting import Meeting
from app.models.protocol import IssuedDocument, Protocol, ProtocolCopy
from app.services.base import check_id
from app.services.calendar_overrides import calendar_in
from app.services.meetings.common import council_profile
from app.services.protocols.common import LANGS, latest_protocol, load_protocol
from app.services.protocols.snapshot import build_snapshot

MAX_VERIFY_BYTES = 200 * 1024 * 1024


def protocol_snapshot(db: Database, protocol_id: int, lang: str) -> ProtocolSnapshot:
    """The frozen snapshot of a signed protocol, or the draft assembled now."""
    if lang not in LANGS:
        raise DomainError(N_("A protocol is issued in Kazakh, Russian or English."))
    with db.reading() as session:
        row = load_protocol(session, protocol_id)
        issued = session.scalar(
            select(IssuedDocument).where(
                IssuedDocument.protocol_id == row.id, IssuedDocument.lang == lang
            )
        )
        if issued is not None:
            return ProtocolSnapshot.from_dict(issued.snapshot)
        if row.state in (ProtocolState.SIGNED.value, ProtocolState.COPIES_SENT.value):
            raise DomainError(
                N_("Protocol No. {number} was not issued in this language."), number=row.number
            )
        return build_snapshot(session, row, lang)


def protocol_pdf(db: Database, protocol_id: int, lang: str) -> bytes:
    """The PDF: the issued bytes of a signed protocol, or a preview of the draft."""
    from app.reports.protocol_pdf import render_pdf

    with db.reading() as session:
        issued = session.scalar(
            select(IssuedDocument).where(
                IssuedDocument.protocol_id == check_id(protocol_id, N_("Protocol")),
                IssuedDocument.lang == lang,
            )
        )
        if issued is not None:
            return bytes(issued.pdf)
    return render_pdf(protocol_snapshot(db, protocol_id, lang))


def protocol_docx(db: Database, protocol_id: int, lang: str) -> bytes:
    from app.reports.protocol_docx import render_docx

    return render_docx(protocol_snapshot(db, protocol_id, lang))


def export_protocol(db: Database, meeting_id: int, lang: str, output: Path) -> Path:
    """Write the newest protocol of a meeting to ``output``: PDF or DOCX by its extension."""
    suffix = output.suffix.lower()
    if suffix not in (".pdf", ".docx"):
        raise DomainError(N_("Export a protocol as .pdf or .docx."))
    with db.reading() as session:
        row = latest_protocol(session, check_id(meeting_id, N_("Meeting")))
        if row is None:
            raise DomainError(N_("Meeting #{id} has no protocol yet."), id=meeting_id)
        protocol_id = row.id
    data = (
        protocol_pdf(db, protocol_id, lang)
        if suffix == ".pdf"
        else protocol_docx(db, protocol_id, lang)
    )
    try:
        output.write_bytes(data)
    except OSError as exc:
        raise EnvironmentProblem(
            N_("The file {path} cannot be written: {reason}"),
            path=str(output),
            reason=exc.strerror or str(exc),
        ) from exc
    return output


@dataclass(frozen=True)
class Verification:
    matches: bool
    protocol_id: int | None = None
    meeting_id: int | None = None
    number: str = ""
    revision: int = 0
    lang: str = ""
    sha256: str = ""
    superseded: bool = False


def verify_file(db: Database, path: Path) -> Verification:
    """Whether a file is, byte for byte, a protocol Kenes issued, and which one."""
    try:
        if path.stat().st_size > MAX_VERIFY_BYTES:
            raise DomainError(N_("{path} is too large to be a protocol."), path=str(path))
        data = path.read_bytes()
    except OSError as exc:
        raise EnvironmentProblem(
            N_("The file {path} cannot be read: {reason}"),
            path=str(path),
            reason=exc.strerror or str(exc),
        ) from exc
    digest = hashlib.sha256(data).hexdigest()
    with db.reading() as session:
        issued = session.scalar(select(IssuedDocument).where(IssuedDocument.pdf_sha256 == digest))
        if issued is None:
            return Verification(False, sha256=digest)
        row = session.get(Protocol, issued.protocol_id)
        assert row is not None
        latest = latest_protocol(session, row.meeting_id)
        return Verification(
            True,
            row.id,
            row.meeting_id,
            row.number,
            row.revision,
            issued.lang,
            digest,
            superseded=latest is not None and latest.id != row.id,
        )


@dataclass(frozen=True)
class ProtocolDue:
    """A held meeting's protocol and its deadlines, for the overview."""

    meeting_id: int
    council_id: int
    meeting_number: int
    meeting_day: date
    protocol_id: int | None
    state: ProtocolState | None
    draft_due: date | None
    copies_due: date | None
    draft_overdue: bool
    copies_overdue: bool
    days_left: int | None


def protocol_overview(
    db: Database, today: date, council_id: int | None = None
) -> list[ProtocolDue]:
    """Held meetings with their protocol state; overdue drafts and unsent copies flagged."""
    with db.reading() as session:
        calendar = calendar_in(session)
        query = (
            select(Meeting)
            .where(Meeting.state.in_([MeetingState.HELD.value, MeetingState.CLOSED.value]))
            .order_by(Meeting.meeting_date.desc())
        )
        if council_id is not None:
            query = query.where(Meeting.council_id == council_id)
        rows = []
        for meeting in session.scalars(query):
            profile = council_profile(session, meeting.council_id)
            interim = MeetingKind(meeting.kind) in (MeetingKind.INTERIM, MeetingKind.THEMATIC)
            rule = (
                profile.protocol_draft_deadline_interim
                if interim
                else profile.protocol_draft_deadline
            ) or profile.protocol_draft_deadline
            draft_due = add_span(meeting.meeting_date, rule, calendar) if rule else None
            protocol = latest_protocol(session, meeting.id)
            state = ProtocolState(protocol.state) if protocol else None
            copies_due = None
            if protocol is not None and protocol.signed_on and profile.copies_deadline:
                copies_due = add_span(protocol.signed_on, profile.copies_deadline, calendar)
            unsigned = state in (None, ProtocolState.DRAFT, ProtocolState.AGREED)
            draft_overdue = bool(draft_due and unsigned and today > draft_due)
            sent = (
                protocol is not None
                and session.scalar(
                    select(ProtocolCopy.id).where(ProtocolCopy.protocol_id == protocol.id).limit(1)
                )
                is not None
            )
            copies_overdue = bool(
                copies_due and state is ProtocolState.SIGNED and not sent and today > copies_due
            )
            due = draft_due if unsigned else (copies_due if state is ProtocolState.SIGNED else None)
            rows.append(
                ProtocolDue(
                    meeting.id,
                    meeting.council_id,
                    meeting.number,
                    meeting.meeting_date,
                    protocol.id if protocol else None,
                    state,
                    draft_due,
                    copies_due,
                    draft_overdue,
                    copies_overdue,
                    days_left(today, due) if due else None,
                )
            )
        return rows
