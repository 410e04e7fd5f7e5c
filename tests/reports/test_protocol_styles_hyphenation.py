"""Hyphenation: Russian and English words break by the dictionary, proper names never."""

from __future__ import annotations

from app.reports.protocol_styles import _hyphenator


def test_common_words_break_and_names_do_not() -> None:
    russian = _hyphenator("ru")
    assert callable(russian)
    assert list(russian("рассмотрения"))  # «рас-смот-ре-ния»
    assert list(russian("Келлер")) == [] and list(russian("Әбенов")) == []
    english = _hyphenator("en")
    assert callable(english)
    assert list(english("considered")) and list(english("Alimzhanova")) == []


def test_kazakh_has_no_dictionary_and_is_not_hyphenated() -> None:
    assert _hyphenator("kk") == ""
