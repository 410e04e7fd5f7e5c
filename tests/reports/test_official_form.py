"""The form of an official protocol, read back from real PDFs.

Times New Roman 14 (its metric twin, Liberation Serif, embedded) with single spacing;
the result of a decision in the body's size; justified Russian hyphenated, and a
justified paragraph that would leave rivers set ragged-right; tables that leave no lone
row at the foot or the head of a page; the document dated when it was signed.
"""

from __future__ import annotations

import dataclasses
import io
from typing import Any

import pytest
from pypdf import PdfReader
from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT

from app.domain.protocol import ProtocolSnapshot
from app.reports import fonts
from app.reports.protocol_flowables import _para
from app.reports.protocol_pdf import render_pdf
from app.reports.protocol_styles import BODY_SIZE, _styles
from tests.reports.protocol_samples import sample_snapshot

KAZAKH_BOTH_CASES = "ӘҒҚҢӨҰҮҺІәғқңөұүһі"
FACES = (fonts.REGULAR, fonts.BOLD, fonts.ITALIC, fonts.BOLD_ITALIC)


def pages_of(data: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages]


def flat(text: str) -> str:
    """Whitespace runs as one space, hyphens dropped (words hyphenated at a line's end)."""
    return " ".join(text.split()).replace("- ", "").replace("-", "")


def sized_runs(data: bytes) -> list[tuple[str, str, float]]:
    """Every text run of the PDF: (text, font, size in points)."""
    runs: list[tuple[str, str, float]] = []
    for page in PdfReader(io.BytesIO(data)).pages:

        def visit(text: str, cm: Any, tm: Any, font: Any, size: float) -> None:
            if text.strip() and font is not None:
                scale = (tm[0] ** 2 + tm[1] ** 2) ** 0.5 * (cm[0] ** 2 + cm[1] ** 2) ** 0.5
                runs.append((text, str(font.get("/BaseFont", "")), round(size * scale, 2)))

        page.extract_text(visitor_text=visit)
    return runs


# -- the typeface ----------------------------------------------------------------------------------


def test_every_face_covers_every_kazakh_letter_in_both_cases() -> None:
    assert set(KAZAKH_BOTH_CASES) == set(fonts.KAZAKH_LETTERS)
    typography = "«»„“”–—№…\u00a0"
    russian = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя"
    for face in FACES:
        assert fonts.missing_glyphs(KAZAKH_BOTH_CASES + russian + typography, face) == set(), face
        assert fonts.font_file(face).name.startswith("LiberationSerif-")
    licence = fonts.FONTS_DIR / "LICENSE-LiberationSerif.txt"
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence.read_text(encoding="utf-8")
    assert fonts.DOCUMENT_FONT == "Times New Roman" and fonts.DOCUMENT_SIZE == 14


def test_the_body_and_the_result_of_a_decision_are_14_points() -> None:
    snapshot = sample_snapshot("ru", items=2)
    runs = sized_runs(render_pdf(snapshot))
    result = snapshot.items[0].decisions[0].result
    result_runs = [(font, size) for text, font, size in runs if text.strip() in result]
    assert result_runs
    assert {size for _font, size in result_runs} == {BODY_SIZE}  # not smaller than the body
    assert any("Italic" in font for font, _size in result_runs)  # a real italic face
    heard = snapshot.items[0].heard_summary.split()[0]
    assert any(text.startswith(heard) and size == 14 for text, _font, size in runs)


# -- justified text --------------------------------------------------------------------------------


def test_russian_is_hyphenated_kazakh_is_not() -> None:
    ru = pages_of(render_pdf(sample_snapshot("ru", items=6)))
    kk = pages_of(render_pdf(sample_snapshot("kk", items=6)))
    hyphenated = [
        word for page in ru for word in page.split() if word[-1:] == "-" and len(word) > 3
    ]
    assert hyphenated  # "запланирован-" / "ных"
    assert not [w for page in kk for w in page.split() if w[-1:] == "-" and w[-2:-1].islower()]


def test_a_justified_paragraph_that_would_leave_rivers_is_set_ragged_right() -> None:
    body = _styles("kk")["body"]
    # Long Kazakh words that cannot hyphenate: justified, the first line's spaces would gape.
    loose = _para(
        "Қазақстан Республикасының Цифрлық даму, инновациялар және аэроғарыш өнеркәсібі "
        "министрлігіне Өңірлікинвестициялықжобаларды қаржыландырудыңжаңатетіктерін "
        "әзірлеу тапсырылсын.",
        body,
    )
    loose.wrap(120, 1000)
    assert loose.style.alignment == TA_LEFT
    ru = _styles("ru")["body"]
    tight = _para(
        "Докладчик проинформировал о ходе исполнения: из 12 запланированных мероприятий "
        "исполнено 9, сроки остальных перенесены на первый квартал 2027 года.",
        ru,
    )
    tight.wrap(467, 1000)  # the text width: 165 mm
    assert tight.style.alignment == TA_JUSTIFY


# -- tables ----------------------------------------------------------------------------------------


