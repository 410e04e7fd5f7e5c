"""Disable an account (it can no longer sign in or act), or enable it again."""

from __future__ import annotations

from app.domain.translation import N_
from app.models.database import Database
from app.services.accounts.authorize import authorize
from app.services.accounts.common import (
    AccountInfo,
    account_info,
    check_login,
    find_account,
    keep_an_administrator,
    public,
)
from app.services.base import Actor, audit, check_flag


def disable_account(
    db: Database, actor: Actor, login: str, *, disabled: bool = True
) -> AccountInfo:
    """Disable ``login`` (or enable it with ``disabled=False``); its history stays."""
    name = check_login(login)
    off = check_flag(disabled, N_("Disabled"))
    action = "account.disable" if off else "account.enable"
    with db.transaction() as session:
        authorize(session, actor.name, action, None)
        account = find_account(session, name)
        if off and not account.disabled:
            keep_an_administrator(session, without_account=account.id)
        before = public(account)
        account.disabled = off
        audit(
            session,
            actor,
            action,
            entity="accounts",
            entity_id=account.id,
            before=before,
            after=public(account),
        )
        return account_info(session, account)
