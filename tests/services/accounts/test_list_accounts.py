"""The accounts of a database for the administrator, and whether there are any."""

from __future__ import annotations

from app.domain.permissions import Role
from app.models.database import Database
from app.services.accounts.add_account import add_account
from app.services.accounts.common import RoleGrant
from app.services.accounts.disable_account import disable_account
from app.services.accounts.list_accounts import has_accounts, list_accounts
from tests.services.accounts.account_helpers import ADMIN, PASSWORD, with_admin
from tests.services.meeting_helpers import make_world


def test_a_new_database_has_no_accounts(database: Database) -> None:
    assert not has_accounts(database)
    assert list_accounts(database) == []


def test_every_account_by_login_with_its_state_and_roles(database: Database) -> None:
    council = make_world(database).council_id
    with_admin(database)
    add_account(
        database,
        ADMIN,
        "seitov",
        PASSWORD,
        role="secretary",
        council_id=council,
        display_name="Сейітов М.",
    )
    add_account(database, ADMIN, "abenov", PASSWORD, role="chair", council_id=council)
    disable_account(database, ADMIN, "abenov")
    assert has_accounts(database)
    listed = list_accounts(database)
    assert [a.login for a in listed] == ["abenov", "admin", "seitov"]
    abenov, admin, seitov = listed
    assert abenov.disabled and not seitov.disabled
    assert seitov.display_name == "Сейітов М." and seitov.must_change_password
    assert admin.roles == (RoleGrant(Role.ADMINISTRATOR, None),)
    assert seitov.roles == (RoleGrant(Role.SECRETARY, council),)
    assert all(not hasattr(a, "password_hash") for a in listed)
