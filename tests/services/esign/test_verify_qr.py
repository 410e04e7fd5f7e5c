"""The QR code of a paper copy checked against the record: the record, an earlier stage, or not."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.domain.errors import DomainError
from app.models.database import Database
from app.models.meeting import Meeting
from app.models.protocol import IssuedDocument, Protocol
from app.services.esign.qr_payload import QrIdentity
from app.services.esign.sign_issued import sign_issued_pdf
from app.services.esign.signers import Pkcs12Signer
from app.services.esign.verify_qr import EARLIER, MISMATCH, RECORD, UNKNOWN, verify_qr
from tests.services.conduct_helpers import ME
from tests.services.esign.esign_helpers import PASSWORD, Pki, issued_electronically, make_pki


@pytest.fixture(scope="module")
def pki() -> Pki:
    return make_pki()


def identity(database: Database, protocol_id: int, sha256: str, lang: str = "ru") -> QrIdentity:
    with database.reading() as session:
        protocol = session.get(Protocol, protocol_id)
        assert protocol is not None
        uid = session.scalar(select(Meeting.uid).where(Meeting.id == protocol.meeting_id))
        assert uid is not None
        return QrIdentity(uid, lang, protocol.revision, sha256)


def issued_sha(database: Database, protocol_id: int, lang: str = "ru") -> str:
    with database.reading() as session:
        return session.scalars(
            select(IssuedDocument.pdf_sha256).where(
                IssuedDocument.protocol_id == protocol_id, IssuedDocument.lang == lang
            )
        ).one()


def test_the_record_an_earlier_stage_and_another_file(database: Database, pki: Pki) -> None:
    protocol_id = issued_electronically(database)
    unsigned = identity(database, protocol_id, issued_sha(database, protocol_id))
    check = verify_qr(database, unsigned.text())
    assert (check.status, check.ok, check.record_count) == (RECORD, True, 0)
    assert check.number and check.meeting_number and check.meeting_day is not None
    assert set(check.council_names) >= {"kk", "ru", "en"} and not check.superseded

    key = Pkcs12Signer(pki.secretary.p12(PASSWORD), PASSWORD)
    first = sign_issued_pdf(database, ME, protocol_id, "ru", key)
    key = Pkcs12Signer(pki.chair.p12(PASSWORD), PASSWORD)
    second = sign_issued_pdf(database, ME, protocol_id, "ru", key)

    latest = verify_qr(database, identity(database, protocol_id, second.pdf_sha256).text())
    assert (latest.status, latest.record_sha256, latest.record_count) == (
        RECORD,
        second.pdf_sha256,
        2,
    )
    earlier = verify_qr(database, identity(database, protocol_id, first.pdf_sha256).text())
    assert (earlier.status, earlier.ok, earlier.signed_count) == (EARLIER, False, 1)
    # The issued PDF before any signature is no stage of the signed record.
    assert verify_qr(database, unsigned.text()).status == MISMATCH


def test_a_protocol_this_database_does_not_hold_is_unknown(database: Database) -> None:
    protocol_id = issued_electronically(database)
    sha = issued_sha(database, protocol_id)
    known = identity(database, protocol_id, sha)
    for other in (
        QrIdentity("0" * 32, "ru", known.revision, sha),  # another meeting
        QrIdentity(known.meeting_uid, "ru", known.revision + 1, sha),  # a later revision
    ):
        check = verify_qr(database, other.text())
        assert (check.status, check.number, check.ok) == (UNKNOWN, "", False)


def test_a_text_that_is_not_a_kenes_code_is_refused(database: Database) -> None:
    with pytest.raises(DomainError, match="not the QR code of a Kenes paper copy"):
        verify_qr(database, "https://example.kz")
