"""app/reports/official_page.py: the A4 margins of an official document, read back from a PDF."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from app.reports.official_page import (
    BOTTOM_MARGIN,
    BOTTOM_MARGIN_MM,
    LEFT_MARGIN,
    LEFT_MARGIN_MM,
    RIGHT_MARGIN,
    RIGHT_MARGIN_MM,
    TOP_MARGIN,
    TOP_MARGIN_MM,
)
from tests.reports.protocol_samples import sample_snapshot


def test_the_margins_are_those_of_the_rules_for_official_documents() -> None:
    # Left 30 mm for the binding, right 15, top and bottom 20 (the same in points and mm).
    assert (LEFT_MARGIN_MM, RIGHT_MARGIN_MM, TOP_MARGIN_MM, BOTTOM_MARGIN_MM) == (30, 15, 20, 20)
    assert 30 * mm == LEFT_MARGIN and 15 * mm == RIGHT_MARGIN
    assert TOP_MARGIN == BOTTOM_MARGIN == 20 * mm


def test_a_protocol_pdf_keeps_its_text_inside_the_margins() -> None:
    from app.reports.protocol_pdf import render_pdf

    reader = PdfReader(io.BytesIO(render_pdf(sample_snapshot("ru", items=2, members=9))))
    width, height = A4
    xs: list[float] = []
    ys: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: object) -> None:
        if text.strip():  # where the text starts on the page: the text matrix through the CTM
            xs.append(cm[0] * tm[4] + cm[2] * tm[5] + cm[4])
            ys.append(cm[1] * tm[4] + cm[3] * tm[5] + cm[5])

    page = reader.pages[0]
    assert float(page.mediabox.width) == pytest.approx(width, abs=0.01)
    assert float(page.mediabox.height) == pytest.approx(height, abs=0.01)
    page.extract_text(visitor_text=visit)
    assert xs and min(xs) >= LEFT_MARGIN - 0.5
    assert max(ys) <= height - TOP_MARGIN + 1
