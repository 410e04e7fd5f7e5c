"""The administrator trusts a root certificate; Kenes ships none and fetches none."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.hazmat.primitives.serialization import Encoding
from sqlalchemy import select

from app.domain.errors import DomainError
from app.domain.permissions import PermissionRefused
from app.models.database import Database
from app.models.esign import TrustRoot
from app.services.accounts.add_account import add_account
from app.services.base import Actor
from app.services.esign.add_trust_root import add_trust_root, read_certificate
from tests.services.accounts.account_helpers import ADMIN, PASSWORD, refused_unchanged, with_admin
from tests.services.esign.pki import Issued, make_ca, make_signer
from tests.services.helpers import audit_actions


@pytest.fixture(scope="module")
def ca() -> Issued:
    return make_ca()


def test_a_root_in_der_or_pem_is_trusted_once(
    database: Database, db_path: Path, ca: Issued
) -> None:
    imported = add_trust_root(database, ADMIN, ca.der)
    assert imported.name == ca.cert.subject.rfc4514_string()
    assert imported.valid_until == ca.cert.not_valid_after_utc
    with database.reading() as session:
        row = session.scalars(select(TrustRoot)).one()
        assert (bytes(row.certificate), row.sha256, row.added_by) == (
            ca.der,
            imported.sha256,
            "admin",
        )
    assert audit_actions(database) == ["trust.add_root"]
    pem = b"\n" + ca.cert.public_bytes(Encoding.PEM)
    assert read_certificate(pem).subject == ca.cert.subject
    refused_unchanged(
        db_path, lambda: add_trust_root(database, ADMIN, pem), DomainError, "trusted already"
    )


def test_a_signer_s_certificate_or_a_file_that_is_none_is_refused(
    database: Database, db_path: Path, ca: Issued
) -> None:
    signer = make_signer(ca, "СЕЙІТОВ МАРАТ")
    for data, message in (
        (signer.der, "not a certification authority"),
        (
            b"-----BEGIN CERTIFICATE-----\nnonsense\n-----END CERTIFICATE-----\n",
            "not a certificate",
        ),
        (b"\x30\x82\x00", "not a certificate"),
        ("text", "not valid"),
    ):
        refused_unchanged(
            db_path,
            lambda d=data: add_trust_root(database, ADMIN, d),  # type: ignore[misc]
            DomainError,
            message,
        )


def test_only_the_administrator_adds_trust(database: Database, db_path: Path, ca: Issued) -> None:
    with_admin(database)
    add_account(database, ADMIN, "seitov", PASSWORD, role="secretary")
    refused_unchanged(
        db_path,
        lambda: add_trust_root(database, Actor("seitov"), ca.der),
        PermissionRefused,
        "only the administrator may",
    )
