"""The accounts of a database, for the administrator (and whether there are any)."""

from __future__ import annotations

from sqlalchemy import select

from app.models.accounts import Account
from app.models.database import Database
from app.services.accounts.authorize import accounts_enabled
from app.services.accounts.common import AccountInfo, account_info


def list_accounts(db: Database) -> list[AccountInfo]:
    """Every account, by login."""
    with db.reading() as session:
        rows = session.scalars(select(Account).order_by(Account.login))
        return [account_info(session, row) for row in rows]


def has_accounts(db: Database) -> bool:
    """Whether the database asks who is working (it has at least one account)."""
    with db.reading() as session:
        return accounts_enabled(session)
