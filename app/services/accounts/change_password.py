"""An account changes its own password, knowing the current one."""

from __future__ import annotations

from app.domain.errors import DomainError
from app.domain.translation import N_
from app.models.database import Database
from app.services.accounts.authorize import signed_in_account
from app.services.accounts.passwords import check_new_password, hash_password, password_matches
from app.services.base import Actor, audit, expect


def change_password(db: Database, actor: Actor, current: str, new: str) -> None:
    """Replace the signed-in account's password; the current one must be given."""
    old = expect(current, str, N_("Current password"))
    secret = check_new_password(new)
    with db.transaction() as session:
        account = signed_in_account(session, actor.name)
        if not password_matches(account.password_hash, old):
            raise DomainError(N_("The current password is wrong."))
        if password_matches(account.password_hash, secret):
            raise DomainError(N_("The new password must differ from the current one."))
        account.password_hash = hash_password(secret)
        account.must_change_password = False
        audit(
            session,
            actor,
            "account.password",
            entity="accounts",
            entity_id=account.id,
            after={"login": account.login},
        )
