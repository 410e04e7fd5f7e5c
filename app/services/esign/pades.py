"""PAdES signatures with pyHanko, split where an external signer answers.

Every signature, from a PKCS#12 file or from an external signer, takes the same
path: :func:`prepare` appends (as an incremental update, so earlier signatures stay
valid) a signature field with its visible block and a placeholder, and returns the
SHA-256 of the bytes the signature covers; a :class:`~app.services.esign.signers.CmsSigner`
turns that digest into a CMS SignedData; :func:`embed` writes it into the placeholder.
One path means the external-signer interface is exercised by every signature made.
"""

from __future__ import annotations

import asyncio
import io
import logging
from dataclasses import dataclass
from typing import IO, Any

from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.font.opentype import GlyphAccumulator, GlyphAccumulatorFactory
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.metadata.model import VENDOR
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import fields, signers
from pyhanko.sign.signers.pdf_signer import PdfTBSDocument
from pyhanko.stamp import TextStampStyle
from pyhanko_certvalidator.registry import SimpleCertificateStore

from app.paths import RESOURCES_DIR

# The font's FFTM table cannot be subset: fontTools says so each time; nothing is lost.
logging.getLogger("fontTools.subset").setLevel(logging.ERROR)

FONT = RESOURCES_DIR / "fonts" / "LiberationSerif-Regular.ttf"
DIGEST_ALGORITHM = "sha256"
# Hex characters reserved for the CMS (half as many bytes): room for a signer's
# certificate and a chain of a few more, RSA-4096 or GOST alike.
RESERVED = 32_768

# The visible blocks sit side by side above the page number of the last page (A4,
# the protocol's margins: 30 mm left, 15 mm right).
_LEFT, _RIGHT, _BOTTOM, _HEIGHT, _GAP = 85, 552, 34, 58, 8


class _ThousandthsGlyphs(GlyphAccumulator):
    """pyHanko's glyph accumulator, measuring in thousandths of an em as PDF reads them.

    pyHanko writes the widths (``/W``) and the ``TJ`` adjustments in the font's own units,
    which PDF takes as thousandths of an em: Liberation Serif has 2048 units to the em, so
    the blocks printed each letter twice as far apart as it should be, and the widths
    contradicted the embedded font program (which PDF/A forbids).  Shaping at a scale of
    1000 and storing scaled widths puts both in the units PDF expects.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._em = self.units_per_em
        self.hb_font.scale = (1000, 1000)
        self.units_per_em = 1000

    def _get_cid_and_width(self, glyph_id: int) -> tuple[int, int]:
        found: tuple[int, int] | None = self._glyphs.get(glyph_id)
        if found is None:
            cid, width = super()._get_cid_and_width(glyph_id)
            found = self._glyphs[glyph_id] = (cid, round(width * 1000 / self._em))
        return found


class _FontFromMemory(GlyphAccumulatorFactory):
    """pyHanko's factory opens the font file and never closes it; this one reads it whole."""

    def create_font_engine(self, writer: Any, obj_stream: Any = None) -> GlyphAccumulator:
        if obj_stream is None and writer.stream_xrefs and self.create_objstream_if_needed:
            obj_stream = writer.prepare_object_stream()
        return _ThousandthsGlyphs(
            writer=writer,
            font_handle=io.BytesIO(FONT.read_bytes()),
            font_size=self.font_size,
            obj_stream=obj_stream,
        )


@dataclass(frozen=True)
class Prepared:
    """A document waiting for its CMS: what the signer signs, and what to fill."""

    digest: bytes
    _state: tuple[Any, Any, IO[bytes]]


def block_box(position: int, count: int) -> tuple[int, int, int, int]:
    """The rectangle (in points) of the ``position``-th (from 0) of ``count`` visible blocks."""
    width = (_RIGHT - _LEFT - _GAP * (count - 1)) / count
    x = _LEFT + position * (width + _GAP)
    return (round(x), _BOTTOM, round(x + width), _BOTTOM + _HEIGHT)


def field_names(pdf: bytes) -> list[str]:
    """The names of the signature fields already signed in the file, in order."""
    reader = PdfFileReader(io.BytesIO(pdf), strict=False)
    return [sig.field_name for sig in reader.embedded_signatures]


def _keep_metadata_consistent(writer: IncrementalPdfFileWriter) -> None:
    """Leave the Info dictionary agreeing with the XMP that pyHanko rewrites (PDF/A).

    pyHanko sets XMP's producer to its own name and its modification date to now, but
    appends its name to the Info dictionary's producer and dates it by another clock
    reading.  An Info entry that differs from its XMP twin breaks PDF/A, so the update
    names pyHanko alone as the producer (the creator tool stays Kenes) and leaves the
    modification date to XMP, where PDF/A allows it alone.
    """
    reference = writer.trailer.raw_get("/Info") if "/Info" in writer.trailer else None
    if not isinstance(reference, generic.IndirectObject):
        return
    info = reference.get_object()  # type: ignore[no-untyped-call]
    info["/Producer"] = generic.TextStringObject(VENDOR)
    if "/ModDate" in info:
        del info["/ModDate"]
    writer.mark_update(reference)


def prepare(
    pdf: bytes,
    field_name: str,
    box: tuple[int, int, int, int],
    text: str,
    certificate: asn1_x509.Certificate,
) -> Prepared:
    """Append the field, its visible block and a placeholder; the digest to sign."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    _keep_metadata_consistent(writer)
    meta = signers.PdfSignatureMetadata(
        field_name=field_name,
        md_algorithm=DIGEST_ALGORITHM,
        subfilter=fields.SigSeedSubFilter.PADES,
    )
    stand_in = signers.ExternalSigner(
        signing_cert=certificate,
        cert_registry=SimpleCertificateStore.from_certs([certificate]),  # type: ignore[no-untyped-call]
        signature_value=256,
    )
    style = TextStampStyle(
        stamp_text=text.replace("%", "%%"),
        text_box_style=TextBoxStyle(font=_FontFromMemory(str(FONT)), font_size=7),
        border_width=1,
    )
    pdf_signer = signers.PdfSigner(
        meta,
        stand_in,
        stamp_style=style,
        new_field_spec=fields.SigFieldSpec(field_name, on_page=-1, box=box),
    )
    digest, tbs, output = asyncio.run(
        pdf_signer.async_digest_doc_for_signing(writer, bytes_reserved=RESERVED)
    )
    return Prepared(digest.document_digest, (digest, tbs, output))


def embed(prepared: Prepared, cms: bytes) -> bytes:
    """The signed file: the prepared document with the CMS in its placeholder."""
    digest, tbs, output = prepared._state
    if len(cms) * 2 > RESERVED:
        raise ValueError("CMS too large")
    PdfTBSDocument.finish_signing(output, digest, cms, post_sign_instr=tbs.post_sign_instructions)
    output.seek(0)
    return bytes(output.read())
