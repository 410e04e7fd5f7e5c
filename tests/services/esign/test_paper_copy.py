"""The paper copy of a signed protocol: its stamp read back, its QR code decoded and checked."""

from __future__ import annotations

import hashlib
import io
from datetime import UTC, datetime
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest
import zxingcpp

from app.domain.errors import DomainError
from app.models.database import Database
from app.models.meeting import Meeting
from app.models.protocol import Protocol
from app.services.esign.add_trust_root import add_trust_root
from app.services.esign.paper_copy import has_signed_file, paper_copy, save_paper_copy
from app.services.esign.qr_payload import QrIdentity, parse_payload
from app.services.esign.sign_issued import sign_issued_pdf
from app.services.esign.signers import Pkcs12Signer
from app.services.esign.verify_qr import EARLIER, MISMATCH, RECORD, UNKNOWN, verify_qr
from app.services.protocols.documents import protocol_pdf
from tests.services.conduct_helpers import ME
from tests.services.esign.esign_helpers import PASSWORD, Pki, issued_electronically, make_pki

AT = datetime(2026, 12, 4, 9, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def pki() -> Pki:
    return make_pki()


def sign(db: Database, protocol_id: int, pki: Pki, who: str, lang: str = "en") -> None:
    key = pki.secretary if who == "secretary" else pki.chair
    sign_issued_pdf(db, ME, protocol_id, lang, Pkcs12Signer(key.p12(PASSWORD), PASSWORD), who)


def last_page(pdf: bytes) -> tuple[str, list[str]]:
    """The text of the last page, and the texts of the QR codes PDFium's rendering shows."""
    doc = pdfium.PdfDocument(pdf)
    page = doc[len(doc) - 1]
    text = page.get_textpage().get_text_range()
    image = page.render(scale=3).to_pil()
    codes = [found.text for found in zxingcpp.read_barcodes(image)]
    doc.close()
    return " ".join(text.split()), codes


def test_the_stamp_says_who_signed_and_its_qr_code_names_the_record(
    database: Database, pki: Pki
) -> None:
    protocol_id = issued_electronically(database)
    add_trust_root(database, ME, pki.ca.der)
    assert not has_signed_file(database, protocol_id, "en")
    sign(database, protocol_id, pki, "secretary")
    sign(database, protocol_id, pki, "presiding")
    assert has_signed_file(database, protocol_id, "en")
    signed = protocol_pdf(database, protocol_id, "en")
    made = paper_copy(database, protocol_id, "en", AT)
    assert made.valid

    text, codes = last_page(made.pdf)
    assert codes == [made.qr_payload]  # the code decodes to the payload, nothing else
    identity = parse_payload(codes[0])
    with database.reading() as session:
        row = session.get(Protocol, protocol_id)
        assert row is not None
        meeting = session.get(Meeting, row.meeting_id)
        assert meeting is not None
        assert identity == QrIdentity(meeting.uid, "en", row.revision, made_sha(signed))
        number, revision = row.number, row.revision
    assert "Paper copy of an electronic document" in text
    assert f"protocol No. {number} (revision {revision})" in text
    assert made_sha(signed) in text.replace(" ", "")
    assert "Checked offline by Kenes on 04/12/2026 14:30" in text  # Kazakhstan time
    assert text.count("The signed content is intact.") == 2
    assert text.count("The certificate chains to a trusted root.") == 2
    assert "ЖАҚСЫЛЫҚОВ АСХАТ" in text and "ӘБЕНОВ НҰРЛАН" in text
    assert "Every signature is valid." in text
    assert "kenes protocol verify --qr" in text

    # The copy: the signed pages, blocks printed in, no signature left to fail, one page more.
    with pikepdf.open(io.BytesIO(signed)) as original, pikepdf.open(io.BytesIO(made.pdf)) as copy:
        assert len(copy.pages) == len(original.pages) + 1
        assert "/AcroForm" not in copy.Root
        assert not any("/Annots" in page.obj for page in copy.pages)
    before, _codes = last_page(signed)
    assert "Signed with an electronic digital signature" not in before  # in a widget, not text
    pages = pdfium.PdfDocument(made.pdf)
    flattened = pages[len(pages) - 2].get_textpage().get_text_range()
    pages.close()
    assert "Signed with an electronic digital signature" in flattened.replace("\x02", "")

    check = verify_qr(database, made.qr_payload)
    assert (check.status, check.ok, check.number, check.record_count) == (RECORD, True, "1", 2)


def made_sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_the_qr_check_tells_an_earlier_stage_a_mismatch_and_an_unknown_protocol(
    database: Database, pki: Pki
) -> None:
    protocol_id = issued_electronically(database)
    sign(database, protocol_id, pki, "secretary", "ru")
    early = paper_copy(database, protocol_id, "ru", AT)
    assert not early.valid  # no root imported: not trusted, and the stamp says so
    text, codes = last_page(early.pdf)
    assert codes == [early.qr_payload]
    assert text.startswith("Копия электронного документа на бумажном носителе")  # in Russian
    assert "протокола № 1 (редакция 1)" in text
    assert "По меньшей мере одна подпись недействительна." in text  # the verdict, printed
    assert verify_qr(database, early.qr_payload).status == RECORD
    sign(database, protocol_id, pki, "presiding", "ru")
    found = verify_qr(database, early.qr_payload)
    assert (found.status, found.signed_count, found.record_count) == (EARLIER, 1, 2)

    identity = parse_payload(early.qr_payload)
    other = QrIdentity(identity.meeting_uid, "ru", identity.revision, "0" * 64)
    assert verify_qr(database, other.text()).status == MISMATCH
    nowhere = QrIdentity("f" * 32, "ru", identity.revision, identity.sha256)
    assert verify_qr(database, nowhere.text()).status == UNKNOWN
    later = QrIdentity(identity.meeting_uid, "ru", 7, identity.sha256)
    assert verify_qr(database, later.text()).status == UNKNOWN
    for text in ("", "hello", early.qr_payload.replace("sha256=", "sha="), 42):
        with pytest.raises(DomainError):
            verify_qr(database, text)  # type: ignore[arg-type]


def test_refusals_and_saving_leave_the_database_unchanged(
    database: Database, db_path: Path, tmp_path: Path, pki: Pki
) -> None:
    protocol_id = issued_electronically(database)
    before = db_path.read_bytes()
    with pytest.raises(DomainError, match="no electronic signature"):
        paper_copy(database, protocol_id, "kk")
    assert db_path.read_bytes() == before
    sign(database, protocol_id, pki, "secretary", "kk")
    before = db_path.read_bytes()
    target = tmp_path / "copy.pdf"
    made = save_paper_copy(database, protocol_id, "kk", target)
    assert target.read_bytes() == made.pdf
    assert db_path.read_bytes() == before
