"""The signer interface: a PKCS#12 key gives its certificate and a CMS over a digest."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

import pytest
from asn1crypto import cms
from cryptography.hazmat.primitives.serialization import Encoding

from app.domain.errors import DomainError
from app.services.esign.signers import CmsSigner, Pkcs12Signer, load_certificate
from tests.services.esign.pki import Issued, make_ca, make_signer

PASSWORD = "сынақ-құпия"
AT = datetime.now(UTC).replace(microsecond=0)


@pytest.fixture(scope="module")
def signer() -> Issued:
    return make_signer(make_ca(), "ЖАҚСЫЛЫҚОВ АСХАТ")


def test_the_key_file_gives_its_certificate(signer: Issued) -> None:
    key: CmsSigner = Pkcs12Signer(signer.p12(PASSWORD), PASSWORD)
    der = key.certificate()
    assert der == signer.cert.public_bytes(Encoding.DER)
    assert load_certificate(der).subject.native["common_name"] == "ЖАҚСЫЛЫҚОВ АСХАТ"


def test_the_cms_is_detached_and_signs_the_digest_given(signer: Issued) -> None:
    digest = hashlib.sha256(b"the bytes the PDF signature covers").digest()
    signed = cms.ContentInfo.load(
        Pkcs12Signer(signer.p12(PASSWORD), PASSWORD).sign_digest(digest, "sha256", AT)
    )
    assert signed["content_type"].native == "signed_data"
    info = signed["content"]["signer_infos"][0]
    attributes = {a["type"].native: a["values"][0].native for a in info["signed_attrs"]}
    assert attributes["message_digest"] == digest
    assert "signing_certificate_v2" in attributes  # PAdES
    assert signed["content"]["encap_content_info"]["content"].native is None  # detached


def test_a_wrong_password_or_a_file_that_is_no_key_is_refused(signer: Issued) -> None:
    for data, password in ((signer.p12(PASSWORD), "wrong"), (b"not a key file", PASSWORD)):
        with pytest.raises(DomainError, match="password is wrong or it is not a key file"):
            Pkcs12Signer(data, password)


def test_a_certificate_that_does_not_parse_is_refused(signer: Issued) -> None:
    der = signer.cert.public_bytes(Encoding.DER)
    for broken in (b"", b"\x30\x03abc", der[:-10]):
        with pytest.raises(DomainError, match="did not give a valid certificate"):
            load_certificate(broken)
