"""PDF pages rasterized by PDFium (pypdfium2), for the on-screen preview and for printing.

Both :mod:`app.views.pdf_preview` and :mod:`app.views.printing` draw pages from
here, so the one process-wide lock around PDFium (which is not thread-safe) is
shared by the preview's background renders and a print job on the GUI thread.

pypdfium2 (about 3 MB resident) is imported by the first document opened, not with
the pages that offer a preview.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from PySide6.QtGui import QImage

if TYPE_CHECKING:
    import pypdfium2 as pdfium

PDFIUM_LOCK = threading.Lock()
"""Held around every call into PDFium, from any thread."""


@cache
def _formats() -> dict[tuple[int, bool], QImage.Format]:
    """(PDFium bitmap format, reversed byte order) -> QImage format."""
    import pypdfium2.raw as pdfium_raw

    return {
        (pdfium_raw.FPDFBitmap_BGRx, True): QImage.Format.Format_RGBX8888,
        (pdfium_raw.FPDFBitmap_BGRA, True): QImage.Format.Format_RGBA8888,
        (pdfium_raw.FPDFBitmap_BGR, True): QImage.Format.Format_RGB888,
        (pdfium_raw.FPDFBitmap_BGR, False): QImage.Format.Format_BGR888,
        (pdfium_raw.FPDFBitmap_Gray, True): QImage.Format.Format_Grayscale8,
        (pdfium_raw.FPDFBitmap_Gray, False): QImage.Format.Format_Grayscale8,
    }


@dataclass(frozen=True)
class OpenedPdf:
    """A document opened off the GUI thread, with its page sizes in points and its bytes."""

    document: pdfium.PdfDocument
    sizes: tuple[tuple[float, float], ...]
    data: bytes = b""


def open_pdf(data: bytes) -> OpenedPdf:
    import pypdfium2 as pdfium

    with PDFIUM_LOCK:
        document = pdfium.PdfDocument(data)
        sizes = tuple(document.get_page_size(i) for i in range(len(document)))
    return OpenedPdf(document, sizes, data)


def render_page(
    document: pdfium.PdfDocument,
    index: int,
    scale: float,
    crop: tuple[float, float, float, float] = (0, 0, 0, 0),
) -> QImage:
    """One page (less ``crop`` points left, bottom, right, top) as a QImage (a deep copy).

    PDFium's buffer is freed here, so the image outlives the lock.
    """
    with PDFIUM_LOCK:
        page = document[index]
        try:
            bitmap = page.render(scale=scale, crop=crop, rev_byteorder=True, prefer_bgrx=True)
            try:
                fmt = _formats()[(bitmap.format, bool(bitmap.rev_byteorder))]
                image = QImage(
                    bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride, fmt
                )
                return image.copy()
            finally:
                bitmap.close()
        finally:
            page.close()


def close_pdf(document: pdfium.PdfDocument) -> None:
    with PDFIUM_LOCK:
        document.close()
