"""The protocol PDF: what it says in kk, ru, en, its pages, annexes, fonts, and the same bytes."""

from __future__ import annotations

import dataclasses
import io
import re
from collections.abc import Iterator
from typing import Any, cast

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject
from reportlab.lib.units import mm

from app.domain.protocol import DecisionLine, ProtocolSnapshot, RollCall, VoteRow
from app.reports import fonts
from app.reports.protocol_annexes import annex_heading
from app.reports.protocol_pdf import render_pdf
from app.reports.protocol_styles import clean
from tests.reports.protocol_samples import sample_snapshot

LANGS = ("kk", "ru", "en")
BASE14 = ("Helvetica", "Times", "Courier", "Symbol", "ZapfDingbats")


def fold(text: str) -> str:
    """Text with each run of whitespace (line breaks, no-break spaces) as one space, and
    without hyphens: a word hyphenated at the end of a line reads as the word.

    Both sides of a comparison are folded, so "вице-министр" broken as "вице- министр"
    and "запланирован- ных" still match.
    """
    return " ".join(text.split()).replace("- ", "").replace("-", "")


def page_texts(data: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(data))
    return [fold(page.extract_text()) for page in reader.pages]


FOOTER = re.compile(r" ?\S+ \S+ \S+ \d+ / \d+$")


def flow(pages: list[str]) -> str:
    """The pages' text as one flow: without the footer ("Protocol No. 3 2 / 8") of each."""
    return " ".join(FOOTER.sub("", page) for page in pages)


def first_page_with(pages: list[str], text: str) -> int:
    """The index of the first page that shows ``text``."""
    return next(n for n, page in enumerate(pages) if fold(text) in page)


def protocol_no(snapshot: ProtocolSnapshot) -> str:
    return snapshot.labels["protocol_no"].format(number=snapshot.number)


