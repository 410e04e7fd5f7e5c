"""File → Check the database: a record changed outside Kenes is named, not called damage."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from app import settings
from app.desktop import KenesApp


def close_boxes(seen: list[QMessageBox], texts: list[str]) -> None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox) and widget.isVisible() and widget not in seen:
            seen.append(widget)
            texts.append("\n".join((widget.text(), widget.informativeText())))
            widget.close()
    if len(texts) < 2:
        QTimer.singleShot(30, lambda: close_boxes(seen, texts))


def test_the_check_names_what_was_changed(tmp_path: Path, qtbot: QtBot) -> None:
    store = settings.Settings(tmp_path / "config")
    store.user.set(settings.BACKUP_DIR, str(tmp_path / "backups"))
    app = KenesApp(store, tmp_path / "kenes.sqlite3")
    assert app.open()
    app.show()
    try:
        assert app.actions is not None
        texts: list[str] = []
        QTimer.singleShot(30, lambda: close_boxes([], texts))
        task = app.actions.check_database()
        assert task is not None
        qtbot.waitUntil(lambda: len(texts) == 1, timeout=20_000)
        assert "sound" in texts[0]
        con = sqlite3.connect(tmp_path / "kenes.sqlite3")
        with con:  # the demo meeting is signed: one of its decision texts is rewritten
            con.execute("UPDATE decision_points SET text_en = 'Reject it.' WHERE id = 1")
        con.close()
        task = app.actions.check_database()
        assert task is not None
        qtbot.waitUntil(lambda: len(texts) == 2, timeout=20_000)
        assert "changed outside Kenes" in texts[1]
        assert "the text of decision point 1 of item 1 was changed" in texts[1]
        assert "damaged" not in texts[1]
    finally:
        if app.window is not None:
            app.window.close()
            app.window.deleteLater()
        app.close()
