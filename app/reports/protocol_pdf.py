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
from collections.abc import Callable, Iterable
from datetime import datetime
from functools import lru_cache
from typing import Any
from xml.sax.saxutils import escape

import pyphen
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import _FUZZ, _listWrapOn, listWrapOnFakeWidth
from reportlab.platypus.flowables import KeepTogether as _KeepTogether
from reportlab.platypus.paragraph import _handleBulletWidth, cleanBlockQuotedText
from reportlab.platypus.paragraph import split as split_words
from reportlab.platypus.paragraph import strip as strip_white
from reportlab.platypus.paraparser import ParaFrag, ParaParser

from app.domain.protocol import (
    DecisionLine,
    DissentLine,
    InstructionLine,
    ItemSection,
    ProtocolSnapshot,
    RollCall,
)
from app.reports.fast_text import FastText
from app.reports.fonts import DOCUMENT_LEADING, DOCUMENT_SIZE, FontNames, register_fonts
from app.reports.official_page import (
    BOTTOM_MARGIN,
    LEFT_MARGIN,
    PRODUCER,
    RIGHT_MARGIN,
    TOP_MARGIN,
)
from app.reports.page_numbers import Footer, numbered_canvas
from app.reports.properties import pdf_date, properties_of
from app.reports.ruled_table import (
    Align,
    Band,
    Cells,
    GridStyle,
    Row,
    RuledTable,
    TextShows,
    text_width,
)

BODY_SIZE = DOCUMENT_SIZE  # Times New Roman 14 (its metric twin), as records offices expect
LEADING = DOCUMENT_LEADING  # single spacing, as Word sets Times New Roman 14
SMALL_SIZE = 12
CELL_SIZE = 12
LINE_PITCH = 1.15  # single spacing of the smaller sizes
CELL_PADDING = 3  # left and right
CELL_TOP_PADDING = 2
CELL_BOTTOM_PADDING = 3
FOOTER_SIZE = 10
FRAME_HEIGHT = A4[1] - TOP_MARGIN - BOTTOM_MARGIN
KEPT_ROWS = 2  # rows of a table kept together at the foot and at the head of a page
HYPHENATION = {"ru": "ru_RU", "en": "en_GB"}  # pyphen's dictionaries; none for Kazakh
LOOSE_SPACE = 1.5  # a justified space stretched past 2.5 spaces leaves rivers
INDENT = 12.5 * mm  # the paragraph indent of official documents
ANNEX_HEADING_INDENT_MM = 95  # the annex heading's block starts right of the middle
ANNEX_HEADING_INDENT = ANNEX_HEADING_INDENT_MM * mm
HEAD_BACKGROUND = colors.HexColor("#f2f2f2")
# Column widths in mm; the text column (instruction, member) takes the rest.
INSTRUCTION_COLUMNS_MM = (14, 38, 34, 32)  # number, executor, deadline, form of completion
ROLL_CALL_COLUMNS_MM = (12, 42)  # number, vote
ROLL_CALL_ALIGN: tuple[Align, Align, Align] = ("RIGHT", "LEFT", "LEFT")

NARROW_NBSP = "\u202f"
NBSP = "\u00a0"

Styles = dict[str, ParagraphStyle]


def clean(text: str) -> str:
    """Text as printed: the narrow no-break space (Babel's) becomes a no-break space."""
    return text.replace(NARROW_NBSP, NBSP)


def _x(text: str) -> str:
    """Text for a Paragraph: cleaned and escaped (markup characters print as text)."""
    return escape(text.replace(NARROW_NBSP, NBSP))


def protocol_number_line(snapshot: ProtocolSnapshot) -> str:
    """ "Protocol No. 3": the label with the number, as the footer prints it."""
    label = snapshot.labels.get("protocol_no", "")
    if "{number}" in label:
        return label.replace("{number}", snapshot.number)
    return f"{label} {snapshot.number}".strip()


# -- styles --------------------------------------------------------------------------------------


