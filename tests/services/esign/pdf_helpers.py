"""A one-page PDF signed outside any protocol, for the PAdES and verification tests."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pypdf import PdfWriter

from app.services.esign import pades
from app.services.esign.signers import Pkcs12Signer, load_certificate
from tests.services.esign.pki import Issued

PASSWORD = "сынақ-құпия"


def blank_pdf(metadata: dict[str, str] | None = None) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    if metadata:
        writer.add_metadata(metadata)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def sign(pdf: bytes, who: Issued, position: int = 0, count: int = 1, text: str = "Signed") -> bytes:
    """``pdf`` with ``who``'s signature in the ``position``-th of ``count`` blocks."""
    key = Pkcs12Signer(who.p12(PASSWORD), PASSWORD)
    cert = load_certificate(key.certificate())
    prepared = pades.prepare(
        pdf, f"KenesSignature{position + 1}", pades.block_box(position, count), text, cert
    )
    cms = key.sign_digest(prepared.digest, pades.DIGEST_ALGORITHM, datetime.now(UTC))
    return pades.embed(prepared, cms)


def visible_text(pdf: bytes) -> str:
    """The last page's text with its annotations printed into it (as a printout shows)."""
    document = pdfium.PdfDocument(pdf)
    try:
        page = document[len(document) - 1]
        pdfium_c.FPDFPage_Flatten(page.raw, pdfium_c.FLAT_PRINT)
        page.close()
        page = document[len(document) - 1]
        text = str(page.get_textpage().get_text_range())
        page.close()
        return " ".join(text.split())
    finally:
        document.close()
