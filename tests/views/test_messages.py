"""The one place that shows refusals and unexpected errors."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from app.domain.errors import KenesError
from app.views.messages import ErrorDialog, format_exception, show_refusal
from app.views.qt_i18n import apply_language


def test_a_refusal_is_a_warning_with_its_message(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box) or 0)
    parent = QWidget()
    qtbot.addWidget(parent)

    show_refusal(parent, KenesError("The agenda is approved: it cannot be changed."))

    (box,) = shown
    assert box.icon() == QMessageBox.Icon.Warning
    assert box.text() == "The agenda is approved: it cannot be changed."
    assert box.windowTitle() == "Kenes"
    assert box.parent() is parent


def test_a_refusal_is_shown_in_the_interface_language(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box) or 0)
    try:
        apply_language("ru")
        show_refusal(None, KenesError("Nothing to undo"))
    finally:
        apply_language("en")

    assert shown[0].text() == "Нечего отменять"


def boom() -> tuple[str, str]:
    try:
        raise ValueError("bad seat number")
    except ValueError:
        kind, exc, tb = sys.exc_info()
        assert kind is not None and exc is not None
        return format_exception(kind, exc, tb)


def test_an_exception_is_summed_up_in_one_line_with_its_traceback_apart() -> None:
    summary, details = boom()

    assert summary == "ValueError: bad seat number"
    assert details.startswith("Traceback (most recent call last):")
    assert "in boom" in details
    assert details.rstrip().endswith("ValueError: bad seat number")


def test_the_error_dialog_copies_the_summary_and_details(qtbot: QtBot) -> None:
    summary, details = boom()
    dialog = ErrorDialog(summary, details)
    qtbot.addWidget(dialog)

    assert dialog.details.isReadOnly()
    assert dialog.details.toPlainText() == details
    dialog.copy_button.click()

    assert QGuiApplication.clipboard().text() == f"{summary}\n\n{details}"


def test_the_error_dialog_closes_with_close(qtbot: QtBot) -> None:
    dialog = ErrorDialog("RuntimeError: x", "trace")
    qtbot.addWidget(dialog)
    dialog.show()

    dialog.reject()

    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected
