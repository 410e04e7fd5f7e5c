"""Someone saved the same record meanwhile: show both versions and let the user choose.

On a shared database two secretaries can edit one record at once.  The services refuse
the later save (``ChangedMeanwhile``) rather than overwrite; this dialog then shows, field
by field, what the other person saved beside what this user typed, and offers to keep
the saved version (the form is refilled with it) or to save this user's version over
it.  Nothing is lost either way: the other version stays in the audit trail.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from enum import Enum
from typing import TypeVar

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _

DIFFERS = QColor("#fff3cd")
T = TypeVar("T")


class Choice(Enum):
    KEEP_THEIRS = "theirs"
    SAVE_MINE = "mine"


class ConflictDialog(QDialog):
    """Field | saved meanwhile | yours; differing rows highlighted."""

    def __init__(self, rows: Sequence[tuple[str, str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictDialog")
        self.setWindowTitle(_("Changed by someone else meanwhile"))
        self.choice: Choice | None = None
        intro = QLabel(
            _(
                "Someone else saved this record after you opened it. Compare the two "
                "versions and choose which one to keep."
            )
        )
        intro.setWordWrap(True)
        table = QTableWidget(len(rows), 3)
        table.setObjectName("conflictTable")
        table.setHorizontalHeaderLabels([_("Field"), _("Saved meanwhile"), _("Yours")])
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        for row, (field, theirs, mine) in enumerate(rows):
            for column, text in enumerate((field, theirs, mine)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if theirs != mine:
                    item.setBackground(QBrush(DIFFERS))
                table.setItem(row, column, item)
        self.table = table
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.keep_button = QPushButton(_("Keep the saved version"))
        self.mine_button = QPushButton(_("Save mine over it"))
        buttons.addButton(self.keep_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.mine_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.keep_button.clicked.connect(lambda: self._choose(Choice.KEEP_THEIRS))
        self.mine_button.clicked.connect(lambda: self._choose(Choice.SAVE_MINE))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.resize(760, 360)

    def _choose(self, choice: Choice) -> None:
        self.choice = choice
        self.accept()


def language_rows(
    label: str, saved: Mapping[str, str], mine: Mapping[str, str]
) -> list[tuple[str, str, str]]:
    """One row per language of a field kept in kk, ru and en: "Title (in Kazakh)"…"""
    names = {"kk": _("in Kazakh"), "ru": _("in Russian"), "en": _("in English")}
    return [
        (f"{label} ({names[code]})", saved.get(code, ""), mine.get(code, ""))
        for code in ("kk", "ru", "en")
    ]


def ask_conflict(parent: QWidget | None, rows: Sequence[tuple[str, str, str]]) -> Choice | None:
    """The user's choice between the saved version and theirs (None: go on editing)."""
    dialog = ConflictDialog(rows, parent)
    dialog.exec()
    return dialog.choice


def resolve_conflict(
    parent: QWidget | None,
    rows: Sequence[tuple[str, str, str]],
    refill: Callable[[], None],
    save_over: Callable[[], T | None],
) -> T | None:
    """Show both versions; keep the saved one (``refill`` the form) or ``save_over`` it.

    The caller has already made the saved version its original, so saving over it is an
    ordinary save against that version.  None: nothing saved (the form stays open).
    """
    choice = ask_conflict(parent, rows)
    if choice is Choice.KEEP_THEIRS:
        refill()
    if choice is not Choice.SAVE_MINE:
        return None
    return save_over()
