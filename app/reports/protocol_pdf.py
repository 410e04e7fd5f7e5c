"""The protocol (minutes) of a meeting as a PDF, in one language.

:func:`render_pdf` lays out a :class:`~app.domain.protocol.ProtocolSnapshot` in
the style of Kazakh and Russian official minutes:

1. the council (bold, centred), the title ("ХАТТАМА № 3"), a line with the
   city on the left and the legal date on the right, then the place and time;
   a revision note, when the protocol replaces an earlier one;
2. the presiding person, the members present (one line each), the count and
   the quorum, the invited persons ("attended instead of ..."), the absent
   members with their reasons;
3. the agenda, then one section per item: heard, spoke, decided (each
   decision, how its result was reached, its instructions as a table, the
   dissenting opinions stated);
4. the note that decisions are recommendations, and the signature blocks (the
   role and position on the left, the line to sign on, the name with the
   initials first on the right), kept on one page with the text's last paragraph;
5. the annexes, each from a new page under its heading at the top right ("Annex 1
   to Minutes No. 3 of 20 November 2026"): the roll-call tables (their header
   rows repeat on every page a table crosses) and the dissenting opinions in full.

Every page carries the protocol number and "N / M" in the bottom margin.

All text comes from the snapshot (labels included); this module neither
reads the database nor translates.  The page keeps the margins of Kazakh
official documents (left 30 mm, right 15 mm, top and bottom 20 mm); the text is
Times New Roman 14 with single spacing, set in its embedded metric twin,
Liberation Serif (:mod:`app.reports.fonts`; the document's initial font too, so
no page references an unembedded Helvetica).  Justified Russian and English are
hyphenated (pyphen's dictionaries); a justified paragraph whose spaces would
still gape is set ragged-right.  No paragraph leaves a single line at the foot or
head of a page, headings keep with what follows, and a table leaves at least two
rows, with its head, on each side of a page break.  The same snapshot gives the
same bytes: ReportLab's invariant mode fixes the document id, the date is the
snapshot's (when it was signed), and the metadata comes from the snapshot
(:mod:`app.reports.properties`).

Speed (a 100-item protocol with a 30-member roll call per item is 186
pages, half of them roll calls): styles are built once per process; an
unmarked text becomes a paragraph without the markup parser; a paragraph
breaks its lines once per width, and the copies of a repeated label (and of a
repeated vote result, the one marked-up text that recurs) share them; a plain
paragraph is broken with each word measured once per process; the groups kept
with the next paragraph are measured without ReportLab's copy of the frame;
paragraph lines are encoded for the embedded font in one C call
(:mod:`app.reports.fast_text`); the roll-call tables are drawn directly
(:mod:`app.reports.ruled_table`), their rows and one-line heads as plain
text (a paragraph only where a text is wider than its column).  The time
grows linearly with the number of items.
"""

from __future__ import annotations

import copy
import io
from collections.abc import Callable
from datetime import datetime
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from app.domain.protocol import (
    DecisionLine,
    InstructionLine,
    ItemSection,
    ProtocolSnapshot,
)
from app.reports.fonts import register_fonts
from app.reports.official_page import (
    BOTTOM_MARGIN,
    LEFT_MARGIN,
    PRODUCER,
    RIGHT_MARGIN,
    TOP_MARGIN,
)
from app.reports.page_numbers import Footer, numbered_canvas
from app.reports.pdfa import archival, record_attachment
from app.reports.properties import pdf_date, properties_of
from app.reports.protocol_annexes import _dissent_annex, _roll_call_annex
from app.reports.protocol_flowables import (
    _KeptGroup,
    _KeptTable,
    _Para,
    _para,
    _paras,
    _table_base,
    _tidy,
)
from app.reports.protocol_styles import (
    BODY_SIZE,
    CELL_BOTTOM_PADDING,
    CELL_PADDING,
    CELL_SIZE,
    CELL_TOP_PADDING,
    FOOTER_SIZE,
    FRAME_HEIGHT,
    HEAD_BACKGROUND,
    INSTRUCTION_COLUMNS_MM,
    KEPT_ROWS,
    LINE_PITCH,
    NBSP,
    ROLL_CALL_COLUMNS_MM,
    _styles,
    _x,
    clean,
    protocol_number_line,
)
from app.reports.ruled_table import (
    Band,
    GridStyle,
    TextShows,
    text_width,
)

