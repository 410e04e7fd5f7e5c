"""app/desktop.py: the database opened for the desktop, its pages and the start's word."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from app import desktop, settings
from app.models.backup import BackupFile
from app.services.start_backup import StartWork


@pytest.mark.parametrize("demo", [True, False])
def test_a_new_database_gets_the_demo_only_when_asked(db_path: Path, demo: bool) -> None:
    database = desktop.open_store(db_path, None, demo=demo)
    try:
        assert database.created
        assert desktop.holds_demo(database) is demo
    finally:
        database.close()
    again = desktop.open_store(db_path, None, demo=not demo)  # an existing file: as it is
    try:
        assert not again.created and desktop.holds_demo(again) is demo
    finally:
        again.close()


def test_a_file_that_is_no_database_is_refused_and_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    path = tmp_path / "kenes.sqlite3"
    path.write_bytes(b"not a database at all" * 100)
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: said.append(text))
    kenes = desktop.KenesApp(settings.Settings(tmp_path / "config"), path)

    assert kenes.open() is False

    assert kenes.database is None
    assert len(said) == 1 and "is not a Kenes database" in said[0]
    assert path.read_bytes() == b"not a database at all" * 100


def test_the_database_file_and_its_backup_folder(tmp_path: Path) -> None:
    store = settings.Settings(tmp_path / "config")
    local = desktop.KenesApp(store, tmp_path / "kenes.sqlite3")
    server = desktop.KenesApp(store, "postgresql://kenes@db.local/kenes")

    assert local.database_file == tmp_path / "kenes.sqlite3"
    assert local.backup_dir() == store.backup_folder()
    assert server.database_file is None and server.backup_dir() is None


def test_the_start_message_says_what_the_start_backup_did(tmp_path: Path) -> None:
    made = BackupFile(
        tmp_path / "kenes-20261122-141503-start.sqlite3", datetime(2026, 11, 22, 14, 15), "start"
    )

    assert desktop.start_message(StartWork(made=made)) == f"Backup made at start: {made.path}"
    unchanged = desktop.start_message(StartWork(unchanged_since=made))
    assert (
        unchanged
        == "No changes since the backup of 22\u00a0November\u00a02026, 14:15; none was made."
    )
    assert desktop.start_message(StartWork()) == ""


def test_a_scrolling_page_keeps_its_reload_hook_and_title(qtbot: QtBot) -> None:
    page = QWidget()
    page.setObjectName("meetingsPage")
    calls: list[int] = []
    title = QLabel("Meetings")
    page.refresh = lambda: calls.append(1)  # type: ignore[attr-defined]
    page.pageTitle = title  # type: ignore[attr-defined]

    area = desktop.scrollable(page)
    qtbot.addWidget(area)
    area.refresh()  # type: ignore[attr-defined]

    assert area.objectName() == "meetingsPageScroll" and area.widget() is page
    assert area.widgetResizable() and calls == [1] and area.pageTitle is title  # type: ignore[attr-defined]
