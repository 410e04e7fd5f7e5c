"""The QR code of a paper copy: a short ASCII text naming the protocol and its signed file."""

from __future__ import annotations

import pytest

from app.domain.errors import DomainError
from app.services.esign.qr_payload import PREFIX, QrIdentity, parse_payload

UID = "4f0c" + "0" * 28
SHA = "9a3e" + "f" * 60


def test_the_text_reads_back_as_the_same_identity() -> None:
    identity = QrIdentity(UID, "kk", 2, SHA)
    text = identity.text()
    assert text == f"{PREFIX}meeting={UID}&lang=kk&revision=2&sha256={SHA}"
    assert text.isascii()
    assert parse_payload(text) == identity


def test_surrounding_blanks_upper_case_hex_and_field_order_are_tolerated() -> None:
    text = f"  {PREFIX}sha256={SHA.upper()}&revision=1&lang=ru&meeting={UID.upper()}\n"
    assert parse_payload(text) == QrIdentity(UID, "ru", 1, SHA)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "https://example.kz/?meeting=x",
        f"{PREFIX}meeting={UID}&lang=de&revision=1&sha256={SHA}",  # no such language
        f"{PREFIX}meeting={UID}&lang=kk&revision=one&sha256={SHA}",
        f"{PREFIX}meeting={UID}&lang=kk&revision=-1&sha256={SHA}",
        f"{PREFIX}meeting={UID[:-1]}&lang=kk&revision=1&sha256={SHA}",  # uid too short
        f"{PREFIX}meeting={UID}&lang=kk&revision=1&sha256={SHA[:-1]}",  # hash too short
        f"{PREFIX}meeting={UID}&lang=kk&revision=1",  # no hash
        f"{PREFIX}meeting={UID}&meeting={UID}&lang=kk&revision=1&sha256={SHA}",  # twice
        f"{PREFIX}meeting={UID}&lang=kk&revision=1&sha256={SHA}" + "&x=1" * 300,  # too long
        None,
        42,
    ],
)
def test_a_text_kenes_did_not_print_is_refused(text: object) -> None:
    with pytest.raises(DomainError, match="not the QR code of a Kenes paper copy"):
        parse_payload(text)
