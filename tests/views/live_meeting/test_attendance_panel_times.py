"""R and L in the live meeting record the clock time on the meeting's day, and undo keeps it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.models.database import Database
from app.services.conduct.queries import live_meeting
from app.views.live_meeting import attendance_panel
from app.views.live_meeting.window import LiveMeetingWindow
from app.views.qt_i18n import apply_language
from tests.services.conduct_helpers import DAY, all_present, board_meeting
from tests.views.live_meeting.live_helpers import open_window, press

CTRL = Qt.KeyboardModifier.ControlModifier


class _OnTheDay(dt.date):
    @classmethod
    def today(cls) -> _OnTheDay:
        return cls(DAY.year, DAY.month, DAY.day)


class _At1040(dt.datetime):
    @classmethod
    def now(cls, tz: dt.tzinfo | None = None) -> _At1040:
        return cls(DAY.year, DAY.month, DAY.day, 10, 40, 31, tzinfo=tz)


@pytest.fixture
def window(
    qtbot: QtBot, database: Database, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[LiveMeetingWindow, list[int]]]:
    board = board_meeting(database)
    all_present(database, board)
    yield open_window(qtbot, database, board), board.members
    apply_language("en")


def test_arrival_and_departure_marked_on_the_day_carry_the_time(
    qtbot: QtBot,
    database: Database,
    window: tuple[LiveMeetingWindow, list[int]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    win, members = window
    monkeypatch.setattr(attendance_panel, "date", _OnTheDay)
    monkeypatch.setattr(attendance_panel, "datetime", _At1040)
    att = win.attendance_view
    press(qtbot, att, Qt.Key.Key_Down, CTRL)  # item 2
    att.setCurrentIndex(win.attendance_model.index(13, 1))
    press(qtbot, att, Qt.Key.Key_R)
    att.setCurrentIndex(win.attendance_model.index(12, 1))
    press(qtbot, att, Qt.Key.Key_L)
    live = live_meeting(database, win.meeting_id)
    late, leaver = live.member(members[13]), live.member(members[12])
    assert late is not None and late.attendance is not None
    assert leaver is not None and leaver.attendance is not None
    assert late.attendance.arrived_at == dt.time(10, 40)
    assert leaver.attendance.left_at == dt.time(10, 40)
    win.undo_stack.undo()  # the departure is undone; the arrival keeps its time
    live = live_meeting(database, win.meeting_id)
    late, leaver = live.member(members[13]), live.member(members[12])
    assert leaver is not None and leaver.attendance is not None
    assert leaver.attendance.left_after_item is None and leaver.attendance.left_at is None
    assert late is not None and late.attendance is not None
    assert late.attendance.arrived_at == dt.time(10, 40)


def test_marked_on_another_day_no_time_is_guessed(
    qtbot: QtBot, database: Database, window: tuple[LiveMeetingWindow, list[int]]
) -> None:
    win, members = window
    att = win.attendance_view
    press(qtbot, att, Qt.Key.Key_Down, CTRL)
    att.setCurrentIndex(win.attendance_model.index(13, 1))
    press(qtbot, att, Qt.Key.Key_R)
    line = live_meeting(database, win.meeting_id).member(members[13])
    assert line is not None and line.attendance is not None
    assert line.attendance.arrived_before_item == 1 and line.attendance.arrived_at is None
