"""Errors a user can understand and fix.

A :class:`KenesError` carries an untranslated message id and its parameters,
so the same refusal can be shown in whatever language is in force when it is
displayed (or written to a report in another language).
"""

from __future__ import annotations

import gettext
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from app.domain import translation
from app.domain.citation import Citation


class Term(str):
    """A parameter that is itself a message id (a field name, a kind of record).

    It is translated together with the message, in the same language.
    """

    __slots__ = ()


class KenesError(Exception):
    """Base of every error Kenes explains to the user (never a bug)."""

    def __init__(self, msgid: str, /, **params: Any) -> None:
        self.msgid = msgid
        self.params: Mapping[str, Any] = params
        super().__init__(self.message(gettext.NullTranslations()))

    def message(self, translations: gettext.NullTranslations | None = None) -> str:
        """Return the message translated by ``translations`` (default: the UI's)."""
        t = translations if translations is not None else translation.current()
        text = t.gettext(self.msgid)
        params = {k: _param(v, t) for k, v in self.params.items()}
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError):
            # A broken translation must never hide the refusal itself.
            return self.msgid.format(**params)

    def __str__(self) -> str:
        return self.message()


def _param(value: Any, t: gettext.NullTranslations) -> Any:
    """A parameter in the message's language: terms translated, citations in legal form."""
    if isinstance(value, Term):
        return t.gettext(value)
    if isinstance(value, Citation):
        return value.render(t)
    if isinstance(value, date) and not isinstance(value, datetime):
        return _date_text(value, t)
    return value


# As app.formatting.short_date writes dates (the domain cannot import Babel).
_SHORT_DATE = {"kk": "%d.%m.%Y", "ru": "%d.%m.%Y", "en": "%d/%m/%Y"}


def _date_text(day: date, t: gettext.NullTranslations) -> str:
    """A date in the catalog's language, never ISO; the source text (no catalog) keeps ISO."""
    pattern = _SHORT_DATE.get(str(t.info().get("language", "")))
    return day.strftime(pattern) if pattern else day.isoformat()


class DomainError(KenesError):
    """A rule of the council's regulation or of the data refuses the action."""


MSG_CHANGED_MEANWHILE = translation.N_(
    "This record was changed by someone else meanwhile; reopen it and try again."
)


class ChangedMeanwhile(DomainError):
    """Another window or workstation saved the record after this one read it.

    A view that holds the user's edit can offer a choice (keep theirs, or save mine over
    it) instead of losing what was typed.
    """

    def __init__(self) -> None:
        super().__init__(MSG_CHANGED_MEANWHILE)


def refuse(refusal: KenesError | None) -> None:
    """Raise a rule's refusal, if it has one.

    A rule that the services and the importer share returns its refusal (or
    None) instead of raising it: the importer lists every refusal of a file,
    the services stop at the first one with this.
    """
    if refusal is not None:
        raise refusal


class NotFoundError(DomainError):
    """The record the action refers to does not exist (any more)."""


class EnvironmentProblem(KenesError):
    """The machine, not the user's input, stops the action (disk, lock, file)."""


class ConnectionLost(EnvironmentProblem):
    """The database server went away (network, restart) in the middle of an action.

    ``repeatable``: nothing of the transaction reached the point of committing, so the
    server rolled it back and running it again cannot save anything twice.  A loss while
    committing is not repeatable: the server may have saved it before the line dropped.
    """

    def __init__(self, msgid: str, /, *, repeatable: bool, **params: Any) -> None:
        super().__init__(msgid, **params)
        self.repeatable = repeatable
