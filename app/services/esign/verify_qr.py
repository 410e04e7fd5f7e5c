"""Check a paper copy's QR code against the record: ``kenes protocol verify --qr TEXT``.

The code names a protocol (meeting uid, language, revision) and the SHA-256 of the
signed file it was printed from.  The check finds that protocol here and compares the
hash with the signed file the database keeps as the record: the same (the copy shows
the record), an earlier stage (printed before every signer had signed), another (the
copy does not show the record), or no such protocol here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from app.models.database import Database
from app.models.esign import ElectronicSignature, SignedDocument
from app.models.meeting import Meeting
from app.models.protocol import IssuedDocument, Protocol
from app.services.esign.qr_payload import QrIdentity, parse_payload
from app.services.protocols.common import latest_protocol
from app.services.protocols.documents import _meeting_of

RECORD, EARLIER, MISMATCH, UNKNOWN = "record", "earlier", "mismatch", "unknown"


@dataclass(frozen=True)
class QrCheck:
    """What the database says of the protocol and hash a QR code states."""

    status: str  # RECORD, EARLIER, MISMATCH or UNKNOWN
    identity: QrIdentity
    number: str = ""
    record_sha256: str = ""  # the signed file the database keeps
    signed_count: int = 0  # EARLIER: the code's file had this many signatures
    record_count: int = 0
    superseded: bool = False
    meeting_number: int = 0
    meeting_day: date | None = None
    council_names: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status == RECORD


def verify_qr(db: Database, text: str) -> QrCheck:
    """Compare the hash a QR code states with the record of the protocol it names."""
    identity = parse_payload(text)
    with db.reading() as session:
        meeting_id = session.scalar(select(Meeting.id).where(Meeting.uid == identity.meeting_uid))
        row = session.scalar(
            select(Protocol).where(
                Protocol.meeting_id == meeting_id, Protocol.revision == identity.revision
            )
        )
        issued = (
            session.scalar(
                select(IssuedDocument).where(
                    IssuedDocument.protocol_id == row.id, IssuedDocument.lang == identity.lang
                )
            )
            if row is not None
            else None
        )
        if row is None or issued is None:
            return QrCheck(UNKNOWN, identity)
        signed = session.scalar(select(SignedDocument).where(SignedDocument.issued_id == issued.id))
        stages = list(
            session.scalars(
                select(ElectronicSignature)
                .where(ElectronicSignature.issued_id == issued.id)
                .order_by(ElectronicSignature.position)
            )
        )
        record = signed.pdf_sha256 if signed is not None else issued.pdf_sha256
        stage = next((s for s in stages if s.pdf_sha256 == identity.sha256), None)
        if identity.sha256 == record:
            status = RECORD
        elif stage is not None:
            status = EARLIER
        else:
            status = MISMATCH
        latest = latest_protocol(session, row.meeting_id)
        return QrCheck(
            status,
            identity,
            number=row.number,
            record_sha256=record,
            signed_count=stage.position if stage is not None else 0,
            record_count=len(stages),
            superseded=latest is not None and latest.id != row.id,
            **_meeting_of(session, row),
        )
