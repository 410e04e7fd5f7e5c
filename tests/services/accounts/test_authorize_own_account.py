"""An administrator acting on their own account: allowed at the start, allowed to the end."""

from __future__ import annotations

from pathlib import Path

from app.domain.permissions import PermissionRefused
from app.models.database import Database
from app.services.accounts.add_account import add_account
from app.services.accounts.disable_account import disable_account
from app.services.accounts.list_accounts import list_accounts
from app.services.accounts.set_role import set_role
from app.services.base import Actor
from tests.services.accounts.account_helpers import ADMIN, PASSWORD, refused_unchanged, with_admin

DEPUTY = Actor("deputy")


def two_administrators(database: Database) -> Database:
    with_admin(database)
    add_account(database, ADMIN, "deputy", PASSWORD, role="administrator")
    return database


def test_an_administrator_disables_their_own_account_when_another_remains(
    database: Database, db_path: Path
) -> None:
    two_administrators(database)
    info = disable_account(database, ADMIN, "admin")
    assert info.disabled
    accounts = {a.login: a for a in list_accounts(database)}
    assert accounts["admin"].disabled and not accounts["deputy"].disabled
    # From now on the disabled account acts no more; the other administrator does.
    refused_unchanged(
        db_path,
        lambda: add_account(database, ADMIN, "third", PASSWORD, role="reader"),
        PermissionRefused,
    )
    add_account(database, DEPUTY, "third", PASSWORD, role="reader")


def test_an_administrator_gives_up_their_own_role_when_another_remains(
    database: Database, db_path: Path
) -> None:
    two_administrators(database)
    set_role(database, ADMIN, "admin", "administrator", granted=False)
    # Having given it up, they can no longer manage accounts: refused, nothing written.
    refused_unchanged(
        db_path,
        lambda: add_account(database, ADMIN, "third", PASSWORD, role="reader"),
        PermissionRefused,
    )


def test_the_last_administrator_still_cannot_leave(database: Database, db_path: Path) -> None:
    with_admin(database)
    error = refused_unchanged(db_path, lambda: disable_account(database, ADMIN, "admin"), Exception)
    assert not isinstance(error, PermissionRefused)
