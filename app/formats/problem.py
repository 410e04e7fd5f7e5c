"""What is wrong with one place of a file: where, and why (an untranslated message).

A problem is data, not an exception: a reader collects every problem of a
file so the user sees them all at once, and each is translated only when it
is shown (in the interface's language or a report's).  The place is either a
cell of a table (the row number as the file counts it, the header being row
1, and the column's key) or a JSON pointer (RFC 6901) or ZIP entry of a
document, so one type serves the spreadsheets and the exchange format alike.

>>> p = Problem.of("“{value}” is not a date.", value="31.02.2024").at(row=5, column="valid_from")
>>> (p.row, p.column, p.message())
(5, 'valid_from', '“31.02.2024” is not a date.')
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass, replace
from typing import Any

from app.domain.errors import KenesError


@dataclass(frozen=True)
class Problem:
    """Why a place of a file cannot be taken: a message id, its parameters, and the place."""

    msgid: str
    params: tuple[tuple[str, Any], ...] = ()
    row: int | None = None  # a table's row, as the file counts it (the header is row 1)
    column: str = ""  # a table's column key ("" for the whole row)
    pointer: str = ""  # a JSON pointer or ZIP entry, for a document

    @classmethod
    def of(cls, msgid: str, /, **params: Any) -> Problem:
        """A problem with its message parameters (the place is added with :meth:`at`)."""
        return cls(msgid, tuple(sorted(params.items())))

    @classmethod
    def from_error(cls, error: KenesError) -> Problem:
        """The refusal of a rule, kept as a problem of the file."""
        return cls.of(error.msgid, **dict(error.params))

    def at(
        self, *, row: int | None = None, column: str | None = None, pointer: str | None = None
    ) -> Problem:
        """The same problem at a place (arguments left out keep their value)."""
        return replace(
            self,
            row=self.row if row is None else row,
            column=self.column if column is None else column,
            pointer=self.pointer if pointer is None else pointer,
        )

    def message(self, translations: gettext.NullTranslations | None = None) -> str:
        """The reason in the language of ``translations`` (default: the interface's)."""
        return KenesError(self.msgid, **dict(self.params)).message(translations)

    def __str__(self) -> str:
        return self.message()
