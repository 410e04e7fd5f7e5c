"""The one gettext hook every layer translates through.

The domain must not import Babel or Qt, so it holds a plain
:class:`gettext.NullTranslations` that :mod:`app.i18n` replaces when the user
picks a language.  Module-level labels are marked with :func:`N_` and
translated where they are shown (as MusicBrainz Picard does).
"""

from __future__ import annotations

import gettext

_current: gettext.NullTranslations = gettext.NullTranslations()


def install(translations: gettext.NullTranslations) -> None:
    """Make ``translations`` the one used by :func:`_` and :func:`ngettext`."""
    global _current  # noqa: PLW0603 - a process-wide language is the point
    _current = translations


def current() -> gettext.NullTranslations:
    """Return the translations in force."""
    return _current


def _(message: str) -> str:
    """Translate ``message`` into the interface language."""
    return _current.gettext(message)


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it yet."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message with a count, in the language's plural forms."""
    return _current.ngettext(singular, plural, n)