def strings(value: Any) -> Iterator[str]:
    """Every string inside a snapshot's plain data."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from strings(item)


@pytest.fixture(scope="module")
def rendered() -> dict[str, tuple[ProtocolSnapshot, bytes, list[str]]]:
    """The sample protocol in each language: the snapshot, the PDF, the text of each page."""
    result = {}
    for lang in LANGS:
        snapshot = sample_snapshot(lang)
        data = render_pdf(snapshot)
        result[lang] = (snapshot, data, page_texts(data))
    return result


# -- what the protocol says ------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_the_header_reads_council_title_city_date_time_place(
    rendered: dict[str, tuple[ProtocolSnapshot, bytes, list[str]]], lang: str
) -> None:
    snapshot, _data, pages = rendered[lang]
    first = pages[0]
    assert first.startswith(fold(f"{snapshot.council_name} {snapshot.title}"))
    # The city on the left and the legal date on the right of one line, then place and time.
    assert fold(f"{snapshot.city} {snapshot.date_text}") in first
    assert fold(f"{snapshot.place} {snapshot.time_text}") in first
    assert first.index(fold(snapshot.title)) < first.index(fold(snapshot.date_text))


@pytest.mark.parametrize("lang", LANGS)
def test_attendance_lists_every_member_the_count_invited_and_absent(
    rendered: dict[str, tuple[ProtocolSnapshot, bytes, list[str]]], lang: str
) -> None:
    snapshot, _data, pages = rendered[lang]
    text = flow(pages)
    labels = snapshot.labels
    assert fold(snapshot.presiding) in text
    assert fold(f"{labels['present']} {labels['members']}") in text
    for person in snapshot.present:
        line = f"{person.name} – {person.position}" + (f" ({person.role})" if person.role else "")
        assert fold(line) in text, line
    assert fold(f"{snapshot.present_count} {snapshot.quorum}") in text
    assert labels["invited"] in text
    for guest in snapshot.invited:
        assert fold(f"{guest.name} – {guest.position}, {guest.organisation}") in text
    assert fold(snapshot.invited[0].instead_of) in text
    assert labels["absent"] in text
    for person in snapshot.absent:
        assert fold(f"{person.name}, {person.position} – {person.note}") in text


@pytest.mark.parametrize("lang", LANGS)
def test_agenda_items_and_every_decision_with_its_result(
    rendered: dict[str, tuple[ProtocolSnapshot, bytes, list[str]]], lang: str
) -> None:
    snapshot, _data, pages = rendered[lang]
    labels = snapshot.labels
    body = flow(pages[: first_page_with(pages, labels["roll_call_title"])])
    assert labels["agenda"] in body
    for number, line in enumerate(snapshot.agenda, 1):
        assert fold(f"{number}. {line}") in body
    for item in snapshot.items:
        assert fold(f"{item.number}. {item.title} {labels['heard']}") in body
        assert fold(item.heard_summary) in body
        assert fold(item.spoke_summary) in body
        for decision in item.decisions:
            assert fold(f"{decision.number}. {decision.text}") in body
            assert fold(f"{labels['voting']} {decision.result}") in body
            for mention in decision.dissent_mentions:
                assert fold(mention) in body
    assert body.count(labels["decided"]) == len(snapshot.items)


def test_the_tie_decision_says_how_the_presiding_vote_decided(
    rendered: dict[str, tuple[ProtocolSnapshot, bytes, list[str]]],
) -> None:
    expected = {
        "kk": "төрағалық етуші «қолдап» дауыс берді, оның даусы шешуші болып табылады",
        "ru": "председательствующий проголосовал «за», и его голос является решающим",
        "en": "the presiding member voted for, and the presiding member's vote decides",
    }
    for lang, sentence in expected.items():
        snapshot, _data, pages = rendered[lang]
        tie = snapshot.items[1].decisions[0]
        assert tie.counts[0] == tie.counts[1]
        assert sentence in flow(pages)


@pytest.mark.parametrize("lang", LANGS)
def test_instructions_are_a_table_with_executor_deadline_and_form(
    rendered: dict[str, tuple[ProtocolSnapshot, bytes, list[str]]], lang: str
) -> None:
    snapshot, _data, pages = rendered[lang]
    labels = snapshot.labels
    text = flow(pages)
    for head in ("executor", "deadline", "completion_form"):
        assert labels[head] in text
    instructions = [i for item in snapshot.items for d in item.decisions for i in d.instructions]
    assert len(instructions) == 3
    for line in instructions:
        assert fold(line.number) in text
        # Table cells wrap inside their column: every word is there, in order.
        for part in (line.text, line.executor, line.deadline, line.completion_form):
            assert all(word in text for word in part.split()), part


@pytest.mark.parametrize("lang", LANGS)
def test_signature_blocks_close_the_protocol(
    rendered: dict[str, tuple[ProtocolSnapshot, bytes, list[str]]], lang: str
) -> None:
    snapshot, _data, pages = rendered[lang]
    last_body_page = pages[first_page_with(pages, snapshot.labels["roll_call_title"]) - 1]
    assert len(snapshot.signatures) == 2
    # Each block: the role, the position under it, the name (initials first) on the right,
    # "(signature)" under the line; the presiding person's block first.
    at = 0
    for block in snapshot.signatures:
        assert block.position
        role = last_body_page.index(fold(block.role), at)
        position = last_body_page.index(fold(block.position), role)
        name = last_body_page.index(fold(block.name), position)
        at = last_body_page.index(snapshot.labels["signature"], name)
        assert block.name.split("\u00a0")[0].endswith(".")  # "Н. С. Әбенов"
    assert last_body_page.count(snapshot.labels["signature"]) == 2
    body = flow(pages)
    assert body.index(fold(snapshot.signatures[0].name)) > body.index(snapshot.items[-1].title)


@pytest.mark.parametrize("lang", LANGS)
def test_the_roll_call_annex_starts_a_page_and_marks_the_presiding_member(
    rendered: dict[str, tuple[ProtocolSnapshot, bytes, list[str]]], lang: str
) -> None:
    snapshot, _data, pages = rendered[lang]
    labels = snapshot.labels
    start = first_page_with(pages, labels["roll_call_title"])
    heading = fold(f"{annex_heading(snapshot, 1)} {labels['roll_call_title']}")
    assert pages[start].startswith(heading)
    annex = flow(pages[start:])
    named = [r for r in snapshot.roll_calls if not r.counts_only]
    for roll in named:
        assert fold(f"{roll.decision_number}. {roll.decision_text}") in annex
        presiding = next(row for row in roll.rows if row.presiding)
        assert fold(f"1 {presiding.name} {labels['presiding_mark']} {presiding.choice}") in annex
        last = roll.rows[-1]
        assert fold(f"{len(roll.rows)} {last.name} {last.choice}") in annex
    assert annex.count(fold(f"№ {labels['member']} {labels['vote']}")) >= len(named)


@pytest.mark.parametrize("lang", LANGS)
def test_a_roll_call_counted_without_names_says_so(
    rendered: dict[str, tuple[ProtocolSnapshot, bytes, list[str]]], lang: str
) -> None:
    snapshot, _data, pages = rendered[lang]
    counts_only = [r for r in snapshot.roll_calls if r.counts_only]
    assert len(counts_only) == 1
    annex = flow(pages[first_page_with(pages, snapshot.labels["roll_call_title"]) :])
    decision = snapshot.items[2].decisions[1]
    assert fold(f"{snapshot.labels['counts_only']} {decision.result}") in annex


@pytest.mark.parametrize("lang", LANGS)
def test_the_dissent_annex_gives_each_opinion_in_full(
    rendered: dict[str, tuple[ProtocolSnapshot, bytes, list[str]]], lang: str
) -> None:
    snapshot, _data, pages = rendered[lang]
    labels = snapshot.labels
    start = first_page_with(pages, labels["dissents_title"])
    assert start > first_page_with(pages, labels["roll_call_title"])
    assert pages[start].startswith(fold(f"{annex_heading(snapshot, 2)} {labels['dissents_title']}"))
    annex = flow(pages[start:])
    assert snapshot.dissents
    for dissent in snapshot.dissents:
        assert fold(f"{dissent.number}. {dissent.name}") in annex
        assert fold(f"{labels['received']}: {dissent.received}; {dissent.language}") in annex
        assert fold(dissent.text) in annex


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_carries_the_protocol_number_and_n_of_m(
    rendered: dict[str, tuple[ProtocolSnapshot, bytes, list[str]]], lang: str
) -> None:
    snapshot, _data, pages = rendered[lang]
    total = len(pages)
    assert total >= 4
    assert pages[0].endswith(f"{protocol_no(snapshot)} 1 / {total}")
    for number, text in enumerate(pages, 1):
        assert text.endswith(f"{protocol_no(snapshot)} {number} / {total}"), number


def test_the_parts_come_in_the_order_of_official_minutes(
    rendered: dict[str, tuple[ProtocolSnapshot, bytes, list[str]]],
) -> None:
    snapshot, _data, pages = rendered["ru"]
    text = flow(pages)
    labels = snapshot.labels
    marks = [
        snapshot.title,
        snapshot.date_text,
        fold(snapshot.presiding),
        labels["present"],
        snapshot.present_count,
        labels["invited"],
        labels["absent"],
        labels["agenda"],
        f"1. {snapshot.items[0].title} {labels['heard']}",
        labels["spoke"],
        labels["decided"],
        f"3. {snapshot.items[2].title} {labels['heard']}",
        snapshot.signatures[0].role,
        snapshot.signatures[1].role,
        labels["roll_call_title"],
        labels["dissents_title"],
    ]
    position = 0
    for mark in marks:  # each after the one before
        position = text.index(fold(mark), position) + 1


def test_revision_and_recommendation_notes() -> None:
    snapshot = sample_snapshot("kk", revision=True, recommendations=True)
    pages = page_texts(render_pdf(snapshot))
    first = pages[0]
    # The revision note sits near the top: after the date line, before the presiding person.
    assert first.index(fold(snapshot.date_text)) < first.index(fold(snapshot.revision_note))
    assert first.index(fold(snapshot.revision_note)) < first.index(fold(snapshot.presiding))
    text = flow(pages)
    note = text.index(fold(snapshot.recommendations_note))
    assert text.index(fold(snapshot.items[-1].decisions[-1].result)) < note
    assert text.index(snapshot.signatures[0].role, note) > note
    assert "Revision" not in " ".join(page_texts(render_pdf(sample_snapshot("en"))))


def test_markup_characters_and_the_narrow_no_break_space_print_as_text() -> None:
    snapshot = sample_snapshot("en", items=1)
    odd = 'R&D <b>plan</b> & "X" <i>'
    item = snapshot.items[0]
    decision = dataclasses.replace(item.decisions[0], text=odd)
    snapshot = dataclasses.replace(
        snapshot,
        items=(dataclasses.replace(item, decisions=(decision,)),),
        roll_calls=(RollCall(1, "1.1", odd, (VoteRow("A <&> B", "for", presiding=True),)),),
        time_text="10:00\u202fAM",
    )
    assert clean("10:00\u202fAM") == "10:00\u00a0AM"  # a space every font has
    text = " ".join(page_texts(render_pdf(snapshot)))
    assert "10:00 AM" in text
    assert f"1.1. {odd}" in text
    assert "A <&> B (presiding) for" in text


# -- long roll calls -------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_long_roll_call_repeats_its_header_on_the_next_page(lang: str) -> None:
    snapshot = sample_snapshot(lang, items=1, members=60)
    roll = snapshot.roll_calls[0]
    assert len(roll.rows) == 58
    pages = page_texts(render_pdf(snapshot))
    labels = snapshot.labels
    start = first_page_with(pages, labels["roll_call_title"])
    first, second = pages[start], pages[start + 1]
    # The annex starts its page with the reference, the title and the table at once: the
    # title is not kept with a table longer than a page (which left a page nearly empty).
    assert first.startswith(fold(f"{annex_heading(snapshot, 1)} {labels['roll_call_title']}"))
    assert fold(f"1 {roll.rows[0].name}") in first
    assert labels["dissents_title"] not in second  # still the roll call
    head = fold(
        f"1. {snapshot.items[0].title} 1.1. {roll.decision_text} "
        f"№ {labels['member']} {labels['vote']}"
    )
    assert head in first
    assert head in second  # the header rows repeated
    last = roll.rows[-1]
    assert fold(f"58 {last.name} {last.choice}") in second
    assert fold(f"58 {last.name}") not in first
    # Every member is listed once.
    annex = flow(pages[start : start + 2])
    for number, row in enumerate(roll.rows, 1):
        assert fold(f"{number} {row.name}") in annex


def test_a_bare_decision_without_result_or_annexes() -> None:
    snapshot = sample_snapshot("en", items=1)
    bare = DecisionLine("1.1", "Postpone the item.", False, (0, 0, 0, 0), "")
    item = dataclasses.replace(
        snapshot.items[0], heard=(), heard_summary="", spoke=(), spoke_summary="", decisions=(bare,)
    )
    snapshot = dataclasses.replace(
        snapshot, items=(item,), roll_calls=(), dissents=(), invited=(), absent=()
    )
    pages = page_texts(render_pdf(snapshot))
    text = flow(pages)
    assert "1.1. Postpone the item." in text
    assert snapshot.labels["roll_call_title"] not in text
    assert snapshot.labels["dissents_title"] not in text
    assert snapshot.labels["heard"] not in text


# -- the document ----------------------------------------------------------------------------------


def test_the_same_snapshot_gives_the_same_bytes() -> None:
    for lang in LANGS:
        assert render_pdf(sample_snapshot(lang)) == render_pdf(sample_snapshot(lang))
    assert render_pdf(sample_snapshot("kk", items=2)) != render_pdf(sample_snapshot("kk", items=3))


def test_metadata_and_a4_pages_with_the_official_margins(
    rendered: dict[str, tuple[ProtocolSnapshot, bytes, list[str]]],
) -> None:
    snapshot, data, _pages = rendered["kk"]
    reader = PdfReader(io.BytesIO(data))
    metadata = reader.metadata
    assert metadata is not None
    # Title: the protocol, the council, the date; author: the council; subject: the agenda.
    assert metadata.title == fold(
        f"{protocol_no(snapshot)} – {snapshot.council_name} – {snapshot.date_text}"
    )
    assert metadata.author == snapshot.council_name
    assert metadata.producer == "Kenes" and metadata.creator == "Kenes"
    assert metadata.subject == "; ".join(snapshot.agenda)
    assert protocol_no(snapshot) in str(metadata["/Keywords"])
    assert snapshot.council_name in str(metadata["/Keywords"])
    # Dated when the snapshot says (signed 27 November 2026, 09:30 UTC), not in 2000.
    assert metadata["/CreationDate"] == "D:20261127093000Z" == metadata["/ModDate"]
    assert reader.trailer["/Root"]["/Lang"] == "kk-KZ"
    for page in reader.pages:
        assert [round(float(v)) for v in page.mediabox] == [0, 0, 595, 842]
        xs: list[float] = []
        ys: list[float] = []

        def visit(
            text: str,
            cm: list[float],
            tm: list[float],
            _font: object,
            _size: object,
            xs: list[float] = xs,
            ys: list[float] = ys,
        ) -> None:
            if text.strip():
                xs.append(tm[4] * cm[0] + tm[5] * cm[2] + cm[4])
                ys.append(tm[4] * cm[1] + tm[5] * cm[3] + cm[5])

        page.extract_text(visitor_text=visit)
        assert min(xs) >= 30 * mm - 0.5
        assert max(ys) <= 842 - 20 * mm
        assert min(ys) >= 5 * mm  # the footer sits in the bottom margin


def fonts_of(data: bytes) -> list[DictionaryObject]:
    reader = PdfReader(io.BytesIO(data))
    found = []
    for page in reader.pages:
        resources = cast(DictionaryObject, page["/Resources"].get_object())
        for font in cast(DictionaryObject, resources["/Font"].get_object()).values():
            found.append(cast(DictionaryObject, font.get_object()))
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_every_font_is_embedded_and_none_is_helvetica(
    rendered: dict[str, tuple[ProtocolSnapshot, bytes, list[str]]], lang: str
) -> None:
    _snapshot, data, _pages = rendered[lang]
    used = fonts_of(data)
    assert used
    for font in used:
        assert not any(name in str(font["/BaseFont"]) for name in BASE14), font
        assert "LiberationSerif" in str(font["/BaseFont"])
        descriptor = cast(DictionaryObject, font["/FontDescriptor"].get_object())
        assert "/FontFile2" in descriptor, font["/BaseFont"]
    assert b"Helvetica" not in data


@pytest.mark.parametrize("lang", LANGS)
def test_the_embedded_fonts_have_a_glyph_for_every_character(lang: str) -> None:
    """Every character of every string of the snapshot is in the font's cmap (charToGlyph)."""
    snapshot = sample_snapshot(lang, revision=True, recommendations=True)
    text = "".join(strings(snapshot.to_dict())).replace("\u202f", "\u00a0") + "№–/"
    for name in (fonts.REGULAR, fonts.BOLD):
        assert fonts.missing_glyphs(text, name) == set(), name


