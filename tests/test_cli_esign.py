"""``kenes trust``, ``kenes protocol sign`` and ``kenes protocol verify`` on signed files."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.hazmat.primitives.serialization import Encoding

from app.cli import main
from app.models.database import open_database
from app.models.protocol import Protocol
from app.services.protocols.documents import protocol_pdf
from tests.services.esign.esign_helpers import PASSWORD, issued_electronically, make_pki
from tests.services.esign.pki import make_crl


def kenes(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["--lang", "en", *args])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_sign_and_verify_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "kenes.sqlite3"
    db = open_database(path)
    try:
        protocol_id = issued_electronically(db)
        with db.reading() as session:
            row = session.get(Protocol, protocol_id)
            assert row is not None
            meeting = row.meeting_id
        unsigned = protocol_pdf(db, protocol_id, "ru")
    finally:
        db.close()
    pki = make_pki()
    (tmp_path / "ca.pem").write_bytes(pki.ca.cert.public_bytes(Encoding.PEM))
    (tmp_path / "secretary.p12").write_bytes(pki.secretary.p12(PASSWORD))
    (tmp_path / "chair.p12").write_bytes(pki.chair.p12(PASSWORD))
    (tmp_path / "issued.pdf").write_bytes(unsigned)
    monkeypatch.setenv("KENES_KEY_PASSWORD", PASSWORD)
    db_args = ("--db", str(path))

    code, out = kenes(capsys, *db_args, "trust", "add-root", str(tmp_path / "ca.pem"))
    assert code == 0 and "Trusted root added" in out
    # The unsigned issued PDF is verified as before: by its hash.
    code, out = kenes(capsys, *db_args, "protocol", "verify", str(tmp_path / "issued.pdf"))
    assert code == 0 and "is the issued protocol No." in out

    first, second = tmp_path / "first.pdf", tmp_path / "second.pdf"
    sign = ("protocol", "sign", "--meeting", str(meeting), "--lang", "ru")
    code, out = kenes(
        capsys,
        *db_args,
        *sign,
        "--key",
        str(tmp_path / "chair.p12"),
        "--as",
        "presiding",
        "--output",
        str(first),
    )
    assert code == 2 and "order" in out and not first.exists()
    code, out = kenes(
        capsys, *db_args, *sign, "--key", str(tmp_path / "secretary.p12"), "--output", str(first)
    )
    assert code == 0 and "Still to sign" in out
    code, out = kenes(
        capsys,
        *db_args,
        *sign,
        "--key",
        str(tmp_path / "chair.p12"),
        "--as",
        "presiding",
        "--output",
        str(second),
    )
    assert code == 0 and "Still to sign" not in out

    code, out = kenes(capsys, *db_args, "protocol", "verify", str(second))
    assert code == 0, out
    assert out.count("The signed content is intact.") == 2
    assert "ӘБЕНОВ НҰРЛАН" in out and "is the issued record of protocol No." in out
    assert "Every signature is valid." in out
    code, out = kenes(capsys, *db_args, "protocol", "verify", str(first))
    assert code == 0 and "an earlier stage" in out and "signature 1 of 2" in out

    altered = bytearray(second.read_bytes())
    at = altered.index(b"/Contents", 2000) - 40
    altered[at] ^= 0x01
    (tmp_path / "altered.pdf").write_bytes(bytes(altered))
    code, out = kenes(capsys, *db_args, "protocol", "verify", str(tmp_path / "altered.pdf"))
    assert code == 1 and "At least one signature is not valid." in out

    (tmp_path / "list.crl").write_bytes(make_crl(pki.ca, (pki.chair,)))
    code, out = kenes(capsys, *db_args, "trust", "add-crl", str(tmp_path / "list.crl"))
    assert code == 0 and "Revocation list imported" in out
    code, out = kenes(capsys, *db_args, "protocol", "verify", str(second))
    assert code == 1 and "was revoked per the imported revocation list" in out


def test_verify_the_qr_code_of_a_paper_copy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.services.esign.paper_copy import paper_copy
    from app.services.esign.qr_payload import QrIdentity, parse_payload
    from app.services.esign.sign_issued import sign_issued_pdf
    from app.services.esign.signers import Pkcs12Signer
    from tests.services.conduct_helpers import ME

    path = tmp_path / "kenes.sqlite3"
    db = open_database(path)
    try:
        protocol_id = issued_electronically(db, two_signers=False)
        pki = make_pki()
        sign_issued_pdf(db, ME, protocol_id, "en", Pkcs12Signer(pki.chair.p12(PASSWORD), PASSWORD))
        payload = paper_copy(db, protocol_id, "en").qr_payload
    finally:
        db.close()
    db_args = ("--db", str(path))
    code, out = kenes(capsys, *db_args, "protocol", "verify", "--qr", payload)
    assert code == 0
    assert out.startswith("The QR code matches the signed record of protocol No. 1 (revision 1;")
    assert "\nMeeting No. 1 of " in out
    identity = parse_payload(payload)
    forged = QrIdentity(identity.meeting_uid, "en", 1, "ab" * 32).text()
    code, out = kenes(capsys, *db_args, "protocol", "verify", "--qr", forged)
    assert code == 1
    assert "does not match the signed record of protocol No. 1" in out and "ab" * 32 in out
    elsewhere = QrIdentity("0" * 32, "en", 1, identity.sha256).text()
    code, out = kenes(capsys, *db_args, "protocol", "verify", "--qr", elsewhere)
    assert code == 1 and "No protocol of this database matches the QR code" in out
    code, out = kenes(capsys, *db_args, "protocol", "verify", "--qr", "https://example.org")
    assert code == 2 and "not the QR code of a Kenes paper copy" in out
    code, out = kenes(capsys, *db_args, "protocol", "verify")
    assert code == 2 and "--qr" in out