@lru_cache(maxsize=4)
def _hyphenator(lang: str) -> Callable[[str], Iterable[tuple[str, str]]] | str:
    """Where a word may break, for ReportLab: never inside a proper name.

    A name broken across lines («Кел-лер», «Әбе-нов») is what a records clerk
    corrects first, so words that start with a capital letter are not hyphenated;
    the rest use pyphen's dictionary for the language ("" where it has none).
    """
    code = HYPHENATION.get(lang, "")
    if not code:
        return ""
    iterate = pyphen.Pyphen(lang=code).iterate

    def positions(word: str) -> Iterable[tuple[str, str]]:
        return () if word[:1].isupper() else iterate(word)

    return positions


@lru_cache(maxsize=4)
def _styles(lang: str = "") -> Styles:
    """The paragraph styles of a protocol in ``lang``, built once: Paragraphs only read them.

    Everything is set in the body size, Times New Roman 14 with single spacing, but
    tables, details and the footer (12 and 10 pt).  Justified texts are hyphenated where
    pyphen has the language's dictionary (Russian, English); a justified paragraph
    whose lines would still stretch their spaces into rivers is set ragged-right
    (:meth:`_Para.wrap`).
    """
    fonts: FontNames = register_fonts()
    body = ParagraphStyle(
        "body",
        fontName=fonts.regular,
        fontSize=BODY_SIZE,
        leading=LEADING,
        alignment=TA_JUSTIFY,
        firstLineIndent=INDENT,
        spaceAfter=3,
        hyphenationLang=_hyphenator(lang),
        allowWidows=0,  # no last line of a paragraph alone at the head of a page
        allowOrphans=0,  # nor its first line alone at the foot of one
    )
    line = ParagraphStyle(
        "line",
        parent=body,
        alignment=TA_LEFT,
        firstLineIndent=0,
        leftIndent=INDENT,
        spaceAfter=1,
        hyphenationLang="",
    )
    small = ParagraphStyle(
        "small",
        parent=line,
        fontSize=SMALL_SIZE,
        leading=SMALL_SIZE * LINE_PITCH,
    )
    cell = ParagraphStyle(
        "cell",
        parent=line,
        fontSize=CELL_SIZE,
        leading=CELL_SIZE * LINE_PITCH,
        leftIndent=0,
        spaceAfter=0,
    )
    return {
        "body": body,
        "council": ParagraphStyle(
            "council",
            parent=line,
            fontName=fonts.bold,
            alignment=TA_CENTER,
            leftIndent=0,
            spaceAfter=6,
        ),
        "title": ParagraphStyle(
            "title",
            parent=line,
            fontName=fonts.bold,
            alignment=TA_CENTER,
            leftIndent=0,
            spaceAfter=10,
        ),
        "meta_left": ParagraphStyle("meta_left", parent=line, leftIndent=0, spaceAfter=0),
        "meta_right": ParagraphStyle(
            "meta_right", parent=line, alignment=TA_RIGHT, leftIndent=0, spaceAfter=0
        ),
        "note": ParagraphStyle(
            "note",
            parent=body,
            fontSize=SMALL_SIZE,
            leading=SMALL_SIZE * LINE_PITCH,
            firstLineIndent=0,
            borderWidth=0.5,
            borderColor=colors.black,
            borderPadding=(3, 4, 4, 4),
            spaceBefore=8,
            spaceAfter=10,
        ),
        # The act named in full: a plain reference line, not a boxed notice.
        "basis": ParagraphStyle(
            "basis",
            parent=body,
            fontSize=SMALL_SIZE,
            leading=SMALL_SIZE * LINE_PITCH,
            firstLineIndent=0,
            spaceBefore=6,
            spaceAfter=4,
        ),
        "presiding": ParagraphStyle(
            "presiding", parent=line, leftIndent=0, spaceBefore=8, spaceAfter=3
        ),
        "label": ParagraphStyle(
            "label",
            parent=line,
            fontName=fonts.bold,
            leftIndent=0,
            spaceBefore=6,
            spaceAfter=2,
            keepWithNext=1,
        ),
        "sublabel": ParagraphStyle(
            "sublabel",
            parent=line,
            leftIndent=0,
            spaceAfter=2,
            keepWithNext=1,
        ),
        "line": line,
        "hanging": ParagraphStyle(
            "hanging", parent=line, leftIndent=INDENT + 6 * mm, firstLineIndent=-6 * mm
        ),
        "count": ParagraphStyle("count", parent=line, leftIndent=0, spaceBefore=3),
        "detail": ParagraphStyle("detail", parent=small, leftIndent=INDENT + 6 * mm, spaceAfter=2),
        "section": ParagraphStyle(
            "section",
            parent=line,
            fontName=fonts.bold,
            alignment=TA_CENTER,
            leftIndent=0,
            spaceBefore=10,
            spaceAfter=6,
            keepWithNext=1,
        ),
        "agenda": ParagraphStyle(
            "agenda",
            parent=line,
            leftIndent=8 * mm,
            bulletIndent=0,
            bulletFontName=fonts.regular,
            bulletFontSize=BODY_SIZE,
            spaceAfter=2,
        ),
        "item": ParagraphStyle(
            "item",
            parent=line,
            fontName=fonts.bold,
            leftIndent=0,
            firstLineIndent=INDENT,
            spaceBefore=12,
            spaceAfter=4,
            keepWithNext=1,
        ),
        # A decision keeps with its result: the vote is never apart from what it decided.
        "decision": ParagraphStyle(
            "decision", parent=body, spaceBefore=3, spaceAfter=2, keepWithNext=1
        ),
        # The result of a vote: in the body's size (it is the decision's record), after it.
        "result": ParagraphStyle("result", parent=line, spaceAfter=4),
        # A decision with instructions: it, its result and the table's head stay together.
        "decision_kept": ParagraphStyle(
            "decision_kept", parent=body, spaceBefore=3, spaceAfter=2, keepWithNext=1
        ),
        "result_kept": ParagraphStyle("result_kept", parent=line, spaceAfter=6, keepWithNext=1),
        "mention": ParagraphStyle("mention", parent=line, spaceAfter=3),
        "cell": cell,
        "cell_head": ParagraphStyle(
            "cell_head", parent=cell, fontName=fonts.bold, alignment=TA_CENTER
        ),
        "cell_bold": ParagraphStyle("cell_bold", parent=cell, fontName=fonts.bold),
        "sign": ParagraphStyle("sign", parent=line, leftIndent=0, spaceAfter=0),
        "sign_name": ParagraphStyle(
            "sign_name", parent=line, alignment=TA_RIGHT, leftIndent=0, spaceAfter=0
        ),
        "sign_mark": ParagraphStyle(
            "sign_mark",
            parent=cell,
            fontSize=9,
            leading=10,
            alignment=TA_CENTER,
        ),
        "annex": ParagraphStyle(
            "annex",
            parent=line,
            fontName=fonts.bold,
            alignment=TA_CENTER,
            leftIndent=0,
            spaceAfter=10,
            # No keepWithNext: an annex title is at the top of a new page anyway, and kept
            # with a roll call longer than a page it would leave the page it starts empty.
        ),
        # "Annex 1 to Minutes No. 1 of 14 March 2024": top right, as annexes are headed.
        "annex_ref": ParagraphStyle(
            "annex_ref",
            parent=line,
            alignment=TA_LEFT,
            leftIndent=ANNEX_HEADING_INDENT,
            spaceAfter=12,
        ),
        "dissent_head": ParagraphStyle(
            "dissent_head",
            parent=line,
            fontName=fonts.bold,
            leftIndent=0,
            spaceBefore=10,
            spaceAfter=1,
            keepWithNext=1,
        ),
        "dissent_meta": ParagraphStyle(
            "dissent_meta", parent=small, leftIndent=0, spaceAfter=4, keepWithNext=1
        ),
    }


