"""The verification report in words: one head line a signature, its findings, the verdict."""

from __future__ import annotations

from datetime import UTC, datetime

from app.i18n import translations
from app.services.esign.report_text import report_lines, signature_lines
from app.services.esign.verify_signatures import SignatureCheck, SignedFileReport

AT = datetime(2026, 3, 20, 6, 30, tzinfo=UTC)
GOOD = SignatureCheck(
    "KenesSignature1",
    signer="СЕЙІТОВ МАРАТ",
    serial="1A2B",
    issuer="Сынақ КО",
    signed_at=AT,
    intact=True,
    unchanged_after=True,
    trusted=True,
    revocation_checked=True,
)
EN = translations("en")


def test_a_valid_signature_of_the_issued_record() -> None:
    report = SignedFileReport(
        "0" * 64,
        (GOOD,),
        protocol_id=3,
        number="7",
        lang="ru",
        issued_record=True,
        signed_count=1,
        record_count=1,
    )
    lines = report_lines(report, EN, "en")
    assert lines[0].startswith("Signature 1: СЕЙІТОВ МАРАТ, signed at ")
    assert "certificate No. 1A2B, issued by Сынақ КО." in lines[0]
    assert lines[1:5] == [
        "  The signed content is intact.",
        "  The certificate chains to a trusted root.",
        "  Not revoked per the imported revocation list.",
        "The file is the issued record of protocol No. 7 (Russian).",
    ]
    assert lines[-1] == "Every signature is valid."


def test_every_fault_of_a_signature_is_said() -> None:
    bad = SignatureCheck(
        "KenesSignature2",
        signer="ӘБЕНОВ",
        serial="FF",
        issuer="X",
        intact=True,
        unchanged_after=False,
        trusted=False,
        expired=True,
        revoked=True,
        revocation_checked=True,
    )
    lines = signature_lines(2, bad, EN, "en")
    assert "signed at ?" in lines[0]  # the signer stated no time
    assert lines[1:] == [
        "  The signed content is intact.",
        "  Something other than signatures was added to the file after this signature.",
        "  The certificate does not chain to a trusted root (the administrator imports roots "
        'with "kenes trust add-root").',
        "  The certificate has expired.",
        "  The certificate was revoked per the imported revocation list.",
    ]


def test_an_altered_damaged_or_unchecked_signature_of_an_unknown_file() -> None:
    altered = SignatureCheck("a", signer="S", serial="1", issuer="I", signed_at=AT)
    damaged = SignatureCheck("b", readable=False)
    lines = report_lines(SignedFileReport("0" * 64, (altered, damaged)), EN, "en")
    assert "  The signed content was altered after signing." in lines
    assert "  Revocation was not checked: no revocation list of its issuer was imported." in lines
    assert "Signature 2 cannot be read: the file is damaged." in lines
    assert lines[-2:] == [
        "The file is not an issued record of this database.",
        "At least one signature is not valid.",
    ]


def test_an_earlier_stage_in_kazakh() -> None:
    report = SignedFileReport(
        "0" * 64, (GOOD,), protocol_id=3, number="7", lang="kk", signed_count=1, record_count=2
    )
    english = report_lines(report, EN, "en")
    assert english[-2] == (
        "The file is an earlier stage of protocol No. 7 (Kazakh): it has signature 1 of 2; "
        "the issued record has more."
    )
    kazakh = report_lines(report, translations("kk"), "kk")
    assert len(kazakh) == len(english)
    assert kazakh[-2] != english[-2] and "7" in kazakh[-2]
    assert all(line.strip() and "Signature" not in line for line in kazakh)
