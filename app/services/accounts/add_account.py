"""Create an account; the first one a database gets must be an administrator's."""

from __future__ import annotations

from sqlalchemy import select

from app.domain.errors import DomainError
from app.domain.permissions import Role
from app.domain.translation import N_
from app.models.accounts import Account, AccountRole
from app.models.database import Database
from app.services.accounts.authorize import accounts_enabled, authorize
from app.services.accounts.common import (
    AccountInfo,
    account_info,
    check_council,
    check_login,
    check_role,
    public,
)
from app.services.accounts.passwords import check_new_password, hash_password
from app.services.base import Actor, audit, clean_text, expect


def add_account(
    db: Database,
    actor: Actor,
    login: str,
    password: str,
    *,
    role: str,
    council_id: int | None = None,
    display_name: str = "",
) -> AccountInfo:
    """Create ``login`` holding ``role`` (in ``council_id``, or in every council).

    Creating the first account turns accounts on: from then on every start asks who is
    working.  So the first account must be an administrator's for every council, or
    nobody could manage the accounts afterwards.
    """
    name = check_login(login)
    secret = check_new_password(password)
    granted = check_role(role)
    shown = clean_text(expect(display_name, str, N_("Name")), N_("Name"), limit=200)
    with db.transaction() as session:
        first = not accounts_enabled(session)
        council_id = check_council(session, council_id)
        authorize(session, actor.name, "account.create", council_id)
        if first and (granted is not Role.ADMINISTRATOR or council_id is not None):
            raise DomainError(
                N_(
                    "The first account must be an administrator's for every council; "
                    "add the others after it."
                )
            )
        if session.scalar(select(Account.id).where(Account.login == name)) is not None:
            raise DomainError(N_("The login “{login}” is already taken."), login=name)
        account = Account(
            login=name,
            display_name=shown,
            password_hash=hash_password(secret),
            disabled=False,
            must_change_password=not first,
            failed_attempts=0,
        )
        session.add(account)
        session.flush()
        session.add(AccountRole(account_id=account.id, council_id=council_id, role=granted))
        audit(
            session,
            actor,
            "account.create",
            entity="accounts",
            entity_id=account.id,
            council_id=council_id,
            after={**public(account), "role": granted.value},
        )
        return account_info(session, account)
