"""PAdES in two steps: a field, its visible block and the digest; then the CMS embedded."""

from __future__ import annotations

import io

import pytest
from pyhanko.pdf_utils.metadata.model import VENDOR
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from pypdf import PdfReader

from app.services.esign import pades
from app.services.esign.signers import Pkcs12Signer, load_certificate
from tests.services.esign.pdf_helpers import PASSWORD, blank_pdf, sign
from tests.services.esign.pki import Issued, make_ca, make_signer


@pytest.fixture(scope="module")
def signers() -> tuple[Issued, Issued]:
    ca = make_ca()
    return make_signer(ca, "СЕЙІТОВ МАРАТ"), make_signer(ca, "ӘБЕНОВ НҰРЛАН")


def test_blocks_share_the_width_in_order_without_overlapping() -> None:
    one = pades.block_box(0, 1)
    first, second = pades.block_box(0, 2), pades.block_box(1, 2)
    assert first[0] == one[0] and second[2] == one[2]  # the same margins
    assert first[2] < second[0]  # a gap between them
    assert first[1] == second[1] and first[3] - first[1] == second[3] - second[1]
    assert (first[2] - first[0]) == pytest.approx(second[2] - second[0], abs=1)


def test_two_signatures_each_cover_the_file_as_it_was_and_are_intact(
    signers: tuple[Issued, Issued],
) -> None:
    original = blank_pdf()
    once = sign(original, signers[0], 0, 2, "Электрондық цифрлық қолтаңбамен қол қойылды\n100%")
    twice = sign(once, signers[1], 1, 2, "Подписано ЭЦП")
    assert once.startswith(original) and twice.startswith(once)  # incremental updates
    assert pades.field_names(original) == []
    assert pades.field_names(twice) == ["KenesSignature1", "KenesSignature2"]
    reader = PdfFileReader(io.BytesIO(twice), strict=False)
    context = ValidationContext(trust_roots=[], allow_fetching=False)
    for embedded in reader.embedded_signatures:
        status = validate_pdf_signature(embedded, context)
        assert status.intact and status.valid
    page = PdfReader(io.BytesIO(twice)).pages[0]
    assert len([a for a in page["/Annots"] if a.get_object()["/Subtype"] == "/Widget"]) == 2


def test_the_update_names_pyhanko_alone_as_the_producer(signers: tuple[Issued, Issued]) -> None:
    """As XMP does (PDF/A wants the Info dictionary and XMP to agree)."""
    signed = sign(blank_pdf({"/Producer": "Kenes", "/Title": "Хаттама"}), signers[0])
    info = PdfReader(io.BytesIO(signed)).metadata
    assert info is not None
    assert info["/Producer"] == VENDOR
    assert info["/Title"] == "Хаттама"


def test_a_cms_too_large_for_its_placeholder_is_refused(signers: tuple[Issued, Issued]) -> None:
    key = Pkcs12Signer(signers[0].p12(PASSWORD), PASSWORD)
    prepared = pades.prepare(
        blank_pdf(),
        "KenesSignature1",
        pades.block_box(0, 1),
        "x",
        load_certificate(key.certificate()),
    )
    with pytest.raises(ValueError, match="too large"):
        pades.embed(prepared, b"\x00" * (pades.RESERVED // 2 + 1))
