"""Shared fixtures: isolated user folders, a real SQLite file, the interface language."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Never touch the real user's folders, even at import time.
_SESSION_HOME = Path(tempfile.mkdtemp(prefix="kenes-tests-"))
for _var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
    os.environ[_var] = str(_SESSION_HOME / _var.lower())
os.environ.pop("KENES_DB", None)
os.environ.pop("KENES_LANG", None)

from app import i18n  # noqa: E402
from app.views.pyside_imports import skip_feature_scan  # noqa: E402

skip_feature_scan()  # as the application does: PySide reads no module's source on import
from app.models.database import Database, open_database  # noqa: E402


@pytest.fixture(autouse=True)
def user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets its own data, config, log and cache folders."""
    home = tmp_path / "home"
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(var, str(home / var.lower()))
    return home


@pytest.fixture(autouse=True)
def english_interface() -> Iterator[None]:
    """Tests start in English and never leak a language into the next test."""
    i18n.set_interface_language("en")
    yield
    i18n.set_interface_language("en")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "kenes.sqlite3"


@pytest.fixture
def database(db_path: Path) -> Iterator[Database]:
    """A migrated Kenes database in a real SQLite file."""
    db = open_database(db_path)
    yield db
    db.close()