@lru_cache(maxsize=1)
def _table_base() -> tuple[tuple[Any, ...], ...]:
    """Commands every table starts with.

    A table sets its cells' font itself (Helvetica unless told), even around
    paragraphs, and would add an unembedded font to the PDF.
    """
    fonts = register_fonts()
    return (
        ("FONT", (0, 0), (-1, -1), fonts.regular, CELL_SIZE, CELL_SIZE * LINE_PITCH),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), CELL_TOP_PADDING),
        ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_BOTTOM_PADDING),
    )


class _Para(Paragraph):  # type: ignore[misc]  # ReportLab has no type hints
    """A Paragraph that breaks its lines once per width, for itself and its copies.

    The layout asks a paragraph its height more than once at the same width: a
    heading kept with the next paragraph is measured in the group and again on
    its own, a table cell when the table is measured and again when it is drawn;
    and the copies of a repeated text ("Heard:", the heads of the instruction
    tables) are measured at the same widths again and again.  The lines depend
    only on the text, the style and the width, and drawing only reads them, so
    they are kept per width in a memo that copies share (``copy.copy``).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._memo: dict[float, tuple[float, float, Any, Any, Any, ParagraphStyle]] = {}

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        known = self._memo.get(availWidth)
        if known is not None:
            self.width, self.height, self.blPara, self._wrapWidths, self.frags, self.style = known
            return known[0], known[1]
        width, height = super().wrap(availWidth, availHeight)
        if self.style.alignment == TA_JUSTIFY and _loose(self.blPara, self.style):
            self.style = _ragged(self.style)  # the same lines, not stretched
        # The fragments too: breaking a marked-up text turns them into words, which a
        # paragraph split across pages reads with the lines.
        self._memo[availWidth] = (
            width,
            height,
            self.blPara,
            self._wrapWidths,
            self.frags,
            self.style,
        )
        return width, height

    def beginText(self, x: float, y: float) -> FastText:
        return FastText(self.canv, x, y)

    def breakLines(self, width: Any) -> Any:
        """ReportLab's line breaking, with the plain case done by :func:`_plain_lines`."""
        lines = _plain_lines(self, width)
        return super().breakLines(width) if lines is None else lines