# -- the parts of the protocol -------------------------------------------------------------------


class _Layout:
    """What every part of one rendering needs: the styles, the labels, the text width.

    Texts that repeat through the document (the "Heard:" labels, the heads of
    the instruction tables) are made into a Paragraph once and copied: a copy
    made before layout shares the fragments and the memo of line breaks with
    the others, which layout only reads and adds to.
    """

    def __init__(self, snapshot: ProtocolSnapshot, width: float) -> None:
        self.styles = _styles(snapshot.lang)
        self.labels = snapshot.labels
        self.width = width
        self._parsed: dict[tuple[str, str], Paragraph] = {}
        self._marked: dict[tuple[str, str], Paragraph] = {}
        fonts = register_fonts()
        self.regular = fonts.regular
        number_width, vote_width = (width * mm for width in ROLL_CALL_COLUMNS_MM)
        self.roll_call = GridStyle(
            widths=(number_width, width - number_width - vote_width, vote_width),
            font=fonts.regular,
            bold=fonts.bold,
            size=CELL_SIZE,
            leading=CELL_SIZE * LINE_PITCH,
            left=CELL_PADDING,
            right=CELL_PADDING,
            top=CELL_TOP_PADDING,
            bottom=CELL_BOTTOM_PADDING,
            rule=0.5,
            shade=HEAD_BACKGROUND,
            keep_rows=KEPT_ROWS,
            frame_height=FRAME_HEIGHT,
        )
        self.shows = TextShows()

    def fits(self, text: str, width: float, font: str = "") -> bool:
        """Whether ``text`` fits on one line of a table cell ``width`` wide (less padding)."""
        return text_width(text, font or self.regular, CELL_SIZE) <= width - 2 * CELL_PADDING

    def band(self, text: str, style: ParagraphStyle) -> Band:
        """A shaded roll-call head row: one line of text where it fits, else a paragraph."""
        line = clean(text)
        if _tidy(line) and self.fits(line, self.roll_call.width, style.fontName):
            return Band(line, shaded=True, bold=style.fontName == self.roll_call.bold)
        return Band(_para(text, style), shaded=True)

    def label(self, key: str, style: str = "label") -> Paragraph:
        return self.repeated(self.labels.get(key, ""), style)

    def repeated(self, text: str, style: str) -> Paragraph:
        template = self._parsed.get((text, style))
        if template is None:
            template = self._parsed[text, style] = _para(text, self.styles[style])
        return copy.copy(template)

    def marked(self, markup: str, style: str) -> Paragraph:
        """A paragraph of ``markup`` (escaped text in ``<b>``, ``<i>``), copied as labels are.

        The result of a vote is such a text, and the same few results ("adopted: for 28,
        against 1, abstained 1") recur through a protocol; breaking marked-up text is
        ReportLab's slow path, so it is done once per text and width.
        """
        template = self._marked.get((markup, style))
        if template is None:
            template = self._marked[markup, style] = _Para(markup, self.styles[style])
        return copy.copy(template)


