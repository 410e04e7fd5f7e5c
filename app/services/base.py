"""What every service shares: who acts, text checks, the audit trail, lookups."""

from __future__ import annotations

import getpass
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any, TypeVar

from sqlalchemy import inspect
from sqlalchemy.orm import Session

from app.domain.errors import DomainError, NotFoundError, Term
from app.domain.translation import N_
from app.models.audit import AuditEvent
from app.models.base import Base

M = TypeVar("M", bound=Base)

MAX_SHORT_TEXT = 500
MAX_LONG_TEXT = 20_000
# Bidirectional controls, removed from every stored text (see clean_text).
_BIDI_CONTROLS: dict[int, None] = dict.fromkeys(
    map(ord, "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
)


@dataclass(frozen=True)
class Actor:
    """Who performs an action; recorded in the audit trail (accounts come later)."""

    name: str

    @classmethod
    def current_user(cls) -> Actor:
        try:
            return cls(getpass.getuser())
        except (KeyError, OSError):  # no user name on some systems
            return cls("unknown")


SYSTEM = Actor("kenes")


def clean_text(
    value: object,
    field: str,
    *,
    required: bool = False,
    limit: int = MAX_SHORT_TEXT,
    multiline: bool = False,
) -> str:
    """Strip, normalise (NFC) and check a text field; refuse control characters.

    Bidirectional controls (U+200E/F, U+061C, U+202A–U+202E, U+2066–U+2069) are
    removed: they are invisible, never needed in Kazakh or Russian, and make a
    name show other than it is ("…pdf\\u202egpj.exe" reads "…exe.jpg"). Other
    control characters (C0, DEL, C1) are refused.
    """
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise DomainError(N_("The field “{field}” must be text."), field=Term(field))
    value = value.translate(_BIDI_CONTROLS)
    text = unicodedata.normalize("NFC", value).strip()
    allowed = "\n\t" if multiline else ""
    if any(unicodedata.category(ch) == "Cc" and ch not in allowed for ch in text):
        raise DomainError(N_("The field “{field}” contains control characters."), field=Term(field))
    if len(text) > limit:
        raise DomainError(
            N_("The field “{field}” is too long ({length} characters; at most {limit})."),
            field=Term(field),
            length=len(text),
            limit=limit,
        )
    if required and not text:
        raise DomainError(N_("The field “{field}” must not be empty."), field=Term(field))
    return text


def check_date(value: object, field: str, *, required: bool = True) -> date | None:
    if value is None and not required:
        return None
    if isinstance(value, datetime) or not isinstance(value, date):
        raise DomainError(N_("The field “{field}” must be a date."), field=Term(field))
    if not (date(1900, 1, 1) <= value <= date(2200, 12, 31)):
        raise DomainError(N_("The date {day} is out of range."), day=value.isoformat())
    return value


MAX_ID = 2**63 - 1
T = TypeVar("T")


def expect(value: object, kind: type[T], what: str) -> T:
    """Refuse data of the wrong shape (a view or an import sent something else)."""
    if not isinstance(value, kind):
        raise DomainError(N_("The data for “{what}” is not valid."), what=Term(what))
    return value


def check_flag(value: object, field: str) -> bool:
    """A yes/no field must be exactly that (None or "yes" are refused, not guessed)."""
    if not isinstance(value, bool):
        raise DomainError(N_("The field “{field}” must be yes or no."), field=Term(field))
    return value


def check_id(value: object, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= MAX_ID:
        raise DomainError(
            N_("The field “{field}” must name an existing record."), field=Term(field)
        )
    return value


def get(session: Session, model: type[M], record_id: object, what: str) -> M:
    """Load a record or refuse with a clear message."""
    key = check_id(record_id, what)
    found = session.get(model, key)
    if found is None:
        raise NotFoundError(N_("{what} #{id} does not exist."), what=Term(what), id=key)
    return found


def check_version(record: Any, expected: int | None) -> None:
    """Optimistic locking: refuse to overwrite a record someone else changed meanwhile."""
    if expected is not None and record.version != expected:
        raise DomainError(
            N_("This record was changed by someone else meanwhile; reopen it and try again.")
        )


def _jsonable(value: object) -> object:
    if isinstance(value, date | datetime | time):
        return value.isoformat()
    return value


def snapshot(record: Base) -> dict[str, Any]:
    """The column values of a record, JSON-ready, for the audit trail."""
    mapper = inspect(record).mapper
    return {col.key: _jsonable(getattr(record, col.key)) for col in mapper.column_attrs}


def audit(
    session: Session,
    actor: Actor,
    action: str,
    record: Base | None = None,
    *,
    before: dict[str, Any] | None = None,
    entity: str | None = None,
    entity_id: int | None = None,
    council_id: int | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    """Record an audit event in the action's own transaction."""
    session.flush()
    if record is not None:
        entity = entity or type(record).__tablename__
        entity_id = entity_id or getattr(record, "id", None)
        after = after if after is not None else snapshot(record)
    session.add(
        AuditEvent(
            actor=actor.name,
            action=action,
            entity=entity or "",
            entity_id=entity_id,
            council_id=council_id,
            before=before,
            after=after,
        )
    )
