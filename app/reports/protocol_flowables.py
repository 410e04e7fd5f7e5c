"""Paragraphs and tables of the protocol that break, measure and keep together fast.

ReportLab's :class:`Paragraph` re-breaks its lines on every wrap and parses every
text for markup; a protocol of 186 pages has some 2,000 paragraphs.  Here a
paragraph breaks its lines once per width (its copies share them), a plain text
becomes a paragraph without the parser, its words are measured once per process,
a justified paragraph whose spaces would gape is set ragged-right, and tables and
groups keep their rows and lines together across a page break.  Tests hold every
shortcut to ReportLab's own bytes.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    Paragraph,
    Table,
)
from reportlab.platypus.flowables import _FUZZ, _listWrapOn, listWrapOnFakeWidth
from reportlab.platypus.flowables import KeepTogether as _KeepTogether
from reportlab.platypus.paragraph import _handleBulletWidth, cleanBlockQuotedText
from reportlab.platypus.paragraph import split as split_words
from reportlab.platypus.paragraph import strip as strip_white
from reportlab.platypus.paraparser import ParaFrag, ParaParser

from app.reports.fast_text import FastText
from app.reports.fonts import register_fonts
from app.reports.protocol_styles import (
    CELL_BOTTOM_PADDING,
    CELL_PADDING,
    CELL_SIZE,
    CELL_TOP_PADDING,
    FRAME_HEIGHT,
    KEPT_ROWS,
    LINE_PITCH,
    LOOSE_SPACE,
    _styles,
    clean,
)


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
