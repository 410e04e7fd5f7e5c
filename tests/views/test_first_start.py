"""The first start asks demo or empty (only when someone is there), and the demo says it is one."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app import gui
from app.models.database import open_database
from app.services.councils import list_councils
from app.views.first_start import FirstStart, FirstStartDialog, needs_question
from app.views.main_window import MainWindow
from app.views.shell import COUNCILS, slot


def test_only_a_missing_database_file_needs_the_question(tmp_path: Path) -> None:
    existing = tmp_path / "kenes.sqlite3"
    existing.write_bytes(b"")
    assert needs_question(tmp_path / "new.sqlite3")
    assert not needs_question(existing)
    assert not needs_question("postgresql://kenes@server/kenes")


@pytest.mark.parametrize(
    ("button", "expected"),
    [("demoButton", FirstStart.DEMO), ("emptyButton", FirstStart.EMPTY), ("", None)],
)
def test_the_dialog_answers_demo_empty_or_nothing(
    qtbot: QtBot, tmp_path: Path, button: str, expected: FirstStart | None
) -> None:
    dialog = FirstStartDialog(tmp_path / "kenes.sqlite3")
    qtbot.addWidget(dialog)
    assert str(tmp_path / "kenes.sqlite3") in dialog.text.text()
    if button:
        dialog.findChild(type(dialog.demo_button), button).click()
    else:
        dialog.reject()
    assert dialog.choice is expected


def test_nobody_is_asked_when_the_answer_is_known(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    new = tmp_path / "new.sqlite3"
    assert gui.with_demo(new, FirstStart.DEMO) is True
    assert gui.with_demo(new, FirstStart.EMPTY) is False
    existing = tmp_path / "old.sqlite3"
    existing.write_bytes(b"")
    assert gui.with_demo(existing, FirstStart.ASK) is True  # opened as it is, no question
    monkeypatch.setenv(gui.CLOSE_AFTER_START_ENV, "1")
    assert gui.with_demo(new, FirstStart.ASK) is True  # nobody at the keyboard


def answer_then_look(button: str, seen: dict[str, object]) -> None:
    """Click ``button`` in the first-start dialog, then note the main window and close it."""

    def look() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, FirstStartDialog) and widget.isVisible():
                widget.findChild(type(widget.demo_button), button).click()
            # Once the database is open, the window is marked (or not).
            if (
                isinstance(widget, MainWindow)
                and widget.isVisible()
                and slot(widget, COUNCILS).ready
            ):
                seen["title"] = widget.windowTitle()
                seen["banner"] = widget.demo_banner.isVisibleTo(widget)
                widget.close()
                return
        QTimer.singleShot(50, look)

    QTimer.singleShot(50, look)


@pytest.mark.parametrize("button", ["demoButton", "emptyButton"])
def test_the_first_start_creates_what_was_chosen(qtbot: QtBot, tmp_path: Path, button: str) -> None:
    path = tmp_path / "kenes.sqlite3"
    seen: dict[str, object] = {}
    answer_then_look(button, seen)
    assert gui.run(path, "en", first_start=FirstStart.ASK) == 0
    database = open_database(path)
    try:
        councils = list_councils(database)
    finally:
        database.close()
    if button == "demoButton":
        assert [c.is_demo for c in councils] == [True]
        assert seen["title"] == "Kenes: council secretariat — demo"
        assert seen["banner"] is True
    else:
        assert councils == []
        assert seen["title"] == "Kenes: council secretariat"
        assert seen["banner"] is False


def test_closing_the_question_creates_nothing(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "kenes.sqlite3"

    def close() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, FirstStartDialog) and widget.isVisible():
                widget.reject()
                return
        QTimer.singleShot(50, close)

    QTimer.singleShot(50, close)
    assert gui.run(path, "en", first_start=FirstStart.ASK) == 0
    assert not path.exists()
