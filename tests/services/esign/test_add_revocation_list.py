"""The administrator imports a revocation list (CRL) by hand; Kenes fetches none."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from sqlalchemy import select

from app.domain.errors import DomainError
from app.domain.permissions import PermissionRefused
from app.models.database import Database
from app.models.esign import RevocationList
from app.services.accounts.add_account import add_account
from app.services.base import Actor
from app.services.esign.add_revocation_list import add_revocation_list, read_crl
from tests.services.accounts.account_helpers import ADMIN, PASSWORD, refused_unchanged, with_admin
from tests.services.esign.pki import Issued, make_ca, make_crl, make_signer


@pytest.fixture(scope="module")
def ca() -> Issued:
    return make_ca()


def test_a_crl_is_stored_with_its_issuer_and_dates(database: Database, ca: Issued) -> None:
    revoked = make_signer(ca, "ӘБЕНОВ НҰРЛАН")
    der = make_crl(ca, (revoked,))
    imported = add_revocation_list(database, ADMIN, der)
    crl = x509.load_der_x509_crl(der)
    assert imported.name == ca.cert.subject.rfc4514_string()
    assert imported.valid_until == crl.next_update_utc
    with database.reading() as session:
        row = session.scalars(select(RevocationList)).one()
        assert bytes(row.crl) == der
        assert (row.issuer, row.sha256, row.added_by) == (imported.name, imported.sha256, "admin")
        assert row.this_update.replace(tzinfo=UTC) == crl.last_update_utc


def test_the_same_list_in_pem_is_imported_already(
    database: Database, db_path: Path, ca: Issued
) -> None:
    der = make_crl(ca)
    add_revocation_list(database, ADMIN, der)
    pem = x509.load_der_x509_crl(der).public_bytes(Encoding.PEM)
    assert read_crl(pem).public_bytes(Encoding.DER) == der
    refused_unchanged(
        db_path, lambda: add_revocation_list(database, ADMIN, pem), DomainError, "imported already"
    )


def test_a_file_that_is_no_crl_is_refused(database: Database, db_path: Path, ca: Issued) -> None:
    for data, message in (
        (ca.der, "not a certificate revocation list"),
        (b"", "not a certificate revocation list"),
        (None, "not valid"),
    ):
        refused_unchanged(
            db_path,
            lambda d=data: add_revocation_list(database, ADMIN, d),  # type: ignore[misc]
            DomainError,
            message,
        )


def test_only_the_administrator_imports_a_crl(
    database: Database, db_path: Path, ca: Issued
) -> None:
    with_admin(database)
    add_account(database, ADMIN, "seitov", PASSWORD, role="secretary")
    refused_unchanged(
        db_path,
        lambda: add_revocation_list(database, Actor("seitov"), make_crl(ca)),
        PermissionRefused,
        "only the administrator may",
    )
