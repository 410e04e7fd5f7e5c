"""The ruled table of the roll calls, the instruction tables, and the fast paragraphs.

:class:`~app.reports.ruled_table.RuledTable` stands in for ReportLab's ``Table`` in the
roll-call annex; these tests pin what it must keep of a table: row heights, the split
between rows with the head repeated, a cell too long for one line wrapping inside its
column, and the reading order of the text.  A long instruction table (still a ReportLab
table) repeats its head too.  The protocol's paragraphs skip ReportLab's markup parser for
unmarked text: their fragments must be the parser's.
"""

from __future__ import annotations

import dataclasses
import io

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate
from reportlab.platypus.paragraph import cleanBlockQuotedText

from app.domain.protocol import RollCall, VoteRow
from app.reports import fonts
from app.reports.protocol_flowables import _para
from app.reports.protocol_pdf import render_pdf
from app.reports.protocol_styles import _styles
from app.reports.ruled_table import Band, Cells, GridStyle, RuledTable, TextShows
from tests.reports.protocol_samples import sample_snapshot

ALIGN = ("RIGHT", "LEFT", "LEFT")


def fold(text: str) -> str:
    """Whitespace runs as one space, hyphens dropped (a word hyphenated at a line's end)."""
    return " ".join(text.split()).replace("- ", "").replace("-", "")


def grid(keep_rows: int = 1, frame_height: float = 0.0) -> GridStyle:
    names = fonts.register_fonts()
    return GridStyle(
        widths=(30.0, 300.0, 100.0),
        font=names.regular,
        bold=names.bold,
        size=10,
        leading=12,
        keep_rows=keep_rows,
        frame_height=frame_height,
    )


def table(rows: int, shows: TextShows | None = None, style: GridStyle | None = None) -> RuledTable:
    cell = ParagraphStyle("cell10", parent=_styles()["cell"], fontSize=10, leading=12)
    head = [
        Band(Paragraph("Item", cell), shaded=True),
        Cells(("№", "Member", "Vote"), ("CENTER", "CENTER", "CENTER"), bold=True),
    ]
    body = [Cells((str(n), f"Member {n}", "for"), ALIGN) for n in range(1, rows + 1)]
    return RuledTable(style or grid(), head, body, shows or TextShows())


def test_rows_are_one_line_high_plus_padding() -> None:
    ruled = table(3)
    width, height = ruled.wrap(1000, 1000)
    assert width == 430
    # Each row: leading 12 + padding 2 + 3, as a Table with the same style measures it.
    assert height == pytest.approx(5 * 17)


def numbers(part: RuledTable) -> list[str]:
    """The first column of a table's rows."""
    return [str(row.values[0]) for row in part.rows if isinstance(row, Cells)]


def test_it_splits_between_rows_and_repeats_the_head() -> None:
    ruled = table(10)
    ruled.wrap(430, 1000)
    first, rest = ruled.split(430, 2 * 17 + 4 * 17 + 5)  # the head and four rows fit
    assert numbers(first) == ["1", "2", "3", "4"]
    assert rest.head == ruled.head
    assert numbers(rest) == ["5", "6", "7", "8", "9", "10"]
    assert rest.wrap(430, 1000)[1] == pytest.approx(2 * 17 + 6 * 17)


def test_it_keeps_two_rows_on_each_side_of_a_page_break() -> None:
    """With ``keep_rows=2`` no lone row stays under the head at the foot of a page, and
    none goes alone to the next page; at the top of a frame it splits where it must."""
    ruled = table(10, style=grid(keep_rows=2, frame_height=700))
    ruled.wrap(430, 1000)
    assert ruled.split(430, 2 * 17 + 17 + 5) == []  # one row would fit: the next page
    first, rest = ruled.split(430, 2 * 17 + 2 * 17 + 5)
    assert numbers(first) == ["1", "2"] and numbers(rest)[0] == "3"
    first, rest = ruled.split(430, 2 * 17 + 9 * 17 + 5)  # nine fit: one would be left alone
    assert numbers(first) == [str(n) for n in range(1, 9)]
    assert numbers(rest) == ["9", "10"]
    three = table(3, style=grid(keep_rows=2, frame_height=700))
    three.wrap(430, 1000)
    assert three.split(430, 2 * 17 + 2 * 17 + 5) == []  # three rows cannot be split 2 + 2
    # At the top of a frame (a head and one row fill it) it splits rather than never fit.
    tall = table(10, style=grid(keep_rows=2, frame_height=2 * 17 + 17 + 5))
    tall.wrap(430, 1000)
    first, rest = tall.split(430, 2 * 17 + 17 + 5)
    assert numbers(first) == ["1"]


