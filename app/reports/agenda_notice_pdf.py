"""The agenda notice of a meeting as a PDF, in one language.

The working body notifies the members of a meeting's place, time and agenda
and supplies its materials (000 §11.3; 004 §24).  The notice reads, from the
top: the council and its working body, the title and the meeting ("Regular
meeting No. 3"), a block with the date, time, place and presiding person,
the agenda (each item with its speakers and the body responsible), and the
list of materials with the item each belongs to.

:func:`render` lays out a :class:`NoticeSnapshot`: plain data with every
text already in the notice's language, built by :mod:`app.services.notice`;
this module neither reads the database nor translates.  The page follows the
margins of Kazakh official documents (left 30 mm, right 15 mm, top and bottom
20 mm), pages after the first are numbered at the top, and the fonts are the
embedded Liberation Serif of :mod:`app.reports.fonts` (Times New Roman's metric
twin), 14 pt.  The same snapshot gives the same bytes (ReportLab's invariant mode).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, time
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from app.reports.fonts import DOCUMENT_LEADING, DOCUMENT_SIZE, FontNames, register_fonts
from app.reports.official_page import (
    BOTTOM_MARGIN,
    LEFT_MARGIN,
    PRODUCER,
    RIGHT_MARGIN,
    TOP_MARGIN,
)

BODY_SIZE = DOCUMENT_SIZE  # Times New Roman 14 (its metric twin), as documents are set
LEADING = DOCUMENT_LEADING  # single spacing
SMALL_SIZE = 12
PAGE_NUMBER_SIZE = 10


@dataclass(frozen=True)
class NoticeItem:
    """An agenda item: its number, title, speakers ("name, position, organisation")."""

    number: int
    title: str
    speakers: tuple[str, ...] = ()
    responsible: str = ""


@dataclass(frozen=True)
class NoticeMaterial:
    """A line of the list of materials."""

    number: int
    item_number: int
    file_name: str
    size: str


@dataclass(frozen=True)
class NoticeLabels:
    """The notice's fixed words, in its language."""

    heading: str
    date: str
    time: str
    place: str
    presiding: str
    agenda: str
    speakers: str
    responsible: str
    materials: str
    material_number: str
    material_file: str
    material_item: str
    material_size: str
    no_materials: str


@dataclass(frozen=True)
class NoticeSnapshot:
    """Everything the notice and the invitations show, resolved in ``lang``.

    ``day``, ``starts_at``, ``ends_at`` and ``timezone`` are the meeting's
    wall-clock time for the calendar invitation; ``meeting_uid`` identifies the
    event across notifications.
    """

    lang: str
    council_name: str
    working_body: str
    meeting_line: str
    date_text: str
    time_text: str
    place: str
    presiding: str
    items: tuple[NoticeItem, ...]
    materials: tuple[NoticeMaterial, ...]
    labels: NoticeLabels
    meeting_uid: str
    day: date
    starts_at: time
    ends_at: time | None
    timezone: str = "Asia/Almaty"

    @property
    def title(self) -> str:
        """The document's title: "Notice of a meeting: Regular meeting No. 3"."""
        return f"{self.labels.heading}: {self.meeting_line}"


def _styles(fonts: FontNames) -> dict[str, ParagraphStyle]:
    body = ParagraphStyle(
        "body",
        fontName=fonts.regular,
        fontSize=BODY_SIZE,
        leading=LEADING,
        alignment=TA_JUSTIFY,
        spaceAfter=4,
    )
    small = ParagraphStyle(
        "small", parent=body, fontSize=SMALL_SIZE, leading=SMALL_SIZE * 1.15, alignment=TA_LEFT
    )
    return {
        "body": body,
        "council": ParagraphStyle(
            "council", parent=body, fontName=fonts.bold, alignment=TA_CENTER, spaceAfter=2
        ),
        "working_body": ParagraphStyle(
            "working_body", parent=small, alignment=TA_CENTER, spaceAfter=10
        ),
        "heading": ParagraphStyle(
            "heading",
            parent=body,
            fontName=fonts.bold,
            fontSize=BODY_SIZE,
            leading=LEADING,
            alignment=TA_CENTER,
            spaceBefore=6,
            spaceAfter=2,
        ),
        "subheading": ParagraphStyle("subheading", parent=body, alignment=TA_CENTER, spaceAfter=10),
        "section": ParagraphStyle(
            "section",
            parent=body,
            fontName=fonts.bold,
            alignment=TA_CENTER,
            spaceBefore=10,
            spaceAfter=6,
        ),
        "label": ParagraphStyle("label", parent=body, fontName=fonts.bold, alignment=TA_LEFT),
        "value": ParagraphStyle("value", parent=body, alignment=TA_LEFT),
        "item": ParagraphStyle(
            "item",
            parent=body,
            alignment=TA_LEFT,
            leftIndent=8 * mm,
            firstLineIndent=-8 * mm,
            spaceAfter=2,
        ),
        "detail": ParagraphStyle("detail", parent=small, leftIndent=8 * mm, spaceAfter=1),
        "cell": ParagraphStyle("cell", parent=small, spaceAfter=0),
        "cell_head": ParagraphStyle("cell_head", parent=small, fontName=fonts.bold, spaceAfter=0),
    }


def _para(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text), style)


def _labelled(label: str, text: str, style: ParagraphStyle) -> Paragraph:
    """ "Label: text" with the label in bold."""
    return Paragraph(f"<b>{escape(label)}:</b> {escape(text)}", style)


