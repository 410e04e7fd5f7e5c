"""The one place a write is checked against the account's roles.

``app.services.base.audit`` calls :func:`authorize` for every event it records, inside the
action's own transaction: a refused action raises before commit, so the database stays as
it was, whichever view or command asked.  Whether the database has accounts is decided
once per transaction, at the first check, so an action that creates the first account is
judged by the rules as they were when it began.
"""

from __future__ import annotations

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from app.domain.permissions import PermissionRefused, Role, check_permission
from app.domain.translation import N_
from app.models.accounts import Account, AccountRole

_ENABLED = "kenes_accounts_enabled"


def accounts_enabled(session: Session) -> bool:
    """Whether this database has accounts (cached for the transaction)."""
    cached = session.info.get(_ENABLED)
    if cached is None:
        cached = bool(session.scalar(select(exists().where(Account.id.is_not(None)))))
        session.info[_ENABLED] = cached
    return bool(cached)


def held_roles(session: Session, account_id: int, council_id: int | None) -> set[Role]:
    """The roles an account holds for ``council_id`` (any council's when it is ``None``)."""
    query = select(AccountRole.role).where(AccountRole.account_id == account_id)
    if council_id is not None:
        query = query.where(
            (AccountRole.council_id == council_id) | AccountRole.council_id.is_(None)
        )
    return {Role(value) for value in session.scalars(query) if value in set(Role)}


def signed_in_account(session: Session, login: str) -> Account:
    """The enabled account acting under ``login``, or a refusal that says to sign in."""
    account = session.scalar(select(Account).where(Account.login == login))
    if account is None or account.disabled:
        raise PermissionRefused(
            N_(
                "This database has accounts: sign in with an enabled account to change "
                "the record (“{login}” is not one)."
            ),
            login=login,
        )
    return account


def authorize(session: Session, login: str, action: str, council_id: int | None) -> None:
    """Refuse ``action`` by ``login`` unless the database has no accounts or a role allows it.

    Decided once per transaction: an action allowed at its start stays allowed when its own
    work changes the account (an administrator disabling their own account while another
    administrator remains, or giving up their own role), and the audit event that closes
    it is not refused by the change it records.
    """
    allowed: set[tuple[str, str, int | None]] = session.info.setdefault("kenes_allowed", set())
    if (login, action, council_id) in allowed:
        return
    if not accounts_enabled(session):
        return
    account = signed_in_account(session, login)
    check_permission(login, held_roles(session, account.id, council_id), action)
    allowed.add((login, action, council_id))
