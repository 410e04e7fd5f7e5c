"""A paper copy of an electronically signed protocol, with its printed verification stamp.

The signed file stays the record; a paper copy is what is printed for those who read
paper: the protocol's pages (the visible signature blocks printed into them) and a
page that says who signed and when, what the offline check found at the time of
printing, and a QR code with the protocol's identity and the SHA-256 of the signed
file (:mod:`app.services.esign.qr_payload`), so anyone can check the copy against the
record with ``kenes protocol verify --qr``.  The stamp is in the protocol's language.
Nothing is written to the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePath

from sqlalchemy import select

from app.domain.errors import DomainError, EnvironmentProblem
from app.domain.translation import N_
from app.formats import atomic
from app.formatting import format_datetime
from app.i18n import translations
from app.models.database import Database
from app.models.esign import SignedDocument
from app.models.meeting import Meeting
from app.models.protocol import IssuedDocument
from app.services.base import check_id, expect
from app.services.esign.qr_payload import QrIdentity
from app.services.esign.report_text import ALL_VALID, NOT_VALID, signature_lines
from app.services.esign.verify_signatures import verify_signed_pdf
from app.services.protocols.common import LANGS, load_protocol

TITLE = N_("Paper copy of an electronic document")
INTRO = N_(
    "This is a paper copy of protocol No. {number} (revision {revision}), an electronic "
    "document signed with electronic digital signatures. The original is the signed file; "
    "its SHA-256 is {sha}."
)
CHECKED = N_("Checked offline by Kenes on {time}:")
QR_CAPTION = N_(
    "The QR code holds the protocol's identity and the SHA-256 of the signed file. To check "
    'this copy against the record, run "kenes protocol verify --qr" with the text of the code.'
)


@dataclass(frozen=True)
class PaperCopy:
    """The PDF to print, the text of its QR code, and whether every signature was valid."""

    pdf: bytes
    qr_payload: str
    valid: bool


@dataclass(frozen=True)
class _Source:
    number: str
    identity: QrIdentity
    signed: bytes


def _source(db: Database, protocol_id: int, lang: str) -> _Source:
    with db.reading() as session:
        row = load_protocol(session, protocol_id)
        issued = session.scalar(
            select(IssuedDocument).where(
                IssuedDocument.protocol_id == row.id, IssuedDocument.lang == lang
            )
        )
        signed = (
            session.scalar(select(SignedDocument).where(SignedDocument.issued_id == issued.id))
            if issued is not None
            else None
        )
        if signed is None:
            raise DomainError(
                N_(
                    "Protocol No. {number} has no electronic signature in this language; "
                    "print its issued PDF instead."
                ),
                number=row.number,
            )
        meeting = session.get(Meeting, row.meeting_id)
        assert meeting is not None
        identity = QrIdentity(meeting.uid, lang, row.revision, signed.pdf_sha256)
        return _Source(row.number, identity, bytes(signed.pdf))


def paper_copy(db: Database, protocol_id: int, lang: str, at: datetime | None = None) -> PaperCopy:
    """The signed protocol in ``lang`` as a paper copy: its pages and the verification stamp."""
    from app.reports.stamp import StampText, paper_copy_pdf, stamp_pdf

    protocol_id = check_id(protocol_id, N_("Protocol"))
    if lang not in LANGS:
        raise DomainError(N_("A protocol is issued in Kazakh, Russian or English."))
    if at is not None:
        expect(at, datetime, N_("Time"))
    source = _source(db, protocol_id, lang)
    at = at or datetime.now(UTC).replace(microsecond=0)
    report = verify_signed_pdf(db, source.signed, at)
    t = translations(lang)
    lines = [
        t.gettext(INTRO).format(
            number=source.number, revision=source.identity.revision, sha=source.identity.sha256
        ),
        t.gettext(CHECKED).format(time=format_datetime(at, lang)),
    ]
    for n, check in enumerate(report.signatures, 1):
        lines.extend(signature_lines(n, check, t, lang))
    payload = source.identity.text()
    stamp = StampText(
        title=t.gettext(TITLE),
        lines=tuple(lines),
        verdict=t.gettext(ALL_VALID if report.ok else NOT_VALID),
        qr_payload=payload,
        qr_caption=t.gettext(QR_CAPTION),
    )
    return PaperCopy(paper_copy_pdf(source.signed, stamp_pdf(stamp)), payload, report.ok)


def has_signed_file(db: Database, protocol_id: int, lang: str) -> bool:
    """Whether the protocol in ``lang`` has an electronically signed file to copy."""
    protocol_id = check_id(protocol_id, N_("Protocol"))
    if lang not in LANGS:
        return False
    with db.reading() as session:
        found = session.scalar(
            select(SignedDocument.id)
            .join(IssuedDocument, IssuedDocument.id == SignedDocument.issued_id)
            .where(IssuedDocument.protocol_id == protocol_id, IssuedDocument.lang == lang)
        )
    return found is not None


def save_paper_copy(db: Database, protocol_id: int, lang: str, path: Path) -> PaperCopy:
    """Make the paper copy and write it to ``path`` whole (never a half-written file)."""
    path = Path(expect(path, PurePath, N_("File")))
    made = paper_copy(db, protocol_id, lang)
    try:
        atomic.write_bytes(path, made.pdf)
    except OSError as exc:
        raise EnvironmentProblem(
            N_("The file {path} cannot be written: {reason}"),
            path=str(path),
            reason=exc.strerror or str(exc),
        ) from exc
    return made
