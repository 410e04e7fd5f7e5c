"""Give an account a role in a council (or every council), or take it away."""

from __future__ import annotations

from sqlalchemy import select

from app.domain.permissions import Role
from app.domain.translation import N_
from app.models.accounts import AccountRole
from app.models.database import Database
from app.services.accounts.authorize import authorize
from app.services.accounts.common import (
    AccountInfo,
    account_info,
    check_council,
    check_login,
    check_role,
    find_account,
    keep_an_administrator,
)
from app.services.base import Actor, audit, check_flag


def set_role(
    db: Database,
    actor: Actor,
    login: str,
    role: str,
    *,
    council_id: int | None = None,
    granted: bool = True,
) -> AccountInfo:
    """Grant (or with ``granted=False`` revoke) ``role`` to ``login`` in ``council_id``."""
    name = check_login(login)
    wanted = check_role(role)
    grant = check_flag(granted, N_("Granted"))
    with db.transaction() as session:
        council = check_council(session, council_id)
        authorize(session, actor.name, "account.role", council)
        account = find_account(session, name)
        where = (
            AccountRole.account_id == account.id,
            AccountRole.role == wanted.value,
            (
                AccountRole.council_id.is_(None)
                if council is None
                else AccountRole.council_id == council
            ),
        )
        existing = session.scalar(select(AccountRole).where(*where))
        if grant and existing is None:
            session.add(AccountRole(account_id=account.id, council_id=council, role=wanted))
        elif not grant and existing is not None:
            if wanted is Role.ADMINISTRATOR and council is None:
                keep_an_administrator(session, without_grant=existing.id)
            session.delete(existing)
        audit(
            session,
            actor,
            "account.role",
            entity="accounts",
            entity_id=account.id,
            council_id=council,
            after={"login": account.login, "role": wanted.value, "granted": grant},
        )
        return account_info(session, account)
