"""The protocol's typography: sizes, spacing, indents and the paragraph styles, built once.

Times New Roman 14 with single spacing (set in its metric twin, Liberation
Serif), tables and details at 12 pt, the footer at 10; the paragraph indent and
the table paddings of Kazakh official documents; Russian and English hyphenated
by pyphen's dictionaries, proper names never.  :mod:`app.reports.protocol_pdf`
lays the protocol out with these; :mod:`app.reports.protocol_docx` sets the
same sizes in Word.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache
from xml.sax.saxutils import escape

import pyphen
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from app.domain.protocol import ProtocolSnapshot
from app.reports.fonts import DOCUMENT_LEADING, DOCUMENT_SIZE, FontNames, register_fonts
from app.reports.official_page import (
    BOTTOM_MARGIN,
    TOP_MARGIN,
)
from app.reports.ruled_table import (
    Align,
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


def protocol_number_line(snapshot: ProtocolSnapshot) -> str:
    """ "Protocol No. 3": the label with the number, as the footer prints it."""
    label = snapshot.labels.get("protocol_no", "")
    if "{number}" in label:
        return label.replace("{number}", snapshot.number)
    return f"{label} {snapshot.number}".strip()
