"""File → For review…: installed at start, opening the review window when triggered."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from app import desktop, settings
from app.models.database import Database
from app.services.base import Actor
from app.views.review_action import install_review_action
from app.views.review_window import ReviewWindow


def test_the_action_is_first_in_the_file_menu_and_opens_the_review_window(
    qtbot: QtBot, database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = desktop.build_main_window(settings.Settings(tmp_path / "config"), database)
    qtbot.addWidget(window)
    action = install_review_action(window, database, Actor("secretary"))
    assert window.file_menu.actions()[0] is action
    assert action.objectName() == "reviewAction"
    assert action.shortcut().toString() == "Ctrl+Shift+R"
    assert action.text() == "For &review…"
    opened: list[ReviewWindow] = []

    def record(dialog: ReviewWindow) -> int:
        opened.append(dialog)
        return QDialog.DialogCode.Rejected.value

    monkeypatch.setattr(ReviewWindow, "exec", record)  # the window itself, never shown modal
    action.trigger()
    assert len(opened) == 1 and opened[0].parent() is window
