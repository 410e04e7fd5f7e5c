"""Typed settings, declared once, over QSettings (as MusicBrainz Picard does).

User settings and persisted window state live in two files, so resetting the
window layout never loses a preference.  Tests point both at a temporary folder.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar, cast

from PySide6.QtCore import QByteArray, QSettings

from app import paths

T = TypeVar("T", str, int, bool, QByteArray)


@dataclass(frozen=True)
class Setting(Generic[T]):
    """One declared setting: its key, type and default."""

    key: str
    default: T


# User settings
LANGUAGE: Setting[str] = Setting("ui/language", "")
MAX_MATERIAL_MB: Setting[int] = Setting("materials/max_size_mb", 50)
BACKUP_DIR: Setting[str] = Setting("backup/folder", "")  # "" = the data folder's backups
BACKUP_DAILY: Setting[int] = Setting("backup/daily", 7)
BACKUP_WEEKLY: Setting[int] = Setting("backup/weekly", 8)
# The automatic backups of a database take at most this many times its size (0: no limit).
BACKUP_BUDGET: Setting[int] = Setting("backup/budget_times_database", 5)
# The version whose release notes were seen ("" = none yet); see app/views/release_notes.py.
LAST_VERSION: Setting[str] = Setting("app/last_version", "")
# The folder a file dialog last opened, per kind of file ("" = the Documents folder);
# see app/views/file_dialogs.py.
FILE_KINDS = ("exchange", "backup", "pdf", "docx", "xlsx", "p12", "notices", "materials")
LAST_FOLDERS: dict[str, Setting[str]] = {kind: Setting(f"files/{kind}", "") for kind in FILE_KINDS}

# Window state
GEOMETRY: Setting[QByteArray] = Setting("window/geometry", QByteArray())
WINDOW_STATE: Setting[QByteArray] = Setting("window/state", QByteArray())
CURRENT_PAGE: Setting[int] = Setting("window/page", 0)


class Store:
    """A QSettings file read and written through declared :class:`Setting` objects."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._qs = QSettings(str(path), QSettings.Format.IniFormat)

    def get(self, setting: Setting[T]) -> T:
        value: Any = self._qs.value(setting.key, setting.default)
        kind: Any = type(setting.default)
        if isinstance(value, kind):
            return cast(T, value)
        try:
            if kind is bool:
                flag: Any = str(value).lower() in ("1", "true", "yes")
                return cast(T, flag)
            return cast(T, kind(value))
        except (TypeError, ValueError):
            return setting.default

    def set(self, setting: Setting[T], value: T) -> None:
        self._qs.setValue(setting.key, value)

    def sync(self) -> None:
        self._qs.sync()

    @property
    def file_name(self) -> str:
        return self._qs.fileName()


class Settings:
    """The user's settings and the persisted window state."""

    def __init__(self, folder: Path | None = None) -> None:
        folder = folder or paths.config_dir()
        self.user = Store(folder / "kenes.ini")
        self.state = Store(folder / "window-state.ini")

    def sync(self) -> None:
        self.user.sync()
        self.state.sync()

    def backup_folder(self) -> Path:
        """Where backups go: the folder the user chose, or the data folder's ``backups``."""
        folder = self.user.get(BACKUP_DIR)
        return Path(folder) if folder else paths.backup_dir()