def _header(snapshot: ProtocolSnapshot, layout: _Layout) -> list[Flowable]:
    styles = layout.styles
    story: list[Flowable] = []
    if snapshot.council_name:
        story.append(_para(snapshot.council_name, styles["council"]))
    story.append(_para(snapshot.title, styles["title"]))
    rows = [
        [_para(snapshot.city, styles["meta_left"]), _para(snapshot.date_text, styles["meta_right"])]
    ]
    if snapshot.place or snapshot.time_text:
        rows.append(
            [
                _para(snapshot.place, styles["meta_left"]),
                _para(snapshot.time_text, styles["meta_right"]),
            ]
        )
    meta = Table(rows, colWidths=[layout.width * 0.6, layout.width * 0.4])
    meta.setStyle(
        TableStyle(
            [
                *_table_base(),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    story.append(meta)
    if snapshot.revision_note:
        story.append(_para(snapshot.revision_note, styles["note"]))
    if snapshot.legal_basis:
        story.append(_para(snapshot.legal_basis, styles["basis"]))
    return story


def _presiding(text: str, style: ParagraphStyle) -> Paragraph:
    """ "Presiding: Name, position" with the words before the colon in bold."""
    head, sep, rest = text.partition(": ")
    if sep and head and len(head) <= 40:
        return _Para(f"<b>{_x(head)}:</b> {_x(rest)}", style)
    return _para(text, style)


def person_line(name: str, position: str, extra: str = "") -> str:
    """ "Name – position (extra)": a member present, an invited person."""
    text = f"{name} – {position}" if position else name
    return f"{text} ({extra})" if extra else text


def present_extra(role: str, note: str) -> str:
    """What follows a member present in parentheses: the role, and for whom it applies
    "present from item 3", so the header's count is explained by the list."""
    return "; ".join(part for part in (role, note) if part)


def absent_line(name: str, position: str, note: str) -> str:
    """ "Name, position – reason": a member absent."""
    text = f"{name}, {position}" if position else name
    return f"{text} – {note}" if note else text


def invited_where(position: str, organisation: str) -> str:
    return ", ".join(part for part in (position, organisation) if part)


def _attendance(snapshot: ProtocolSnapshot, layout: _Layout) -> list[Flowable]:
    styles = layout.styles
    story: list[Flowable] = []
    if snapshot.presiding:
        story.append(_presiding(snapshot.presiding, styles["presiding"]))
    story.append(layout.label("present"))
    if layout.labels.get("members"):
        story.append(layout.label("members", "sublabel"))
    line = styles["hanging"]
    story.extend(
        _para(person_line(p.name, p.position, present_extra(p.role, p.note)), line)
        for p in snapshot.present
    )
    if snapshot.present_count:
        story.append(_para(snapshot.present_count, styles["count"]))
    if snapshot.quorum:
        story.append(_para(snapshot.quorum, styles["count"]))
    if snapshot.invited:
        story.append(layout.label("invited"))
        for guest in snapshot.invited:
            where = invited_where(guest.position, guest.organisation)
            story.append(_para(person_line(guest.name, where), line))
            if guest.instead_of:
                story.append(_para(guest.instead_of, styles["detail"]))
    if snapshot.absent:
        story.append(layout.label("absent"))
        story.extend(_para(absent_line(p.name, p.position, p.note), line) for p in snapshot.absent)
    return story


def _agenda(snapshot: ProtocolSnapshot, layout: _Layout) -> list[Flowable]:
    if not snapshot.agenda:
        return []
    story: list[Flowable] = [layout.label("agenda", "section")]
    style = layout.styles["agenda"]
    # The number hangs in the indent: every line of the text starts at the same place.
    story.extend(_para(text, style, f"{n}.") for n, text in enumerate(snapshot.agenda, 1))
    return story


def unbreakable_fits(text: str, width: float, style: ParagraphStyle) -> str:
    """``text`` as it is where each part kept together (no-break spaces) fits ``width``;
    else with those parts free to break at their spaces.

    A date never breaks across lines, unless it cannot fit on one line of its column
    («2027 жылғы 15 қыркүйекке дейін» in a deadline column): then it breaks between
    its words rather than inside one.
    """
    text = clean(text)
    if NBSP not in text:
        return text
    for word in text.split(" "):  # the parts: words joined by no-break spaces
        if stringWidth(word, style.fontName, style.fontSize) > width:
            return text.replace(NBSP, " ")
    return text


def _instructions_table(rows: tuple[InstructionLine, ...], layout: _Layout) -> Table:
    cell = layout.styles["cell"]
    heading = layout.labels.get("instructions", "").rstrip(": ")
    data: list[list[Any]] = [
        [
            layout.repeated(layout.labels.get("number_sign", "№"), "cell_head"),
            layout.repeated(heading, "cell_head"),
            layout.label("executor", "cell_head"),
            layout.label("deadline", "cell_head"),
            layout.label("completion_form", "cell_head"),
        ]
    ]
    fixed = [width * mm for width in INSTRUCTION_COLUMNS_MM]
    deadline_width = fixed[2] - 2 * CELL_PADDING
    data.extend(
        [
            clean(line.number),
            _para(line.text, cell),
            _para(line.executor, cell),
            _para(unbreakable_fits(line.deadline, deadline_width, cell), cell),
            _para(line.completion_form, cell),
        ]
        for line in rows
    )
    table = _KeptTable(
        data,
        colWidths=[fixed[0], layout.width - sum(fixed), *fixed[1:]],
        repeatRows=1,
    )
    table.setStyle(
        TableStyle(
            [
                *_table_base(),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
            ]
        )
    )
    return table


def _decision(decision: DecisionLine, layout: _Layout) -> list[Flowable]:
    styles = layout.styles
    # With instructions, the decision keeps with its result and the table (its first rows:
    # the document template groups them, and a table splits inside a group).
    kept = "_kept" if decision.instructions else ""
    text = f"{decision.number}. {decision.text}"
    story: list[Flowable] = [_para(text, styles["decision" + kept])]
    if decision.result:
        voting = layout.labels.get("voting", "")
        head = f"<b>{_x(voting)}</b> " if voting else ""
        result = f"{head}<i>{_x(decision.result)}</i>"
        story.append(layout.marked(result, "result" + kept))
    if decision.instructions:
        story.append(_instructions_table(decision.instructions, layout))
        story.append(Spacer(1, 2 * mm))
    story.extend(_para(text, styles["mention"]) for text in decision.dissent_mentions)
    return story


def _item(item: ItemSection, layout: _Layout) -> list[Flowable]:
    styles = layout.styles
    story: list[Flowable] = [_para(f"{item.number}. {item.title}", styles["item"])]
    # Who arrived or left since the item before, and the quorum it cost or restored.
    story.extend(_para(text, styles["body"]) for text in item.attendance_notes)
    if item.quorum_note:
        story.append(_para(item.quorum_note, styles["body"]))
    if item.heard or item.heard_summary:
        story.append(layout.label("heard"))
        story.extend(_para(text, styles["hanging"]) for text in item.heard)
        story.extend(_paras(item.heard_summary, styles["body"]))
    if item.spoke or item.spoke_summary:
        story.append(layout.label("spoke"))
        story.extend(_para(text, styles["hanging"]) for text in item.spoke)
        story.extend(_paras(item.spoke_summary, styles["body"]))
    if item.decisions:
        story.append(layout.label("decided"))
        for decision in item.decisions:
            story.extend(_decision(decision, layout))
    return story


def signature_name(name: str) -> str:
    """A signer's name on one line: "Н. С. Әбенов" never breaks between initials and surname."""
    return NBSP.join(clean(name).split())


def _signatures(snapshot: ProtocolSnapshot, layout: _Layout) -> list[Flowable]:
    """The signature blocks, as official minutes end.

    Per signer: the role (and the position, where there is one) on the left, the line
    to sign on with "(signature)" under it, and the name, initials first, on the
    right, level with the role's last line.
    """
    if not snapshot.signatures:
        return []
    styles = layout.styles
    mark = layout.labels.get("signature", "")
    data: list[list[Any]] = []
    commands: list[Any] = [*_table_base()]
    for block in snapshot.signatures:
        top = len(data)
        position = getattr(block, "position", "")
        left: list[Flowable] = [_para(block.role, styles["sign"])]
        if position:
            left.append(_para(position, styles["sign"]))
        data.append([left, "", _para(signature_name(block.name), styles["sign_name"])])
        data.append(["", _para(mark, styles["sign_mark"]) if mark else "", ""])
        commands += [
            ("LINEBELOW", (1, top), (1, top), 0.5, colors.black),
            ("VALIGN", (0, top), (-1, top), "BOTTOM"),
            ("TOPPADDING", (0, top), (-1, top), 14 * mm if top else 4 * mm),
            ("BOTTOMPADDING", (0, top), (-1, top), 1),
            ("TOPPADDING", (0, top + 1), (-1, top + 1), 1),
        ]
    line_width = 35 * mm
    name_width = 45 * mm
    left_width = layout.width - line_width - name_width - 5 * mm
    # Never split: the blocks move to the next page together.
    table = Table(data, colWidths=[left_width, line_width, name_width + 5 * mm], splitByRow=0)
    table.setStyle(
        TableStyle(
            [
                *commands,
                ("LEFTPADDING", (0, 0), (0, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, -1), 4 * mm),
                ("RIGHTPADDING", (-1, 0), (-1, -1), 0),
            ]
        )
    )
    table.spaceBefore = 8 * mm  # a space the group measures (a Spacer would end the chain)
    return [table]


def story_of(snapshot: ProtocolSnapshot, width: float) -> list[Flowable]:
    """The flowables of the whole protocol, in reading order."""
    layout = _Layout(snapshot, width)
    story = _header(snapshot, layout)
    story += _attendance(snapshot, layout)
    story += _agenda(snapshot, layout)
    for item in snapshot.items:
        story += _item(item, layout)
    if snapshot.recommendations_note:
        story.append(Spacer(1, 3 * mm))
        story += _paras(snapshot.recommendations_note, layout.styles["body"])
    signatures = _signatures(snapshot, layout)
    if signatures:
        # The signatures never stand alone on a page: the text's last paragraph keeps with
        # them (and what keeps with it: the decision its result records), with the table
        # and space after it where the text ends with an instruction table.
        for flowable in reversed(story[-4:]):
            flowable.keepWithNext = 1
            if isinstance(flowable, Paragraph):
                break
    story += signatures
    annexes = 0
    if snapshot.roll_calls:
        annexes += 1
        story += _roll_call_annex(snapshot, layout, annexes)
    if snapshot.dissents:
        annexes += 1
        story += _dissent_annex(snapshot, layout, annexes)
    return story


# -- the document --------------------------------------------------------------------------------


def _footer(reference: str) -> Footer:
    """The foot of every page: the protocol number on the left, "N / M" on the right."""
    font = register_fonts().regular

    def draw(canvas: Canvas, number: int, total: int) -> None:
        width, _height = canvas._pagesize
        canvas.setFont(font, FOOTER_SIZE)
        y = BOTTOM_MARGIN / 2
        canvas.drawString(LEFT_MARGIN, y, reference)
        canvas.drawRightString(width - RIGHT_MARGIN, y, f"{number} / {total}")

    return draw


def render_pdf(snapshot: ProtocolSnapshot) -> bytes:
    """The protocol as PDF/A-3b, its snapshot attached; the same bytes for the same snapshot."""
    fonts = register_fonts()
    buffer = io.BytesIO()
    footer = clean(protocol_number_line(snapshot))
    props = properties_of(snapshot, footer)
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=LEFT_MARGIN,
        rightMargin=RIGHT_MARGIN,
        topMargin=TOP_MARGIN,
        bottomMargin=BOTTOM_MARGIN,
        title=props.title,
        author=props.author,
        subject=props.subject,
        keywords=props.keywords,
        creator=PRODUCER,
        producer=PRODUCER,
        lang=props.language,
        invariant=1,
        initialFontName=fonts.regular,
        initialFontSize=BODY_SIZE,
        keepTogetherClass=_KeptGroup,
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
    doc.build(
        story_of(snapshot, doc.width),
        canvasmaker=dated_canvas(numbered_canvas(_footer(footer)), props.created),
    )
    return archival(buffer.getvalue(), record_attachment(snapshot))  # PDF/A-3b


def dated_canvas(
    canvasmaker: Callable[..., Canvas], created: datetime | None
) -> Callable[..., Canvas]:
    """A ``canvasmaker`` whose PDF is dated ``created`` (creation and modification).

    ReportLab's invariant mode dates every PDF 1 January 2000 (and fixes its id), so the
    same protocol gives the same bytes; the date of the snapshot keeps the bytes fixed
    and tells the truth.  Without one (an older snapshot) the invariant date stays.
    """
    if created is None:
        return canvasmaker
    stamp = pdf_date(created)

    def make(*args: Any, **kwargs: Any) -> Canvas:
        canvas = canvasmaker(*args, **kwargs)
        canvas.setDateFormatter(lambda *_parts: stamp)
        return canvas

    return make
