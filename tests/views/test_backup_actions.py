"""Backups from the desktop application: File menu actions, start-up backup, restore, damage."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from app import settings
from app.desktop import KenesApp
from app.models.backup import BackupFile, backup_database
from app.models.database import open_database
from app.services import backups
from app.services.councils import list_councils

_CHAINS: list[list[bool]] = []


@pytest.fixture(autouse=True)
def _stop_answering() -> object:
    """Message-box answerers of one test never answer the next test's boxes."""
    yield
    for chain in _CHAINS:
        chain.append(True)
    _CHAINS.clear()


def answer_boxes(
    replies: list[str], button: QMessageBox.StandardButton | None = None
) -> Callable[[], None]:
    """Close every message box that appears, remembering its text."""
    stopped: list[bool] = []
    _CHAINS.append(stopped)

    def answer() -> None:
        if stopped:
            return
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMessageBox) and widget.isVisible():
                replies.append(widget.text())
                if button is not None and widget.button(button) is not None:
                    widget.button(button).click()
                else:
                    widget.close()
        QTimer.singleShot(30, answer)

    return answer


@pytest.fixture
def kenes(tmp_path: Path, qtbot: QtBot):  # type: ignore[no-untyped-def]
    store = settings.Settings(tmp_path / "config")
    store.user.set(settings.BACKUP_DIR, str(tmp_path / "backups"))
    app = KenesApp(store, tmp_path / "kenes.sqlite3")
    assert app.open()
    app.show()  # KenesApp owns its windows (a restore replaces them)
    yield app
    if app.window is not None:
        app.window.close()
        app.window.deleteLater()
    app.close()


def own_backups(tmp_path: Path) -> list[BackupFile]:
    """The backups of the test's database (tmp_path/kenes.sqlite3), newest first."""
    policy = backups.BackupPolicy(tmp_path / "backups")
    return backups.list_database_backups(tmp_path / "kenes.sqlite3", policy).own


def test_first_start_has_the_demo_and_a_start_backup(
    kenes: KenesApp, qtbot: QtBot, tmp_path: Path
) -> None:
    assert kenes.database is not None and len(list_councils(kenes.database)) == 1
    kenes.back_up_at_start()
    assert kenes.startup_task is not None
    qtbot.waitUntil(lambda: not kenes.startup_task.running, timeout=10_000)
    assert [b.reason for b in own_backups(tmp_path)] == ["start"]


def test_back_up_now_and_check_from_the_menu(kenes: KenesApp, qtbot: QtBot, tmp_path: Path) -> None:
    replies: list[str] = []
    QTimer.singleShot(30, answer_boxes(replies))
    assert kenes.actions is not None
    assert kenes.actions.backup_now.text() == "&Back up now"
    task = kenes.actions.make_backup()
    assert task is not None
    qtbot.waitUntil(lambda: bool(replies), timeout=10_000)
    assert "Backup written" in replies[0]
    assert [b.reason for b in own_backups(tmp_path)] == ["manual"]
    check = kenes.actions.check_database()
    assert check is not None
    qtbot.waitUntil(lambda: len(replies) >= 2, timeout=10_000)
    assert "sound" in replies[1]


def test_restore_replaces_the_database_and_keeps_the_current_one(
    kenes: KenesApp, qtbot: QtBot, tmp_path: Path
) -> None:
    assert kenes.database is not None and kenes.database_file is not None
    made = backup_database(kenes.database_file, tmp_path / "backups", "manual")
    with kenes.database.transaction() as session:
        session.connection().exec_driver_sql("UPDATE councils SET archived = 1")
    replies: list[str] = []
    QTimer.singleShot(30, answer_boxes(replies, QMessageBox.StandardButton.Yes))
    assert kenes.actions is not None
    assert kenes.actions.confirm_restore(made.path)
    qtbot.waitUntil(lambda: any("Restored" in r for r in replies), timeout=10_000)
    assert kenes.database is not None and len(list_councils(kenes.database)) == 1
    assert "before-restore" in [b.reason for b in own_backups(tmp_path)]
    assert kenes.window is not None and kenes.window.isVisible()


def test_a_backup_of_another_database_is_restored_only_when_the_user_says_so(
    kenes: KenesApp, qtbot: QtBot, tmp_path: Path
) -> None:
    from app.models import backup as backup_model
    from app.models.database import open_database
    from app.models.meta import read_identity

    other = open_database(tmp_path / "other.sqlite3")  # another database, empty
    other.close()
    foreign = backups.back_up_now(
        tmp_path / "other.sqlite3", backups.BackupPolicy(tmp_path / "other-backups")
    )
    assert kenes.database is not None and kenes.actions is not None
    own = read_identity(tmp_path / "kenes.sqlite3")
    replies: list[str] = []
    QTimer.singleShot(30, answer_boxes(replies, QMessageBox.StandardButton.No))
    assert not kenes.actions.confirm_restore(foreign.path)
    assert "is a backup of another database" in replies[0]
    assert len(list_councils(kenes.database)) == 1
    _CHAINS[-1].append(True)  # the answerer that says No stops
    replies.clear()
    QTimer.singleShot(30, answer_boxes(replies, QMessageBox.StandardButton.Yes))
    assert kenes.actions.confirm_restore(foreign.path)
    qtbot.waitUntil(lambda: any("Restored" in r for r in replies), timeout=10_000)
    assert kenes.database is not None and list_councils(kenes.database) == []
    assert own is not None  # the replaced database is kept, among its own backups
    kept = backup_model.backups_of(tmp_path / "backups", own)
    assert [b.reason for b in kept] == ["before-restore"]


