"""What the account actions share: the account's public view and the checks on input."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.errors import DomainError, NotFoundError
from app.domain.permissions import Role
from app.domain.translation import N_
from app.models.accounts import Account, AccountRole

_LOGIN = re.compile(r"^[\w.@-]{2,64}$")


@dataclass(frozen=True)
class RoleGrant:
    role: Role
    council_id: int | None


@dataclass(frozen=True)
class AccountInfo:
    """An account as the administrator sees it (never its password hash)."""

    id: int
    login: str
    display_name: str
    disabled: bool
    locked_until: datetime | None
    must_change_password: bool
    roles: tuple[RoleGrant, ...]


def check_login(value: object) -> str:
    if not isinstance(value, str) or not _LOGIN.fullmatch(value.strip()):
        raise DomainError(
            N_("A login has 2 to 64 letters, digits or the signs . _ @ - and no spaces.")
        )
    return value.strip()


def check_role(value: object) -> Role:
    if isinstance(value, str) and value in set(Role):
        return Role(value)
    raise DomainError(N_("There is no such role."))


def find_account(session: Session, login: str) -> Account:
    account = session.scalar(select(Account).where(Account.login == login))
    if account is None:
        raise NotFoundError(N_("There is no account “{login}”."), login=login)
    return account


def account_info(session: Session, account: Account) -> AccountInfo:
    grants = session.scalars(
        select(AccountRole)
        .where(AccountRole.account_id == account.id)
        .order_by(AccountRole.council_id, AccountRole.role)
    )
    return AccountInfo(
        id=account.id,
        login=account.login,
        display_name=account.display_name,
        disabled=account.disabled,
        locked_until=account.locked_until,
        must_change_password=account.must_change_password,
        roles=tuple(RoleGrant(Role(g.role), g.council_id) for g in grants),
    )


def public(account: Account) -> dict[str, object]:
    """The account's fields for the audit trail: never the password hash."""
    return {
        "login": account.login,
        "display_name": account.display_name,
        "disabled": account.disabled,
        "must_change_password": account.must_change_password,
    }


def check_council(session: Session, council_id: object) -> int | None:
    """``None`` (every council) or an existing council's id."""
    if council_id is None:
        return None
    from app.models.composition import Council
    from app.services.base import get

    return get(session, Council, council_id, N_("Council")).id


def keep_an_administrator(
    session: Session, *, without_grant: int | None = None, without_account: int | None = None
) -> None:
    """Refuse a change that would leave no enabled administrator for every council."""
    query = (
        select(func.count())
        .select_from(AccountRole)
        .join(Account, Account.id == AccountRole.account_id)
        .where(
            AccountRole.role == Role.ADMINISTRATOR.value,
            AccountRole.council_id.is_(None),
            Account.disabled.is_(False),
        )
    )
    if without_grant is not None:
        query = query.where(AccountRole.id != without_grant)
    if without_account is not None:
        query = query.where(Account.id != without_account)
    if not session.scalar(query):
        raise DomainError(
            N_("This is the last administrator: give another account that role first.")
        )
