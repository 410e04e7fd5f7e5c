"""The meetings list of a long archive: lines built a page at a time, sorted in SQL.

The model knows every matching meeting's id and date (so the count, the scroll bar, the
keyboard and "open meeting" cover the whole list) and builds the lines of the page the
table shows.  The page size is made small here (5) so a list of 23 meetings has five pages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QLabel, QStackedWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.domain.meeting import MeetingState
from app.models.database import Database
from app.services import meeting_queries
from app.services.meeting_queries import MeetingOrder
from app.services.meetings.cancel_meeting import cancel_meeting
from app.views import meetings_page
from app.views.meetings_models import MeetingListModel
from app.views.meetings_page import MeetingsPage
from tests.services.meeting_helpers import ME, World, plan

PAGE = 5
COUNT = 23
FIRST = date(2025, 9, 3)  # a Wednesday; one meeting a week from here
TODAY = FIRST + timedelta(weeks=12)  # the 13th meeting (row 12, page 2) is today's


@pytest.fixture(autouse=True)
def small_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(MeetingListModel, "page_size", PAGE)


@pytest.fixture
def meetings(database: Database, world: World) -> list[int]:
    """23 weekly meetings from September 2025; numbered backwards within each year."""
    ids = []
    for week in range(COUNT):
        day = FIRST + timedelta(weeks=week)
        ids.append(plan(database, world, day=day, number=100 - week))
    return ids


PageMaker = Callable[[], MeetingsPage]


@pytest.fixture
def make_page(qtbot: QtBot, database: Database) -> Iterator[PageMaker]:
    def build() -> MeetingsPage:
        widget = MeetingsPage(database, ME, clock=lambda: TODAY)
        qtbot.addWidget(widget)
        return widget

    yield build


def loaded(page: MeetingsPage) -> list[int]:
    """The rows whose lines are built."""
    model = page.model
    return [row for row in range(model.rowCount()) if row in model._lines]


def selected_row(page: MeetingsPage) -> int:
    rows = page.table.selectionModel().selectedRows()
    return rows[0].row() if rows else -1


def test_only_the_page_around_the_selection_is_built_and_the_count_says_all(
    meetings: list[int], make_page: PageMaker
) -> None:
    page = make_page()
    model = page.model
    assert model.rowCount() == COUNT
    assert page.count_label.text() == "23 meetings shown"
    # Today's meeting is chosen; only its page (rows 10–14) is built.
    assert page.selected_meeting() is not None
    assert page.selected_meeting().id == meetings[12]  # type: ignore[union-attr]
    assert loaded(page) == [10, 11, 12, 13, 14]
    assert page.agenda.meeting_id == meetings[12]
    # A line asked for (as the table does when a row comes into view) builds its page.
    assert model.data(model.index(22, MeetingListModel.NUMBER)) == str(100 - 22)
    assert loaded(page) == [10, 11, 12, 13, 14, 20, 21, 22]
    # The ids are known without building a line.
    assert model.data(model.index(0, 0), Qt.ItemDataRole.UserRole) == meetings[0]
    assert 0 not in loaded(page)
    page.set_filters(year=2026)
    assert page.count_label.text() == "5 meetings shown"


def test_scrolling_and_the_keyboard_reach_every_meeting(
    qtbot: QtBot, meetings: list[int], make_page: PageMaker
) -> None:
    page = make_page()
    page.resize(1000, 700)
    page.show()
    qtbot.waitExposed(page)
    table = page.table
    table.scrollToBottom()
    qtbot.wait(10)
    assert {20, 21, 22} <= set(loaded(page))
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)  # type: ignore[no-untyped-call]
    assert selected_row(page) == COUNT - 1
    assert page.selected_meeting().id == meetings[-1]  # type: ignore[union-attr]
    assert page.agenda.meeting_id == meetings[-1]
    qtbot.keyClick(table, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)  # type: ignore[no-untyped-call]
    assert selected_row(page) == 0
    qtbot.wait(10)
    assert 0 in loaded(page)
    qtbot.keyClick(table, Qt.Key.Key_Down)  # type: ignore[no-untyped-call]
    assert page.selected_meeting().id == meetings[1]  # type: ignore[union-attr]
    assert page.row_texts(1)[MeetingListModel.NUMBER] == "99"


def test_sorting_by_a_column_orders_every_meeting_not_only_the_built_ones(
    database: Database, meetings: list[int], make_page: PageMaker
) -> None:
    cancel_meeting(database, ME, meetings[3], "Settled by a decree.")
    page = make_page()
    model = page.model
    assert loaded(page) == [10, 11, 12, 13, 14]
    # By number, across every meeting: 2026's meetings are numbered 78–82, 2025's 83–100.
    page.table.sortByColumn(MeetingListModel.NUMBER, Qt.SortOrder.AscendingOrder)
    assert model.sort_order is MeetingOrder.NUMBER and not model.descending
    numbers = page.meeting_numbers()
    assert numbers == sorted(numbers) and numbers[0] == 78 and len(numbers) == COUNT
    # The selection follows its meeting to its new row.
    assert page.selected_meeting().id == meetings[12]  # type: ignore[union-attr]
    assert selected_row(page) == model.find(meetings[12]) == 100 - 12 - 78
    page.table.sortByColumn(MeetingListModel.NUMBER, Qt.SortOrder.DescendingOrder)
    assert page.meeting_numbers()[:2] == [100, 99]
    # By state: the cancelled meeting, in the first page of its state order, comes last.
    page.table.sortByColumn(MeetingListModel.STATE, Qt.SortOrder.AscendingOrder)
    assert model.meeting_id(COUNT - 1) == meetings[3]
    # The computed columns (materials due, warnings) do not sort: the order stays.
    before = model.keys()
    page.table.sortByColumn(MeetingListModel.WARNINGS, Qt.SortOrder.AscendingOrder)
    assert model.keys() == before
    header = page.table.horizontalHeader()
    assert header.sortIndicatorSection() == MeetingListModel.STATE
    # A reload keeps the order the user chose.
    page.refresh()
    assert model.keys() == before
    assert page.selected_meeting().id == meetings[12]  # type: ignore[union-attr]


def test_a_meeting_far_down_is_found_and_selected_by_id(
    qtbot: QtBot, meetings: list[int], make_page: PageMaker
) -> None:
    page = make_page()
    page.resize(1000, 400)
    page.show()
    qtbot.waitExposed(page)
    assert 0 not in loaded(page)
    assert page.select_meeting(meetings[0])
    assert page.selected_meeting().id == meetings[0]  # type: ignore[union-attr]
    assert page.agenda.meeting_id == meetings[0]
    assert 0 in loaded(page)
    rect = page.table.visualRect(page.model.index(0, 0))
    assert page.table.viewport().rect().intersects(rect)  # scrolled into view
    # The selection is kept by a reload; only its page and the ones shown are built.
    page.refresh()
    assert page.selected_meeting().id == meetings[0]  # type: ignore[union-attr]
    # A meeting the filters hide: the filters are cleared to show it.
    page.set_filters(year=2025)
    assert page.select_meeting(meetings[-1])
    assert page.year_filter.value() is None
    assert page.selected_meeting().id == meetings[-1]  # type: ignore[union-attr]
    assert not page.select_meeting(10_000)
    assert page.selected_meeting().id == meetings[-1]  # type: ignore[union-attr]


def test_the_list_is_read_once_when_opened_and_again_when_shown_after_being_hidden(
    qtbot: QtBot,
    database: Database,
    meetings: list[int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    reads: list[dict[str, Any]] = []
    lines: list[int] = []
    keys = meeting_queries.meeting_keys
    rows = meeting_queries.meeting_rows

    def counted_keys(*args: Any, **kwargs: Any) -> Any:
        reads.append(kwargs)
        return keys(*args, **kwargs)

    def counted_rows(*args: Any, **kwargs: Any) -> Any:
        lines.append(len(args[1]))
        return rows(*args, **kwargs)

    monkeypatch.setattr(meetings_page, "meeting_keys", counted_keys)
    monkeypatch.setattr(meetings_page, "meeting_rows", counted_rows)
    stack = QStackedWidget()
    qtbot.addWidget(stack)
    other = QLabel("another page")
    page = MeetingsPage(database, ME, clock=lambda: TODAY)  # the stack owns it
    stack.addWidget(other)
    stack.addWidget(page)
    stack.setCurrentWidget(other)
    stack.show()
    qtbot.waitExposed(stack)
    assert len(reads) == 1  # built: read once, for the chosen year only (every year here)
    stack.setCurrentWidget(page)  # shown right after being built: not read again
    assert len(reads) == 1
    stack.setCurrentWidget(other)
    stack.setCurrentWidget(page)  # shown again: another page may have changed meetings
    assert len(reads) == 2
    # Only pages of lines were built, never the whole list.
    assert lines and max(lines) <= PAGE


def test_the_paged_model_passes_the_model_tester(
    qtmodeltester: ModelTester, meetings: list[int], make_page: PageMaker
) -> None:
    page = make_page()
    qtmodeltester.check(page.model)  # type: ignore[no-untyped-call]
    assert page.model.rowCount(page.model.index(0, 0)) == 0
    assert page.model.data(QModelIndex()) is None
    assert page.model.data(page.model.index(COUNT, 0)) is None
    assert page.model.rows()[12].meeting.state is MeetingState.PLANNED