def _loose(lines: Any, style: ParagraphStyle) -> bool:
    """Whether justifying these lines would stretch a space past 2.5 times its width.

    The last line is not justified; a line of one word has no space to stretch.  Without
    a hyphenation dictionary (Kazakh), or with a long word that will not hyphenate, a
    short paragraph's lines can be loose enough to leave rivers of white: such a
    paragraph is set ragged-right instead.
    """
    rows = getattr(lines, "lines", None)
    if not rows or len(rows) < 2:
        return False
    if lines.kind == 0:
        space = _space_width(style.fontName, style.fontSize)
        for extra, words in rows[:-1]:
            if len(words) > 1 and extra / (len(words) - 1) > LOOSE_SPACE * space:
                return True
        return False
    for row in rows[:-1]:
        count = getattr(row, "wordCount", 0)
        if getattr(row, "lineBreak", False) or count < 2:
            continue
        space = _space_width(style.fontName, getattr(row, "fontSize", style.fontSize))
        if row.extraSpace / (count - 1) > LOOSE_SPACE * space:
            return True
    return False


def set_ragged(text: str, lang: str, width: float) -> bool:
    """Whether the PDF sets this body paragraph ragged-right at ``width`` (the DOCX follows)."""
    para = _para(text, _styles(lang)["body"])
    para.wrap(width, 1e6)
    return bool(para.style.alignment == TA_LEFT)


@lru_cache(maxsize=64)
def _space_width(font: str, size: float) -> float:
    return float(stringWidth(" ", font, size))


@lru_cache(maxsize=64)
def _ragged(style: ParagraphStyle) -> ParagraphStyle:
    """``style`` set ragged-right (flush left)."""
    return ParagraphStyle(f"{style.name}_ragged", parent=style, alignment=TA_LEFT)


# The width of a word, per font, size and encoding: a word is measured once per process,
# however many paragraphs it appears in.  (Cleared when it grows large.)
_word_widths: dict[tuple[str, float, Any], dict[str, float]] = {}
_WORD_WIDTHS_KEPT = 50_000


def _widths_of(font: str, size: float, encoding: Any) -> dict[str, float]:
    key = (font, size, encoding)
    widths = _word_widths.get(key)
    if widths is None or len(widths) > _WORD_WIDTHS_KEPT:
        widths = _word_widths[key] = {}
    return widths


