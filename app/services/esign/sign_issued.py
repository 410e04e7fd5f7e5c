"""Sign an issued protocol electronically: one signer, in the order the profile sets.

The protocol was signed in Kenes with the method "electronic" (so the issued PDF,
its snapshot and the seal exist); each signer then adds a PAdES signature as an
incremental update of the signed file, so the file always begins with the PDF the
seal covers and earlier signatures stay valid.  The slow part, the signer's answer
(a token, the national signing application), happens outside any transaction; the
write then checks that nobody signed meanwhile.  The key's password is never stored.
"""

from __future__ import annotations

import hashlib
import io
import logging
from dataclasses import dataclass
from datetime import UTC, datetime

from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.errors import DomainError
from app.domain.protocol import ProtocolSnapshot, ProtocolState
from app.domain.regulation import Signers
from app.domain.translation import N_
from app.formatting import format_datetime
from app.i18n import translations
from app.models.database import Database
from app.models.esign import ElectronicSignature, SignedDocument
from app.models.protocol import IssuedDocument, Protocol, ProtocolSignature
from app.services.base import Actor, audit
from app.services.esign import pades
from app.services.esign.signers import CmsSigner, load_certificate
from app.services.meetings.common import council_profile, load_meeting
from app.services.protocols.common import LANGS, latest_protocol, load_protocol

log = logging.getLogger(__name__)

# Who signs, in order: the secretary who prepared the protocol, then the presiding.
ORDER = {
    Signers.PRESIDING: ("presiding",),
    Signers.PRESIDING_AND_SECRETARY: ("secretary", "presiding"),
}
BLOCK_TITLE = N_("Signed with an electronic digital signature")
BLOCK_TIME = N_("Signed at: {time}")
BLOCK_CERTIFICATE = N_("Certificate No. {serial}")
BLOCK_ISSUER = N_("Issued by: {issuer}")


@dataclass(frozen=True)
class SignedStep:
    """What one signature left: who signed, how many signed, who is still due."""

    protocol_id: int
    lang: str
    role: str
    position: int
    pdf_sha256: str
    still_due: tuple[str, ...]


@dataclass(frozen=True)
class _Plan:
    issued_id: int
    council_id: int
    pdf: bytes
    pdf_sha256: str
    role: str
    position: int
    count: int
    person_id: int | None
    signer: str
    title: str
    still_due: tuple[str, ...]


def common_name(name: asn1_x509.Name) -> str:
    """The common name of a certificate's subject or issuer, or the whole name."""
    native = name.native
    return str(native.get("common_name") or name.human_friendly)


def signing_order(session: Session, row: Protocol) -> tuple[str, ...]:
    """The roles that sign this protocol electronically, first to last."""
    meeting = load_meeting(session, row.meeting_id)
    return ORDER[council_profile(session, meeting.council_id, meeting.meeting_date).signers]


def _plan(session: Session, protocol_id: int, lang: str, role: str | None) -> _Plan:
    row = load_protocol(session, protocol_id)
    if row.state not in (ProtocolState.SIGNED.value, ProtocolState.COPIES_SENT.value):
        raise DomainError(
            N_("Protocol No. {number} is not issued yet: sign it in Kenes first."),
            number=row.number,
        )
    latest = latest_protocol(session, row.meeting_id)
    if latest is not None and latest.id != row.id:
        raise DomainError(N_("A newer revision of this protocol exists already."))
    methods = {
        s.role: s
        for s in session.scalars(
            select(ProtocolSignature).where(ProtocolSignature.protocol_id == row.id)
        )
    }
    if not methods or any(s.method != "electronic" for s in methods.values()):
        raise DomainError(
            N_(
                "Protocol No. {number} was recorded as signed on paper; the paper original "
                "is the protocol, and it is not signed electronically."
            ),
            number=row.number,
        )
    issued = session.scalar(
        select(IssuedDocument).where(
            IssuedDocument.protocol_id == row.id, IssuedDocument.lang == lang
        )
    )
    if issued is None:
        raise DomainError(
            N_("Protocol No. {number} was not issued in this language."), number=row.number
        )
    order = tuple(r for r in signing_order(session, row) if r in methods)
    done = list(
        session.scalars(
            select(ElectronicSignature.role)
            .where(ElectronicSignature.issued_id == issued.id)
            .order_by(ElectronicSignature.position)
        )
    )
    due = order[len(done) :]
    if not due:
        raise DomainError(
            N_("Every signer has already signed protocol No. {number} in this language."),
            number=row.number,
        )
    if role is not None and role != due[0]:
        if role in done:
            raise DomainError(N_("This signer has already signed the protocol."))
        raise DomainError(N_("The signers sign in the order of the regulation; another is due."))
    signed = session.scalar(select(SignedDocument).where(SignedDocument.issued_id == issued.id))
    pdf = bytes(signed.pdf) if signed is not None else bytes(issued.pdf)
    snapshot = ProtocolSnapshot.from_dict(issued.snapshot)
    block = snapshot.signatures[0 if due[0] == "presiding" else -1]
    meeting = load_meeting(session, row.meeting_id)
    return _Plan(
        issued.id,
        meeting.council_id,
        pdf,
        hashlib.sha256(pdf).hexdigest(),
        due[0],
        len(done) + 1,
        len(order),
        methods[due[0]].person_id,
        block.name,
        ", ".join(part for part in (block.role, block.position) if part),
        due[1:],
    )


