"""The one check of every write: no accounts lets all act, else the roles decide."""

from __future__ import annotations

import pytest

from app.domain.permissions import PermissionRefused, Role
from app.models.accounts import Account
from app.models.database import Database
from app.services.accounts.add_account import add_account
from app.services.accounts.authorize import (
    accounts_enabled,
    authorize,
    held_roles,
    signed_in_account,
)
from app.services.accounts.disable_account import disable_account
from tests.services.accounts.account_helpers import ADMIN, PASSWORD, with_admin
from tests.services.meeting_helpers import make_world


def test_without_accounts_every_action_is_allowed(database: Database) -> None:
    with database.reading() as session:
        assert not accounts_enabled(session)
        authorize(session, "anyone", "account.create", None)
        authorize(session, "anyone", "protocol.sign", 1)


def test_the_answer_is_kept_for_the_whole_transaction(database: Database) -> None:
    with database.transaction() as session:
        assert not accounts_enabled(session)
        session.add(Account(login="admin", password_hash="x"))
        session.flush()
        assert not accounts_enabled(session)  # judged by the rules as they were at the start
    with database.reading() as session:
        assert accounts_enabled(session)


def test_roles_in_one_council_and_in_every_council_add_up(database: Database) -> None:
    world = make_world(database)
    with_admin(database)
    add_account(database, ADMIN, "seitov", PASSWORD, role="secretary", council_id=world.council_id)
    with database.reading() as session:
        seitov = signed_in_account(session, "seitov")
        admin = signed_in_account(session, "admin")
        assert held_roles(session, seitov.id, world.council_id) == {Role.SECRETARY}
        assert held_roles(session, seitov.id, world.council_id + 1) == set()
        assert held_roles(session, seitov.id, None) == {Role.SECRETARY}  # any council's
        assert held_roles(session, admin.id, world.council_id) == {Role.ADMINISTRATOR}
        authorize(session, "seitov", "meeting.plan", world.council_id)
        with pytest.raises(PermissionRefused, match="only the secretary may"):
            authorize(session, "seitov", "meeting.plan", world.council_id + 1)
        with pytest.raises(PermissionRefused, match="only the administrator may"):
            authorize(session, "seitov", "account.create", None)


def test_an_unknown_or_disabled_login_must_sign_in_again(database: Database) -> None:
    with_admin(database)
    add_account(database, ADMIN, "omarova", PASSWORD, role="reader")
    disable_account(database, ADMIN, "omarova")
    with database.reading() as session:
        for login in ("stranger", "omarova"):
            with pytest.raises(
                PermissionRefused, match=f"sign in with an enabled account.*{login}"
            ):
                authorize(session, login, "account.password", None)
