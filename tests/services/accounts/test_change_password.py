"""An account changes its own password, knowing the current one."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.domain.errors import DomainError
from app.domain.permissions import PermissionRefused
from app.models.database import Database
from app.services.accounts.add_account import add_account
from app.services.accounts.change_password import change_password
from app.services.accounts.disable_account import disable_account
from app.services.accounts.list_accounts import list_accounts
from app.services.accounts.sign_in import SignInRefused, sign_in
from app.services.base import Actor
from tests.services.accounts.account_helpers import ADMIN, PASSWORD, refused_unchanged, with_admin
from tests.services.helpers import audit_actions

NOW = datetime(2026, 12, 4, 9, tzinfo=UTC)
NEW = "жаңа құпия сөз"


@pytest.fixture
def accounts(database: Database) -> Database:
    with_admin(database)
    add_account(database, ADMIN, "seitov", "temporary password", role="secretary")
    return database


def test_the_new_password_replaces_the_old_and_the_prompt_goes(accounts: Database) -> None:
    change_password(accounts, Actor("seitov"), "temporary password", NEW)
    assert not {a.login: a for a in list_accounts(accounts)}["seitov"].must_change_password
    assert not sign_in(accounts, "seitov", NEW, now=NOW).must_change_password
    with pytest.raises(SignInRefused):
        sign_in(accounts, "seitov", "temporary password", now=NOW, wait=lambda _s: None)
    assert audit_actions(accounts)[-1] == "account.password"


def test_a_wrong_current_password_or_the_same_new_one_is_refused(
    accounts: Database, db_path: Path
) -> None:
    seitov = Actor("seitov")
    for current, new, message in (
        ("guess", NEW, "current password is wrong"),
        ("temporary password", "temporary password", "must differ"),
        ("temporary password", "short", "at least 8"),
    ):
        refused_unchanged(
            db_path,
            lambda c=current, n=new: change_password(accounts, seitov, c, n),
            DomainError,
            message,
        )


def test_a_disabled_or_unknown_account_cannot_change_a_password(
    accounts: Database, db_path: Path
) -> None:
    disable_account(accounts, ADMIN, "seitov")
    for login in ("seitov", "stranger"):
        refused_unchanged(
            db_path,
            lambda login=login: change_password(accounts, Actor(login), "temporary password", NEW),
            PermissionRefused,
            "sign in with an enabled account",
        )


def test_the_administrator_changes_only_their_own_password(accounts: Database) -> None:
    change_password(accounts, ADMIN, PASSWORD, NEW)
    assert sign_in(accounts, "admin", NEW, now=NOW).actor == ADMIN
    # The secretary's temporary password still works: change_password acts on oneself only.
    assert sign_in(accounts, "seitov", "temporary password", now=NOW).must_change_password
