"""Sign in: check a login and password, slow down guessing, lock out after repeated failures.

A failed sign-in is the one refusal that writes: the count of failures and the lock must
outlive the attempt, or a script could guess without limit.  It writes only the account's
own counters, never the record, and adds no audit event (a start would otherwise change
the record's history).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from app.domain.errors import DomainError
from app.domain.translation import N_
from app.models.accounts import Account
from app.models.common import utcnow
from app.models.database import Database
from app.services.accounts.passwords import password_matches
from app.services.base import Actor, expect

MAX_FAILURES = 5
LOCK_FOR = timedelta(minutes=15)
MAX_DELAY = 5.0


@dataclass(frozen=True)
class SignedIn:
    actor: Actor
    display_name: str
    must_change_password: bool


class SignInRefused(DomainError):
    """Wrong login or password, a disabled account, or a lock-out."""


def delay_after(failures: int) -> float:
    """Seconds to wait after the ``failures``-th failure in a row: 1, 2, 3 … at most 5."""
    return float(min(max(failures, 1), MAX_DELAY))


def sign_in(
    db: Database,
    login: str,
    password: str,
    *,
    now: datetime | None = None,
    wait: Callable[[float], None] = time.sleep,
) -> SignedIn:
    """Who is working, if ``password`` is ``login``'s; otherwise a refusal after a delay."""
    name = expect(login, str, N_("Login")).strip()
    secret = expect(password, str, N_("Password"))
    moment = now or utcnow()
    with db.transaction() as session:
        account = session.scalar(select(Account).where(Account.login == name))
        if account is None or account.disabled:
            failures = 0
        elif account.locked_until is not None and _aware(account.locked_until) > moment:
            raise SignInRefused(
                N_(
                    "The account is locked after repeated failed sign-ins; try again "
                    "later, or ask an administrator to reset the password."
                )
            )
        elif password_matches(account.password_hash, secret):
            account.failed_attempts = 0
            account.locked_until = None
            return SignedIn(
                Actor(account.login), account.display_name, account.must_change_password
            )
        else:
            account.failed_attempts += 1
            failures = account.failed_attempts
            if failures >= MAX_FAILURES:
                account.locked_until = moment + LOCK_FOR
    wait(delay_after(failures))
    raise SignInRefused(N_("The login or the password is wrong."))


def _aware(value: datetime) -> datetime:
    """SQLite gives back naive times; they were stored in UTC."""
    from datetime import UTC

    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
