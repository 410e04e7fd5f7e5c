"""Signing in: the right password, a slowed-down wrong one, lock-out, reset and change."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.models.database import Database
from app.services.accounts.add_account import add_account
from app.services.accounts.change_password import change_password
from app.services.accounts.reset_password import reset_password
from app.services.accounts.sign_in import LOCK_FOR, MAX_FAILURES, SignInRefused, sign_in
from app.services.base import Actor

PASSWORD = "correct horse battery"
NOW = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)


@pytest.fixture
def accounts(database: Database) -> Database:
    add_account(database, Actor("os-user"), "admin", PASSWORD, role="administrator")
    add_account(database, Actor("admin"), "seitov", "temporary password", role="secretary")
    return database


def test_the_right_password_signs_in(accounts: Database) -> None:
    admin = sign_in(accounts, "admin", PASSWORD, now=NOW, wait=pytest.fail)
    assert admin.actor == Actor("admin")
    assert not admin.must_change_password
    # An account the administrator made must choose its own password first.
    assert sign_in(accounts, "seitov", "temporary password", now=NOW).must_change_password


def test_a_wrong_password_waits_longer_each_time_then_locks(accounts: Database) -> None:
    waited: list[float] = []
    for _ in range(MAX_FAILURES):
        with pytest.raises(SignInRefused, match="login or the password is wrong"):
            sign_in(accounts, "admin", "guess", now=NOW, wait=waited.append)
    assert waited == [1.0, 2.0, 3.0, 4.0, 5.0]
    with pytest.raises(SignInRefused, match="locked"):
        sign_in(accounts, "admin", PASSWORD, now=NOW + timedelta(minutes=1))
    later = NOW + LOCK_FOR + timedelta(seconds=1)
    assert sign_in(accounts, "admin", PASSWORD, now=later).actor.name == "admin"


def test_an_unknown_login_is_told_apart_from_nothing(accounts: Database) -> None:
    waited: list[float] = []
    with pytest.raises(SignInRefused, match="login or the password is wrong"):
        sign_in(accounts, "nobody", PASSWORD, now=NOW, wait=waited.append)
    assert waited == [1.0]


def test_a_reset_unlocks_and_asks_for_a_new_password(accounts: Database) -> None:
    for _ in range(MAX_FAILURES):
        with pytest.raises(SignInRefused):
            sign_in(accounts, "seitov", "guess", now=NOW, wait=lambda _s: None)
    reset_password(accounts, Actor("admin"), "seitov", "another temporary")
    signed = sign_in(accounts, "seitov", "another temporary", now=NOW)
    assert signed.must_change_password
    with pytest.raises(Exception, match="current password is wrong"):
        change_password(accounts, signed.actor, "wrong", "my own password")
    with pytest.raises(Exception, match="at least 8"):
        change_password(accounts, signed.actor, "another temporary", "short")
    change_password(accounts, signed.actor, "another temporary", "my own password")
    again = sign_in(accounts, "seitov", "my own password", now=NOW)
    assert not again.must_change_password


def test_passwords_are_stored_as_argon2_hashes(accounts: Database) -> None:
    from sqlalchemy import select

    from app.models.accounts import Account

    with accounts.reading() as session:
        stored = list(session.scalars(select(Account.password_hash)))
    assert all(h.startswith("$argon2id$") for h in stored)
    assert not any(PASSWORD in h for h in stored)