def with_instructions(snapshot: ProtocolSnapshot, rows: int, filler: int) -> ProtocolSnapshot:
    """The first item with ``rows`` instructions, after ``filler`` sentences of narrative."""
    item = snapshot.items[0]
    decision = item.decisions[0]
    line = decision.instructions[0]
    many = tuple(
        dataclasses.replace(line, number=f"1.1.{n}", text=f"{line.text} ({n})")
        for n in range(1, rows + 1)
    )
    text = " ".join(["Докладчик проинформировал о ходе исполнения поручений."] * filler)
    item = dataclasses.replace(
        item,
        heard_summary=text or item.heard_summary,
        decisions=(dataclasses.replace(decision, instructions=many), *item.decisions[1:]),
    )
    return dataclasses.replace(snapshot, items=(item,), roll_calls=(), dissents=())


def test_an_instruction_table_leaves_no_lone_row_at_a_page_break() -> None:
    """Wherever the table falls, each page it is on holds two of its rows or more, and the
    head repeats on the next page."""
    base = sample_snapshot("ru", items=1)
    head = "№ Протокольные поручения"
    crossed = 0
    for filler in range(0, 64, 3):
        pages = pages_of(render_pdf(with_instructions(base, 5, filler)))
        with_rows = [[n for n in range(1, 6) if f"1.1.{n} " in page] for page in pages]
        used = [rows for rows in with_rows if rows]
        assert sorted(n for rows in used for n in rows) == [1, 2, 3, 4, 5], filler
        for rows, page in zip(with_rows, pages, strict=True):
            if rows:
                assert len(rows) >= 2, (filler, with_rows)
                assert head in page, filler
        crossed += len(used) > 1
    assert crossed  # some placements did cross a page


def test_a_three_row_table_is_never_split() -> None:
    base = sample_snapshot("ru", items=1)
    for filler in range(0, 64, 3):
        pages = pages_of(render_pdf(with_instructions(base, 3, filler)))
        holding = [page for page in pages if "1.1.1 " in page or "1.1.3 " in page]
        assert len(holding) == 1 and "1.1.2 " in holding[0], filler


def test_headings_keep_with_what_follows() -> None:
    """An item's title is never the last line of a page: its "Heard:" follows on the page."""
    snapshot = sample_snapshot("kk", items=12)
    pages = pages_of(render_pdf(snapshot))
    heard = snapshot.labels["heard"]
    for item in snapshot.items:
        kept = " ".join(f"{item.number}. {item.title} {heard}".split())
        assert any(kept in page for page in pages), item.number


# -- the date --------------------------------------------------------------------------------------


def test_the_pdf_is_dated_by_its_snapshot() -> None:
    snapshot = sample_snapshot("en", items=1)
    signed = PdfReader(io.BytesIO(render_pdf(snapshot))).metadata
    assert signed is not None and signed["/CreationDate"] == "D:20261127093000Z"
    local = dataclasses.replace(snapshot, document_date="2026-11-20T10:00:00+05:00")
    dated = PdfReader(io.BytesIO(render_pdf(local))).metadata
    assert dated is not None and dated["/CreationDate"] == "D:20261120100000+05'00'"
    old = dataclasses.replace(snapshot, document_date="")  # stored before the field existed
    undated = PdfReader(io.BytesIO(render_pdf(old))).metadata
    assert undated is not None and str(undated["/CreationDate"]).startswith("D:2000")
    assert render_pdf(local) == render_pdf(local)


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_an_old_snapshot_still_loads_and_renders(lang: str) -> None:
    """A snapshot stored before the form's fields (no annex headings, no signer positions,
    no date) loads and renders in the form it had: "Annex 1. Roll call" titles."""
    data = sample_snapshot(lang, items=2).to_dict()
    for key in ("annex_heading", "roll_call_title", "dissents_title"):
        del data["labels"][key]
    del data["document_date"]
    for block in data["signatures"]:
        del block["position"]
    old = ProtocolSnapshot.from_dict(data)
    text = " ".join(pages_of(render_pdf(old)))
    assert " ".join(old.labels["annex_roll_call"].split()) in text


def test_the_signatures_keep_with_the_last_decision_and_its_result() -> None:
    """Wherever the text ends, the signatures share their page with the text's last
    paragraph (the last decision with its vote, or the mention of a dissent after it):
    never a page of signatures alone, never a decision apart from its result."""
    for items in range(1, 8):
        snapshot = dataclasses.replace(
            sample_snapshot("en", items=items), roll_calls=(), dissents=()
        )
        pages = pages_of(render_pdf(snapshot))
        last = snapshot.items[-1].decisions[-1]
        signed = [page for page in pages if snapshot.labels["signature"] in page]
        assert len(signed) == 1, items
        page = flat(signed[0])
        if last.dissent_mentions:  # the text ends with the mention of a dissent
            assert flat(last.dissent_mentions[-1]) in page, items
        else:  # the text ends with the decision's vote: the decision goes with it
            assert flat(f"{last.number}. {last.text}") in page, items
            assert flat(last.result)[:40] in page, items
