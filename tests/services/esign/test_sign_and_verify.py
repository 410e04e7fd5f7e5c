"""Electronic signatures of an issued protocol: two signers in order, verified offline."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils import generic as pdf_generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from pypdf import PdfReader
from sqlalchemy import select

from app.domain.errors import DomainError
from app.models.database import Database
from app.models.esign import ElectronicSignature, SignedDocument
from app.models.protocol import IssuedDocument
from app.services.esign.add_revocation_list import add_revocation_list
from app.services.esign.add_trust_root import add_trust_root
from app.services.esign.sign_issued import sign_issued_pdf
from app.services.esign.signers import Pkcs12Signer
from app.services.esign.verify_signatures import verify_signed_pdf
from app.services.protocols.documents import protocol_pdf
from tests.services.conduct_helpers import ME
from tests.services.esign.esign_helpers import PASSWORD, Pki, issued_electronically, make_pki
from tests.services.esign.pdf_helpers import visible_text
from tests.services.esign.pki import make_ca, make_crl, make_signer
from tests.services.helpers import audit_actions


@pytest.fixture(scope="module")
def pki() -> Pki:
    return make_pki()


def sign_both(db: Database, protocol_id: int, pki: Pki, lang: str = "ru") -> bytes:
    first = sign_issued_pdf(
        db, ME, protocol_id, lang, Pkcs12Signer(pki.secretary.p12(PASSWORD), PASSWORD)
    )
    assert (first.role, first.position, first.still_due) == ("secretary", 1, ("presiding",))
    second = sign_issued_pdf(
        db, ME, protocol_id, lang, Pkcs12Signer(pki.chair.p12(PASSWORD), PASSWORD), "presiding"
    )
    assert (second.role, second.position, second.still_due) == ("presiding", 2, ())
    return protocol_pdf(db, protocol_id, lang)


def file_bytes(path: Path) -> bytes:
    return path.read_bytes()


def test_two_signers_in_order_both_intact_and_trusted(database: Database, pki: Pki) -> None:
    protocol_id = issued_electronically(database)
    add_trust_root(database, ME, pki.ca.der)
    signed = sign_both(database, protocol_id, pki)
    with database.reading() as session:
        issued = session.scalar(
            select(IssuedDocument).where(
                IssuedDocument.protocol_id == protocol_id, IssuedDocument.lang == "ru"
            )
        )
        assert issued is not None
        # The issued (and sealed) PDF is kept; the signed file begins with its bytes.
        assert signed.startswith(bytes(issued.pdf)) and len(signed) > len(issued.pdf)
        stored = session.scalar(select(SignedDocument))
        assert stored is not None and bytes(stored.pdf) == signed
        rows = list(session.scalars(select(ElectronicSignature).order_by("position")))
        assert [r.role for r in rows] == ["secretary", "presiding"]
        assert rows[0].certificate == pki.secretary.der
    report = verify_signed_pdf(database, signed)
    assert report.ok and report.issued_record and report.record_count == 2
    assert [s.signer for s in report.signatures] == ["ЖАҚСЫЛЫҚОВ АСХАТ", "ӘБЕНОВ НҰРЛАН"]
    assert all(s.intact and s.trusted and not s.revoked for s in report.signatures)
    # pyHanko's own validator, independently of Kenes's report.
    context = ValidationContext(
        trust_roots=[asn1_x509.Certificate.load(pki.ca.der)], allow_fetching=False
    )
    reader = PdfFileReader(io.BytesIO(signed))
    statuses = [validate_pdf_signature(s, context) for s in reader.embedded_signatures]
    assert [s.bottom_line for s in statuses] == [True, True]


def test_the_blocks_and_fields_read_back(database: Database, pki: Pki) -> None:
    protocol_id = issued_electronically(database)
    signed = sign_both(database, protocol_id, pki, "ru")
    reader = PdfReader(io.BytesIO(signed))
    fields = reader.get_fields() or {}
    assert {"KenesSignature1", "KenesSignature2"} <= set(fields)
    assert [fields[n]["/FT"] for n in ("KenesSignature1", "KenesSignature2")] == ["/Sig"] * 2
    text = visible_text(signed)
    for who in (pki.secretary, pki.chair):
        assert f"{who.cert.serial_number:X}" in text.replace(" ", "")
    assert "Секретарь" in text and "Сынақ куәландыру орталығы" in text
    with database.reading() as session:
        names = list(session.scalars(select(ElectronicSignature.signer)))
    assert all(name and " ".join(name.split()) in text for name in names)


def test_an_altered_byte_is_reported(database: Database, pki: Pki) -> None:
    protocol_id = issued_electronically(database)
    add_trust_root(database, ME, pki.ca.der)
    signed = bytearray(sign_both(database, protocol_id, pki))
    at = signed.index(b"/Contents", 2000) - 40  # in the first revision's content
    signed[at] = ord("A") if signed[at] != ord("A") else ord("B")
    report = verify_signed_pdf(database, bytes(signed))
    assert not report.ok and not report.issued_record
    assert not all(s.intact for s in report.signatures)


def test_a_page_added_after_signing_is_reported(database: Database, pki: Pki) -> None:
    protocol_id = issued_electronically(database, two_signers=False)
    add_trust_root(database, ME, pki.ca.der)
    sign_issued_pdf(
        database, ME, protocol_id, "en", Pkcs12Signer(pki.chair.p12(PASSWORD), PASSWORD)
    )
    signed = protocol_pdf(database, protocol_id, "en")
    writer: Any = IncrementalPdfFileWriter(io.BytesIO(signed))
    generic: Any = pdf_generic

    page = generic.DictionaryObject(
        {
            generic.NameObject("/Type"): generic.NameObject("/Page"),
            generic.NameObject("/MediaBox"): generic.ArrayObject(
                [generic.NumberObject(n) for n in (0, 0, 595, 842)]
            ),
        }
    )
    writer.insert_page(page)
    out = io.BytesIO()
    writer.write(out)
    report = verify_signed_pdf(database, out.getvalue())
    assert not report.ok
    assert report.signatures[0].intact and not report.signatures[0].unchanged_after


def test_revoked_and_untrusted(database: Database, pki: Pki) -> None:
    protocol_id = issued_electronically(database)
    signed = sign_both(database, protocol_id, pki)
    untrusted = verify_signed_pdf(database, signed)  # no root imported yet
    assert not untrusted.ok and not any(s.trusted for s in untrusted.signatures)
    add_trust_root(database, ME, pki.ca.der)
    add_revocation_list(database, ME, make_crl(pki.ca, (pki.chair,)))
    report = verify_signed_pdf(database, signed)
    first, second = report.signatures
    assert first.ok and first.revocation_checked and not first.revoked
    assert second.revoked and not second.ok
    assert not report.ok


def test_an_expired_certificate_is_not_trusted(database: Database) -> None:
    from datetime import timedelta

    from tests.services.esign.pki import NOW

    ca = make_ca()
    protocol_id = issued_electronically(database, two_signers=False)
    add_trust_root(database, ME, ca.der)
    brief = make_signer(ca, "ҚЫСҚА", valid_to=NOW + timedelta(days=1))
    sign_issued_pdf(database, ME, protocol_id, "kk", Pkcs12Signer(brief.p12(PASSWORD), PASSWORD))
    signed = protocol_pdf(database, protocol_id, "kk")
    assert verify_signed_pdf(database, signed).ok
    (later,) = verify_signed_pdf(database, signed, NOW + timedelta(days=2)).signatures
    assert later.intact and later.expired and not later.trusted and not later.ok
    expired = make_signer(
        ca, "ЕСКІ", valid_from=NOW - timedelta(days=400), valid_to=NOW - timedelta(days=1)
    )
    with pytest.raises(DomainError, match="not valid now"):
        sign_issued_pdf(
            database, ME, protocol_id, "ru", Pkcs12Signer(expired.p12(PASSWORD), PASSWORD)
        )


def test_refusals_leave_the_database_unchanged(database: Database, db_path: Path, pki: Pki) -> None:
    protocol_id = issued_electronically(database)
    before = file_bytes(db_path)
    with pytest.raises(DomainError):
        Pkcs12Signer(pki.chair.p12(PASSWORD), "wrong")
    with pytest.raises(DomainError, match="order"):
        sign_issued_pdf(
            database,
            ME,
            protocol_id,
            "kk",
            Pkcs12Signer(pki.chair.p12(PASSWORD), PASSWORD),
            "presiding",
        )
    with pytest.raises(DomainError):
        add_trust_root(database, ME, pki.chair.der)  # not a CA
    assert file_bytes(db_path) == before


def test_a_protocol_signed_on_paper_is_not_signed_electronically(
    database: Database, pki: Pki
) -> None:
    protocol_id = issued_electronically(database, method="paper")
    with pytest.raises(DomainError, match="paper"):
        sign_issued_pdf(
            database, ME, protocol_id, "kk", Pkcs12Signer(pki.secretary.p12(PASSWORD), PASSWORD)
        )


def test_the_seal_of_the_record_still_holds_after_signing(database: Database, pki: Pki) -> None:
    from app.services.integrity.verify import verify_record

    protocol_id = issued_electronically(database)
    sign_both(database, protocol_id, pki)
    found = verify_record(database)
    assert found.ok, [f.message() for f in found.findings]
    assert "protocol.esign" in audit_actions(database)
