"""Protocol documents: preview, export (PDF or DOCX), verification of a file; and the overview
of protocols with their deadlines."""

from __future__ import annotations

import dataclasses
import gettext
import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, load_only

from app.domain.deadlines import add_span, days_left
from app.domain.errors import DomainError, EnvironmentProblem
from app.domain.meeting import MeetingKind, MeetingState
from app.domain.protocol import ProtocolSnapshot, ProtocolState
from app.domain.regulation import RegulationProfile, profile_from_dict
from app.domain.translation import N_
from app.formats import atomic
from app.models.composition import Council
from app.models.database import Database
from app.models.meeting import Meeting
from app.models.protocol import IssuedDocument, Protocol, ProtocolCopy
from app.services.accounts.scope import check_protocol, read_scope
from app.services.base import check_id
from app.services.calendar_overrides import calendar_in
from app.services.protocols.common import (
    LANGS,
    ProtocolInfo,
    latest_protocol,
    load_protocol,
    protocol_info,
)
from app.services.protocols.snapshot import build_snapshot

MAX_VERIFY_BYTES = 200 * 1024 * 1024


def protocol_snapshot(db: Database, protocol_id: int, lang: str) -> ProtocolSnapshot:
    """The frozen snapshot of a signed protocol, or the draft assembled now."""
    if lang not in LANGS:
        raise DomainError(N_("A protocol is issued in Kazakh, Russian or English."))
    with db.reading() as session:
        row = load_protocol(session, protocol_id)
        check_protocol(session, row)
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
        check_protocol(session, load_protocol(session, protocol_id))
        issued = session.scalar(
            select(IssuedDocument).where(
                IssuedDocument.protocol_id == check_id(protocol_id, N_("Protocol")),
                IssuedDocument.lang == lang,
            )
        )
        if issued is not None:
            from app.models.esign import SignedDocument

            # Signed electronically: the signed file is the issued record.
            signed = session.scalar(
                select(SignedDocument.pdf).where(SignedDocument.issued_id == issued.id)
            )
            return bytes(signed if signed is not None else issued.pdf)
    return render_pdf(protocol_snapshot(db, protocol_id, lang))


def protocol_docx(db: Database, protocol_id: int, lang: str) -> bytes:
    """The editable copy (DOCX): never the issued record; it carries the protocol's identity
    (number, revision, language, state, the snapshot's SHA-256) so ``verify`` knows it."""
    from app.reports.properties import IDENTITY_REVISION, IDENTITY_STATE
    from app.reports.protocol_docx import render_docx

    snapshot = protocol_snapshot(db, protocol_id, lang)
    with db.reading() as session:
        row = load_protocol(session, protocol_id)
        identity = {IDENTITY_REVISION: str(row.revision), IDENTITY_STATE: row.state}
    return render_docx(snapshot, identity)


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
        atomic.write_bytes(output, data)  # whole or not at all: never a 0-byte PDF
    except OSError as exc:
        raise EnvironmentProblem(
            N_("The file {path} cannot be written: {reason}"),
            path=str(output),
            reason=exc.strerror or str(exc),
        ) from exc
    return output


@dataclass(frozen=True)
class Verification:
    """What a file is: an issued protocol (``matches``), an editable copy (``working_copy``:
    a DOCX Kenes wrote, never the issued record), or neither."""

    matches: bool
    protocol_id: int | None = None
    meeting_id: int | None = None
    number: str = ""
    revision: int = 0
    lang: str = ""
    sha256: str = ""
    superseded: bool = False
    working_copy: bool = False
    # A working copy made from the protocol as issued (its snapshot's SHA-256 is the issued
    # one's); otherwise from a draft, which may differ from what was signed.
    of_issued: bool = False
    meeting_number: int = 0
    meeting_day: date | None = None
    council_names: dict[str, str] = field(default_factory=dict)


WORKING_COPY_OF_ISSUED = N_(
    "{path} is an editable copy (DOCX) of protocol No. {number} (revision "
    "{revision}; {language}), made from the protocol as issued. A DOCX is never "
    "the issued record: the issued protocol is its signed PDF."
)
WORKING_COPY_OF_DRAFT = N_(
    "{path} is an editable copy (DOCX) of a draft of protocol No. {number} "
    "(revision {revision}; {language}); it may differ from the protocol as "
    "issued. A DOCX is never the issued record: the issued protocol is its "
    "signed PDF."
)


