"""Accounts and their roles as stored: one login each, one role per council, defaults safe."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.models.accounts import Account, AccountRole
from app.models.composition import Council
from app.models.database import Database


def add_account(database: Database, login: str) -> int:
    with database.transaction() as session:
        account = Account(login=login, password_hash="$argon2id$x")
        session.add(account)
        session.flush()
        return account.id


def test_a_new_account_is_enabled_unlocked_and_keeps_its_password(database: Database) -> None:
    account_id = add_account(database, "seitov")
    with database.reading() as session:
        account = session.get(Account, account_id)
        assert account is not None
        assert (account.disabled, account.must_change_password) == (False, False)
        assert (account.failed_attempts, account.locked_until) == (0, None)
        assert account.display_name == ""
        assert account.created_at is not None


def test_a_login_is_taken_once(database: Database) -> None:
    add_account(database, "seitov")
    with pytest.raises(IntegrityError), database.transaction() as session:
        session.add(Account(login="seitov", password_hash="other"))
    with database.reading() as session:
        assert list(session.scalars(select(Account.login))) == ["seitov"]


def test_roles_for_every_council_and_none_for_an_unknown_account(database: Database) -> None:
    account_id = add_account(database, "admin")
    with database.transaction() as session:
        session.add(AccountRole(account_id=account_id, council_id=None, role="administrator"))
        session.add(AccountRole(account_id=account_id, council_id=None, role="reader"))
    with pytest.raises(IntegrityError), database.transaction() as session:
        session.add(AccountRole(account_id=account_id + 1, council_id=None, role="reader"))
    with database.reading() as session:
        roles = session.scalars(select(AccountRole.role).order_by(AccountRole.role))
        assert list(roles) == ["administrator", "reader"]


def test_a_role_in_a_council_that_does_not_exist_is_refused(database: Database) -> None:
    account_id = add_account(database, "seitov")
    with pytest.raises(IntegrityError), database.transaction() as session:
        session.add(AccountRole(account_id=account_id, council_id=999, role="secretary"))
    with database.reading() as session:
        assert session.scalars(select(AccountRole)).first() is None


def test_the_same_role_in_the_same_council_is_held_once(database: Database) -> None:
    account_id = add_account(database, "seitov")
    with database.transaction() as session:
        council = Council(kind="board", profile={})
        session.add(council)
        session.flush()
        council_id = council.id
        session.add(AccountRole(account_id=account_id, council_id=council_id, role="secretary"))
    with pytest.raises(IntegrityError), database.transaction() as session:
        session.add(AccountRole(account_id=account_id, council_id=council_id, role="secretary"))
    with database.reading() as session:
        assert len(list(session.scalars(select(AccountRole)))) == 1
