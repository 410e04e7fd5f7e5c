"""The paper copy of an electronically signed protocol: its pages and a verification stamp.

A printed page cannot carry an electronic signature, so a paper copy says what the
check of the signed file found: who signed and when, the result, and a QR code with
the protocol's identity and the SHA-256 of the signed file, which
``kenes protocol verify --qr`` compares with the record.  :func:`stamp_pdf` lays out
that page (texts given, already translated); :func:`paper_copy_pdf` appends it to the
signed file's pages, with the visible signature blocks printed into the pages and the
signature fields removed (a copy is not the signed original, and must not look like
a signature that fails).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from xml.sax.saxutils import escape

import pikepdf
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from app.reports.fonts import register_fonts
from app.reports.official_page import (
    BOTTOM_MARGIN,
    LEFT_MARGIN,
    PRODUCER,
    RIGHT_MARGIN,
    TOP_MARGIN,
)

QR_SIZE = 45 * mm
BODY = 11


@dataclass(frozen=True)
class StampText:
    """What the stamp page says, in the protocol's language."""

    title: str
    lines: tuple[str, ...]  # a line starting with two spaces is a finding under a signature
    verdict: str
    qr_payload: str
    qr_caption: str


def qr_drawing(payload: str, size: float = QR_SIZE) -> Drawing:
    """A QR code of ``payload`` (error correction M), ``size`` points square."""
    widget = QrCodeWidget(payload, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    return drawing


def stamp_pdf(text: StampText) -> bytes:
    """The one-page verification stamp as a PDF."""
    fonts = register_fonts()
    body = ParagraphStyle("stamp", fontName=fonts.regular, fontSize=BODY, leading=BODY * 1.25)
    finding = ParagraphStyle("finding", parent=body, leftIndent=6 * mm)
    head = ParagraphStyle("head", parent=body, spaceBefore=4)
    title = ParagraphStyle(
        "title", parent=body, fontName=fonts.bold, fontSize=14, leading=17, alignment=TA_CENTER
    )
    verdict = ParagraphStyle("verdict", parent=body, fontName=fonts.bold, spaceBefore=6)
    small = ParagraphStyle("small", parent=body, fontSize=8, leading=10)
    story: list[object] = [Paragraph(escape(text.title), title), Spacer(1, 6 * mm)]
    for n, line in enumerate(text.lines):
        style = finding if line.startswith("  ") else head if n else body
        story.append(Paragraph(escape(line.strip()), style))
    story.append(Paragraph(escape(text.verdict), verdict))
    story.append(Spacer(1, 8 * mm))
    caption = [Paragraph(escape(text.qr_caption), body), Spacer(1, 2 * mm)]
    caption.append(Paragraph(escape(text.qr_payload), small))
    box = Table(
        [[qr_drawing(text.qr_payload), caption]],
        colWidths=[QR_SIZE + 6 * mm, A4[0] - LEFT_MARGIN - RIGHT_MARGIN - QR_SIZE - 6 * mm],
    )
    box.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BOX", (0, 0), (-1, -1), 0.75, "black"),
                ("TOPPADDING", (0, 0), (-1, -1), 3 * mm),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * mm),
            ]
        )
    )
    story.append(box)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=LEFT_MARGIN,
        rightMargin=RIGHT_MARGIN,
        topMargin=TOP_MARGIN,
        bottomMargin=BOTTOM_MARGIN,
        title=text.title,
        creator=PRODUCER,
        producer=PRODUCER,
        invariant=1,
        initialFontName=fonts.regular,
    )
    doc.build(story)
    return buffer.getvalue()


def paper_copy_pdf(signed: bytes, stamp: bytes) -> bytes:
    """The signed file's pages, signature blocks printed into them, then the stamp page."""
    with pikepdf.open(io.BytesIO(signed)) as pdf, pikepdf.open(io.BytesIO(stamp)) as page:
        pdf.flatten_annotations(mode="all")
        for key in ("/AcroForm", "/Perms", "/DSS"):
            if key in pdf.Root:
                del pdf.Root[key]
        pdf.pages.extend(page.pages)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, fix_metadata_version=False)
    return out.getvalue()
