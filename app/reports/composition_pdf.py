"""A council's composition as a PDF list, in the form of an official annex (seed 000).

Seed 000's annex reads::

    "Инновациялық технологиялар паркі" ... қамқоршылық кеңесінің құрамы
    Ескерту. Құрам жаңа редакцияда - ҚР Үкіметінің 26.01.2022 № 27 қаулысымен.

    Қазақстан Республикасының Премьер-Министрі, төраға
    ...
    "Fincraft group" жауапкершілігі шектеулі серіктестігінің президенті (келісу бойынша)

:func:`render` lays out a :class:`CompositionSnapshot` the same way: the
heading, the edition note, then one paragraph per seat.  With
``with_names=True`` it prints the table variant (the member's name, a dash,
the position line) that Russian and Kazakh decrees use for personal
compositions.

The snapshot is plain data with every text already in one language; this
module neither reads the database nor translates.  The page follows the
usual margins of Kazakh official documents (left 30 mm, right 15 mm, top and
bottom 20 mm); pages are numbered "N / M".  The same snapshot gives the same
bytes (ReportLab's invariant mode: fixed dates and document id).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import Flowable

from app.reports.fonts import DOCUMENT_LEADING, DOCUMENT_SIZE, FontNames, register_fonts
from app.reports.official_page import (
    BOTTOM_MARGIN,
    LEFT_MARGIN,
    PRODUCER,
    RIGHT_MARGIN,
    TOP_MARGIN,
)
from app.reports.page_numbers import numbered_canvas

BODY_SIZE = DOCUMENT_SIZE  # Times New Roman 14 (its metric twin), as documents are set
LEADING = DOCUMENT_LEADING  # single spacing
NOTE_SIZE = 12
PAGE_NUMBER_SIZE = 10


@dataclass(frozen=True)
class CompositionEntry:
    """One seat of the list, already in the document's language.

    ``text`` is the line as the annex prints it ("<position>, <role> (by
    agreement)"; a personal seat starts with the member's name);
    ``table_text`` the same without the name, for the table variant;
    ``person`` the occupant's full name ("" for a vacant seat) and
    ``person_lines`` that name as the table prints it (surname, then given
    name and patronymic).
    """

    text: str
    role: str
    by_agreement: bool = False
    person: str = ""
    person_lines: tuple[str, ...] = ()
    table_text: str = ""

    @property
    def vacant(self) -> bool:
        return not self.person


@dataclass(frozen=True)
class CompositionSnapshot:
    """What a composition PDF shows, every text resolved in ``lang``."""

    lang: str
    council_name: str
    heading: str
    edition_note: str
    on: date
    date_line: str
    entries: tuple[CompositionEntry, ...]
    vacant_label: str = ""


def _page_number(canvas: Canvas, number: int, total: int) -> None:
    """ "N / M" centred in the bottom margin."""
    width, _height = canvas._pagesize
    canvas.setFont(register_fonts().regular, PAGE_NUMBER_SIZE)
    canvas.drawCentredString(
        LEFT_MARGIN + (width - LEFT_MARGIN - RIGHT_MARGIN) / 2,
        BOTTOM_MARGIN / 2,
        f"{number} / {total}",
    )


def _styles(fonts: FontNames) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle(
        "body",
        fontName=fonts.regular,
        fontSize=BODY_SIZE,
        leading=LEADING,
        alignment=TA_LEFT,
        spaceAfter=7,
    )
    return {
        "heading": ParagraphStyle(
            "heading",
            parent=base,
            fontName=fonts.bold,
            fontSize=BODY_SIZE,
            leading=LEADING,
            alignment=TA_CENTER,
            spaceAfter=8,
            keepWithNext=1,
        ),
        "note": ParagraphStyle(
            "note",
            parent=base,
            fontSize=NOTE_SIZE,
            leading=NOTE_SIZE * 1.15,
            alignment=TA_LEFT,
            spaceAfter=4,
        ),
        "date": ParagraphStyle(
            "date",
            parent=base,
            fontSize=NOTE_SIZE,
            leading=NOTE_SIZE * 1.15,
            alignment=TA_CENTER,
            spaceAfter=4,
        ),
        "body": base,
        "cell": ParagraphStyle("cell", parent=base, alignment=TA_LEFT, spaceAfter=0),
    }


def _para(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text), style)


def _list_flowables(
    snapshot: CompositionSnapshot, styles: dict[str, ParagraphStyle]
) -> list[Flowable]:
    # A seat's paragraph is never split between pages.
    return [KeepTogether([_para(entry.text, styles["body"])]) for entry in snapshot.entries]


def _table_flowables(
    snapshot: CompositionSnapshot, styles: dict[str, ParagraphStyle], width: float
) -> list[Flowable]:
    rows = []
    for entry in snapshot.entries:
        lines = entry.person_lines or ((snapshot.vacant_label,) if entry.vacant else ())
        name = Paragraph("<br/>".join(escape(line) for line in lines), styles["cell"])
        text = entry.table_text or entry.text
        rows.append([name, _para("–", styles["cell"]), _para(text, styles["cell"])])
    if not rows:
        return []
    name_width = 58 * mm
    dash_width = 7 * mm
    table = Table(
        rows,
        colWidths=[name_width, dash_width, width - name_width - dash_width],
        splitByRow=1,
        repeatRows=0,
    )
    table.setStyle(
        TableStyle(
            [
                # Cells hold paragraphs, but the table still sets its own font
                # (Helvetica by default, unembedded) unless told otherwise.
                ("FONT", (0, 0), (-1, -1), styles["cell"].fontName, BODY_SIZE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return [table]


def render(snapshot: CompositionSnapshot, *, with_names: bool = False) -> bytes:
    """The composition as PDF bytes; identical bytes for an identical snapshot."""
    fonts = register_fonts()
    styles = _styles(fonts)
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=LEFT_MARGIN,
        rightMargin=RIGHT_MARGIN,
        topMargin=TOP_MARGIN,
        bottomMargin=BOTTOM_MARGIN,
        title=snapshot.heading,
        author=PRODUCER,
        creator=PRODUCER,
        producer=PRODUCER,
        subject=snapshot.council_name,
        lang=snapshot.lang,
        invariant=1,
        initialFontName=fonts.regular,
        initialFontSize=BODY_SIZE,
    )
    # No frame padding: the text starts exactly at the margins.
    frame = Frame(
        doc.leftMargin,
        doc.bottomMargin,
        doc.width,
        doc.height,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    story: list[Flowable] = [_para(snapshot.heading, styles["heading"])]
    if snapshot.edition_note:
        story.append(_para(snapshot.edition_note, styles["note"]))
    if snapshot.date_line:
        story.append(_para(snapshot.date_line, styles["date"]))
    story.append(Spacer(1, 4 * mm))
    if with_names:
        story.extend(_table_flowables(snapshot, styles, doc.width))
    else:
        story.extend(_list_flowables(snapshot, styles))
    doc.build(story, canvasmaker=numbered_canvas(_page_number))
    return buffer.getvalue()
