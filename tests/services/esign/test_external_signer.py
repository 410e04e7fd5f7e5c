"""An external signer: Kenes gives the digest, a signer outside it returns a CMS, Kenes embeds it.

The signer here is written with ``cryptography`` and ``asn1crypto`` only (none of
pyHanko's signing code), the way a token or the national signing application answers.
"""

from __future__ import annotations

import hashlib
import io
from datetime import datetime

import pytest
from asn1crypto import algos, cms, core
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from app.domain.errors import DomainError
from app.models.database import Database
from app.services.esign.add_trust_root import add_trust_root
from app.services.esign.sign_issued import sign_issued_pdf
from app.services.esign.verify_signatures import verify_signed_pdf
from app.services.protocols.documents import protocol_pdf
from tests.services.conduct_helpers import ME
from tests.services.esign.esign_helpers import issued_electronically
from tests.services.esign.pki import Issued, make_ca, make_signer


class RsaExternalSigner:
    """A detached CMS SignedData over a given digest, with PAdES's signed attributes."""

    def __init__(self, issued: Issued, *, tamper: bool = False) -> None:
        self.issued = issued
        self.tamper = tamper
        self.asked: list[bytes] = []

    def certificate(self) -> bytes:
        return self.issued.der

    def sign_digest(self, digest: bytes, algorithm: str, signing_time: datetime) -> bytes:
        assert algorithm == "sha256"
        self.asked.append(digest)
        cert = asn1_x509.Certificate.load(self.issued.der)
        if self.tamper:
            digest = hashlib.sha256(b"another document").digest()
        signing_certificate = {
            "certs": [
                {
                    "cert_hash": hashlib.sha256(self.issued.der).digest(),
                    "issuer_serial": {
                        "issuer": [asn1_x509.GeneralName(name="directory_name", value=cert.issuer)],
                        "serial_number": cert.serial_number,
                    },
                }
            ]
        }
        attrs = cms.CMSAttributes(
            [
                cms.CMSAttribute({"type": "content_type", "values": ["data"]}),
                cms.CMSAttribute({"type": "message_digest", "values": [digest]}),
                cms.CMSAttribute(
                    {
                        "type": "signing_time",
                        "values": [cms.Time({"utc_time": core.UTCTime(signing_time)})],
                    }
                ),
                cms.CMSAttribute(
                    {"type": "signing_certificate_v2", "values": [signing_certificate]}
                ),
            ]
        )
        signature = self.issued.key.sign(attrs.dump(), padding.PKCS1v15(), hashes.SHA256())
        signer_info = cms.SignerInfo(
            {
                "version": "v1",
                "sid": cms.SignerIdentifier(
                    {
                        "issuer_and_serial_number": {
                            "issuer": cert.issuer,
                            "serial_number": cert.serial_number,
                        }
                    }
                ),
                "digest_algorithm": algos.DigestAlgorithm({"algorithm": "sha256"}),
                "signed_attrs": attrs,
                "signature_algorithm": algos.SignedDigestAlgorithm(
                    {"algorithm": "rsassa_pkcs1v15"}
                ),
                "signature": signature,
            }
        )
        signed_data = cms.SignedData(
            {
                "version": "v1",
                "digest_algorithms": [algos.DigestAlgorithm({"algorithm": "sha256"})],
                "encap_content_info": {"content_type": "data"},
                "certificates": [cert],
                "signer_infos": [signer_info],
            }
        )
        return bytes(
            cms.ContentInfo({"content_type": "signed_data", "content": signed_data}).dump()
        )


def test_an_external_signer_signs_end_to_end(database: Database) -> None:
    ca = make_ca()
    signer = RsaExternalSigner(make_signer(ca, "СЫРТҚЫ ҚОЛ ҚОЮШЫ"))
    protocol_id = issued_electronically(database, two_signers=False)
    add_trust_root(database, ME, ca.der)
    step = sign_issued_pdf(database, ME, protocol_id, "kk", signer)
    assert step.role == "presiding" and len(signer.asked) == 1
    signed = protocol_pdf(database, protocol_id, "kk")
    report = verify_signed_pdf(database, signed)
    assert report.ok and report.issued_record
    assert report.signatures[0].signer == "СЫРТҚЫ ҚОЛ ҚОЮШЫ"
    context = ValidationContext(
        trust_roots=[asn1_x509.Certificate.load(ca.der)], allow_fetching=False
    )
    (sig,) = PdfFileReader(io.BytesIO(signed)).embedded_signatures
    status = validate_pdf_signature(sig, context)
    assert status.bottom_line and status.intact and status.trusted


def test_an_answer_over_another_document_is_refused(database: Database, db_path) -> None:  # type: ignore[no-untyped-def]
    ca = make_ca()
    protocol_id = issued_electronically(database, two_signers=False)
    before = db_path.read_bytes()
    with pytest.raises(DomainError, match="does not fit"):
        sign_issued_pdf(
            database, ME, protocol_id, "kk", RsaExternalSigner(make_signer(ca, "X"), tamper=True)
        )
    assert db_path.read_bytes() == before
