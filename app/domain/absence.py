"""Why a member was absent: a reason from a translated list, or "other" in each language.

A Russian protocol must never print a Kazakh reason («– іссапар»): the common
reasons are chosen from :data:`ABSENCE_KINDS` and translated into the
document's language; only "other" is free text, kept per language like the
agenda.  :func:`absence_text` gives the words a protocol prints after the
name; :func:`classify_reason` reads an old single-language text (a database
or an exchange file written before reasons were per language).
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Mapping
from typing import Final

from app.domain.translation import N_

BUSINESS_TRIP: Final = "business_trip"
ILLNESS: Final = "illness"
VACATION: Final = "vacation"
FAMILY: Final = "family"
OTHER: Final = "other"

# The list a secretary picks from (labels of the interface).
ABSENCE_KINDS: Final[dict[str, str]] = {
    BUSINESS_TRIP: N_("Business trip"),
    ILLNESS: N_("Illness"),
    VACATION: N_("Vacation"),
    FAMILY: N_("Family circumstances"),
    OTHER: N_("Other reason"),
}
# The words a protocol prints after the absent member's name.
ABSENCE_IN_PROTOCOL: Final[dict[str, str]] = {
    BUSINESS_TRIP: N_("on a business trip"),
    ILLNESS: N_("due to illness"),
    VACATION: N_("on vacation"),
    FAMILY: N_("for family reasons"),
}

_KAZAKH_LETTERS = re.compile("[әғқңөұүһі]", re.IGNORECASE)
_CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)
_LATIN = re.compile("[a-z]", re.IGNORECASE)
# Words of old free-text reasons, in any of the three languages.
_KIND_WORDS: Final = (
    (BUSINESS_TRIP, ("іссапар", "командир", "business trip", "mission")),
    (ILLNESS, ("ауру", "науқас", "болезн", "болен", "больнич", "ill", "sick")),
    (VACATION, ("демалыс", "отпуск", "vacation", "holiday", "leave")),
    (FAMILY, ("отбасы", "семейн", "family")),
)


def check_kind(kind: object) -> str:
    """``kind`` if it names a reason of the list, else "" (no reason given)."""
    return kind if isinstance(kind, str) and kind in ABSENCE_KINDS else ""


def language_of(text: str) -> str:
    """The language a short text is most likely in: "kk", "ru" or "en" ("" if no letters)."""
    if _KAZAKH_LETTERS.search(text):
        return "kk"
    if _CYRILLIC.search(text):
        return "ru"
    if _LATIN.search(text):
        return "en"
    return ""


def classify_reason(text: str) -> tuple[str, dict[str, str]]:
    """An old single-language reason as (kind, texts per language).

    >>> classify_reason("іссапар")
    ('business_trip', {})
    >>> classify_reason("участие в форуме")
    ('other', {'ru': 'участие в форуме'})
    """
    clean = text.strip()
    if not clean:
        return "", {}
    lower = clean.lower()
    for kind, words in _KIND_WORDS:
        if any(w in lower for w in words) and len(lower) <= 40:
            return kind, {}
    return OTHER, {language_of(clean) or "ru": clean}


def absence_text(
    kind: str, texts: Mapping[str, str], lang: str, t: gettext.NullTranslations
) -> tuple[str, bool]:
    """The reason as a protocol in ``lang`` prints it, and whether its translation is missing.

    A listed reason is translated; "other" is the text in ``lang``, or, when
    that is missing, the text of another language and ``True`` (a gap to
    list before signing).
    """
    if kind in ABSENCE_IN_PROTOCOL:
        return t.gettext(ABSENCE_IN_PROTOCOL[kind]), False
    own = texts.get(lang, "").strip()
    if own:
        return own, False
    other = next((texts[o].strip() for o in ("kk", "ru", "en") if texts.get(o, "").strip()), "")
    return other, bool(other)