def _plain_lines(para: Paragraph, width: Any) -> Any:
    """The lines of a paragraph of one plain fragment, as ``Paragraph.breakLines`` makes them.

    ReportLab's loop for this case measures every word with ``stringWidth`` anew; this
    is the same loop (the same sums in the same order, so the same lines and widths)
    with each word's width looked up.  None where it does something else: a paragraph
    with markup, bidirectional or shaped text, hyphenation, dots, soft hyphens, or a
    word longer than its line (ReportLab splits it).
    """
    style = para.style
    frags = para.frags
    if (
        len(frags) != 1
        or style.wordWrap
        or style.shaping
        or style.endDots
        or getattr(style, "hyphenationLang", "")
        or style.uriWasteReduce
        or style.embeddedHyphenation
    ):
        return None
    frag = frags[0]
    text = getattr(frag, "text", None)
    if (
        type(text) is not str
        or hasattr(frag, "cbDefn")
        or hasattr(frag, "backColor")
        or "\xad" in text
    ):
        return None
    words = split_words(strip_white(text))
    if not words or not all(words):
        return None
    if isinstance(width, tuple):
        return None
    max_widths: list[float] = width if isinstance(width, list) else [width]
    first = max_widths[0]
    _handleBulletWidth(para.bulletText, style, max_widths)  # as ReportLab does: in place
    font, size, encoding = frag.fontName, frag.fontSize, para.encoding
    widths = _widths_of(font, size, encoding)
    space = widths.get(" ")
    if space is None:
        space = widths[" "] = stringWidth(" ", font, size, encoding)
    shrink = style.spaceShrinkage * space
    split_long = style.splitLongWords
    last = len(max_widths) - 1
    lines: list[tuple[float, list[str]]] = []
    line: list[str] = []
    lineno = 0
    max_width = max_widths[0]
    current = -space
    widest = 0.0
    for word in words:
        word_width = widths.get(word)
        if word_width is None:
            word_width = widths[word] = stringWidth(word, font, size, encoding)
        new = current + space + word_width
        if new > max_width + shrink * len(line):
            if split_long and word_width > max_widths[min(lineno, last)]:
                max_widths[0] = first  # undo the bullet's share: ReportLab takes it again
                return None
            if line:
                widest = max(widest, current)
                lines.append((max_width - current, line))
                line = [word]
                current = word_width
                lineno += 1
                max_width = max_widths[min(last, lineno)]
                continue
        line.append(word)
        current = new
    widest = max(widest, current)
    lines.append((max_width - current, line))
    para.height = 0
    para._width_max = widest
    para._splitLongWordCount = para._hyphenations = 0
    ascent, descent = getAscentDescent(font, size)
    return frag.clone(kind=0, lines=lines, ascent=ascent, descent=descent, fontSize=size)


class _KeptTable(Table):  # type: ignore[misc]  # ReportLab has no type hints
    """A table under a repeated head that leaves no lone row at the foot or head of a page.

    It splits between rows only with at least :data:`KEPT_ROWS` rows on each side of
    the break; a shorter table moves whole to the next page.  At the top of a frame
    it splits as ReportLab would (nothing else fits better there).
    """

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        self._calc(availWidth, availHeight)
        heights: list[float] = list(self._rowHeights)
        head = self.repeatRows if isinstance(self.repeatRows, int) else len(self.repeatRows)
        used = sum(heights[:head])
        fits = 0
        for height in heights[head:]:
            if used + height > availHeight:
                break
            used += height
            fits += 1
        kept = min(fits, len(heights) - head - KEPT_ROWS)
        if kept < KEPT_ROWS:
            if availHeight >= FRAME_HEIGHT - 1:
                return list(super().split(availWidth, availHeight))
            return []
        # Down to the last row kept: where the rows end, the table splits.
        room = sum(heights[: head + kept]) + 0.01 if kept < fits else availHeight
        return list(super().split(availWidth, room))


