"""File dialogs open in Documents, then in the folder last used for that kind of file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from app import settings
from app.views import file_dialogs


@pytest.fixture
def store(tmp_path: Path) -> Iterator[settings.Settings]:
    made = settings.Settings(tmp_path / "config")
    file_dialogs.remember_folders_in(made)
    yield made
    file_dialogs.remember_folders_in(None)


def answer_with(path: Path | None, seen: list[str]) -> None:
    """Choose ``path`` in the next file dialog (cancel it when None), noting where it opened."""

    tries: list[QFileDialog] = []
    done: list[bool] = []

    def answer() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QFileDialog) and widget.isVisible():
                if not tries:
                    seen.append(str(Path(widget.directory().absolutePath())))
                tries.append(widget)
                if path is None:
                    widget.reject()
                elif path.is_dir():
                    widget.setDirectory(str(path))
                    widget.accept()
                else:  # typed, as a user may: the folder's listing is read in the background
                    name = widget.findChild(QLineEdit, "fileNameEdit")
                    assert name is not None
                    name.setText(str(path))
                    widget.accept()
                if widget.isVisible() and len(tries) < 50:  # not accepted yet: try again
                    break
                if widget.isVisible():  # give up rather than hang the test run
                    widget.reject()
                done.append(True)
                return
        QTimer.singleShot(20, answer)

    def watchdog() -> None:
        """Whatever happened above, never leave this dialog open: the run would hang."""
        if done:
            return
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QFileDialog) and widget.isVisible():
                widget.reject()

    QTimer.singleShot(20, answer)
    QTimer.singleShot(15_000, watchdog)


def test_a_dialog_first_opens_in_documents(qtbot: QtBot, store: settings.Settings) -> None:
    documents = file_dialogs.documents_folder()
    assert documents.is_dir()
    for kind in settings.FILE_KINDS:
        assert file_dialogs.start_folder(kind) == documents


def test_save_remembers_the_folder_per_kind(
    qtbot: QtBot, tmp_path: Path, store: settings.Settings
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    council = tmp_path / "Council 2026"
    council.mkdir()
    seen: list[str] = []
    answer_with(council / "protocol.pdf", seen)
    chosen = file_dialogs.save_file(parent, "pdf", "Save", "protocol.pdf", "PDF (*.pdf)")
    assert chosen == council / "protocol.pdf"
    assert seen == [str(file_dialogs.documents_folder())]
    assert file_dialogs.start_folder("pdf") == council
    assert file_dialogs.start_folder("exchange") == file_dialogs.documents_folder()
    # Remembered in the settings file: the next start opens there too.
    assert settings.Settings(tmp_path / "config").user.get(settings.LAST_FOLDERS["pdf"]) == str(
        council
    )
    answer_with(None, seen)
    assert file_dialogs.save_file(parent, "pdf", "Save", "again.pdf") is None
    assert seen[-1] == str(council)


def test_open_and_folder_dialogs_remember_too(
    qtbot: QtBot, tmp_path: Path, store: settings.Settings
) -> None:
    exchange = tmp_path / "exchange"
    exchange.mkdir()
    archive = exchange / "region.kenes.zip"
    archive.write_bytes(b"PK")
    seen: list[str] = []
    answer_with(archive, seen)
    assert file_dialogs.open_file(None, "exchange", "Import", filters="*.zip") == archive
    assert file_dialogs.start_folder("exchange") == exchange
    backups = tmp_path / "backups"
    backups.mkdir()
    answer_with(backups, seen)
    assert file_dialogs.choose_folder(None, "backup", "Backup folder") == backups
    assert file_dialogs.start_folder("backup") == backups


def test_a_folder_that_is_gone_falls_back_to_documents(
    tmp_path: Path, store: settings.Settings
) -> None:
    store.user.set(settings.LAST_FOLDERS["docx"], str(tmp_path / "deleted"))
    assert file_dialogs.start_folder("docx") == file_dialogs.documents_folder()


def test_an_unknown_kind_is_a_bug(store: settings.Settings) -> None:
    with pytest.raises(ValueError, match="unknown kind"):
        file_dialogs.start_folder("letters")


def test_without_settings_nothing_is_remembered(tmp_path: Path) -> None:
    file_dialogs.remember_folders_in(None)
    file_dialogs.remember("pdf", tmp_path)
    assert file_dialogs.start_folder("pdf") == file_dialogs.documents_folder()
