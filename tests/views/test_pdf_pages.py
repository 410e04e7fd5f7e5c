"""PDF pages rasterized by PDFium: page sizes in points, pixels where the PDF drew them, crops."""

from __future__ import annotations

from io import BytesIO

import pypdfium2 as pdfium
import pytest
from PySide6.QtGui import QColor, QImage
from reportlab.lib.pagesizes import A4, A5, landscape
from reportlab.pdfgen import canvas

from app.views.pdf_pages import PDFIUM_LOCK, close_pdf, open_pdf, render_page


def two_pages() -> bytes:
    """An A4 page with a black square in its lower left corner, then an A5 landscape page."""
    buffer = BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setFillColorRGB(0, 0, 0)
    pdf.rect(0, 0, 100, 100, stroke=0, fill=1)
    pdf.showPage()
    pdf.setPageSize(landscape(A5))
    pdf.setFillColorRGB(1, 0, 0)
    pdf.rect(0, 0, landscape(A5)[0], landscape(A5)[1], stroke=0, fill=1)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def test_a_document_opens_with_its_page_sizes_and_bytes() -> None:
    data = two_pages()
    opened = open_pdf(data)
    try:
        assert opened.data == data
        assert len(opened.sizes) == 2
        assert opened.sizes[0] == pytest.approx(A4, abs=0.5)
        assert opened.sizes[1] == pytest.approx(landscape(A5), abs=0.5)
    finally:
        close_pdf(opened.document)


def test_a_page_is_rendered_at_its_scale_with_its_pixels() -> None:
    opened = open_pdf(two_pages())
    try:
        image = render_page(opened.document, 0, 0.5)
    finally:
        close_pdf(opened.document)

    assert (image.width(), image.height()) == (round(A4[0] * 0.5), round(A4[1] * 0.5))
    assert image.pixelColor(10, image.height() - 10) == QColor(0, 0, 0)  # the black square
    assert image.pixelColor(image.width() - 10, 10) == QColor(255, 255, 255)


def test_the_image_outlives_the_document() -> None:
    opened = open_pdf(two_pages())
    image = render_page(opened.document, 1, 0.25)
    close_pdf(opened.document)

    assert isinstance(image, QImage) and not image.isNull()
    colour = image.pixelColor(image.width() // 2, image.height() // 2)
    assert (colour.red(), colour.green(), colour.blue()) == (255, 0, 0)


def test_a_crop_takes_points_off_each_side() -> None:
    opened = open_pdf(two_pages())
    try:
        image = render_page(opened.document, 0, 1.0, crop=(0, 0, A4[0] - 100, A4[1] - 100))
    finally:
        close_pdf(opened.document)

    assert (image.width(), image.height()) == (100, 100)  # only the black square is left
    assert image.pixelColor(50, 50) == QColor(0, 0, 0)


def test_the_lock_is_free_after_every_call() -> None:
    opened = open_pdf(two_pages())
    render_page(opened.document, 0, 0.1)
    close_pdf(opened.document)

    assert PDFIUM_LOCK.acquire(blocking=False)
    PDFIUM_LOCK.release()


def test_bytes_that_are_not_a_pdf_are_refused_by_pdfium() -> None:
    with pytest.raises(pdfium.PdfiumError):
        open_pdf(b"%PDF-1.4 nothing else")
    assert PDFIUM_LOCK.acquire(blocking=False)
    PDFIUM_LOCK.release()
