"""The one place that shows errors and refusals to the user.

Core code never opens a dialog (qutebrowser's ``message`` module): it raises,
and views hand the exception here.
"""

from __future__ import annotations

import logging
import traceback
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import KenesError
from app.i18n import _

log = logging.getLogger(__name__)


def show_refusal(parent: QWidget | None, error: KenesError) -> None:
    """Show a user-fixable refusal in the interface language."""
    box = QMessageBox(QMessageBox.Icon.Warning, _("Kenes"), error.message(), parent=parent)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.exec()


class ErrorDialog(QDialog):
    """An unexpected error: what happened, the details to copy, and Kenes keeps running."""

    def __init__(self, summary: str, details: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorDialog")
        self.setWindowTitle(_("Kenes: unexpected error"))
        self.resize(640, 420)
        layout = QVBoxLayout(self)
        intro = QLabel(
            _(
                "Something went wrong that Kenes did not expect. Your saved work is safe: "
                "every change is saved when it is made. The details below were written to "
                "the log; please send them to your administrator."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.summary = QLabel(summary)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary)
        self.details = QPlainTextEdit(details)
        self.details.setReadOnly(True)
        self.details.setObjectName("errorDetails")
        layout.addWidget(self.details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(_("Copy details"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(
            self.summary.text() + "\n\n" + self.details.toPlainText()
        )


def format_exception(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> tuple[str, str]:
    """A one-line summary and the full traceback of an exception."""
    summary = "".join(traceback.format_exception_only(exc_type, exc)).strip()
    details = "".join(traceback.format_exception(exc_type, exc, tb))
    return summary, details
