"""``kenes users`` and ``kenes --user``: accounts from the command line, refused by role."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main

PASSWORD = "correct horse battery"


@pytest.fixture
def kenes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    path = tmp_path / "kenes.sqlite"
    monkeypatch.setattr("app.services.accounts.sign_in.time.sleep", lambda _s: None)

    def run(*args: str, password: str | None = None, new: str | None = None) -> int:
        for env, value in (("KENES_PASSWORD", password), ("KENES_NEW_PASSWORD", new)):
            if value is None:
                monkeypatch.delenv(env, raising=False)
            else:
                monkeypatch.setenv(env, value)
        from app.services.base import work_as

        work_as(None)
        try:
            return main(["--db", str(path), "--lang", "en", *args])
        finally:
            work_as(None)

    return run


def test_accounts_from_the_command_line(kenes, capsys) -> None:  # type: ignore[no-untyped-def]
    assert kenes("users", "list") == 0
    assert "no accounts" in capsys.readouterr().out
    assert kenes("demo") == 0  # no accounts: the OS user acts as administrator
    assert kenes("users", "add", "admin", "--role", "administrator", new=PASSWORD) == 0
    assert (
        kenes(
            "--user",
            "admin",
            "users",
            "add",
            "seitov",
            "--role",
            "secretary",
            "--council",
            "1",
            password=PASSWORD,
            new="temporary pass",
        )
        == 0
    )
    capsys.readouterr()
    assert kenes("--user", "admin", "users", "list", password=PASSWORD) == 0
    listing = capsys.readouterr().out
    assert "admin: administrator (all councils)" in listing
    assert "seitov: secretary (council #1)" in listing


def test_a_command_by_the_wrong_role_is_refused(kenes, capsys) -> None:  # type: ignore[no-untyped-def]
    assert kenes("users", "add", "admin", "--role", "administrator", new=PASSWORD) == 0
    capsys.readouterr()
    # Without --user, the operating system's user is no account: refused, nothing created.
    assert kenes("users", "add", "x1", "--role", "reader", new=PASSWORD) == 2
    assert "sign in" in capsys.readouterr().err
    assert (
        kenes(
            "--user",
            "admin",
            "users",
            "add",
            "reader",
            "--role",
            "reader",
            password=PASSWORD,
            new="temporary pass",
        )
        == 0
    )
    assert (
        kenes(
            "--user",
            "reader",
            "users",
            "passwd",
            password="temporary pass",
            new="reader's own password",
        )
        == 0
    )
    capsys.readouterr()
    assert (
        kenes("--user", "reader", "users", "disable", "admin", password="reader's own password")
        == 2
    )
    assert "only the administrator may" in capsys.readouterr().err


def test_a_wrong_password_is_refused(kenes, capsys) -> None:  # type: ignore[no-untyped-def]
    assert kenes("users", "add", "admin", "--role", "administrator", new=PASSWORD) == 0
    capsys.readouterr()
    assert kenes("--user", "admin", "users", "list", password="wrong") == 2
    assert "login or the password is wrong" in capsys.readouterr().err
