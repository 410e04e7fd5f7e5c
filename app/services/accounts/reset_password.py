"""An administrator gives an account a new password, to be changed at the next sign-in."""

from __future__ import annotations

from app.models.database import Database
from app.services.accounts.authorize import authorize
from app.services.accounts.common import (
    AccountInfo,
    account_info,
    check_login,
    find_account,
    public,
)
from app.services.accounts.passwords import check_new_password, hash_password
from app.services.base import Actor, audit


def reset_password(db: Database, actor: Actor, login: str, password: str) -> AccountInfo:
    """Set a temporary password for ``login`` and lift a lock-out."""
    name = check_login(login)
    secret = check_new_password(password)
    with db.transaction() as session:
        authorize(session, actor.name, "account.reset", None)
        account = find_account(session, name)
        account.password_hash = hash_password(secret)
        account.must_change_password = True
        account.failed_attempts = 0
        account.locked_until = None
        audit(
            session,
            actor,
            "account.reset",
            entity="accounts",
            entity_id=account.id,
            after=public(account),
        )
        return account_info(session, account)
