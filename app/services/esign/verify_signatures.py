"""Verify the electronic signatures of a PDF offline, against what the administrator trusts.

Per signature: whether the bytes it covers are unchanged (intact), whether anything
but later signatures was added after it, who signed and when (as the signer says:
the signatures carry no timestamp), whether the certificate chains to an imported
root, and, where a revocation list of its issuer was imported, whether it was revoked.
Nothing is fetched: a certificate whose issuer has no imported list is reported as
not checked for revocation, not as valid.  Then: whether the file is this database's
issued record, an earlier stage of it (fewer signatures), or unknown here.
"""

from __future__ import annotations

import hashlib
import io
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from asn1crypto import crl as asn1_crl
from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.policy_decl import (
    CertRevTrustPolicy,
    RevocationCheckingPolicy,
    RevocationCheckingRule,
)
from sqlalchemy import select

from app.domain.errors import DomainError, EnvironmentProblem
from app.domain.translation import N_
from app.models.database import Database
from app.models.esign import ElectronicSignature, RevocationList, SignedDocument, TrustRoot
from app.models.protocol import IssuedDocument, Protocol
from app.services.esign.sign_issued import common_name
from app.services.protocols.documents import MAX_VERIFY_BYTES

# pyHanko logs each failed check with its traceback; the report says it instead.
logging.getLogger("pyhanko.sign.validation").setLevel(logging.CRITICAL)
logging.getLogger("pyhanko_certvalidator").setLevel(logging.CRITICAL)

_ALLOWED_AFTER = (
    ModificationLevel.NONE,
    ModificationLevel.LTA_UPDATES,
    ModificationLevel.FORM_FILLING,
)


@dataclass(frozen=True)
class SignatureCheck:
    """The verdict on one signature of the file."""

    field_name: str
    signer: str = ""
    serial: str = ""
    issuer: str = ""
    signed_at: datetime | None = None
    intact: bool = False
    unchanged_after: bool = False  # nothing but later signatures was added after it
    trusted: bool = False
    revoked: bool = False
    revocation_checked: bool = False
    expired: bool = False
    readable: bool = True

    @property
    def ok(self) -> bool:
        return self.intact and self.unchanged_after and self.trusted and not self.revoked


@dataclass(frozen=True)
class SignedFileReport:
    """The signatures of a file, and what the file is in this database."""

    sha256: str
    signatures: tuple[SignatureCheck, ...]
    protocol_id: int | None = None
    number: str = ""
    lang: str = ""
    issued_record: bool = False  # the file is the issued record as it stands
    signed_count: int = 0  # an earlier stage: the record after this many signatures
    record_count: int = 0  # how many signatures the issued record has

    @property
    def ok(self) -> bool:
        return bool(self.signatures) and all(s.ok for s in self.signatures)


def read_file(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_VERIFY_BYTES:
            raise DomainError(N_("{path} is too large to be a protocol."), path=str(path))
        return path.read_bytes()
    except OSError as exc:
        raise EnvironmentProblem(
            N_("The file {path} cannot be read: {reason}"),
            path=str(path),
            reason=exc.strerror or str(exc),
        ) from exc


def looks_signed(data: bytes) -> bool:
    """Whether a file is a PDF with a signature in it (even one too damaged to read)."""
    return data.startswith(b"%PDF") and b"/ByteRange" in data


def _trust(db: Database) -> tuple[list[asn1_x509.Certificate], list[asn1_crl.CertificateList]]:
    with db.reading() as session:
        roots = [
            asn1_x509.Certificate.load(bytes(r))
            for r in session.scalars(select(TrustRoot.certificate))
        ]
        crls = [
            asn1_crl.CertificateList.load(bytes(c))
            for c in session.scalars(select(RevocationList.crl))
        ]
    return roots, crls


def _check(
    sig: object,
    roots: list[asn1_x509.Certificate],
    crls: list[asn1_crl.CertificateList],
    at: datetime,
) -> SignatureCheck:
    name = getattr(sig, "field_name", "") or ""
    try:
        cert = sig.signer_cert  # type: ignore[attr-defined]
        listed = any(c.issuer == cert.issuer for c in crls)
        rule = RevocationCheckingRule.CRL_REQUIRED if listed else RevocationCheckingRule.NO_CHECK
        context = ValidationContext(
            trust_roots=roots,
            crls=crls,
            allow_fetching=False,
            moment=at,
            revinfo_policy=CertRevTrustPolicy(
                RevocationCheckingPolicy(rule, RevocationCheckingRule.CHECK_IF_DECLARED_SOFT)
            ),
        )
        status = validate_pdf_signature(sig, context)  # type: ignore[arg-type]
    except Exception:  # a damaged signature: pyHanko raises rather than reports
        return SignatureCheck(name, readable=False)
    not_after = cert["tbs_certificate"]["validity"]["not_after"].native
    return SignatureCheck(
        name,
        signer=common_name(cert.subject),
        serial=f"{cert.serial_number:X}",
        issuer=common_name(cert.issuer),
        signed_at=status.signer_reported_dt,
        intact=bool(status.intact and status.valid),
        unchanged_after=status.modification_level in _ALLOWED_AFTER
        and status.docmdp_ok is not False,
        trusted=bool(status.trusted),
        revoked=bool(status.revoked),
        revocation_checked=listed,
        expired=not_after < at,
    )


def verify_signed_pdf(db: Database, data: bytes, at: datetime | None = None) -> SignedFileReport:
    """Check every signature of ``data`` (as of ``at``, now by default); find the file here."""
    digest = hashlib.sha256(data).hexdigest()
    roots, crls = _trust(db)
    at = at or datetime.now(UTC)
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        checks = tuple(_check(sig, roots, crls, at) for sig in reader.embedded_signatures)
    except Exception:  # the file no longer parses as a PDF at all
        checks = (SignatureCheck("", readable=False),)
    with db.reading() as session:
        stage = session.scalar(
            select(ElectronicSignature).where(ElectronicSignature.pdf_sha256 == digest)
        )
        if stage is None:
            return SignedFileReport(digest, checks)
        issued = session.get(IssuedDocument, stage.issued_id)
        current = session.scalar(
            select(SignedDocument).where(SignedDocument.issued_id == stage.issued_id)
        )
        count = len(
            list(
                session.scalars(
                    select(ElectronicSignature.id).where(
                        ElectronicSignature.issued_id == stage.issued_id
                    )
                )
            )
        )
        assert issued is not None
        row = session.get(Protocol, issued.protocol_id)
        assert row is not None
        return SignedFileReport(
            digest,
            checks,
            protocol_id=row.id,
            number=row.number,
            lang=issued.lang,
            issued_record=current is not None and current.pdf_sha256 == digest,
            signed_count=stage.position,
            record_count=count,
        )