def block_text(plan: _Plan, lang: str, cert: asn1_x509.Certificate, at: datetime) -> str:
    """The visible block, in the protocol's language."""
    t = translations(lang)
    return "\n".join(
        (
            t.gettext(BLOCK_TITLE),
            plan.signer,
            plan.title,
            t.gettext(BLOCK_TIME).format(time=format_datetime(at, lang)),
            t.gettext(BLOCK_CERTIFICATE).format(serial=f"{cert.serial_number:X}"),
            t.gettext(BLOCK_ISSUER).format(issuer=common_name(cert.issuer)),
        )
    )


def _check_validity(cert: asn1_x509.Certificate, at: datetime) -> None:
    validity = cert["tbs_certificate"]["validity"]
    if not validity["not_before"].native <= at <= validity["not_after"].native:
        raise DomainError(N_("The signer's certificate is not valid now; it cannot sign."))


def _check_answer(signed: bytes, field_name: str, cert: asn1_x509.Certificate) -> None:
    """The CMS the signer returned covers this document and is by this certificate."""
    try:
        reader = PdfFileReader(io.BytesIO(signed), strict=False)
        sig = next(s for s in reader.embedded_signatures if s.field_name == field_name)
        status = validate_pdf_signature(
            sig, ValidationContext(trust_roots=[], allow_fetching=False), skip_diff=True
        )
        ok = status.intact and status.valid and sig.signer_cert.dump() == cert.dump()
    except Exception as exc:  # anything a broken CMS makes pyHanko raise
        log.warning("the signer's CMS does not fit: %s", exc)
        ok = False
    if not ok:
        raise DomainError(
            N_(
                "The signer's answer does not fit the document: the signature was not "
                "made over it, or with another certificate. Nothing was signed."
            )
        )


def sign_issued_pdf(
    db: Database,
    actor: Actor,
    protocol_id: int,
    lang: str,
    signer: CmsSigner,
    role: str | None = None,
) -> SignedStep:
    """Add the next signer's PAdES signature to the issued protocol in ``lang``."""
    if lang not in LANGS:
        raise DomainError(N_("A protocol is issued in Kazakh, Russian or English."))
    if role is not None and role not in ("presiding", "secretary"):
        raise DomainError(N_("A protocol is signed by the presiding person or the secretary."))
    with db.reading() as session:
        plan = _plan(session, protocol_id, lang, role)
    cert = load_certificate(signer.certificate())
    at = datetime.now(UTC).replace(microsecond=0)
    _check_validity(cert, at)
    field_name = f"KenesSignature{plan.position}"
    prepared = pades.prepare(
        plan.pdf,
        field_name,
        pades.block_box(plan.position - 1, plan.count),
        block_text(plan, lang, cert, at),
        cert,
    )
    cms = signer.sign_digest(prepared.digest, pades.DIGEST_ALGORITHM, at)
    try:
        signed = pades.embed(prepared, cms)
    except ValueError as exc:
        raise DomainError(
            N_("The signer's answer is too large to be a signature. Nothing was signed.")
        ) from exc
    _check_answer(signed, field_name, cert)
    digest = hashlib.sha256(signed).hexdigest()
    with db.transaction() as session:
        current = _plan(session, protocol_id, lang, role)
        if current.pdf_sha256 != plan.pdf_sha256:
            raise DomainError(
                N_("Someone signed this protocol meanwhile; sign it again to add your signature.")
            )
        row = session.scalar(
            select(SignedDocument).where(SignedDocument.issued_id == plan.issued_id)
        )
        if row is None:
            row = SignedDocument(issued_id=plan.issued_id)
            session.add(row)
        row.pdf, row.pdf_sha256, row.signed_at = signed, digest, at
        record = ElectronicSignature(
            issued_id=plan.issued_id,
            position=plan.position,
            field_name=field_name,
            role=plan.role,
            person_id=plan.person_id,
            signer=plan.signer,
            certificate=bytes(cert.dump()),
            serial=f"{cert.serial_number:X}",
            issuer=cert.issuer.human_friendly,
            subject=cert.subject.human_friendly,
            signed_at=at,
            pdf_sha256=digest,
            recorded_by=actor.name,
        )
        session.add(record)
        session.flush()
        audit(
            session,
            actor,
            "protocol.esign",
            entity="electronic_signatures",
            entity_id=record.id,
            council_id=plan.council_id,
            after={
                "protocol_id": protocol_id,
                "lang": lang,
                "role": plan.role,
                "position": plan.position,
                "serial": record.serial,
                "issuer": record.issuer,
                "pdf_sha256": digest,
            },
        )
    return SignedStep(protocol_id, lang, plan.role, plan.position, digest, plan.still_due)


def due_signers(db: Database, protocol_id: int, lang: str) -> tuple[str, ...]:
    """The roles still to sign the issued protocol in ``lang``, next first (none: nothing due)."""
    with db.reading() as session:
        try:
            plan = _plan(session, protocol_id, lang, None)
        except DomainError:
            return ()
    return (plan.role, *plan.still_due)
