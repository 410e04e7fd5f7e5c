"""A record's text in the interface language, or marked as being in another one.

Council and position names are kept in Kazakh, Russian and English.  When the one
for the interface language is missing, the screen shows another language's rather
than nothing; but a Russian name in a Kazakh window must not pass for Kazakh (a
mixed-language screen).  So such a text is shown marked: followed by its language
code, "(ru)", in italics, with a tool tip that says what is missing.  Every view
that picks a record's text by language goes through :func:`localized`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from PySide6.QtGui import QFont

from app.domain.council import LANGS
from app.i18n import _, interface_language


@dataclass(frozen=True)
class Localized:
    """A text and the language it is in ("" when no language has it)."""

    text: str
    lang: str
    wanted: str

    @property
    def foreign(self) -> bool:
        """The text is in another language than the one asked for."""
        return bool(self.text) and self.lang != self.wanted

    def __str__(self) -> str:
        """The text, followed by its language code when it is another language's."""
        return f"{self.text} ({self.lang})" if self.foreign else self.text

    def font(self, base: QFont | None = None) -> QFont | None:
        """Italics for another language's text (None: the usual font)."""
        if not self.foreign:
            return None
        font = QFont(base) if base is not None else QFont()
        font.setItalic(True)
        return font

    def tooltip(self) -> str:
        """Why the text is marked (empty when it is not)."""
        if not self.foreign:
            return ""
        return _(
            "Not entered in this language yet: shown as entered in another language ({code})."
        ).format(code=self.lang)


def localized(texts: Mapping[str, str], lang: str | None = None) -> Localized:
    """The text in ``lang`` (default: the interface language), else another language's."""
    wanted = lang or interface_language()
    if texts.get(wanted):
        return Localized(texts[wanted], wanted, wanted)
    for other in LANGS:
        if texts.get(other):
            return Localized(texts[other], other, wanted)
    return Localized("", "", wanted)


def missing_languages(texts: Mapping[str, str]) -> list[str]:
    """The languages a text is not entered in, when another language has it (a gap)."""
    if not any(texts.get(lang) for lang in LANGS):
        return []
    return [lang for lang in LANGS if not texts.get(lang)]
