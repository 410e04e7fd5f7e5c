"""Creating an account: the first is the administrator's, every refusal writes nothing."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from app.domain.errors import DomainError, NotFoundError
from app.domain.permissions import PermissionRefused, Role
from app.models.accounts import Account
from app.models.audit import AuditEvent
from app.models.database import Database
from app.services.accounts.add_account import add_account
from app.services.accounts.common import RoleGrant
from app.services.accounts.passwords import password_matches
from app.services.base import Actor
from tests.services.accounts.account_helpers import ADMIN, PASSWORD, refused_unchanged, with_admin
from tests.services.meeting_helpers import make_world


def test_the_first_account_is_the_administrator_s_and_keeps_its_password(
    database: Database,
) -> None:
    info = add_account(
        database,
        Actor("os-user"),
        " admin ",
        PASSWORD,
        role="administrator",
        display_name="  Әкімші  ",
    )
    assert (info.login, info.display_name, info.disabled) == ("admin", "Әкімші", False)
    assert info.roles == (RoleGrant(Role.ADMINISTRATOR, None),)
    assert not info.must_change_password  # chose the password
    with database.reading() as session:
        stored = session.scalars(select(Account)).one()
        assert password_matches(stored.password_hash, PASSWORD)
        event = session.scalars(select(AuditEvent)).one()
        assert (event.actor, event.action) == ("os-user", "account.create")
        assert event.after == {
            "login": "admin",
            "display_name": "Әкімші",
            "disabled": False,
            "must_change_password": False,
            "role": "administrator",
        }


def test_the_first_account_must_be_an_administrator_for_every_council(
    database: Database, db_path: Path
) -> None:
    council = make_world(database).council_id
    for role, where in (("secretary", None), ("administrator", council)):
        refused_unchanged(
            db_path,
            lambda role=role, where=where: add_account(
                database, Actor("os-user"), "seitov", PASSWORD, role=role, council_id=where
            ),
            DomainError,
            "first account must be an administrator",
        )


def test_later_accounts_choose_their_password_at_first_sign_in(database: Database) -> None:
    council = make_world(database).council_id
    with_admin(database)
    info = add_account(database, ADMIN, "seitov", PASSWORD, role="secretary", council_id=council)
    assert info.must_change_password
    assert info.roles == (RoleGrant(Role.SECRETARY, council),)


def test_bad_input_and_a_taken_login_are_refused_and_nothing_is_written(
    database: Database, db_path: Path
) -> None:
    with_admin(database)
    cases = [
        ({"login": "admin"}, DomainError, "already taken"),
        ({"login": "two words"}, DomainError, "2 to 64 letters"),
        ({"password": "short"}, DomainError, "at least 8"),
        ({"role": "owner"}, DomainError, "no such role"),
        ({"council_id": 404}, NotFoundError, None),
    ]
    for change, error, message in cases:
        arguments: dict[str, object] = {
            "login": "seitov",
            "password": PASSWORD,
            "role": "secretary",
            **change,
        }
        refused_unchanged(
            db_path,
            lambda a=arguments: add_account(database, ADMIN, **a),  # type: ignore[misc]
            error,
            message,
        )


def test_only_the_administrator_creates_accounts(database: Database, db_path: Path) -> None:
    with_admin(database)
    add_account(database, ADMIN, "seitov", PASSWORD, role="secretary")
    refused_unchanged(
        db_path,
        lambda: add_account(database, Actor("seitov"), "omarova", PASSWORD, role="member"),
        PermissionRefused,
        "only the administrator may",
    )
