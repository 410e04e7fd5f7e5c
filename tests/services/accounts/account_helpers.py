"""Helpers for the account tests: a database with an administrator, and byte-for-byte refusals."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app.models.database import Database
from app.services.accounts.add_account import add_account
from app.services.base import Actor

ADMIN = Actor("admin")
PASSWORD = "correct horse battery"


def files(path: Path) -> dict[str, bytes]:
    """The database file and its write-ahead log, byte for byte."""
    return {
        p.name: p.read_bytes() for p in (path, path.with_name(path.name + "-wal")) if p.exists()
    }


def refused_unchanged(
    db_path: Path, action: Callable[[], Any], error: type[Exception], match: str | None = None
) -> Exception:
    """Run ``action``, expect ``error`` (its message matching ``match``), files unchanged."""
    before = files(db_path)
    with pytest.raises(error, match=match) as caught:
        action()
    assert files(db_path) == before
    return caught.value


def with_admin(database: Database) -> Database:
    """The database with its first account: the administrator for every council."""
    add_account(database, Actor("os-user"), "admin", PASSWORD, role="administrator")
    return database
