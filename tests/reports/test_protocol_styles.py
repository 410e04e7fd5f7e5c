"""app/reports/protocol_styles.py: the protocol's styles, texts as printed, the number line."""

from __future__ import annotations

import dataclasses

import pytest
from reportlab.lib.enums import TA_JUSTIFY

from app.reports import fonts
from app.reports.protocol_styles import (
    BODY_SIZE,
    CELL_SIZE,
    LEADING,
    _styles,
    _x,
    clean,
    protocol_number_line,
)
from tests.reports.protocol_samples import sample_snapshot


def test_texts_are_printed_with_a_plain_no_break_space_and_markup_as_text() -> None:
    assert clean("22\u202fноября") == "22\u00a0ноября"
    assert _x("R&D <b>\u202f</b>") == "R&amp;D &lt;b&gt;\u00a0&lt;/b&gt;"


@pytest.mark.parametrize(
    ("label", "number", "line"),
    [
        ("Протокол № {number}", "3/2026", "Протокол № 3/2026"),
        ("Хаттама №", "3", "Хаттама № 3"),  # an older snapshot: the label without a place
        ("", "3", "3"),
    ],
)
def test_the_number_line_as_the_footer_prints_it(label: str, number: str, line: str) -> None:
    base = sample_snapshot("ru", items=1, members=9)
    snapshot = dataclasses.replace(
        base, labels={**base.labels, "protocol_no": label}, number=number
    )
    assert protocol_number_line(snapshot) == line


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_the_body_is_times_14_single_spaced_and_justified(lang: str) -> None:
    styles = _styles(lang)
    body = styles["body"]

    assert (body.fontName, body.fontSize, body.leading) == (fonts.REGULAR, BODY_SIZE, LEADING)
    assert body.alignment == TA_JUSTIFY
    assert styles["cell"].fontSize == CELL_SIZE < BODY_SIZE
    assert _styles(lang) is styles  # built once, read by every paragraph
    for style in styles.values():
        assert style.fontName.startswith("KenesSerif"), style.name  # embedded, never Helvetica


def test_only_languages_with_a_dictionary_are_hyphenated() -> None:
    assert _styles("ru")["body"].hyphenationLang
    assert not getattr(_styles("kk")["body"], "hyphenationLang", "")