def test_it_never_leaves_the_head_alone_at_the_foot_of_a_page() -> None:
    ruled = table(10)
    ruled.wrap(430, 1000)
    assert ruled.split(430, 2 * 17 + 16) == []  # no room for one row under the head
    assert ruled.split(430, 1000) == [ruled]


def test_a_name_too_long_for_its_column_wraps_inside_it() -> None:
    snapshot = sample_snapshot("en", items=1)
    long_name = "Bartholomew-Alexander Montgomery-Fitzwilliam " * 3
    rows = (VoteRow(long_name.strip(), "for", presiding=True), VoteRow("Short Name", "against"))
    snapshot = dataclasses.replace(
        snapshot, roll_calls=(RollCall(1, "1.1", "Adopt the plan.", rows),)
    )
    reader = PdfReader(io.BytesIO(render_pdf(snapshot)))
    text = fold(" ".join(page.extract_text() for page in reader.pages))
    # The wrapped name keeps its order: number, name (over lines), vote, then the next row.
    assert fold(f"1 {long_name} (presiding) for 2 Short Name against") in text


def test_the_text_reads_in_row_order_and_the_encoding_is_per_document() -> None:
    shows = TextShows()
    pdfs = []
    for _ in range(2):
        buffer = io.BytesIO()
        doc = SimpleDocTemplate(buffer, pagesize=A4, invariant=1)
        doc.build([table(60, shows)])  # two pages: the head again on the second
        pdfs.append(buffer.getvalue())
    assert pdfs[0] == pdfs[1]  # the second document did not reuse the first one's codes
    pages = [fold(page.extract_text()) for page in PdfReader(io.BytesIO(pdfs[0])).pages]
    assert len(pages) == 2
    assert pages[0].startswith("Item № Member Vote 1 Member 1 for 2 Member 2 for")
    assert pages[1].startswith("Item № Member Vote")
    assert pages[1].endswith("60 Member 60 for")


@pytest.mark.parametrize(
    "text",
    [
        "Plain text, with «quotes» – and a dash",
        "  leading and trailing  ",
        "double  space\tand a tab",
        "no-break\u00a0space and narrow\u202fone",
        "\u00a0starts with a no-break space",
        "zero\u200bwidth",
        "Қазақ тілі: ӘҒҚҢӨҰҮҺІ",
        "",
        "   ",
    ],
)
def test_an_unmarked_paragraph_has_the_fragments_the_parser_makes(text: str) -> None:
    style = _styles()["body"]
    fast = _para(text, style)
    printed = text.replace("\u202f", "\u00a0")
    parsed = Paragraph(printed, style)
    assert [f.__dict__ for f in fast.frags] == [f.__dict__ for f in parsed.frags]
    assert [f.text for f in fast.frags] == ([cleanBlockQuotedText(printed)] if parsed.frags else [])


def test_a_marked_up_text_still_prints_as_text() -> None:
    paragraph = _para("R&D <b>plan</b>", _styles()["body"])
    assert "".join(f.text for f in paragraph.frags) == "R&D <b>plan</b>"


def test_interleaved_renders_give_the_same_bytes() -> None:
    """Caches (widths, fragments, wrap memos) never leak from one protocol into another."""
    first, second = sample_snapshot("kk", items=4), sample_snapshot("ru", items=5, members=20)
    alone = render_pdf(first)
    render_pdf(second)
    assert render_pdf(first) == alone


def test_a_long_instruction_table_repeats_its_head_on_the_next_page() -> None:
    snapshot = sample_snapshot("ru", items=1)
    item = snapshot.items[0]
    decision = item.decisions[0]
    line = decision.instructions[0]
    many = tuple(dataclasses.replace(line, number=f"1.1.{n}") for n in range(1, 41))
    item = dataclasses.replace(
        item, decisions=(dataclasses.replace(decision, instructions=many), *item.decisions[1:])
    )
    snapshot = dataclasses.replace(snapshot, items=(item,), roll_calls=(), dissents=())
    reader = PdfReader(io.BytesIO(render_pdf(snapshot)))
    pages = [fold(page.extract_text()) for page in reader.pages]
    labels = snapshot.labels
    head = fold(f"№ {labels['instructions'].rstrip(': ')}")
    with_rows = [n for n, page in enumerate(pages) if "1.1.1 " in page or "1.1.40 " in page]
    first, last = with_rows[0], with_rows[-1]
    assert last > first  # the table crosses a page
    for page in pages[first : last + 1]:
        assert head in page and labels["executor"] in page  # the head on every page
    text = " ".join(pages)
    assert all(text.count(f"1.1.{n} ") == 1 for n in range(1, 41))  # every row once
    # The decision keeps with its result and the head of its table.
    assert fold(decision.text) in pages[first]
