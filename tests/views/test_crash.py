"""Unexpected errors: logged to a file, shown with copyable details, and Kenes keeps running."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.domain.errors import DomainError
from app.logs import LOG_FILE_NAME, setup_logging
from app.views.crash import ExceptionHook
from app.views.messages import ErrorDialog


def _raise_and_capture() -> tuple[type[BaseException], BaseException, object]:
    try:
        {}["missing"]
    except KeyError:
        info = sys.exc_info()
        assert info[0] is not None and info[1] is not None
        return info[0], info[1], info[2]
    raise AssertionError("unreachable")


def test_error_dialog_shows_copyable_details(qtbot: QtBot) -> None:
    dialog = ErrorDialog("KeyError: 'missing'", "Traceback ...\nKeyError: 'missing'")
    qtbot.addWidget(dialog)
    assert dialog.details.isReadOnly()
    dialog.copy_button.click()
    assert "KeyError" in QApplication.clipboard().text()


def test_unexpected_error_is_logged_and_shown(qtbot: QtBot, tmp_path: Path) -> None:
    log_file = setup_logging(tmp_path / "logs")
    assert log_file is not None
    hook = ExceptionHook()
    shown: list[str] = []

    def close_dialog() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, ErrorDialog) and widget.isVisible():
                shown.append(widget.details.toPlainText())
                widget.reject()
                return
        QTimer.singleShot(20, close_dialog)

    QTimer.singleShot(20, close_dialog)
    exc_type, exc, tb = _raise_and_capture()
    hook.handle(exc_type, exc, tb)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: bool(shown), timeout=3000)
    assert "KeyError" in shown[0]
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = (tmp_path / "logs" / LOG_FILE_NAME).read_text(encoding="utf-8")
    assert "unexpected error" in text and "KeyError" in text
    handler = next(
        h for h in logging.getLogger().handlers if getattr(h, "baseFilename", "") == str(log_file)
    )
    logging.getLogger().removeHandler(handler)
    handler.close()


def test_known_errors_are_not_reported_as_bugs(qtbot: QtBot) -> None:
    hook = ExceptionHook(show_dialogs=False)
    with qtbot.waitSignal(hook.raised) as blocker:
        hook.handle(DomainError, DomainError("A rule refused this."), None)
    assert isinstance(blocker.args[2], DomainError)


def test_install_and_uninstall_restore_previous_hooks() -> None:
    before = sys.excepthook
    hook = ExceptionHook(show_dialogs=False)
    hook.install()
    assert sys.excepthook == hook.handle
    hook.uninstall()
    assert sys.excepthook is before


@pytest.mark.parametrize("level", [logging.INFO])
def test_logging_falls_back_when_the_folder_is_not_writable(tmp_path: Path, level: int) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    assert setup_logging(blocker / "logs", level) is None
