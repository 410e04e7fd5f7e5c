"""The first start: open the demo council, or start with an empty database?

A secretary trying Kenes wants to see a council at work; a secretary setting it up
for a real council does not want to delete a made-up one first.  So when the data
folder has no database yet, Kenes asks once, before creating it.  The demo is then
marked as demo in the main window (``MainWindow.set_demo``).

Asked only by ``kenes`` started by a user (``app.gui.run`` with ``first_start="ask"``);
``--demo`` and ``--empty`` answer in advance, and tests never see the question.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from app.i18n import _


class FirstStart(StrEnum):
    """What to do when the database does not exist yet."""

    ASK = "ask"
    DEMO = "demo"
    EMPTY = "empty"


def needs_question(target: str | Path) -> bool:
    """Whether ``target`` is a database file that does not exist yet (a URL never is)."""
    text = str(target)
    return "://" not in text and not Path(text).expanduser().exists()


class FirstStartDialog(QDialog):
    """Two answers, demo or empty; closing the dialog creates nothing."""

    def __init__(self, target: str | Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstStartDialog")
        self.choice: FirstStart | None = None
        self.setWindowTitle(_("Welcome to Kenes"))
        self.text = QLabel(
            _(
                "There is no Kenes database yet ({path}).\n\n"
                "Open the demo council to look around: a made-up council with its members, "
                "a meeting and its protocol, marked as demo everywhere. Or start with an "
                "empty database and enter your own council."
            ).format(path=Path(str(target)).expanduser())
        )
        self.text.setWordWrap(True)
        self.text.setMinimumWidth(460)
        buttons = QDialogButtonBox()
        self.demo_button = QPushButton(_("Open the demo council"))
        self.demo_button.setObjectName("demoButton")
        self.empty_button = QPushButton(_("Start empty"))
        self.empty_button.setObjectName("emptyButton")
        buttons.addButton(self.demo_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.empty_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.demo_button.setDefault(True)
        self.demo_button.clicked.connect(lambda: self._choose(FirstStart.DEMO))
        self.empty_button.clicked.connect(lambda: self._choose(FirstStart.EMPTY))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)

    def _choose(self, choice: FirstStart) -> None:
        self.choice = choice
        self.accept()


def ask_first_start(target: str | Path, parent: QWidget | None = None) -> FirstStart | None:
    """Ask; DEMO or EMPTY, or None when the user closed the dialog (then Kenes quits)."""
    dialog = FirstStartDialog(target, parent)
    dialog.exec()
    return dialog.choice
