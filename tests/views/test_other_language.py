"""A record's text in the interface language, or marked as another language's, never passed off."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont

from app import i18n
from app.views.other_language import localized, missing_languages

NAME = {"kk": "Ғылыми кеңес", "ru": "Научный совет", "en": ""}


def test_the_wanted_language_is_shown_plain() -> None:
    text = localized(NAME, "kk")

    assert (str(text), text.lang, text.foreign) == ("Ғылыми кеңес", "kk", False)
    assert text.font() is None
    assert text.tooltip() == ""


def test_a_missing_language_shows_another_marked() -> None:
    text = localized(NAME, "en")

    assert text.foreign
    assert str(text) == "Ғылыми кеңес (kk)"  # the first language that has it
    font = text.font(QFont("Arial", 11))
    assert font is not None and font.italic() and font.pointSize() == 11
    assert "(kk)" in text.tooltip()


def test_the_default_is_the_interface_language() -> None:
    assert str(localized(NAME)) == "Ғылыми кеңес (kk)"
    try:
        i18n.set_interface_language("ru")
        assert str(localized(NAME)) == "Научный совет"
        assert localized({"en": "Board"}).tooltip().endswith("(en).")
    finally:
        i18n.set_interface_language("en")


def test_no_text_in_any_language_is_empty_not_foreign() -> None:
    text = localized({"kk": "", "ru": ""}, "kk")

    assert (str(text), text.lang, text.foreign) == ("", "", False)


@pytest.mark.parametrize(
    ("texts", "missing"),
    [
        (NAME, ["en"]),
        ({"ru": "Совет"}, ["kk", "en"]),
        ({"kk": "", "ru": "", "en": ""}, []),
        ({"kk": "a", "ru": "b", "en": "c"}, []),
    ],
)
def test_missing_languages_are_gaps_only_when_some_language_has_it(
    texts: dict[str, str], missing: list[str]
) -> None:
    assert missing_languages(texts) == missing
