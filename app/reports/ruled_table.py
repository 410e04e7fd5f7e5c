"""A ruled table under a repeated head, drawn straight onto the canvas.

:class:`RuledTable` draws what a ReportLab ``Table`` draws with fixed column
widths, ``GRID``, a (shaded) head and ``repeatRows``: the same row heights,
paddings, text positions and rules, and the same split between rows with the
head repeated on the next page.  It exists for the protocol's roll calls: a
100-item protocol lists 3,000 votes on 93 pages, and there the general table
machinery (a style object per cell, a measuring pass over every cell again
at each page break, a text object and a font lookup per cell) was 40 % of
the export.  (The instruction tables, a few rows of wrapping paragraphs
each, stay ReportLab tables: there the paragraphs are the cost.)

A row is either a :class:`Band` (a paragraph, or a line of text, across every
column: the item and the decision a roll call is about) or :class:`Cells`
(one per column: a line of text, or a ``Paragraph`` where the text wraps).
Row heights are measured once; the one-line texts of a page are one PDF text
object, each distinct text encoded for the font once per document
(:class:`TextShows`), and the rules one path.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal, TypeAlias

from reportlab.lib import colors
from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph

Align = Literal["LEFT", "RIGHT", "CENTER"]
Cell: TypeAlias = "str | Paragraph"


@lru_cache(maxsize=8192)
def text_width(text: str, font: str, size: float) -> float:
    """The width of ``text`` on one line (names and votes recur in every roll call)."""
    return float(pdfmetrics.stringWidth(text, font, size))


@dataclass(frozen=True)
class GridStyle:
    """What every table of one kind shares: columns, fonts, paddings, rules, shading."""

    widths: tuple[float, ...]
    font: str
    bold: str
    size: float
    leading: float
    left: float = 3
    right: float = 3
    top: float = 2
    bottom: float = 3
    rule: float = 0.5
    shade: colors.Color = colors.white
    # Rows kept together at the foot of a page and at the head of the next (at least one);
    # a table at the top of a frame ``frame_height`` high splits wherever it must.
    keep_rows: int = 1
    frame_height: float = 0.0
    # Where a one-line text starts in its cell, formatted for the PDF: per column, alignment,
    # font and text (names and votes recur in every roll call).
    places: dict[tuple[int, Align, str, str], str] = field(
        default_factory=dict, compare=False, repr=False
    )

    @property
    def width(self) -> float:
        return sum(self.widths)


@dataclass(frozen=True, eq=False)
class Band:
    """A row across every column: a paragraph, or one line of text that fits."""

    content: Cell
    shaded: bool = False
    bold: bool = False  # for a line of text


@dataclass(frozen=True, eq=False)
class Cells:
    """A row of cells, one per column, each aligned as ``align`` says, at the top of the row."""

    values: tuple[Cell, ...]
    align: tuple[Align, ...]
    bold: bool = False


Row = Band | Cells


@dataclass(eq=False)
class TextShows:
    """The PDF operators that show a text, encoded once per document.

    A TrueType font is embedded as subsets whose codes are given out as
    characters first appear in the document, so the encoding of a text is
    fixed once it has been shown; the same name in the next roll call reuses
    it.  One instance serves one document (a new document clears it).
    """

    _doc: Any = None
    _shown: dict[tuple[str, str], tuple[tuple[str, str], ...]] = field(default_factory=dict)

    def runs(self, canv: Canvas, font: str, text: str) -> tuple[tuple[str, str], ...]:
        """``text`` as (font subset resource, escaped string) runs, for ``Tf`` and ``Tj``."""
        doc = canv._doc
        if doc is not self._doc:
            self._doc = doc
            self._shown.clear()
        key = (font, text)
        runs = self._shown.get(key)
        if runs is None:
            face = pdfmetrics.getFont(font)
            runs = self._shown[key] = tuple(
                (face.getSubsetInternalName(subset, doc), escapePDF(data))
                for subset, data in face.splitString(text, doc)
            )
        return runs


class _TextObject:
    """One-line texts gathered into one PDF text object, closed before a paragraph is drawn."""

    def __init__(self, canv: Canvas, shows: TextShows, size: str) -> None:
        self.canv, self.shows, self.size = canv, shows, size
        self.ops: list[str] = []
        self.current = ""  # the font subset chosen in the current text object

    def flush(self) -> None:
        if self.ops:
            self.canv.addLiteral("BT\n" + "\n".join(self.ops) + "\nET")
            self.ops.clear()
            self.current = ""

    def paragraph(self, value: Paragraph, x: float, top: float) -> None:
        self.flush()
        value.drawOn(self.canv, x, top - value.height)

    def line(self, text: str, font: str, place: str, baseline: str) -> None:
        self.ops.append(f"1 0 0 1 {place} {baseline} Tm")
        for resource, data in self.shows.runs(self.canv, font, text):
            if resource != self.current:
                self.ops.append(f"{resource} {self.size} Tf")
                self.current = resource
            self.ops.append(f"({data}) Tj")


class RuledTable(Flowable):  # type: ignore[misc]  # ReportLab has no type hints
    """Rows under a head that repeats on every page the table crosses.

    It splits between rows only, never before the first row after the head
    (as ``Table(repeatRows=...)`` does), and with ``keep_rows`` leaves at least
    that many rows on each side of the break.
    """

    def __init__(
        self,
        style: GridStyle,
        head: Sequence[Row],
        rows: Sequence[Row],
        shows: TextShows,
        *,
        heights: tuple[tuple[float, ...], tuple[float, ...]] | None = None,
    ) -> None:
        super().__init__()
        self.style = style
        self.head = tuple(head)
        self.rows = tuple(rows)
        self.shows = shows
        self._heights = heights
        self.width = style.width
        self.height = 0.0

    # -- measuring and splitting ------------------------------------------------------------

    def _row_height(self, row: Row) -> float:
        style = self.style
        padding = style.top + style.bottom
        if isinstance(row, Band):
            if isinstance(row.content, str):
                return style.leading + padding
            inner = style.width - style.left - style.right
            return float(row.content.wrap(inner, 1e6)[1]) + padding
        if all(type(value) is str for value in row.values):
            return style.leading + padding
        # As a Table measures a row: a text is one line, a paragraph as high as it wraps.
        height = 0.0
        for value, width in zip(row.values, style.widths, strict=True):
            if isinstance(value, Paragraph):
                inner = width - style.left - style.right
                height = max(height, value.wrap(inner, 1e6)[1])
            else:
                height = max(height, style.leading)
        return height + padding

    def _measure(self) -> tuple[tuple[float, ...], tuple[float, ...]]:
        if self._heights is None:
            self._heights = (
                tuple(self._row_height(row) for row in self.head),
                tuple(self._row_height(row) for row in self.rows),
            )
        return self._heights

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        head, rows = self._measure()
        self.height = sum(head) + sum(rows)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        head, rows = self._measure()
        used = sum(head)
        if used + sum(rows) <= availHeight:
            return [self]
        count = 0
        for height in rows:
            if used + height > availHeight:
                break
            used += height
            count += 1
        if count == 0:
            return []  # not even one row under the head: the next page
        keep = self.style.keep_rows
        if keep > 1:
            # No lone row under the head at the foot of the page, none alone on the next.
            kept = min(count, len(rows) - keep)
            if kept < keep:
                at_top = availHeight >= self.style.frame_height - 1
                return [self._part(0, count), self._part(count, len(rows))] if at_top else []
            count = kept
        return [self._part(0, count), self._part(count, len(rows))]

    def _part(self, start: int, stop: int) -> RuledTable:
        head, rows = self._measure()
        return RuledTable(
            self.style,
            self.head,
            self.rows[start:stop],
            self.shows,
            heights=(head, rows[start:stop]),
        )

    # -- drawing ----------------------------------------------------------------------------

    def draw(self) -> None:
        canv: Canvas = self.canv
        head_heights, row_heights = self._measure()
        rows = (*self.head, *self.rows)
        heights = (*head_heights, *row_heights)
        tops: list[float] = []
        top = self.height
        for height in heights:
            tops.append(top)
            top -= height
        self._shade(canv, rows, tops, heights)
        self._text(canv, rows, tops)
        self._rules(canv, rows, tops, heights)

    def _shade(
        self, canv: Canvas, rows: Sequence[Row], tops: Sequence[float], heights: Sequence[float]
    ) -> None:
        """One filled rectangle per run of shaded rows."""
        runs: list[tuple[float, float]] = []
        for row, top, height in zip(rows, tops, heights, strict=True):
            if isinstance(row, Band) and row.shaded:
                if runs and abs(runs[-1][1] - top) < 1e-6:
                    runs[-1] = (runs[-1][0], top - height)
                else:
                    runs.append((top, top - height))
        if not runs:
            return
        canv.saveState()
        canv.setFillColor(self.style.shade)
        for high, low in runs:
            canv.rect(0, low, self.style.width, high - low, stroke=0, fill=1)
        canv.restoreState()

    def _place(self, column: int, align: Align, font: str, text: str) -> str:
        """The x where ``text`` starts in ``column``, formatted for the PDF."""
        style = self.style
        key = (column, align, font, text)
        place = style.places.get(key)
        if place is None:
            left = sum(style.widths[:column])
            width = style.widths[column]
            if align == "LEFT":
                x = left + style.left
            elif align == "RIGHT":
                x = left + width - style.right - text_width(text, font, style.size)
            else:
                middle = left + (width + style.left - style.right) / 2
                x = middle - text_width(text, font, style.size) / 2
            place = style.places[key] = fp_str(x)
        return place

    def _text(self, canv: Canvas, rows: Sequence[Row], tops: Sequence[float]) -> None:
        """The cells in reading order: one-line texts as PDF text objects, paragraphs as drawn."""
        style = self.style
        lefts = [sum(style.widths[:column]) for column in range(len(style.widths))]
        text = _TextObject(canv, self.shows, fp_str(style.size))
        for row, top in zip(rows, tops, strict=True):
            inner = top - style.top  # the top of the cells' content
            baseline = fp_str(inner - style.size)
            font = style.bold if row.bold else style.font
            if isinstance(row, Band):
                if isinstance(row.content, str):
                    text.line(row.content, font, self._place(0, "LEFT", font, ""), baseline)
                else:
                    text.paragraph(row.content, style.left, inner)
                continue
            for column, (value, align) in enumerate(zip(row.values, row.align, strict=True)):
                if isinstance(value, str):
                    if value:
                        place = self._place(column, align, font, value)
                        text.line(value, font, place, baseline)
                else:
                    text.paragraph(value, lefts[column] + style.left, inner)
        text.flush()

    def _rules(
        self, canv: Canvas, rows: Sequence[Row], tops: Sequence[float], heights: Sequence[float]
    ) -> None:
        """The grid: every row's top and bottom, the sides, the column lines between cells."""
        style = self.style
        width = style.width
        lines: list[tuple[float, float, float, float]] = [(0, self.height, width, self.height)]
        lines += [
            (0, top - height, width, top - height)
            for top, height in zip(tops, heights, strict=True)
        ]
        lines += [(0, self.height, 0, 0), (width, self.height, width, 0)]
        # Column lines run down each stretch of Cells rows; a Band has none.
        stretches: list[tuple[float, float]] = []
        for row, top, height in zip(rows, tops, heights, strict=True):
            if isinstance(row, Cells):
                if stretches and abs(stretches[-1][1] - top) < 1e-6:
                    stretches[-1] = (stretches[-1][0], top - height)
                else:
                    stretches.append((top, top - height))
        x = 0.0
        for column in style.widths[:-1]:
            x += column
            lines += [(x, high, x, low) for high, low in stretches]
        canv.saveState()
        canv.setStrokeColor(colors.black)
        canv.setLineWidth(style.rule)
        canv.setLineCap(1)
        canv.setLineJoin(1)
        canv.lines(lines)
        canv.restoreState()
