"""File dialogs that start where the user keeps such files.

A secretary who saved a protocol PDF last week in "Documents/Council 2026" wants the
next PDF dialog to open there, and an exchange file dialog to open where exchange
files went, not in the program's folder.  So every dialog names the kind of file it
asks for; the first time it opens in the Documents folder, afterwards in the folder
last used for that kind (remembered in the typed settings, ``app/settings.py``).

The application hands its settings over once (:func:`remember_folders_in`); without
them (a test, a dialog used before the settings are read) the dialogs still open in
the Documents folder and simply remember nothing.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from app import settings

_store: settings.Settings | None = None


def remember_folders_in(store: settings.Settings | None) -> None:
    """Remember the last folder per kind of file in ``store`` (``None``: remember nothing)."""
    global _store  # noqa: PLW0603 - one settings object per application, set at start
    _store = store


def documents_folder() -> Path:
    """The user's Documents folder (the home folder when the system has none)."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(location) if location else Path.home()
    return folder if folder.is_dir() else Path.home()


def _setting(kind: str) -> settings.Setting[str]:
    try:
        return settings.LAST_FOLDERS[kind]
    except KeyError:
        raise ValueError(f"unknown kind of file: {kind!r}") from None


def start_folder(kind: str) -> Path:
    """Where a dialog for ``kind`` opens: the folder last used for it, or Documents."""
    setting = _setting(kind)
    if _store is not None:
        last = _store.user.get(setting)
        if last and Path(last).is_dir():
            return Path(last)
    return documents_folder()


def remember(kind: str, folder: Path) -> None:
    """Note ``folder`` as the last one used for ``kind``."""
    setting = _setting(kind)
    if _store is not None and folder.is_dir():
        _store.user.set(setting, str(folder))
        _store.sync()


def _ask(dialog: QFileDialog) -> Path | None:
    """Run ``dialog``; the chosen path, or ``None`` when the user cancelled."""
    if dialog.exec() != QFileDialog.DialogCode.Accepted:
        return None
    chosen = dialog.selectedFiles()
    return Path(chosen[0]) if chosen and chosen[0] else None


def _dialog(parent: QWidget | None, title: str, folder: Path, filters: str) -> QFileDialog:
    dialog = QFileDialog(parent, title, str(folder), filters)
    dialog.setObjectName("fileDialog")
    return dialog


def open_file(
    parent: QWidget | None,
    kind: str,
    title: str,
    suggested_name: str = "",
    filters: str = "",
    *,
    folder: Path | None = None,
) -> Path | None:
    """Ask for an existing file of ``kind``; remembers its folder.

    ``folder``: where such files are known to be (the backup folder), rather than the
    folder last used.
    """
    start = folder if folder is not None and folder.is_dir() else start_folder(kind)
    dialog = _dialog(parent, title, start, filters)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    if suggested_name:
        dialog.selectFile(suggested_name)
    path = _ask(dialog)
    if path is not None:
        remember(kind, path.parent)
    return path


def save_file(
    parent: QWidget | None, kind: str, title: str, suggested_name: str, filters: str = ""
) -> Path | None:
    """Ask where to write a file of ``kind``, offering ``suggested_name``; remembers its folder."""
    dialog = _dialog(parent, title, start_folder(kind), filters)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    if suggested_name:
        dialog.selectFile(str(start_folder(kind) / suggested_name))
    path = _ask(dialog)
    if path is not None:
        remember(kind, path.parent)
    return path


def choose_folder(
    parent: QWidget | None, kind: str, title: str, current: Path | None = None
) -> Path | None:
    """Ask for a folder for files of ``kind``, starting at ``current`` if it exists."""
    folder = current if current is not None and current.is_dir() else start_folder(kind)
    dialog = _dialog(parent, title, folder, "")
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    path = _ask(dialog)
    if path is not None:
        remember(kind, path)
    return path
