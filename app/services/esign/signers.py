"""Who produces the signature: the one interface every signer implements.

Kenes never needs the private key.  It asks the signer for its certificate (the
visible block names the certificate's serial number and issuer before anything is
signed), then hands it the SHA-256 of the bytes the PDF signature covers and takes
back a detached CMS SignedData over that digest, which it embeds.  A PKCS#12 file is
one such signer; a token, a GOST key or the national signing application is another,
written against the same two methods (see docs/signatures.md).
"""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Protocol

from asn1crypto import x509 as asn1_x509
from pyhanko.sign.signers import SimpleSigner
from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes

from app.domain.errors import DomainError
from app.domain.translation import N_


class CmsSigner(Protocol):
    """A signer outside Kenes: its certificate, and a CMS over a digest."""

    def certificate(self) -> bytes:
        """The signing certificate, DER-encoded."""
        ...

    def sign_digest(self, digest: bytes, algorithm: str, signing_time: datetime) -> bytes:
        """A detached CMS SignedData (DER) whose signed ``messageDigest`` is ``digest``.

        ``algorithm`` is the digest's name ("sha256"); ``signing_time`` the time Kenes
        shows in the visible block, for the ``signingTime`` attribute.  The CMS should
        carry the signing certificate and the ``signingCertificateV2`` attribute (PAdES).
        """
        ...


class Pkcs12Signer:
    """A key in a PKCS#12 file (.p12, .pfx); the password is used once and not kept."""

    def __init__(self, data: bytes, password: str) -> None:
        try:
            self._signer = SimpleSigner.load_pkcs12_data(
                data, other_certs=(), passphrase=password.encode("utf-8") or None
            )
        except ValueError as exc:
            raise DomainError(
                N_("The key file cannot be opened: the password is wrong or it is not a key file.")
            ) from exc

    def certificate(self) -> bytes:
        cert = self._signer.signing_cert
        assert cert is not None
        return bytes(cert.dump())

    def sign_digest(self, digest: bytes, algorithm: str, signing_time: datetime) -> bytes:
        signed = asyncio.run(
            self._signer.async_sign(
                digest,
                algorithm,
                use_pades=True,
                signed_attr_settings=PdfCMSSignedAttributes(signing_time=signing_time),
            )
        )
        return bytes(signed.dump())


def load_certificate(der: bytes) -> asn1_x509.Certificate:
    """A signer's certificate, or a refusal when it is not one."""
    try:
        cert = asn1_x509.Certificate.load(der)
        cert.native  # noqa: B018 (parses it whole: a broken one fails here, not later)
    except (ValueError, TypeError) as exc:
        raise DomainError(N_("The signer did not give a valid certificate.")) from exc
    return cert