class _KeptGroup(_KeepTogether):  # type: ignore[misc]  # ReportLab has no type hints
    """The group the document template makes of a heading kept with what follows.

    ``KeepTogether`` measures its content with ReportLab's ``_listWrapOn``, which
    deep-copies the document's frame for each measurement, so that flowables that add
    content while they are measured add it to the copy.  No flowable of a protocol
    does; this measures the same heights, in the same way, without the copy.
    """

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:  # noqa: N803
        dims: list[tuple[float, float]] = []
        width, height = _measure_group(self._content, aW, self.canv, dims)
        self._H = height
        self._H0 = dims[0][1] if dims else 0
        self._wrapInfo = aW, aH
        return width, 0xFFFFFF  # force a split, as KeepTogether does


def _measure_group(
    content: list[Flowable], width: float, canv: Canvas, dims: list[tuple[float, float]]
) -> tuple[float, float]:
    """``_listWrapOn(content, width, canv, dims=dims)`` for flowables that add no content."""
    if not listWrapOnFakeWidth or any(hasattr(f, "frameAction") for f in content):
        return _listWrapOn(content, width, canv, dims=dims)  # type: ignore[no-any-return]
    widest = 0.0
    total = 0.0
    space_after = 0.0
    at_top = True
    for flowable in content:
        w, h = flowable.wrapOn(canv, width, 0xFFFFFFF)
        dims.append((w, h))
        if h <= _FUZZ:
            continue
        widest = max(widest, min(w, width))
        total += h
        if at_top:
            at_top = False
        else:
            before = flowable.getSpaceBefore()
            if getattr(flowable, "_SPACETRANSFER", False):
                before = space_after
            total += max(before - space_after, 0)
        after = flowable.getSpaceAfter()
        if getattr(flowable, "_SPACETRANSFER", False):
            after = space_after
        space_after = after
        total += space_after
    return widest, total - space_after


def _tidy(text: str) -> bool:
    """Whether ReportLab's clean-up of white space would leave ``text`` as it is.

    It would if the only white space is single spaces inside: every other white-space
    character (the no-break space included) is one Python does not count as printable.
    """
    return text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " "


@lru_cache(maxsize=64)
def _plain_frag(style: ParagraphStyle) -> dict[str, Any]:
    """What ReportLab's parser makes of an unmarked text in ``style``: one fragment."""
    _style, frags, _bullet = ParaParser().parse("x", style)
    return dict(frags[0].__dict__)


def _para(text: str, style: ParagraphStyle, bullet: str | None = None) -> Paragraph:
    """A paragraph of plain ``text`` (markup characters print as text).

    Most texts have no character the markup parser would act on (``<``, ``>``,
    ``&``): their one fragment is made directly, as the parser would make it
    (after ReportLab's clean-up of the whitespace, where there is any to clean),
    which saves parsing some 2,000 paragraphs of a long protocol.
    """
    text = clean(text)
    if "<" in text or ">" in text or "&" in text:
        return _Para(escape(text), style, bullet)
    data = text if _tidy(text) else cleanBlockQuotedText(text)
    frags: list[ParaFrag] = []
    if data:
        frag = ParaFrag()
        frag.__dict__.update(_plain_frag(style), text=data, link=[], us_lines=[])
        frags.append(frag)
    return _Para(text, style, bullet, frags=frags)


def _paras(text: str, style: ParagraphStyle) -> list[Flowable]:
    """A narrative text: one paragraph per non-empty line."""
    return [_para(part, style) for part in text.split("\n") if part.strip()]


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


def annex_heading(snapshot: ProtocolSnapshot, number: int) -> str:
    """ "Annex 1 to Minutes No. 1 of 14 March 2024"; a snapshot from before it: "Protocol No. 1"."""
    heading = snapshot.labels.get("annex_heading", "")
    if not heading:
        return protocol_number_line(snapshot)
    return heading.replace("{annex}", str(number))


def annex_title(snapshot: ProtocolSnapshot, key: str, old_key: str) -> str:
    """The title under an annex heading; a snapshot from before the headings has "Annex 1. ..."."""
    return snapshot.labels.get(key) or snapshot.labels.get(old_key, "")


