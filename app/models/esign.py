"""Electronic signatures of issued protocols, and what the administrator trusts.

An issued document (:class:`~app.models.protocol.IssuedDocument`) keeps the PDF as
rendered and sealed at signing.  Its electronically signed form grows by one
incremental update per signer, so it always begins with those exact bytes; it is
kept beside it (:class:`SignedDocument`), never in its place, so the seal of the
record still holds.  Trust roots and revocation lists are imported by hand: Kenes
ships no certificate and fetches nothing.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class SignedDocument(Base):
    """The issued PDF with every electronic signature made so far: the issued record."""

    __tablename__ = "signed_documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    issued_id: Mapped[int] = mapped_column(ForeignKey("issued_documents.id"), unique=True)
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    pdf_sha256: Mapped[str] = mapped_column(String(64), index=True)
    signed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ElectronicSignature(Base):
    """One signer's signature: role, certificate, time and the file's hash after it."""

    __tablename__ = "electronic_signatures"
    __table_args__ = (UniqueConstraint("issued_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    issued_id: Mapped[int] = mapped_column(ForeignKey("issued_documents.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)  # 1 for the first signer
    field_name: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(32))  # presiding, secretary
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    signer: Mapped[str] = mapped_column(Text)  # the name shown in the visible block
    certificate: Mapped[bytes] = mapped_column(LargeBinary)  # DER
    serial: Mapped[str] = mapped_column(String(100))  # hexadecimal
    issuer: Mapped[str] = mapped_column(Text)
    subject: Mapped[str] = mapped_column(Text)
    signed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    pdf_sha256: Mapped[str] = mapped_column(String(64), index=True)
    recorded_by: Mapped[str] = mapped_column(String(200))


class TrustRoot(Base):
    """A root certificate the administrator trusts for verification."""

    __tablename__ = "trust_roots"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    certificate: Mapped[bytes] = mapped_column(LargeBinary)  # DER
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    subject: Mapped[str] = mapped_column(Text)
    not_after: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    added_by: Mapped[str] = mapped_column(String(200))


class RevocationList(Base):
    """A certificate revocation list (CRL) the administrator imported."""

    __tablename__ = "revocation_lists"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    crl: Mapped[bytes] = mapped_column(LargeBinary)  # DER
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    issuer: Mapped[str] = mapped_column(Text)
    this_update: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    next_update: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    added_by: Mapped[str] = mapped_column(String(200))
