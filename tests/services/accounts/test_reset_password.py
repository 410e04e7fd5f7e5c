"""The administrator gives a temporary password and lifts a lock-out."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.domain.errors import DomainError, NotFoundError
from app.domain.permissions import PermissionRefused
from app.models.database import Database
from app.services.accounts.add_account import add_account
from app.services.accounts.reset_password import reset_password
from app.services.accounts.sign_in import MAX_FAILURES, SignInRefused, sign_in
from app.services.base import Actor
from tests.services.accounts.account_helpers import ADMIN, PASSWORD, refused_unchanged, with_admin

NOW = datetime(2026, 12, 4, 9, tzinfo=UTC)
TEMPORARY = "уақытша құпия"


@pytest.fixture
def accounts(database: Database) -> Database:
    with_admin(database)
    add_account(database, ADMIN, "seitov", PASSWORD, role="secretary")
    return database


def test_a_locked_out_account_signs_in_with_the_temporary_password(accounts: Database) -> None:
    for _ in range(MAX_FAILURES):
        with pytest.raises(SignInRefused):
            sign_in(accounts, "seitov", "guess", now=NOW, wait=lambda _s: None)
    info = reset_password(accounts, ADMIN, "seitov", TEMPORARY)
    assert info.locked_until is None and info.must_change_password
    session = sign_in(accounts, "seitov", TEMPORARY, now=NOW)
    assert session.must_change_password
    with pytest.raises(SignInRefused):
        sign_in(accounts, "seitov", PASSWORD, now=NOW, wait=lambda _s: None)


def test_refusals_write_nothing(accounts: Database, db_path: Path) -> None:
    for actor, login, password, error, message in (
        (Actor("seitov"), "admin", TEMPORARY, PermissionRefused, "only the administrator may"),
        (ADMIN, "nobody", TEMPORARY, NotFoundError, "no account “nobody”"),
        (ADMIN, "seitov", "short", DomainError, "at least 8"),
        (ADMIN, "", TEMPORARY, DomainError, "2 to 64 letters"),
    ):
        refused_unchanged(
            db_path,
            lambda a=actor, lg=login, p=password: reset_password(accounts, a, lg, p),  # type: ignore[misc]
            error,
            message,
        )
