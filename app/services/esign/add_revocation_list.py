"""The administrator imports a certificate revocation list (CRL); Kenes fetches none."""

from __future__ import annotations

import hashlib

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from sqlalchemy import select

from app.domain.errors import DomainError, Term
from app.domain.translation import N_
from app.models.database import Database
from app.models.esign import RevocationList
from app.services.base import Actor, audit
from app.services.conduct.common import now
from app.services.esign.add_trust_root import Imported


def read_crl(data: bytes) -> x509.CertificateRevocationList:
    """A revocation list in DER or PEM, or a refusal."""
    if not isinstance(data, bytes | bytearray):
        raise DomainError(N_("The data for “{what}” is not valid."), what=Term(N_("File")))
    try:
        if data.lstrip().startswith(b"-----BEGIN"):
            return x509.load_pem_x509_crl(data)
        return x509.load_der_x509_crl(data)
    except ValueError as exc:
        raise DomainError(N_("The file is not a certificate revocation list (CRL).")) from exc


def add_revocation_list(db: Database, actor: Actor, data: bytes) -> Imported:
    """Store a CRL; verification checks the certificates its issuer issued against it."""
    crl = read_crl(data)
    der = crl.public_bytes(Encoding.DER)
    digest = hashlib.sha256(der).hexdigest()
    issuer = crl.issuer.rfc4514_string()
    with db.transaction() as session:
        if session.scalar(select(RevocationList.id).where(RevocationList.sha256 == digest)):
            raise DomainError(N_("This revocation list is imported already."))
        session.add(
            RevocationList(
                crl=der,
                sha256=digest,
                issuer=issuer,
                this_update=crl.last_update_utc,
                next_update=crl.next_update_utc,
                added_at=now(),
                added_by=actor.name,
            )
        )
        audit(
            session,
            actor,
            "trust.add_crl",
            entity="revocation_lists",
            after={"issuer": issuer, "sha256": digest, "revoked": len(crl)},
        )
    return Imported(issuer, digest, crl.next_update_utc)
