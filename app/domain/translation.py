"""The one gettext hook every layer translates through.

The domain must not import Babel or Qt, so it holds a plain
:class:`gettext.NullTranslations` that :mod:`app.i18n` replaces when the user
picks a language.  Module-level labels are marked with :func:`N_` and
translated where they are shown (as MusicBrainz Picard does).

Messages that agree with a person's gender
------------------------------------------

Russian verbs in the past tense agree with the subject («выразил особое
мнение» / «выразила особое мнение»); Kazakh and English do not.  Such a
message is written once, in English, and marked with :func:`GN_`::

    from app.domain.translation import GN_, gendered

    LEFT = GN_("{name} left after item {number}")

    text = gendered(LEFT, person.gender, t).format(name=..., number=...)

Extraction (``tasks.py``) turns each :func:`GN_` message into three catalog
entries with the same msgid: one with the gettext context ``"male"``, one with
``"female"`` and one without a context, the neutral wording used when the
gender is not known (Russian: a construction without a gendered verb, e.g.
«Особое мнение выразил(а)» is never written; «Особое мнение представлено:
{name}» is).  :func:`gendered` picks the entry for the gender and falls back
to the neutral one when a gendered entry is missing.  In the pending
translation files a context entry is keyed ``"male\\u0004msgid"`` (the
gettext convention).

:func:`NP_` marks a single message with an explicit context for other uses
(``pgettext``); it is extracted with the keyword spec ``NP_:1c,2``.
"""

from __future__ import annotations

import gettext
from typing import Final

_current: gettext.NullTranslations = gettext.NullTranslations()

MALE: Final = "male"
FEMALE: Final = "female"
UNKNOWN: Final = "unknown"
GENDERS: Final = (MALE, FEMALE, UNKNOWN)
# The gettext contexts of gendered messages; the neutral entry has no context.
GENDER_CONTEXTS: Final = (MALE, FEMALE)


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


def NP_(context: str, message: str) -> str:
    """Mark ``message`` with a gettext ``context`` for extraction; returns ``message``."""
    return message


def GN_(message: str) -> str:
    """Mark ``message`` as agreeing with a person's gender (see the module notes)."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message with a count, in the language's plural forms."""
    return _current.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """Translate ``message`` in ``context`` into the interface language."""
    return _current.pgettext(context, message)


def gendered(
    message: str, gender: str | None, translations: gettext.NullTranslations | None = None
) -> str:
    """Translate a :func:`GN_` ``message`` in the form agreeing with ``gender``.

    ``gender`` is ``"male"``, ``"female"`` or anything else for unknown (then
    the neutral wording).  ``translations`` is the catalog of the document's
    language; the interface language's when omitted.
    """
    t = translations if translations is not None else _current
    if gender in GENDER_CONTEXTS:
        text = t.pgettext(gender, message)
        if text != message:
            return text
    return t.gettext(message)
