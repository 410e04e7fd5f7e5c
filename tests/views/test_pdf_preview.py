"""The PDF preview: pages sized by the zoom, a producer's refusal shown, the dialog's Print…"""

from __future__ import annotations

from io import BytesIO

import pytest
from PySide6.QtPrintSupport import QPrintPreviewDialog
from pytestqt.qtbot import QtBot
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from app.domain.errors import KenesError
from app.views.pdf_preview import POINT_TO_PIXEL, PdfPreview, PdfPreviewDialog
from app.views.qt_i18n import apply_language


def pdf(pages: int) -> bytes:
    buffer = BytesIO()
    drawing = canvas.Canvas(buffer, pagesize=A4)
    for number in range(pages):
        drawing.drawString(100, 700, f"Page {number + 1}")
        drawing.showPage()
    drawing.save()
    return buffer.getvalue()


def loaded(qtbot: QtBot, pages: int) -> PdfPreview:
    preview = PdfPreview()
    qtbot.addWidget(preview)
    with qtbot.waitSignal(preview.loaded, timeout=20_000):
        preview.load(pdf(pages))
    return preview


def test_the_pages_are_sized_by_their_points_and_the_zoom(qtbot: QtBot) -> None:
    preview = loaded(qtbot, 2)
    first = preview.pages.findChild(type(preview.pages_label), "pdfPage1")
    assert first is not None
    assert first.width() == round(A4[0] * POINT_TO_PIXEL)

    preview.set_zoom(2.0)

    assert first.width() == round(A4[0] * POINT_TO_PIXEL * 2)
    assert first.height() == round(A4[1] * POINT_TO_PIXEL * 2)
    assert preview.zoom_label.text() == "200%"
    preview.set_zoom(10.0)
    assert preview.zoom() == 3.0  # the largest step


def test_a_refusal_while_producing_the_pdf_is_shown_in_the_status(qtbot: QtBot) -> None:
    preview = PdfPreview()
    qtbot.addWidget(preview)

    def refuse() -> bytes:
        raise KenesError("The protocol has no text yet.")

    preview.load_from(refuse)
    assert preview.status.text() == "Preparing the preview…"
    qtbot.waitUntil(lambda: bool(preview.error()), timeout=20_000)

    assert preview.status.text() == "The protocol has no text yet."
    assert preview.page_count() == 0 and preview.pdf_bytes() == b""


def test_the_page_count_is_worded_in_the_interface_language(qtbot: QtBot) -> None:
    preview = loaded(qtbot, 1)
    assert preview.pages_label.text() == "1 page"
    try:
        apply_language("ru")
        assert preview.pages_label.text() == "1 страница"
        assert preview.zoom_in_button.toolTip() != "Zoom in"
    finally:
        apply_language("en")


def test_the_dialog_enables_print_once_the_pages_are_loaded(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[QPrintPreviewDialog] = []

    def record(dialog: QPrintPreviewDialog) -> None:  # shown window-modal, never blocking
        opened.append(dialog)

    monkeypatch.setattr(QPrintPreviewDialog, "open", record)
    data = pdf(3)
    dialog = PdfPreviewDialog(lambda: "Protocol No. 4", lambda: data)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Protocol No. 4"
    assert not dialog.print_button.isEnabled()
    assert dialog.print_document() is None

    qtbot.waitUntil(dialog.print_button.isEnabled, timeout=20_000)
    assert dialog.preview.pdf_bytes() == data

    preview = dialog.print_document()
    assert preview is not None and opened == [preview]


def test_closing_the_dialog_releases_the_document(qtbot: QtBot) -> None:
    dialog = PdfPreviewDialog(lambda: "Notice", lambda: pdf(2))
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.preview.loaded, timeout=20_000):
        dialog.show()
    qtbot.waitUntil(lambda: not dialog.preview.busy(), timeout=20_000)

    dialog.reject()

    assert dialog.preview.page_count() == 0
    assert dialog.preview.pdf_bytes() == b""
