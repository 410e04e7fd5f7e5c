"""The operation runner: a refusal is shown and changes nothing; a success announces the change.

Real services on a real SQLite file, real widgets offscreen; the refusal's
message box is the real one, read and closed while it is up.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from app.domain.errors import KenesError
from app.domain.protocol import ProtocolState
from app.models.database import Database
from app.services.protocols.actions import create_protocol, mark_agreed, mark_copies_sent
from app.services.protocols.common import ProtocolInfo
from app.views import operations
from app.views.operations import (
    AGENDA,
    MEETINGS,
    NOTHING,
    PROTOCOLS,
    Changes,
    Record,
    announce,
    follow,
    hub,
    run,
    run_in_background,
    succeeded,
)
from tests.services.conduct_helpers import ME
from tests.services.protocol_helpers import held_meeting

REFUSED = "Copies are marked as sent for a signed protocol."
Heard = list[tuple[Changes, object]]


def database_bytes(path: Path) -> bytes:
    """The database as it lies on disk, with its WAL if one is left."""
    wal = path.with_name(path.name + "-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


@pytest.fixture
def protocol(database: Database) -> ProtocolInfo:
    held = held_meeting(database)
    return create_protocol(database, ME, held.board.meeting_id)


@pytest.fixture
def view(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def announced() -> Iterator[Heard]:
    heard: Heard = []

    def listen(changes: Changes, source: object) -> None:
        heard.append((changes, source))

    hub().changed.connect(listen)
    yield heard
    hub().changed.disconnect(listen)


def close_box_later(texts: list[str]) -> None:
    """Read the refusal's message box once it is up, then close it."""

    def close() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, close)
            return
        texts.append(box.text())
        box.done(0)

    QTimer.singleShot(0, close)


def test_a_refusal_is_shown_in_the_message_box_and_changes_nothing(
    database: Database,
    db_path: Path,
    protocol: ProtocolInfo,
    view: QWidget,
    announced: Heard,
) -> None:
    before = database_bytes(db_path)
    shown: list[str] = []
    close_box_later(shown)
    result = run(view, lambda: mark_copies_sent(database, ME, protocol.id), PROTOCOLS)
    assert result is None
    assert shown == [REFUSED]
    assert database_bytes(db_path) == before
    assert announced == []


def test_a_success_returns_the_result_and_announces_what_changed(
    database: Database, protocol: ProtocolInfo, view: QWidget, announced: Heard
) -> None:
    result = run(view, lambda: mark_agreed(database, ME, protocol.id), PROTOCOLS)
    assert isinstance(result, ProtocolInfo) and result.state is ProtocolState.AGREED
    assert announced == [(PROTOCOLS, view)]


def test_a_read_announces_nothing(
    database: Database, protocol: ProtocolInfo, view: QWidget, announced: Heard
) -> None:
    assert run(view, lambda: protocol.number) == protocol.number
    assert announced == []


def test_an_action_without_a_result_says_whether_it_succeeded(
    database: Database, protocol: ProtocolInfo, view: QWidget, monkeypatch: pytest.MonkeyPatch
) -> None:
    refusals: list[KenesError] = []
    monkeypatch.setattr(operations, "show_refusal", lambda _p, e: refusals.append(e))
    assert succeeded(view, lambda: None)
    assert not succeeded(view, lambda: mark_copies_sent(database, ME, protocol.id))
    assert [e.message() for e in refusals] == [REFUSED]


def test_a_bug_is_not_a_refusal(view: QWidget, announced: Heard) -> None:
    with pytest.raises(ZeroDivisionError):
        run(view, lambda: 1 // 0, PROTOCOLS)
    assert announced == []


def test_changes_combine_and_say_what_they_touch() -> None:
    both = AGENDA | MEETINGS
    assert both == Changes(Record.MEETINGS, Record.AGENDA)
    assert both.touches(frozenset({Record.MEETINGS}))
    assert not both.touches(frozenset({Record.PROTOCOLS}))
    assert not NOTHING and both


def test_a_view_follows_the_changes_other_views_make(qtbot: QtBot) -> None:
    """At once when on screen; when shown again when hidden; never its own or unrelated ones."""
    shown_view, other = QWidget(), QWidget()
    for widget in (shown_view, other):
        qtbot.addWidget(widget)
    child = QWidget(shown_view)
    refreshed: list[Changes] = []
    follow(shown_view, frozenset({Record.PROTOCOLS}), refreshed.append)
    shown_view.show()
    qtbot.waitExposed(shown_view)

    announce(PROTOCOLS, other)
    assert refreshed == [PROTOCOLS]
    announce(PROTOCOLS, shown_view)  # it refreshed itself after its own action
    announce(PROTOCOLS, child)  # a widget or dialog of its own: the same
    announce(MEETINGS, other)  # not what it shows
    announce(NOTHING, other)
    assert refreshed == [PROTOCOLS]

    shown_view.hide()
    announce(PROTOCOLS, other)
    announce(PROTOCOLS | MEETINGS, None)
    assert refreshed == [PROTOCOLS]  # hidden: not yet
    shown_view.show()
    assert refreshed == [PROTOCOLS, PROTOCOLS | MEETINGS]  # once, with every change since
    shown_view.hide()
    shown_view.show()
    assert len(refreshed) == 2


def test_a_view_stops_following_when_it_goes(qtbot: QtBot) -> None:
    gone = QWidget()
    refreshed: list[Changes] = []
    follow(gone, frozenset({Record.PROTOCOLS}), refreshed.append)
    gone.show()
    gone.deleteLater()
    qtbot.wait(10)
    announce(PROTOCOLS, None)
    assert refreshed == []


def test_a_long_action_runs_in_the_background_and_announces_on_success(
    qtbot: QtBot, database: Database, protocol: ProtocolInfo, view: QWidget, announced: Heard
) -> None:
    results: list[ProtocolInfo] = []
    task = run_in_background(
        view, lambda: mark_agreed(database, ME, protocol.id), results.append, PROTOCOLS
    )
    qtbot.waitUntil(lambda: not task.running)
    assert [r.state for r in results] == [ProtocolState.AGREED]
    assert announced == [(PROTOCOLS, view)]


def test_a_refused_long_action_puts_the_view_right_then_shows_the_refusal(
    qtbot: QtBot,
    database: Database,
    db_path: Path,
    protocol: ProtocolInfo,
    view: QWidget,
    announced: Heard,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = database_bytes(db_path)
    steps: list[str] = []
    monkeypatch.setattr(operations, "show_refusal", lambda _p, e: steps.append(e.message()))
    task = run_in_background(
        view,
        lambda: mark_copies_sent(database, ME, protocol.id),
        lambda _result: steps.append("done"),
        PROTOCOLS,
        on_failed=lambda _e: steps.append("put right"),
    )
    qtbot.waitUntil(lambda: not task.running)
    assert steps == ["put right", REFUSED]
    assert announced == []
    assert database_bytes(db_path) == before
