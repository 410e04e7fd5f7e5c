"""Disabling an account: it no longer signs in or acts, its history stays, one admin remains."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.domain.errors import DomainError, NotFoundError
from app.domain.permissions import PermissionRefused
from app.models.database import Database
from app.services.accounts.add_account import add_account
from app.services.accounts.disable_account import disable_account
from app.services.accounts.sign_in import SignInRefused, sign_in
from app.services.base import Actor
from tests.services.accounts.account_helpers import ADMIN, PASSWORD, refused_unchanged, with_admin
from tests.services.helpers import audit_actions

NOW = datetime(2026, 12, 4, 9, tzinfo=UTC)


@pytest.fixture
def accounts(database: Database) -> Database:
    with_admin(database)
    add_account(database, ADMIN, "seitov", PASSWORD, role="secretary")
    return database


def test_a_disabled_account_cannot_sign_in_until_enabled_again(accounts: Database) -> None:
    info = disable_account(accounts, ADMIN, "seitov")
    assert info.disabled and info.roles  # the roles stay for when it comes back
    with pytest.raises(SignInRefused):
        sign_in(accounts, "seitov", PASSWORD, now=NOW, wait=lambda _s: None)
    assert not disable_account(accounts, ADMIN, "seitov", disabled=False).disabled
    assert sign_in(accounts, "seitov", PASSWORD, now=NOW).actor == Actor("seitov")
    assert audit_actions(accounts)[-2:] == ["account.disable", "account.enable"]


def test_the_last_administrator_cannot_be_disabled(accounts: Database, db_path: Path) -> None:
    refused_unchanged(
        db_path,
        lambda: disable_account(accounts, ADMIN, "admin"),
        DomainError,
        "last administrator",
    )
    add_account(accounts, ADMIN, "deputy", PASSWORD, role="administrator")
    assert disable_account(accounts, Actor("deputy"), "admin").disabled
    with pytest.raises(PermissionRefused):  # the disabled administrator acts no more
        disable_account(accounts, ADMIN, "seitov")


def test_refusals_write_nothing(accounts: Database, db_path: Path) -> None:
    refused_unchanged(
        db_path,
        lambda: disable_account(accounts, ADMIN, "nobody"),
        NotFoundError,
        "no account “nobody”",
    )
    refused_unchanged(
        db_path,
        lambda: disable_account(accounts, Actor("seitov"), "admin"),
        PermissionRefused,
        "only the administrator may",
    )
    refused_unchanged(
        db_path,
        lambda: disable_account(accounts, ADMIN, "seitov", disabled="yes"),  # type: ignore[arg-type]
        DomainError,
    )
