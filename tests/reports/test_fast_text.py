"""app/reports/fast_text.py: text in a font subset's codes, the bytes ReportLab would write."""

from __future__ import annotations

import io

from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

from app.reports import fonts
from app.reports.fast_text import FastText, first_subset_bytes

LINES = ["Қазақстан Республикасы", "Кеңес\u00a0отырысы — «22 қараша»", "Кеңес", "漢 and Ә"]


def draw(text_object: type[PDFTextObject]) -> bytes:
    names = fonts.register_fonts()
    out = io.BytesIO()
    canvas = Canvas(out, invariant=1)
    for y, line in enumerate(LINES):
        text = text_object(canvas, 72, 700 - 20 * y)
        text.setFont(names.regular, 14)
        text.textLine(line)
        canvas.drawText(text)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def test_the_pdf_is_byte_for_byte_what_reportlab_writes() -> None:
    fast = draw(FastText)

    assert fast == draw(PDFTextObject)
    text = PdfReader(io.BytesIO(fast)).pages[0].extract_text()
    assert "Қазақстан Республикасы" in text and "«22 қараша»" in text


def test_only_characters_with_a_code_are_encoded_at_once() -> None:
    names = fonts.register_fonts()
    canvas = Canvas(io.BytesIO(), invariant=1)
    font = pdfmetrics.getFont(names.regular)
    doc = canvas._doc

    assert first_subset_bytes(font, doc, "Кеңес") is None  # nothing shown yet in this document
    font.splitString("Кеңес ", doc)  # ReportLab gives these characters their codes

    data = first_subset_bytes(font, doc, "Кеңес")
    assert data is not None and len(data) == 5
    assert data[1] == data[3] != data[2]  # "е" twice, the same code
    space = first_subset_bytes(font, doc, " ")
    assert space is not None and len(space) == 1
    # A no-break space is printed as a space, as ReportLab prints it.
    assert first_subset_bytes(font, doc, "Кеңес\u00a0Кеңес") == data + space + data
    assert first_subset_bytes(font, doc, "Кеңес ж") is None  # "ж" has no code yet
