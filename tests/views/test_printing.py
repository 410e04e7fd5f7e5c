"""Printing a PDF through Qt's print support: to a PDF printer, read back with PDFium."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtGui import QPageLayout, QPageRanges
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from pytestqt.qtbot import QtBot
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from app.models.database import Database
from app.services.base import SYSTEM
from app.services.demo import create_demo
from app.services.demo_meeting import create_demo_meeting
from app.services.protocols.documents import protocol_pdf
from app.views.pdf_preview import PdfPreviewDialog
from app.views.printing import make_printer, print_pdf


def sample_pdf(pages: int) -> bytes:
    """A4 pages, each with a title near the top and a frame, as ReportLab writes them."""
    buffer = BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    for number in range(1, pages + 1):
        pdf.setFont("Helvetica-Bold", 28)
        pdf.drawString(72, A4[1] - 100, f"Page {number}")
        pdf.rect(36, 36, A4[0] - 72, A4[1] - 72)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def page_count(path: Path) -> int:
    document = pdfium.PdfDocument(path.read_bytes())
    try:
        return len(document)
    finally:
        document.close()


def dark_share(page: pdfium.PdfPage, top: float, bottom: float) -> float:
    """The share of dark pixels between ``top`` and ``bottom`` (fractions of the height)."""
    image = page.render(scale=0.5, grayscale=True).to_pil()
    band = image.crop((0, int(image.height * top), image.width, int(image.height * bottom)))
    histogram = band.histogram()
    return sum(histogram[:128]) / sum(histogram)


def test_each_pdf_page_prints_on_its_own_sheet(qtbot: QtBot, tmp_path: Path) -> None:
    out = tmp_path / "printed.pdf"
    assert print_pdf(pdf_printer(out), sample_pdf(3)) == 3
    printed = pdfium.PdfDocument(out.read_bytes())
    try:
        assert len(printed) == 3
        for index in range(3):
            page = printed[index]
            width, height = page.get_size()
            assert abs(width - A4[0]) < 3 and abs(height - A4[1]) < 3  # an A4 sheet
            assert dark_share(page, 0.05, 0.2) > 0.002  # the title and the frame are there
            assert dark_share(page, 0.4, 0.6) < 0.05  # the middle stays white (no smeared band)
            page.close()
    finally:
        printed.close()


def test_the_page_range_of_the_print_dialog_is_honoured(qtbot: QtBot, tmp_path: Path) -> None:
    out = tmp_path / "range.pdf"
    printer = pdf_printer(out)
    ranges = QPageRanges()
    ranges.addRange(2, 3)
    printer.setPageRanges(ranges)
    assert print_pdf(printer, sample_pdf(4)) == 2
    assert page_count(out) == 2


def test_the_preview_dialog_prints_what_it_shows(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = PdfPreviewDialog(lambda: "Protocol", lambda: sample_pdf(2))
    qtbot.addWidget(dialog)
    assert dialog.print_button.text() == "Print…"
    assert not dialog.print_button.isEnabled()  # nothing to print until the pages are loaded
    assert dialog.print_document() is None
    dialog.show()
    qtbot.waitUntil(dialog.print_button.isEnabled, timeout=20_000)

    preview = dialog.print_document()
    assert isinstance(preview, QPrintPreviewDialog)
    assert preview.windowTitle() == "Protocol"
    pages = preview.findChild(QPrintPreviewWidget)
    assert pages is not None
    qtbot.waitUntil(lambda: pages.pageCount() == 2, timeout=20_000)

    # The preview's printer is the one the system's print dialog prints on.
    out = tmp_path / "from-preview.pdf"
    printer = preview.printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    assert printer.docName() == "Protocol"
    pages.print()
    assert page_count(out) == 2
    preview.reject()
    dialog.reject()


def test_the_demo_protocol_prints_page_for_page(
    qtbot: QtBot, tmp_path: Path, database: Database
) -> None:
    create_demo(database, SYSTEM)
    create_demo_meeting(database, SYSTEM)
    pdf = protocol_pdf(database, 1, "kk")
    out = tmp_path / "protocol.pdf"
    pages = print_pdf(pdf_printer(out), pdf)
    source = pdfium.PdfDocument(pdf)
    try:
        assert pages == len(source) == page_count(out) > 1
    finally:
        source.close()


def test_a_landscape_document_gets_a_landscape_sheet() -> None:
    buffer = BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(A4[1], A4[0]))
    pdf.drawString(72, 72, "Composition")
    pdf.showPage()
    pdf.save()
    landscape = QPageLayout.Orientation.Landscape
    assert make_printer("List", buffer.getvalue()).pageLayout().orientation() == landscape
    assert make_printer("List", sample_pdf(1)).pageLayout().orientation() != landscape
