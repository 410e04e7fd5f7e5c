"""app/reports/page_numbers.py: every page carries "N / M", M known only at the end."""

from __future__ import annotations

import io

from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

from app.reports.page_numbers import numbered_canvas


def build(pages: int) -> tuple[bytes, list[tuple[int, int]]]:
    drawn: list[tuple[int, int]] = []

    def footer(canvas: Canvas, number: int, total: int) -> None:
        drawn.append((number, total))
        canvas.drawString(100, 30, f"Page {number} / {total}")

    out = io.BytesIO()
    body = getSampleStyleSheet()["BodyText"]
    story: list[object] = []
    for n in range(pages):
        story += [Paragraph(f"Text of page {n + 1}", body), PageBreak()]
    SimpleDocTemplate(out, pagesize=A4).build(story[:-1], canvasmaker=numbered_canvas(footer))
    return out.getvalue(), drawn


def test_every_page_is_numbered_out_of_the_total() -> None:
    data, drawn = build(3)

    assert drawn == [(1, 3), (2, 3), (3, 3)]
    pages = PdfReader(io.BytesIO(data)).pages
    assert len(pages) == 3
    for number, page in enumerate(pages, start=1):
        text = page.extract_text()
        assert f"Text of page {number}" in text and f"Page {number} / 3" in text


def test_a_single_page_document_is_one_of_one() -> None:
    data, drawn = build(1)
    assert drawn == [(1, 1)]
    assert "Page 1 / 1" in PdfReader(io.BytesIO(data)).pages[0].extract_text()


def test_the_footer_leaves_the_page_state_as_it_was() -> None:
    """A footer that changes the font does not change the text drawn after it."""

    def footer(canvas: Canvas, number: int, total: int) -> None:
        canvas.setFont("Courier", 30)
        canvas.drawString(50, 30, f"{number}/{total}")

    out = io.BytesIO()
    canvas = numbered_canvas(footer)(out, pagesize=A4)
    canvas.setFont("Helvetica", 10)
    canvas.drawString(50, 700, "first")
    canvas.showPage()
    canvas.save()

    text = PdfReader(io.BytesIO(out.getvalue())).pages[0].extract_text()
    assert "first" in text and "1/1" in text
