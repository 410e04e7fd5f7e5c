"""A table of members pasted from Word or Excel, read as a composition file is read.

Excel puts a selection on the clipboard as tab-separated text (cells holding
a line break or a quote are quoted); Word puts a table as HTML (``<table>``,
``<tr>``, ``<td>`` with paragraphs inside), with the same table as
tab-separated text beside it.  The HTML is read when it holds a table (Word's
text loses a cell's line breaks), with the standard library's
:class:`html.parser.HTMLParser`; else the text.  The rows then go through the
very checks of a spreadsheet (:func:`~app.formats.composition_sheet_reader.preview_rows`):
the first row names the columns.

A list as a Government resolution prints it — one column, a position per
line, "…, төраға", "(келісу бойынша)" — has no header row; such a table is
read line by line (:func:`~app.formats.composition_columns.read_list_line`).
"""

from __future__ import annotations

import csv
import io
from html.parser import HTMLParser

from app.domain.absence import language_of
from app.domain.translation import N_
from app.formats.composition_columns import Vocabulary, read_list_line, word_key
from app.formats.composition_rows import FieldRules, ImportPreview
from app.formats.composition_sheet_reader import (
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    MAX_ROWS,
    ImportFileError,
    preview_rows,
)

MAX_PASTE_CHARS = 5_000_000  # Word's HTML of a long table is large; a composition is not
_BREAKS = {"br", "p", "div", "li"}


class _TableParser(HTMLParser):
    """The cells of the first table in a piece of HTML (nested tables read as text)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self._depth = 0  # how deep in tables we are
        self._done = False
        self._row: list[str] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._done:
            return
        if tag == "table":
            self._depth += 1
        elif self._depth == 1 and tag == "tr":
            self._row = []
        elif self._depth == 1 and tag in ("td", "th") and self._row is not None:
            self._cell = []
        elif tag in _BREAKS and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if self._done:
            return
        if tag == "table":
            self._depth -= 1
            self._done = self._depth == 0 and bool(self.rows)
        elif self._depth == 1 and tag in ("td", "th"):
            self._end_cell()
        elif self._depth == 1 and tag == "tr":
            self._end_cell()
            if self._row is not None:
                self.rows.append(self._row)
            self._row = None

    def _end_cell(self) -> None:
        if self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
        self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def html_table_rows(html: str) -> list[list[str]]:
    """The rows of the first table in ``html`` (none: no table)."""
    parser = _TableParser()
    parser.feed(html)
    parser.close()
    return parser.rows


def text_table_rows(text: str) -> list[list[str]]:
    """Tab-separated rows as Excel and Word put them on the clipboard."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter="\t")
    try:
        return [list(row) for row in reader]
    except csv.Error:
        return [line.split("\t") for line in text.splitlines()]


def _list_lines(rows: list[list[str]], words: Vocabulary) -> list[list[str]] | None:
    """A one-column list without a header row, as the resolution prints it, as a table."""
    cells = [[c for c in row if c.strip()] for row in rows]
    cells = [row for row in cells if row]
    if not cells or any(len(row) != 1 for row in cells):
        return None
    if word_key(cells[0][0]) in words.headers:
        return None  # a one-column table with a header: read as a table
    table = [["role", "kind", "position_kk", "position_ru", "position_en", "by_agreement"]]
    for (text,) in cells:
        line = read_list_line(text, words)
        lang = language_of(line.title) or "kk"
        titles = {code: line.title if code == lang else "" for code in ("kk", "ru", "en")}
        role = line.role.value if line.role is not None else "member"
        agreement = "yes" if line.by_agreement else "no"
        table.append([role, "ex_officio", titles["kk"], titles["ru"], titles["en"], agreement])
    return table


def read_pasted_table(
    text: str, html: str, name: str, words: Vocabulary, rules: FieldRules
) -> ImportPreview:
    """Read and check a pasted table; nothing is written anywhere.

    ``name`` names the table in messages ("The pasted table").  Refuses
    (:class:`ImportFileError`) what holds no table, an oversized paste, or a
    table that cannot be a composition; problems of single rows are listed
    in the preview with the row number and the reason.
    """
    if len(text) + len(html) > MAX_PASTE_CHARS:
        raise ImportFileError(N_("{name} is too large for a composition list."), name=name)
    rows = html_table_rows(html) if "<table" in html.lower() else []
    if not rows:
        rows = text_table_rows(text)
    rows = [row[:MAX_COLUMNS] for row in rows]
    if len(rows) > MAX_ROWS + 1:
        raise ImportFileError(
            N_("{name} has too many rows for a composition (at most {limit})."),
            name=name,
            limit=MAX_ROWS,
        )
    for number, row in enumerate(rows, start=1):
        for cell in row:
            if len(cell) > MAX_CELL_CHARS:
                raise ImportFileError(
                    N_(
                        "{name}: a cell in row {row} holds {length} characters (at most "
                        "{limit}); this is not a composition list."
                    ),
                    name=name,
                    row=number,
                    length=len(cell),
                    limit=MAX_CELL_CHARS,
                )
    lines = _list_lines(rows, words)
    # A list's lines are numbered from 1 as the secretary sees them (its header is made up).
    table, first = (lines, 0) if lines is not None else (rows, 1)
    numbered: list[tuple[int, list[object]]] = [
        (number, list(row)) for number, row in enumerate(table, start=first)
    ]
    return preview_rows(name, numbered, words, rules)
