"""app/reports/protocol_flowables.py: each shortcut gives what ReportLab's own code gives."""

from __future__ import annotations

import copy

import pytest
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import KeepTogether, Paragraph, Spacer

from app.reports.protocol_flowables import (
    _KeptGroup,
    _KeptTable,
    _para,
    _paras,
    _plain_lines,
    set_ragged,
)
from app.reports.protocol_styles import FRAME_HEIGHT, KEPT_ROWS, _styles

TEXT = (
    "Қазақстан Республикасы Үкіметінің жанындағы Ұлттық инвестициялық кеңестің "
    "отырысында өңірлік кластерлерді дамыту жоспары қаралды және мақұлданды."
)


@pytest.mark.parametrize("width", [120.0, 260.0, 453.5])
@pytest.mark.parametrize("style_name", ["body", "cell", "cell_bold"])
def test_plain_lines_are_reportlab_s_lines(width: float, style_name: str) -> None:
    para = _para(TEXT, _styles("kk")[style_name])

    fast = _plain_lines(para, width)
    own = Paragraph.breakLines(para, width)

    assert fast is not None
    assert fast.lines == own.lines and fast.kind == own.kind == 0
    assert (fast.ascent, fast.descent, fast.fontSize) == (own.ascent, own.descent, own.fontSize)


def test_what_plain_lines_cannot_do_goes_to_reportlab() -> None:
    body = _styles("kk")["body"]
    assert _plain_lines(_para("R&D <b>plan</b>", body), 200) is None  # markup
    assert _plain_lines(_para("со\xadгла\xadсие", body), 200) is None  # soft hyphens
    assert _plain_lines(_para("word " * 20, _styles("ru")["body"]), 200) is None  # hyphenated


def test_a_paragraph_breaks_once_per_width_for_all_its_copies() -> None:
    para = _para(TEXT, _styles("kk")["body"])
    twin = copy.copy(para)

    height = para.wrap(200, 1000)[1]
    assert twin.wrap(200, 1000)[1] == height
    assert twin._memo is para._memo and set(para._memo) == {200}
    assert para.wrap(400, 1000)[1] < height


def test_a_loose_justified_paragraph_is_set_ragged_right() -> None:
    # Kazakh has no hyphenation: two long words on a narrow line would leave a river.
    assert set_ragged("Республикасының инвестициялық кеңесі", "kk", 260)
    short_words = (
        "Бұл жол қысқа сөздерден тұрады, және ол тең түзу болып, еш бос орын қалдырмай, "
        "бет ені бойынша жақсы орналасады деп күтіледі. "
    )
    assert not set_ragged(short_words * 4, "kk", 467.7)  # the body's width: spaces stay small


def test_a_narrative_is_one_paragraph_per_line() -> None:
    paras = _paras("Бірінші.\n\n  \nЕкінші <мәтін>.", _styles("kk")["body"])
    assert ["".join(f.text for f in p.frags) for p in paras] == ["Бірінші.", "Екінші <мәтін>."]


def table(rows: int) -> _KeptTable:
    data = [["No.", "Text"]] + [[str(n), f"row {n}"] for n in range(1, rows + 1)]
    kept = _KeptTable(data, colWidths=[40, 200], rowHeights=[20] * (rows + 1), repeatRows=1)
    kept.wrap(240, 1e6)
    return kept


def test_a_table_splits_leaving_no_lone_row_at_either_side() -> None:
    head = 20
    assert KEPT_ROWS == 2
    first, rest = table(5).split(240, head + 4 * 20 + 1)  # room for 4 of 5 rows
    assert len(first._cellvalues) == 1 + 3 and len(rest._cellvalues) == 1 + 2

    assert table(5).split(240, head + 1 * 20 + 1) == []  # one row would be alone: all moves
    at_top = table(60).split(240, FRAME_HEIGHT)  # at the top of a page it splits anyway
    assert len(at_top) == 2


def test_a_kept_group_measures_what_keep_together_measures() -> None:
    canvas = Canvas("unused.pdf")
    body = _styles("kk")["body"]
    content = [_para(TEXT, body), Spacer(1, 12), _para(TEXT * 2, body)]
    ours, theirs = _KeptGroup(content), KeepTogether([copy.copy(f) for f in content])
    ours.canv = theirs.canv = canvas

    assert ours.wrap(453.5, 700) == theirs.wrap(453.5, 700)
    assert (ours._H, ours._H0) == (theirs._H, theirs._H0)
