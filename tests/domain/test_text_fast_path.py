"""clean_text's checks found in C agree with the per-character rule, for every code point."""

from __future__ import annotations

import sys
import unicodedata

import pytest

from app.domain.errors import DomainError
from app.domain.text import _BIDI_CONTROLS, clean_text


def _by_character(value: str, *, multiline: bool) -> str | None:
    """The rule as it was written first: None when the text is refused."""
    text = unicodedata.normalize("NFC", value.translate(_BIDI_CONTROLS)).strip()
    allowed = "\n\t" if multiline else ""
    if any(unicodedata.category(ch) == "Cc" and ch not in allowed for ch in text):
        return None
    return text


def _fast(value: str, *, multiline: bool) -> str | None:
    try:
        return clean_text(value, "name", limit=100, multiline=multiline)
    except DomainError:
        return None


@pytest.mark.parametrize("multiline", [False, True])
def test_every_code_point_is_treated_as_the_per_character_rule_treats_it(multiline: bool) -> None:
    # Every control and every bidirectional control is in the first plane; a few beyond it.
    for code in [*range(0x10000), 0x1F600, 0xE0001, sys.maxunicode]:
        if 0xD800 <= code <= 0xDFFF:
            continue  # half of a surrogate pair: refused by the exchange reader before
        value = f"a{chr(code)}b"
        assert _fast(value, multiline=multiline) == _by_character(value, multiline=multiline), hex(
            code
        )


def test_bidirectional_controls_go_and_controls_are_refused() -> None:
    assert clean_text(" Ұлы\u202e дала\u2066 ", "name") == "Ұлы дала"
    assert clean_text("a\nb\tc", "name", multiline=True) == "a\nb\tc"
    for bad in ("a\nb", "a\x7fb", "a\x85b", "a\x00b"):
        with pytest.raises(DomainError):
            clean_text(bad, "name")
    with pytest.raises(DomainError):
        clean_text("a\rb", "name", multiline=True)