def working_copy_text(found: Verification, path: str, t: gettext.NullTranslations) -> str:
    """What an editable copy is, in the interface's language (the CLI and the window say it)."""
    from app.services.protocols.labels import LANGUAGE_NAMES

    language = t.gettext(LANGUAGE_NAMES[found.lang]) if found.lang in LANGUAGE_NAMES else found.lang
    message = WORKING_COPY_OF_ISSUED if found.of_issued else WORKING_COPY_OF_DRAFT
    return t.gettext(message).format(
        path=path, number=found.number, revision=found.revision, language=language
    )


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
            return _working_copy(session, data, digest)
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
            **_meeting_of(session, row),
        )


def _meeting_of(session: Session, row: Protocol) -> dict[str, Any]:
    """The meeting a protocol records: its number, day and council's names."""
    meeting = session.get(Meeting, row.meeting_id)
    if meeting is None:
        return {}
    council = session.get(Council, meeting.council_id)
    names = {code: getattr(council, f"name_{code}", "") or "" for code in LANGS} if council else {}
    return {
        "meeting_number": meeting.number,
        "meeting_day": meeting.meeting_date,
        "council_names": names,
    }


def _working_copy(session: Session, data: bytes, digest: str) -> Verification:
    """A DOCX Kenes wrote (its identity in the custom properties): an editable copy."""
    from app.reports.docx_package import read_identity
    from app.reports.properties import (
        IDENTITY_LANGUAGE,
        IDENTITY_PROTOCOL,
        IDENTITY_REVISION,
        IDENTITY_SNAPSHOT,
    )

    identity = read_identity(data) if data[:2] == b"PK" else None
    if not identity or IDENTITY_PROTOCOL not in identity:
        return Verification(False, sha256=digest)
    revision = identity.get(IDENTITY_REVISION, "")
    found = Verification(
        False,
        number=identity[IDENTITY_PROTOCOL],
        revision=int(revision) if revision.isdigit() else 0,
        lang=identity.get(IDENTITY_LANGUAGE, ""),
        sha256=digest,
        working_copy=True,
    )
    snapshot_sha = identity.get(IDENTITY_SNAPSHOT, "")
    issued = (
        session.scalar(
            select(IssuedDocument).where(IssuedDocument.snapshot_sha256 == snapshot_sha).limit(1)
        )
        if snapshot_sha
        else None
    )
    if issued is None:
        return found
    row = session.get(Protocol, issued.protocol_id)
    if row is None:
        return found
    latest = latest_protocol(session, row.meeting_id)
    return dataclasses.replace(
        found,
        protocol_id=row.id,
        meeting_id=row.meeting_id,
        number=row.number,
        revision=row.revision,
        lang=issued.lang,
        of_issued=True,
        superseded=latest is not None and latest.id != row.id,
        **_meeting_of(session, row),
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


_HELD = (MeetingState.HELD.value, MeetingState.CLOSED.value)
_CHUNK = 500
"""Ids per ``IN (...)``: well below the bound parameters SQLite and PostgreSQL accept."""


@dataclass(frozen=True)
class OverviewLine:
    """A line of the protocols overview: a held meeting's deadlines and its newest protocol."""

    due: ProtocolDue
    protocol: ProtocolInfo | None


def protocol_meeting_ids(db: Database, council_id: int | None = None) -> list[int]:
    """The held (and closed) meetings of the overview, newest first: their ids only.

    Its length is how many meetings the overview lists; :func:`protocol_lines` builds the
    lines of the screen the user looks at (a 15-year archive has 2,000 of them).
    """
    with db.reading() as session:
        query = (
            select(Meeting.id)
            .where(Meeting.state.in_(_HELD))
            .order_by(Meeting.meeting_date.desc(), Meeting.starts_at.desc(), Meeting.id.desc())
        )
        if council_id is not None:
            query = query.where(Meeting.council_id == council_id)
        return list(session.scalars(query.where(read_scope(session).protocols())))


def _chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def _dues(
    session: Session, today: date, meeting_ids: Sequence[int]
) -> list[tuple[ProtocolDue, Protocol | None]]:
    """The deadlines of these held meetings (in this order) and their newest protocols.

    Read in four queries whatever their number (two or three a meeting took 3 s for an
    archive's 2,000); a meeting that is gone or not held is left out.
    """
    ids = list(dict.fromkeys(meeting_ids))
    meetings: dict[int, Meeting] = {}
    latest: dict[int, Protocol] = {}
    for chunk in _chunks(ids):
        for held in session.scalars(
            select(Meeting).where(Meeting.id.in_(chunk), Meeting.state.in_(_HELD))
        ):
            meetings[held.id] = held
        # Ordered by revision, so the newest revision of each meeting is kept.
        for revision in session.scalars(
            select(Protocol).where(Protocol.meeting_id.in_(chunk)).order_by(Protocol.revision)
        ):
            latest[revision.meeting_id] = revision
    profiles: dict[int, RegulationProfile] = {}
    council_ids = list({m.council_id for m in meetings.values()})
    for chunk in _chunks(council_ids):
        for council in session.scalars(select(Council).where(Council.id.in_(chunk))):
            profiles[council.id] = profile_from_dict(council.profile)
    sent: set[int] = set()
    for chunk in _chunks([p.id for p in latest.values()]):
        sent.update(
            session.scalars(
                select(ProtocolCopy.protocol_id)
                .where(ProtocolCopy.protocol_id.in_(chunk))
                .distinct()
            )
        )
    calendar = calendar_in(session)
    rows: list[tuple[ProtocolDue, Protocol | None]] = []
    for meeting_id in ids:
        meeting = meetings.get(meeting_id)
        if meeting is None:
            continue
        profile = profiles[meeting.council_id]
        interim = MeetingKind(meeting.kind) in (MeetingKind.INTERIM, MeetingKind.THEMATIC)
        rule = (
            profile.protocol_draft_deadline_interim if interim else profile.protocol_draft_deadline
        ) or profile.protocol_draft_deadline
        draft_due = add_span(meeting.meeting_date, rule, calendar) if rule else None
        protocol = latest.get(meeting.id)
        state = ProtocolState(protocol.state) if protocol else None
        copies_due = None
        if protocol is not None and protocol.signed_on and profile.copies_deadline:
            copies_due = add_span(protocol.signed_on, profile.copies_deadline, calendar)
        unsigned = state in (None, ProtocolState.DRAFT, ProtocolState.AGREED)
        draft_overdue = bool(draft_due and unsigned and today > draft_due)
        copies_overdue = bool(
            copies_due
            and state is ProtocolState.SIGNED
            and protocol is not None
            and protocol.id not in sent
            and today > copies_due
        )
        due = draft_due if unsigned else (copies_due if state is ProtocolState.SIGNED else None)
        rows.append(
            (
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
                ),
                protocol,
            )
        )
    return rows


