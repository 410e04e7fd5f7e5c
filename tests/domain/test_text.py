"""app/domain/text.py: the one rule for every stored text."""

from __future__ import annotations

import pytest

from app.domain.errors import DomainError
from app.domain.text import MAX_SHORT_TEXT, clean_text


def test_a_text_is_stripped_and_normalised() -> None:
    # "й" pasted as "и" + a combining breve is stored as the one letter typed on a keyboard.
    assert clean_text("  Қаи\u0306рат ", "name") == "Қайрат"
    assert clean_text("\u0438\u0306", "name") == "\u0439"
    assert clean_text(None, "name") == ""


def test_bidirectional_controls_are_removed() -> None:
    assert clean_text("отчет\u202egpj.exe", "file") == "отчетgpj.exe"
    assert clean_text("\u2066Ұлы дала\u2069", "name") == "Ұлы дала"


@pytest.mark.parametrize("value", ["a\x00b", "a\x07", "a\x7f", "a\x85b", "a\nb", "a\tb"])
def test_control_characters_are_refused_on_one_line(value: str) -> None:
    with pytest.raises(DomainError, match="control characters"):
        clean_text(value, "name")


def test_a_multiline_text_keeps_line_breaks_and_tabs_only() -> None:
    assert clean_text(" a\n\tb \n", "note", multiline=True) == "a\n\tb"
    with pytest.raises(DomainError, match="control characters"):
        clean_text("a\rb", "note", multiline=True)


def test_the_limit_counts_characters_after_cleaning() -> None:
    assert clean_text(" " + "ж" * MAX_SHORT_TEXT + " ", "name") == "ж" * MAX_SHORT_TEXT
    with pytest.raises(DomainError, match=r"too long \(11 characters; at most 10\)"):
        clean_text("ж" * 11, "name", limit=10)


def test_a_required_text_and_a_value_that_is_no_text_are_refused() -> None:
    with pytest.raises(DomainError, match="must not be empty"):
        clean_text(" \u200e ", "surname", required=True)
    with pytest.raises(DomainError, match="must be text"):
        clean_text(12, "surname")