def _facts(snapshot: NoticeSnapshot, styles: dict[str, ParagraphStyle], width: float) -> Table:
    labels = snapshot.labels
    rows = [
        (labels.date, snapshot.date_text),
        (labels.time, snapshot.time_text),
        (labels.place, snapshot.place),
        (labels.presiding, snapshot.presiding),
    ]
    label_style = styles["label"]
    widest = max(
        stringWidth(f"{label}:", label_style.fontName, label_style.fontSize) for label, _ in rows
    )
    label_width = min(widest + 4 * mm, width * 0.45)
    table = Table(
        [
            [_para(f"{label}:", styles["label"]), _para(value, styles["value"])]
            for label, value in rows
        ],
        colWidths=[label_width, width - label_width],
    )
    table.setStyle(
        TableStyle(
            [
                # A table sets its cells' font itself (Helvetica unless told), even
                # around paragraphs, and would add an unembedded font to the PDF.
                ("FONTNAME", (0, 0), (-1, -1), styles["body"].fontName),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table


def _agenda(snapshot: NoticeSnapshot, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    labels = snapshot.labels
    story: list[Flowable] = [_para(labels.agenda, styles["section"])]
    for item in snapshot.items:
        block: list[Flowable] = [_para(f"{item.number}. {item.title}", styles["item"])]
        if item.speakers:
            block.append(_labelled(labels.speakers, "; ".join(item.speakers), styles["detail"]))
        if item.responsible:
            block.append(_labelled(labels.responsible, item.responsible, styles["detail"]))
        block.append(Spacer(1, 2 * mm))
        story.append(KeepTogether(block))
    return story


def _materials(
    snapshot: NoticeSnapshot, styles: dict[str, ParagraphStyle], width: float
) -> list[Flowable]:
    labels = snapshot.labels
    story: list[Flowable] = [_para(labels.materials, styles["section"])]
    if not snapshot.materials:
        story.append(_para(labels.no_materials, styles["body"]))
        return story
    head = [
        _para(text, styles["cell_head"])
        for text in (
            labels.material_number,
            labels.material_file,
            labels.material_item,
            labels.material_size,
        )
    ]
    rows = [head] + [
        [
            _para(str(m.number), styles["cell"]),
            _para(m.file_name, styles["cell"]),
            _para(str(m.item_number), styles["cell"]),
            _para(m.size, styles["cell"]),
        ]
        for m in snapshot.materials
    ]
    head_style = styles["cell_head"]

    def fit(*texts: str) -> float:
        """The width of a column whose widest text is among ``texts``, with its padding."""
        widest = max(stringWidth(t, head_style.fontName, head_style.fontSize) for t in texts)
        return float(widest) + 12

    number_width = fit(labels.material_number, str(len(snapshot.materials)))
    item_width = fit(labels.material_item, str(max(m.item_number for m in snapshot.materials)))
    size_width = fit(labels.material_size, *(m.size for m in snapshot.materials))
    table = Table(
        rows,
        colWidths=[
            number_width,
            width - number_width - item_width - size_width,
            item_width,
            size_width,
        ],
        repeatRows=1,
    )
    table.setStyle(
        TableStyle(
            [
                # A table sets its cells' font itself (Helvetica unless told), even
                # around paragraphs, and would add an unembedded font to the PDF.
                ("FONTNAME", (0, 0), (-1, -1), styles["body"].fontName),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    story.append(table)
    return story


def _number_later_page(canvas: Canvas, doc: SimpleDocTemplate) -> None:
    """Pages after the first carry their number at the top, centred."""
    fonts = register_fonts()
    width, height = doc.pagesize
    canvas.saveState()
    canvas.setFont(fonts.regular, PAGE_NUMBER_SIZE)
    canvas.drawCentredString(
        LEFT_MARGIN + (width - LEFT_MARGIN - RIGHT_MARGIN) / 2,
        height - TOP_MARGIN / 2,
        str(doc.page),
    )
    canvas.restoreState()


def _nothing(canvas: Canvas, doc: SimpleDocTemplate) -> None:
    """The first page carries no number."""


def render(snapshot: NoticeSnapshot) -> bytes:
    """The notice as PDF bytes; identical bytes for an identical snapshot."""
    fonts = register_fonts()
    styles = _styles(fonts)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=LEFT_MARGIN,
        rightMargin=RIGHT_MARGIN,
        topMargin=TOP_MARGIN,
        bottomMargin=BOTTOM_MARGIN,
        title=snapshot.title,
        author=PRODUCER,
        creator=PRODUCER,
        producer=PRODUCER,
        subject=snapshot.council_name,
        lang=snapshot.lang,
        invariant=1,
        initialFontName=fonts.regular,
        initialFontSize=BODY_SIZE,
    )
    story: list[Flowable] = [_para(snapshot.council_name, styles["council"])]
    if snapshot.working_body:
        story.append(_para(snapshot.working_body, styles["working_body"]))
    story.append(_para(snapshot.labels.heading, styles["heading"]))
    story.append(_para(snapshot.meeting_line, styles["subheading"]))
    story.append(_facts(snapshot, styles, doc.width))
    story.append(Spacer(1, 2 * mm))
    story.extend(_agenda(snapshot, styles))
    story.extend(_materials(snapshot, styles, doc.width))
    doc.build(story, onFirstPage=_nothing, onLaterPages=_number_later_page)
    return buffer.getvalue()
