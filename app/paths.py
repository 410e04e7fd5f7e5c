"""Where Kenes keeps its files, by the platform's conventions (platformdirs).

Kenes's files are for the user alone: every entry point calls :func:`private_files`
before it writes anything, so the database (and its -wal and -shm), backups, the log,
settings and exported protocols are created 0600 in 0700 folders, and Kenes's own
folders are made, or narrowed, to 0700.  A folder the user names (``--db``, a backup
folder chosen in the settings) keeps the permissions the user gave it.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from pathlib import Path

import platformdirs

APP_DIR_NAME = "Kenes"
PACKAGE_ROOT = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_ROOT.parent


def bundle_root() -> Path:
    """The folder holding Kenes's read-only files: catalogs, resources, migrations.

    In an installed Kenes (a PyInstaller bundle) that is the bundle's own folder
    (``sys._MEIPASS``), never a source tree; from a checkout, the project folder.
    """
    frozen = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and frozen:
        return Path(frozen)
    return PROJECT_ROOT


TRANSLATIONS_DIR = bundle_root() / "translations"
RESOURCES_DIR = bundle_root() / "resources"


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


PRIVATE_FOLDER_MODE = 0o700
PRIVATE_UMASK = 0o077


def private_folder(folder: Path) -> Path:
    """Create one of Kenes's own folders for the user alone, or narrow it to 0700."""
    folder.mkdir(mode=PRIVATE_FOLDER_MODE, parents=True, exist_ok=True)
    if os.name == "posix" and stat.S_IMODE(folder.stat().st_mode) & 0o077:
        folder.chmod(PRIVATE_FOLDER_MODE)
    return folder


def private_files() -> None:
    """New files and folders of this process are for the user alone; Kenes's folders too.

    Called first at every start.  A Kenes folder that cannot be created or narrowed
    (a read-only home, another owner) is left as it is: opening the database says why.
    """
    os.umask(PRIVATE_UMASK)
    for folder in (data_dir(), backup_dir(), config_dir(), log_dir()):
        with contextlib.suppress(OSError):
            private_folder(folder)
