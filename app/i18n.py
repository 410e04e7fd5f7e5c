"""Languages of Kenes: gettext catalogs (Babel) and the interface language.

The interface language and the language of a document are separate: a
Russian-speaking secretary issues a Kazakh protocol.  :func:`translations`
returns the catalog for any language; :func:`set_interface_language` installs
one for the interface.  Qt's own strings are handled in :mod:`app.views`.
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass
from functools import cache

from app.domain import translation
from app.paths import TRANSLATIONS_DIR

DOMAIN = "kenes"


@dataclass(frozen=True)
class Language:
    """A language Kenes speaks."""

    code: str  # gettext and document code
    native_name: str  # shown in the menu in its own language, never translated
    babel_locale: str


LANGUAGES: tuple[Language, ...] = (
    Language("kk", "Қазақша", "kk_KZ"),
    Language("ru", "Русский", "ru_RU"),
    Language("en", "English", "en_GB"),
)
LANGUAGE_CODES: tuple[str, ...] = tuple(lang.code for lang in LANGUAGES)
DEFAULT_LANGUAGE = "kk"

_interface_language = "en"


def language(code: str) -> Language:
    """Return the :class:`Language` for ``code``; unknown codes fall back to the default."""
    for lang in LANGUAGES:
        if lang.code == code:
            return lang
    return language(DEFAULT_LANGUAGE)


@cache
def translations(code: str) -> gettext.NullTranslations:
    """The compiled catalog for ``code``; English source strings when there is none."""
    if code == "en":
        # English is the source language; an en catalog may still refine wording.
        return gettext.translation(DOMAIN, TRANSLATIONS_DIR, languages=["en"], fallback=True)
    return gettext.translation(DOMAIN, TRANSLATIONS_DIR, languages=[code], fallback=True)


def catalog_available(code: str) -> bool:
    """Whether a compiled catalog for ``code`` is present (built by the set-up)."""
    return (TRANSLATIONS_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file()


def set_interface_language(code: str) -> str:
    """Install ``code`` as the interface language and return the code in force."""
    global _interface_language  # noqa: PLW0603 - one interface language per process
    code = language(code).code
    translation.install(translations(code))
    _interface_language = code
    return code


def interface_language() -> str:
    """The code of the interface language in force."""
    return _interface_language


_ = translation._
N_ = translation.N_
ngettext = translation.ngettext
