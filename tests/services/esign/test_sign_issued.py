"""Signing an issued protocol electronically: in the regulation's order, refusals write nothing."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from app.domain.errors import DomainError
from app.i18n import translations
from app.models.database import Database
from app.models.esign import ElectronicSignature, SignedDocument
from app.models.protocol import IssuedDocument
from app.services.esign.sign_issued import BLOCK_TITLE, due_signers, sign_issued_pdf
from app.services.esign.signers import Pkcs12Signer
from tests.services.accounts.account_helpers import refused_unchanged
from tests.services.conduct_helpers import ME
from tests.services.esign.esign_helpers import PASSWORD, Pki, issued_electronically, make_pki
from tests.services.esign.pdf_helpers import visible_text
from tests.services.esign.pki import make_signer


@pytest.fixture(scope="module")
def pki() -> Pki:
    return make_pki()


def key(who: object) -> Pkcs12Signer:
    return Pkcs12Signer(who.p12(PASSWORD), PASSWORD)  # type: ignore[attr-defined]


class WrongAnswer:
    """A signer whose CMS was made over other bytes than those it was given."""

    def __init__(self, real: Pkcs12Signer) -> None:
        self.real = real

    def certificate(self) -> bytes:
        return self.real.certificate()

    def sign_digest(self, digest: bytes, algorithm: str, signing_time: datetime) -> bytes:
        return self.real.sign_digest(hashlib.sha256(b"other").digest(), algorithm, signing_time)


def test_the_secretary_then_the_presiding_sign_each_over_the_last(
    database: Database, pki: Pki
) -> None:
    protocol_id = issued_electronically(database)
    assert due_signers(database, protocol_id, "kk") == ("secretary", "presiding")
    first = sign_issued_pdf(database, ME, protocol_id, "kk", key(pki.secretary))
    assert (first.role, first.position, first.still_due) == ("secretary", 1, ("presiding",))
    assert due_signers(database, protocol_id, "kk") == ("presiding",)
    assert due_signers(database, protocol_id, "ru") == ("secretary", "presiding")  # apart
    second = sign_issued_pdf(database, ME, protocol_id, "kk", key(pki.chair), "presiding")
    assert (second.position, second.still_due) == (2, ())
    assert due_signers(database, protocol_id, "kk") == ()
    with database.reading() as session:
        issued = session.scalars(
            select(IssuedDocument).where(
                IssuedDocument.protocol_id == protocol_id, IssuedDocument.lang == "kk"
            )
        ).one()
        signed = session.scalars(select(SignedDocument)).one()
        rows = session.scalars(select(ElectronicSignature).order_by(ElectronicSignature.position))
        assert [(r.role, r.pdf_sha256) for r in rows] == [
            ("secretary", first.pdf_sha256),
            ("presiding", second.pdf_sha256),
        ]
        assert bytes(signed.pdf).startswith(bytes(issued.pdf))  # the issued bytes stay first
        assert hashlib.sha256(bytes(signed.pdf)).hexdigest() == second.pdf_sha256


def test_the_visible_block_is_in_the_protocol_s_language(database: Database, pki: Pki) -> None:
    protocol_id = issued_electronically(database)
    sign_issued_pdf(database, ME, protocol_id, "kk", key(pki.secretary))
    with database.reading() as session:
        pdf = bytes(session.scalars(select(SignedDocument.pdf)).one())
        signer = session.scalars(select(ElectronicSignature.signer)).one()
    text = visible_text(pdf)
    kazakh = translations("kk")
    assert kazakh.gettext(BLOCK_TITLE) in text
    assert BLOCK_TITLE not in text
    assert " ".join(signer.split()) in text
    assert f"{pki.secretary.cert.serial_number:X}" in text.replace(" ", "")
    assert "Сынақ куәландыру орталығы" in text  # the issuer's common name


def test_refusals_write_nothing(database: Database, db_path: Path, pki: Pki) -> None:
    protocol_id = issued_electronically(database)
    cases = [
        (
            lambda: sign_issued_pdf(database, ME, protocol_id, "de", key(pki.secretary)),
            "Kazakh, Russian or English",
        ),
        (
            lambda: sign_issued_pdf(database, ME, protocol_id, "kk", key(pki.chair), "chair"),
            "presiding person or the secretary",
        ),
        (
            lambda: sign_issued_pdf(database, ME, protocol_id, "kk", key(pki.chair), "presiding"),
            "in the order of the regulation",
        ),
        (
            lambda: sign_issued_pdf(
                database, ME, protocol_id, "kk", WrongAnswer(key(pki.secretary))
            ),
            "does not fit the document",
        ),
        (lambda: sign_issued_pdf(database, ME, protocol_id + 1, "kk", key(pki.secretary)), ""),
    ]
    for action, message in cases:
        refused_unchanged(db_path, action, DomainError, message or None)


def test_an_expired_certificate_and_a_signer_who_signed_already(
    database: Database, db_path: Path, pki: Pki
) -> None:
    protocol_id = issued_electronically(database)
    old = make_signer(
        pki.ca,
        "ЕСКІ КІЛТ",
        valid_from=datetime(2020, 1, 1, tzinfo=UTC),
        valid_to=datetime(2021, 1, 1, tzinfo=UTC),
    )
    refused_unchanged(
        db_path,
        lambda: sign_issued_pdf(database, ME, protocol_id, "kk", key(old)),
        DomainError,
        "not valid now",
    )
    sign_issued_pdf(database, ME, protocol_id, "kk", key(pki.secretary))
    refused_unchanged(
        db_path,
        lambda: sign_issued_pdf(database, ME, protocol_id, "kk", key(pki.secretary), "secretary"),
        DomainError,
        "already signed",
    )


def test_a_protocol_signed_on_paper_has_no_signer_due(
    database: Database, db_path: Path, pki: Pki
) -> None:
    protocol_id = issued_electronically(database, method="paper")
    assert due_signers(database, protocol_id, "kk") == ()
    refused_unchanged(
        db_path,
        lambda: sign_issued_pdf(database, ME, protocol_id, "kk", key(pki.secretary)),
        DomainError,
        "signed on paper",
    )
