"""Verifying a signed PDF offline: integrity, trust, revocation, expiry, and whose file it is."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.domain.errors import DomainError, EnvironmentProblem
from app.models.database import Database
from app.services.esign.add_revocation_list import add_revocation_list
from app.services.esign.add_trust_root import add_trust_root
from app.services.esign.verify_signatures import looks_signed, read_file, verify_signed_pdf
from app.services.protocols.documents import MAX_VERIFY_BYTES
from tests.services.accounts.account_helpers import ADMIN
from tests.services.esign.pdf_helpers import blank_pdf, sign
from tests.services.esign.pki import NOW, make_ca, make_crl, make_signer


class Pki:
    def __init__(self) -> None:
        self.ca = make_ca()
        self.secretary = make_signer(self.ca, "СЕЙІТОВ МАРАТ")
        self.chair = make_signer(self.ca, "ӘБЕНОВ НҰРЛАН")


@pytest.fixture(scope="module")
def pki() -> Pki:
    return Pki()


@pytest.fixture(scope="module")
def signed(pki: Pki) -> bytes:
    return sign(sign(blank_pdf(), pki.secretary, 0, 2), pki.chair, 1, 2)


def test_untrusted_until_the_root_is_imported(database: Database, pki: Pki, signed: bytes) -> None:
    before = verify_signed_pdf(database, signed)
    assert [s.signer for s in before.signatures] == ["СЕЙІТОВ МАРАТ", "ӘБЕНОВ НҰРЛАН"]
    assert all(s.intact and s.unchanged_after and not s.trusted for s in before.signatures)
    assert not before.ok
    add_trust_root(database, ADMIN, pki.ca.der)
    after = verify_signed_pdf(database, signed)
    assert after.ok and all(s.trusted for s in after.signatures)
    first = after.signatures[0]
    assert first.serial == f"{pki.secretary.cert.serial_number:X}"
    assert first.issuer == "Сынақ куәландыру орталығы"
    assert (first.revocation_checked, first.revoked, first.expired) == (False, False, False)
    # Not an issued record of this database.
    assert (after.protocol_id, after.issued_record, after.number) == (None, False, "")


def test_a_revoked_certificate_is_found_in_the_imported_list(
    database: Database, pki: Pki, signed: bytes
) -> None:
    add_trust_root(database, ADMIN, pki.ca.der)
    add_revocation_list(database, ADMIN, make_crl(pki.ca, (pki.chair,)))
    report = verify_signed_pdf(database, signed)
    secretary, chair = report.signatures
    assert secretary.revocation_checked and not secretary.revoked and secretary.ok
    assert chair.revoked and not chair.ok
    assert not report.ok


def test_a_changed_byte_or_a_later_date_is_reported(
    database: Database, pki: Pki, signed: bytes
) -> None:
    add_trust_root(database, ADMIN, pki.ca.der)
    later = verify_signed_pdf(database, signed, at=NOW + timedelta(days=400))
    assert all(s.expired for s in later.signatures)
    where = signed.index(b"/MediaBox")
    altered = signed[:where] + b"/MediaBoy" + signed[where + 9 :]
    report = verify_signed_pdf(database, altered)
    assert report.signatures and not report.ok
    assert not any(s.intact for s in report.signatures if s.readable)


def test_a_file_that_is_not_a_pdf_reads_as_one_damaged_signature(database: Database) -> None:
    report = verify_signed_pdf(database, b"%PDF-1.7 /ByteRange [0 1 2 3] broken")
    assert [s.readable for s in report.signatures] == [False]
    assert not report.ok
    unsigned = verify_signed_pdf(database, blank_pdf())
    assert unsigned.signatures == () and not unsigned.ok


def test_what_looks_signed_and_what_can_be_read(tmp_path: Path, signed: bytes) -> None:
    assert looks_signed(signed)
    assert not looks_signed(blank_pdf())
    assert not looks_signed(b"/ByteRange without a PDF header")
    path = tmp_path / "хаттама.pdf"
    path.write_bytes(signed)
    assert read_file(path) == signed
    with pytest.raises(EnvironmentProblem, match="cannot be read"):
        read_file(tmp_path / "missing.pdf")
    big = tmp_path / "big.pdf"
    with big.open("wb") as out:
        out.truncate(MAX_VERIFY_BYTES + 1)
    with pytest.raises(DomainError, match="too large to be a protocol"):
        read_file(big)


def test_the_time_the_signer_states_is_read_back(database: Database, signed: bytes) -> None:
    report = verify_signed_pdf(database, signed)
    stated = report.signatures[0].signed_at
    assert stated is not None
    assert abs(datetime.now(UTC) - stated) < timedelta(minutes=10)