def roll_call_title(roll: RollCall, item_titles: dict[int, str]) -> tuple[str, str]:
    """The two header lines of a roll-call table: "N. item title", "N.M. decision"."""
    title = item_titles.get(roll.item_number, "")
    item_line = f"{roll.item_number}. {title}" if title else f"{roll.item_number}."
    return item_line, f"{roll.decision_number}. {roll.decision_text}"


def _roll_call_table(
    roll: RollCall, item_titles: dict[int, str], results: dict[str, str], layout: _Layout
) -> RuledTable:
    styles = layout.styles
    item_line, decision_line = roll_call_title(roll, item_titles)
    head: list[Row] = [
        layout.band(item_line, styles["cell_bold"]),
        layout.band(decision_line, styles["cell"]),
    ]
    rows: list[Row] = []
    if roll.counts_only:
        text = layout.labels.get("counts_only", "")
        result = results.get(roll.decision_number, "")
        body = f"<i>{_x(text)}</i>" + (f"<br/>{_x(result)}" if result else "")
        rows.append(Band(layout.marked(body, "cell")))
    else:
        # The column heads and the rows are plain strings: one line each, drawn directly.
        head.append(
            Cells(
                (
                    clean(layout.labels.get("number_sign", "№")),
                    clean(layout.labels.get("member", "")),
                    clean(layout.labels.get("vote", "")),
                ),
                ("CENTER", "CENTER", "CENTER"),
                bold=True,
            )
        )
        mark = clean(layout.labels.get("presiding_mark", ""))
        cell = styles["cell"]
        fits = layout.fits
        _number_width, name_width, vote_width = layout.roll_call.widths
        for number, row in enumerate(roll.rows, 1):
            name = clean(row.name)
            if row.presiding and mark:
                name = f"{name} {mark}"
            choice = clean(row.choice)
            rows.append(
                Cells(
                    (
                        str(number),
                        # Too long for one line (rare): a Paragraph wraps it.
                        name if fits(name, name_width) else _para(name, cell),
                        choice if fits(choice, vote_width) else _para(choice, cell),
                    ),
                    ROLL_CALL_ALIGN,
                )
            )
    return RuledTable(layout.roll_call, head, rows, layout.shows)


def _roll_call_annex(snapshot: ProtocolSnapshot, layout: _Layout, number: int) -> list[Flowable]:
    item_titles = {item.number: item.title for item in snapshot.items}
    results = {d.number: d.result for item in snapshot.items for d in item.decisions}
    story: list[Flowable] = [
        PageBreak(),
        _para(annex_heading(snapshot, number), layout.styles["annex_ref"]),
        _para(annex_title(snapshot, "roll_call_title", "annex_roll_call"), layout.styles["annex"]),
    ]
    for roll in snapshot.roll_calls:
        story.append(_roll_call_table(roll, item_titles, results, layout))
        story.append(Spacer(1, 6 * mm))
    return story


def dissent_meta(dissent: DissentLine, labels: dict[str, str]) -> str:
    """ "Received: 21 November 2026; English"."""
    meta = []
    if dissent.received:
        received = labels.get("received", "")
        meta.append(f"{received}: {dissent.received}" if received else dissent.received)
    if dissent.language:
        meta.append(dissent.language)
    return "; ".join(meta)


def _dissent_annex(snapshot: ProtocolSnapshot, layout: _Layout, number: int) -> list[Flowable]:
    styles = layout.styles
    story: list[Flowable] = [
        PageBreak(),
        _para(annex_heading(snapshot, number), styles["annex_ref"]),
        _para(annex_title(snapshot, "dissents_title", "annex_dissents"), styles["annex"]),
    ]
    for dissent in snapshot.dissents:
        story.append(_para(f"{dissent.number}. {dissent.name}", styles["dissent_head"]))
        meta = dissent_meta(dissent, snapshot.labels)
        if meta:
            story.append(_para(meta, styles["dissent_meta"]))
        story.extend(_paras(dissent.text, styles["body"]))
    return story


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
    """The protocol as PDF bytes; identical bytes for an identical snapshot."""
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
    return buffer.getvalue()


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
