"""The administrator trusts a root certificate for verifying signatures (Kenes ships none)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from sqlalchemy import select

from app.domain.errors import DomainError, Term
from app.domain.translation import N_
from app.models.database import Database
from app.models.esign import TrustRoot
from app.services.base import Actor, audit
from app.services.conduct.common import now


@dataclass(frozen=True)
class Imported:
    """What was imported: its subject (or issuer) and its SHA-256."""

    name: str
    sha256: str
    valid_until: datetime | None


def read_certificate(data: bytes) -> x509.Certificate:
    """A certificate in DER or PEM, or a refusal."""
    if not isinstance(data, bytes | bytearray):
        raise DomainError(N_("The data for “{what}” is not valid."), what=Term(N_("File")))
    try:
        if data.lstrip().startswith(b"-----BEGIN"):
            return x509.load_pem_x509_certificate(data)
        return x509.load_der_x509_certificate(data)
    except ValueError as exc:
        raise DomainError(N_("The file is not a certificate (DER or PEM).")) from exc


def add_trust_root(db: Database, actor: Actor, data: bytes) -> Imported:
    """Store a root (or issuing CA) certificate as a trust anchor."""
    cert = read_certificate(data)
    try:
        is_ca = cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    except x509.ExtensionNotFound:
        is_ca = False
    if not is_ca:
        raise DomainError(
            N_("This certificate is not a certification authority's; it cannot be a trusted root.")
        )
    der = cert.public_bytes(Encoding.DER)
    digest = hashlib.sha256(der).hexdigest()
    subject = cert.subject.rfc4514_string()
    with db.transaction() as session:
        if session.scalar(select(TrustRoot.id).where(TrustRoot.sha256 == digest)) is not None:
            raise DomainError(N_("This root certificate is trusted already."))
        row = TrustRoot(
            certificate=der,
            sha256=digest,
            subject=subject,
            not_after=cert.not_valid_after_utc,
            added_at=now(),
            added_by=actor.name,
        )
        session.add(row)
        audit(
            session,
            actor,
            "trust.add_root",
            entity="trust_roots",
            after={"subject": subject, "sha256": digest},
        )
    return Imported(subject, digest, cert.not_valid_after_utc)
