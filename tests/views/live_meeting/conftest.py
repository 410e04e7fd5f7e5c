"""Fixtures of the live meeting's tests: the demo board of seed 000, its window, what it shows."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from app.models.database import Database
from app.views import operations
from app.views.live_meeting.window import LiveMeetingWindow
from app.views.qt_i18n import apply_language
from tests.services.conduct_helpers import Board, board_meeting
from tests.views.live_meeting.live_helpers import answer_all, open_window


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Questions the window asks; every one is answered yes unless a test says otherwise."""
    asked: list[str] = []

    def ask(_parent: object, question: str) -> bool:
        asked.append(question)
        return True

    answer_all(monkeypatch, ask)
    return asked


@pytest.fixture
def board(database: Database) -> Board:
    return board_meeting(database)


@pytest.fixture
def window(qtbot: QtBot, database: Database, board: Board) -> Iterator[LiveMeetingWindow]:
    yield open_window(qtbot, database, board)
    apply_language("en")


@pytest.fixture
def heard() -> Iterator[list[tuple[operations.Changes, object]]]:
    """What the window announced to the other pages (changes, the widget that acted)."""
    found: list[tuple[operations.Changes, object]] = []

    def listen(changes: operations.Changes, source: object) -> None:
        found.append((changes, source))

    operations.hub().changed.connect(listen)
    yield found
    operations.hub().changed.disconnect(listen)
