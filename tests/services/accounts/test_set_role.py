"""Granting and taking away roles, per council or in every council."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.domain.errors import DomainError, NotFoundError
from app.domain.permissions import PermissionRefused, Role
from app.models.database import Database
from app.services.accounts.add_account import add_account
from app.services.accounts.common import RoleGrant
from app.services.accounts.set_role import set_role
from app.services.base import Actor
from tests.services.accounts.account_helpers import ADMIN, PASSWORD, refused_unchanged, with_admin
from tests.services.helpers import audit_actions
from tests.services.meeting_helpers import make_world


@pytest.fixture
def council(database: Database) -> int:
    council_id = make_world(database).council_id
    with_admin(database)
    add_account(database, ADMIN, "seitov", PASSWORD, role="secretary", council_id=council_id)
    return council_id


def test_a_role_is_granted_once_and_taken_away(database: Database, council: int) -> None:
    granted = set_role(database, ADMIN, "seitov", "chair", council_id=council)
    again = set_role(database, ADMIN, "seitov", "chair", council_id=council)
    assert (
        granted.roles
        == again.roles
        == (RoleGrant(Role.CHAIR, council), RoleGrant(Role.SECRETARY, council))
    )
    taken = set_role(database, ADMIN, "seitov", "chair", council_id=council, granted=False)
    assert taken.roles == (RoleGrant(Role.SECRETARY, council),)
    assert audit_actions(database)[-3:] == ["account.role"] * 3


def test_a_role_in_every_council_is_apart_from_one_in_a_council(
    database: Database, council: int
) -> None:
    set_role(database, ADMIN, "seitov", "secretary")
    info = set_role(database, ADMIN, "seitov", "secretary", council_id=council, granted=False)
    assert info.roles == (RoleGrant(Role.SECRETARY, None),)


def test_the_last_administrator_keeps_the_role(
    database: Database, db_path: Path, council: int
) -> None:
    refused_unchanged(
        db_path,
        lambda: set_role(database, ADMIN, "admin", "administrator", granted=False),
        DomainError,
        "last administrator",
    )
    set_role(database, ADMIN, "seitov", "administrator")
    info = set_role(database, Actor("seitov"), "admin", "administrator", granted=False)
    assert info.roles == ()


def test_refusals_write_nothing(database: Database, db_path: Path, council: int) -> None:
    for call, error, message in (
        (
            lambda: set_role(database, Actor("seitov"), "seitov", "chair", council_id=council),
            PermissionRefused,
            "only the administrator may",
        ),
        (lambda: set_role(database, ADMIN, "nobody", "chair"), NotFoundError, "no account"),
        (lambda: set_role(database, ADMIN, "seitov", "owner"), DomainError, "no such role"),
        (lambda: set_role(database, ADMIN, "seitov", "chair", council_id=404), NotFoundError, None),
    ):
        refused_unchanged(db_path, call, error, message)
