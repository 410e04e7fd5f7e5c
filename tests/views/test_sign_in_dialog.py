"""The sign-in at start on a database with accounts: real dialog, real argon2, real file."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from app.domain.errors import KenesError
from app.models.database import Database
from app.services.accounts.add_account import add_account
from app.services.accounts.sign_in import sign_in
from app.services.base import Actor
from app.views import operations
from app.views.sign_in_dialog import ChangePasswordDialog, SignInDialog

PASSWORD = "correct horse battery"


@pytest.fixture
def refusals(monkeypatch: pytest.MonkeyPatch) -> list[KenesError]:
    seen: list[KenesError] = []
    monkeypatch.setattr(operations, "show_refusal", lambda _parent, exc: seen.append(exc))
    monkeypatch.setattr("app.services.accounts.sign_in.time.sleep", lambda _s: None)
    return seen


@pytest.fixture
def accounts(database: Database) -> Database:
    add_account(database, Actor("os-user"), "admin", PASSWORD, role="administrator")
    return database


def test_the_right_password_signs_in(
    qtbot: QtBot, accounts: Database, refusals: list[KenesError]
) -> None:
    dialog = SignInDialog(accounts)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.login, "admin")
    qtbot.keyClicks(dialog.password, PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.try_sign_in()
    assert dialog.signed is not None and dialog.signed.actor == Actor("admin")
    assert refusals == []


def test_a_wrong_password_is_refused_and_asked_again(
    qtbot: QtBot, accounts: Database, refusals: list[KenesError]
) -> None:
    dialog = SignInDialog(accounts)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.login, "admin")
    qtbot.keyClicks(dialog.password, "guess")
    dialog.try_sign_in()
    qtbot.waitUntil(lambda: bool(refusals), timeout=10_000)
    assert "login or the password is wrong" in refusals[0].message()
    assert dialog.isEnabled() and dialog.password.text() == "" and dialog.signed is None


def test_changing_the_password(
    qtbot: QtBot, accounts: Database, refusals: list[KenesError]
) -> None:
    dialog = ChangePasswordDialog(accounts, Actor("admin"))
    qtbot.addWidget(dialog)
    dialog.current.setText(PASSWORD)
    dialog.new.setText("a new password")
    dialog.repeat.setText("another one")
    dialog.change()
    assert dialog.mismatch.text() and dialog.result() == 0
    dialog.repeat.setText("a new password")
    dialog.change()
    assert refusals == [] and dialog.result() == ChangePasswordDialog.DialogCode.Accepted
    assert sign_in(accounts, "admin", "a new password").actor == Actor("admin")


def test_the_dialog_grabbed(qtbot: QtBot, accounts: Database, tmp_path) -> None:  # type: ignore[no-untyped-def]
    dialog = SignInDialog(accounts)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.grab().isNull()