def test_the_kazakh_sample_uses_every_kazakh_letter() -> None:
    text = "".join(strings(sample_snapshot("kk").to_dict()))
    assert set(fonts.KAZAKH_LETTERS) <= set(text)
    pages = " ".join(page_texts(render_pdf(sample_snapshot("kk"))))
    assert set(fonts.KAZAKH_LETTERS) <= set(pages)


@pytest.mark.parametrize("lang", LANGS)
def test_the_fast_text_path_writes_the_bytes_reportlab_would(
    lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``FastText`` encodes text itself; ReportLab's own text object must give the same PDF.

    Guards a ReportLab upgrade: the fast path leans on how ReportLab assigns font codes.
    """
    from reportlab.pdfgen.textobject import PDFTextObject

    from app.reports import protocol_pdf

    snapshot = sample_snapshot(lang)
    fast = render_pdf(snapshot)
    monkeypatch.setattr(
        protocol_pdf._Para, "beginText", lambda self, x, y: PDFTextObject(self.canv, x, y)
    )
    assert render_pdf(snapshot) == fast


@pytest.mark.parametrize("lang", LANGS)
def test_the_fast_line_breaking_breaks_as_reportlab_does(
    lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``_plain_lines`` breaks plain paragraphs itself; ReportLab's own must give the same PDF.

    The vote results, one paragraph per text copied, and the groups kept together, measured
    without ReportLab's frame copy, are held to ReportLab's own bytes too.
    """
    from reportlab.platypus import KeepTogether, Paragraph

    from app.reports import protocol_flowables, protocol_pdf

    snapshot = sample_snapshot(lang, 12)
    fast = render_pdf(snapshot)

    # Line by line: every plain paragraph of the protocol, broken both ways.
    plain_lines = protocol_flowables._plain_lines
    checked = 0

    def both(para: Paragraph, width: list[float]) -> None:
        nonlocal checked
        mine = plain_lines(para, list(width))
        if mine is not None:
            assert mine.__dict__ == Paragraph.breakLines(para, list(width)).__dict__
            checked += 1
        # None: ReportLab breaks the lines the PDF is made of.

    monkeypatch.setattr(protocol_flowables, "_plain_lines", both)
    monkeypatch.setattr(protocol_pdf, "_KeptGroup", KeepTogether)
    monkeypatch.setattr(
        protocol_pdf._Layout,
        "marked",
        lambda self, markup, style: protocol_pdf._Para(markup, self.styles[style]),
    )
    assert render_pdf(snapshot) == fast
    assert checked > 100
