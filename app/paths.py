"""Where Kenes keeps its files, by the platform's conventions (platformdirs)."""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_DIR_NAME = "Kenes"
PACKAGE_ROOT = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_ROOT.parent
TRANSLATIONS_DIR = PROJECT_ROOT / "translations"
RESOURCES_DIR = PROJECT_ROOT / "resources"


def data_dir() -> Path:
    """The user's data folder; the default database lives here."""
    return Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False))


def config_dir() -> Path:
    """The user's configuration folder (settings and window state)."""
    return Path(platformdirs.user_config_dir(APP_DIR_NAME, appauthor=False))


def log_dir() -> Path:
    """The user's log folder."""
    return Path(platformdirs.user_log_dir(APP_DIR_NAME, appauthor=False))


def backup_dir() -> Path:
    """Where automatic and manual backups go unless the user chose another folder."""
    return data_dir() / "backups"


def default_database_file() -> Path:
    """The SQLite file used when no other database is named."""
    return data_dir() / "kenes.sqlite3"
