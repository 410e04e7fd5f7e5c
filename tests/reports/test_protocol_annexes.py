"""app/reports/protocol_annexes.py: the roll-call and dissent annexes, read back from the PDF."""

from __future__ import annotations

import dataclasses
import io

from pypdf import PdfReader

from app.domain.protocol import DissentLine, RollCall
from app.reports.protocol_annexes import (
    annex_heading,
    annex_title,
    dissent_meta,
    roll_call_title,
)
from app.reports.protocol_pdf import render_pdf
from tests.reports.protocol_samples import sample_snapshot

SNAPSHOT = sample_snapshot("en", items=3, members=9)


def page_texts(data: bytes) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages]


def test_an_annex_is_headed_with_its_number_and_the_protocol() -> None:
    heading = annex_heading(SNAPSHOT, 2)
    assert " ".join(heading.split()) == "Annex 2 to Minutes No. 3 of 20 November 2026"
    assert annex_title(SNAPSHOT, "roll_call_title", "annex_roll_call") == (
        "Results of the roll-call vote"
    )


def test_an_older_snapshot_keeps_its_own_annex_words() -> None:
    labels = {
        k: v for k, v in SNAPSHOT.labels.items() if k not in ("annex_heading", "roll_call_title")
    }
    old = dataclasses.replace(SNAPSHOT, labels=labels)

    # No heading of its own: the protocol's number line, as the footer prints it.
    assert annex_heading(old, 1) == SNAPSHOT.labels["protocol_no"].replace("{number}", "3")
    assert annex_title(old, "roll_call_title", "annex_roll_call") == "Annex 1. Roll call"
    assert annex_title(old, "nothing", "nothing either") == ""


def test_a_roll_call_names_the_item_and_the_decision() -> None:
    roll = RollCall(2, "2.1", "To approve the plan.", rows=())
    assert roll_call_title(roll, {2: "The development plan"}) == (
        "2. The development plan",
        "2.1. To approve the plan.",
    )
    assert roll_call_title(roll, {}) == ("2.", "2.1. To approve the plan.")


def test_a_dissent_says_when_it_was_received_and_in_which_language() -> None:
    dissent = DissentLine("2.1", "D. Nurlanov", "Text.", "English", "21 November 2026")
    assert dissent_meta(dissent, SNAPSHOT.labels) == "Received: 21 November 2026; English"
    assert dissent_meta(dissent, {}) == "21 November 2026; English"
    assert dissent_meta(dataclasses.replace(dissent, received="", language=""), {}) == ""


def test_each_annex_starts_a_page_with_its_heading_and_every_vote() -> None:
    pages = page_texts(render_pdf(SNAPSHOT))

    roll_start = next(i for i, t in enumerate(pages) if "Annex 1 to Minutes No. 3" in t)
    dissent_start = next(i for i, t in enumerate(pages) if "Annex 2 to Minutes No. 3" in t)
    assert 0 < roll_start < dissent_start
    assert pages[roll_start].startswith("Annex 1 to Minutes No. 3")
    assert "Results of the roll-call vote" in pages[roll_start]
    annex = " ".join(pages[roll_start:dissent_start])
    for roll in SNAPSHOT.roll_calls:
        assert f"{roll.decision_number}. " in annex
        for row in roll.rows:
            assert row.name in annex
    dissent = SNAPSHOT.dissents[0]
    assert f"{dissent.number}. {dissent.name}" in pages[dissent_start]
    assert "Received: 21 November 2026; English" in pages[dissent_start]