def protocol_lines(db: Database, today: date, meeting_ids: Sequence[int]) -> list[OverviewLine]:
    """The overview's lines of these meetings, in this order (a page of
    :func:`protocol_meeting_ids`): deadlines and the newest protocol of each."""
    with db.reading() as session:
        dues = _dues(session, today, meeting_ids)
        documents: dict[int, list[IssuedDocument]] = {}
        for chunk in _chunks([p.id for _due, p in dues if p is not None]):
            # Not their PDFs and snapshots (hundreds of kilobytes each): only what is listed.
            for document in session.scalars(
                select(IssuedDocument)
                .where(IssuedDocument.protocol_id.in_(chunk))
                .options(
                    load_only(
                        IssuedDocument.protocol_id,
                        IssuedDocument.lang,
                        IssuedDocument.pdf_sha256,
                        IssuedDocument.snapshot_sha256,
                        IssuedDocument.with_gaps,
                        IssuedDocument.gaps,
                        IssuedDocument.issued_at,
                    )
                )
            ):
                documents.setdefault(document.protocol_id, []).append(document)
        return [
            OverviewLine(
                due,
                protocol_info(session, protocol, documents.get(protocol.id, []))
                if protocol is not None
                else None,
            )
            for due, protocol in dues
        ]


def protocol_overview(
    db: Database, today: date, council_id: int | None = None
) -> list[ProtocolDue]:
    """Held meetings with their protocol state; overdue drafts and unsent copies flagged."""
    ids = protocol_meeting_ids(db, council_id)
    with db.reading() as session:
        return [due for due, _protocol in _dues(session, today, ids)]
