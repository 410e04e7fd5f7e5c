"""File → For review…: the action, installed at start; its window, imported when opened.

The review window brings the review services and their widgets with it (about 2 MB of
resident memory): the action is on the File menu from the start, the window is imported
the first time the action is triggered (``app/views/review_window.py``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

from app.i18n import _
from app.services.base import Actor
from app.services.handles import Database
from app.views.role_gate import gate


def install_review_action(window: QMainWindow, database: Database, actor: Actor) -> QAction:
    """File → For review… (Ctrl+Shift+R), opening the review window."""
    action = QAction(window)
    action.setObjectName("reviewAction")
    action.setShortcut(QKeySequence("Ctrl+Shift+R"))
    action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
    menu = window.file_menu  # type: ignore[attr-defined]
    menu.insertAction(menu.actions()[0] if menu.actions() else None, action)

    def show() -> None:
        from app.views.review_window import ReviewWindow

        ReviewWindow(database, actor, window).exec()

    action.triggered.connect(show)
    action.setText(_("For &review…"))
    gate().guard(action, "review.return")  # the chair's and the secretary's (role_gate)
    return action