def test_a_damaged_database_offers_the_latest_good_backup(tmp_path: Path, qtbot: QtBot) -> None:
    store = settings.Settings(tmp_path / "config")
    store.user.set(settings.BACKUP_DIR, str(tmp_path / "backups"))
    first = KenesApp(store, tmp_path / "kenes.sqlite3")
    assert first.open()
    assert first.database_file is not None
    backups.back_up_now(first.database_file, backups.BackupPolicy(tmp_path / "backups"), "start")
    first.close()
    import sqlite3

    con = sqlite3.connect(tmp_path / "kenes.sqlite3")
    con.execute("PRAGMA journal_mode = DELETE")
    con.close()
    data = bytearray((tmp_path / "kenes.sqlite3").read_bytes())
    data[4096 * 2 : 4096 * 4] = b"\xa5" * 8192
    (tmp_path / "kenes.sqlite3").write_bytes(bytes(data))
    replies: list[str] = []
    QTimer.singleShot(30, answer_boxes(replies, QMessageBox.StandardButton.Yes))
    again = KenesApp(store, tmp_path / "kenes.sqlite3")
    assert again.open()
    assert any("Restore the latest good backup" in r for r in replies), replies
    assert again.database is not None and len(list_councils(again.database)) == 1
    again.close()


def test_a_large_database_is_checked_after_the_start_and_never_backed_up_damaged(
    tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file over the quick-check size opens at once; the check runs with the start backup."""
    from app import desktop
    from app.models.backup import IntegrityReport
    from app.services import start_backup

    monkeypatch.setattr(desktop, "QUICK_CHECK_MAX_BYTES", 0)  # every file counts as large
    store = settings.Settings(tmp_path / "config")
    store.user.set(settings.BACKUP_DIR, str(tmp_path / "backups"))
    first = KenesApp(store, tmp_path / "kenes.sqlite3")
    assert first.open()
    first.close()
    kenes = KenesApp(store, tmp_path / "kenes.sqlite3")
    assert kenes.open()
    assert kenes.database is not None and kenes.database.needs_check
    kenes.show()
    checked: list[Path] = []

    def damaged(path: Path, *, full: bool = False) -> IntegrityReport:
        checked.append(path)
        return IntegrityReport(False, ("*** in database main *** Page 7: btree corrupt",))

    monkeypatch.setattr(start_backup, "integrity_check", damaged)
    replies: list[str] = []
    QTimer.singleShot(30, answer_boxes(replies))
    kenes.back_up_at_start()
    assert kenes.startup_task is not None
    qtbot.waitUntil(lambda: bool(replies), timeout=10_000)
    assert checked == [tmp_path / "kenes.sqlite3"]
    assert "The database is damaged: *** in database main *** Page 7" in replies[0]
    assert own_backups(tmp_path) == []  # the good backups are not rotated away
    assert kenes.window is not None
    kenes.window.close()
    kenes.window.deleteLater()
    kenes.close()


def start_once(store: settings.Settings, tmp_path: Path, qtbot: QtBot) -> str:
    """One start: open, show, the start's work; returns what the status bar said."""
    kenes = KenesApp(store, tmp_path / "kenes.sqlite3")
    assert kenes.open()
    window = kenes.show()
    kenes.back_up_at_start()
    assert kenes.startup_task is not None
    qtbot.waitUntil(lambda: not kenes.startup_task.running, timeout=10_000)
    said = window.statusBar().currentMessage()
    window.close()
    window.deleteLater()
    kenes.close()
    return said


def test_a_start_without_changes_makes_no_backup_and_says_so(tmp_path: Path, qtbot: QtBot) -> None:
    from app.services.base import SYSTEM
    from app.services.people import PersonData, create_person

    store = settings.Settings(tmp_path / "config")
    store.user.set(settings.BACKUP_DIR, str(tmp_path / "backups"))
    assert start_once(store, tmp_path, qtbot).startswith("Backup made at start")
    (first,) = own_backups(tmp_path)
    said = start_once(store, tmp_path, qtbot)
    assert said.startswith("No changes since the backup of ")
    assert first.made.strftime("%H:%M") in said and "none was made" in said
    assert own_backups(tmp_path) == [first]
    db = open_database(tmp_path / "kenes.sqlite3")
    create_person(db, SYSTEM, PersonData(surname="Сейтқали"))
    db.close()
    assert start_once(store, tmp_path, qtbot).startswith("Backup made at start")
    assert own_backups(tmp_path)[0] != first
