"""What every service shares: who acts, text checks, the audit trail, lookups."""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any, TypeVar

from sqlalchemy import inspect
from sqlalchemy.orm import Session

from app.domain.errors import ChangedMeanwhile, DomainError, NotFoundError, Term
from app.domain.text import clean_text as clean_text  # noqa: PLC0414 -- the services' rule
from app.domain.translation import N_
from app.models.audit import AuditEvent
from app.models.base import Base
from app.services.accounts.authorize import authorize
from app.services.change_notices import notify
from app.services.integrity.chain import append

M = TypeVar("M", bound=Base)

MAX_LONG_TEXT = 20_000


@dataclass(frozen=True)
class Actor:
    """Who performs an action; recorded in the audit trail (an account's login, or the OS user)."""

    name: str

    @classmethod
    def current_user(cls) -> Actor:
        """The account signed in for this process, else the operating system's user."""
        if _signed_in:
            return _signed_in[-1]
        try:
            return cls(getpass.getuser())
        except (KeyError, OSError):  # no user name on some systems
            return cls("unknown")


SYSTEM = Actor("kenes")

_signed_in: list[Actor] = []


def work_as(actor: Actor | None) -> None:
    """Who works in this process from now on (a signed-in account; ``None``: the OS user).

    Set by the sign-in of the desktop application or of ``kenes --user``, never by a
    service: the services only check, at each write, what this actor's roles allow.
    """
    _signed_in.clear()
    if actor is not None:
        _signed_in.append(actor)


def check_date(value: object, field: str, *, required: bool = True) -> date | None:
    if value is None and not required:
        return None
    if isinstance(value, datetime) or not isinstance(value, date):
        raise DomainError(N_("The field “{field}” must be a date."), field=Term(field))
    if not (date(1900, 1, 1) <= value <= date(2200, 12, 31)):
        raise DomainError(N_("The date {day} is out of range."), day=value)
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
        raise ChangedMeanwhile


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
    """Record an audit event in the action's own transaction, as the next link of the chain.

    It is also where a database with accounts checks that the actor's roles allow the
    action (``app/domain/permissions.py``): every write records an event, so none escapes.
    """
    authorize(session, actor.name, action, council_id)
    session.flush()
    if record is not None:
        entity = entity or type(record).__tablename__
        entity_id = entity_id or getattr(record, "id", None)
        after = after if after is not None else snapshot(record)
    notify(session, entity or action.partition(".")[0])
    append(
        session,
        AuditEvent(
            actor=actor.name,
            action=action,
            entity=entity or "",
            entity_id=entity_id,
            council_id=council_id,
            before=before,
            after=after,
        ),
    )
