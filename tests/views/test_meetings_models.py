"""The meetings list model: what each cell says, its colours, the row to open at, sorting."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from pytestqt.modeltest import ModelTester

from app import i18n
from app.domain.meeting import MeetingState
from app.domain.regulation import SUPERVISORY_BOARD_690, DayCount, Deadline
from app.models.database import Database
from app.services.meeting_queries import (
    MeetingKey,
    MeetingOrder,
    list_meetings,
    meeting_keys,
    meeting_rows,
)
from app.services.meetings.common import MeetingInfo
from app.views.meetings_models import MeetingListModel
from tests.services.meeting_helpers import drive_to, item, make_world, plan

TODAY = date(2026, 4, 10)
TEN_DAYS_BEFORE = replace(
    SUPERVISORY_BOARD_690.profile,
    materials_deadline=Deadline(10, DayCount.CALENDAR_DAYS, "27"),
)
M = MeetingListModel


@pytest.fixture
def model(database: Database) -> MeetingListModel:
    """Three meetings: one overdue on materials, one postponed, one far ahead."""
    world = make_world(database, TEN_DAYS_BEFORE)
    item(database, plan(database, world, number=1))  # 15 April, materials due 5 April
    drive_to(
        database, plan(database, world, number=2, day=date(2026, 5, 20)), MeetingState.POSTPONED
    )
    plan(database, world, number=3, day=date(2026, 6, 24))
    lines = MeetingListModel()
    lines.set_rows(list_meetings(database, today=TODAY))
    return lines


def cell(
    model: MeetingListModel, row: int, column: int, role: int = Qt.ItemDataRole.DisplayRole
) -> object:
    return model.data(model.index(row, column), role)


def test_each_column_words_its_meeting(model: MeetingListModel) -> None:
    assert [cell(model, 0, c) for c in (M.DATE, M.NUMBER, M.KIND, M.STATE, M.PRESIDING)] == [
        "15/04/2026 10:00–12:00",
        "1",
        "Regular meeting",
        "Planned",
        "Nurlan Abenov",
    ]
    assert cell(model, 0, M.COUNCIL) == "Council for the development of artificial intelligence"
    assert cell(model, 0, M.DATE, Qt.ItemDataRole.ToolTipRole) == (
        "15/04/2026 10:00–12:00\nAstana, Government House, hall 3\nin 5 days"
    )


def test_the_materials_column_counts_down_only_for_an_active_meeting(
    model: MeetingListModel,
) -> None:
    # Ten days before falls on a Sunday each time: the Friday before.
    assert cell(model, 0, M.MATERIALS) == "03/04/2026 · 7 days overdue"
    assert cell(model, 1, M.MATERIALS) == "08/05/2026"  # postponed: no countdown
    assert cell(model, 2, M.MATERIALS) == "12/06/2026 · in 63 days"  # no items yet
    assert cell(model, 0, M.MATERIALS, Qt.ItemDataRole.ToolTipRole) == (
        "Materials are due on 03/04/2026; agenda items without materials: 1."
    )


def test_an_overdue_warning_is_red_and_named_in_full_in_its_tool_tip(
    model: MeetingListModel,
) -> None:
    assert cell(model, 0, M.WARNINGS) == "Materials overdue"
    assert "03/04/2026" in str(cell(model, 0, M.WARNINGS, Qt.ItemDataRole.ToolTipRole))
    background = cell(model, 0, M.WARNINGS, Qt.ItemDataRole.BackgroundRole)
    assert background is not None and background.color() == QColor("#f8d7da")  # type: ignore[attr-defined]
    assert cell(model, 0, M.COUNCIL, Qt.ItemDataRole.BackgroundRole) is None
    assert (
        cell(model, 2, M.WARNINGS) == ""
        and cell(model, 2, M.WARNINGS, Qt.ItemDataRole.BackgroundRole) is None
    )


def test_a_postponed_meeting_is_muted_and_says_why(model: MeetingListModel) -> None:
    font = cell(model, 1, M.DATE, Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont) and font.italic()
    assert cell(model, 1, M.STATE, Qt.ItemDataRole.ToolTipRole) == "Postponed: The chair is abroad."
    assert cell(model, 0, M.DATE, Qt.ItemDataRole.FontRole) is None


def test_the_list_opens_at_the_next_meeting_or_else_the_last(model: MeetingListModel) -> None:
    assert model.nearest_row(TODAY) == 0
    assert model.nearest_row(date(2026, 5, 1)) == 1
    assert model.nearest_row(date(2027, 1, 1)) == 2
    assert MeetingListModel().nearest_row(TODAY) == -1
    assert isinstance(model.meeting(2), MeetingInfo) and model.meeting_id(2) == model.meeting(2).id


def test_sorting_asks_the_sorter_for_sortable_columns_only(database: Database) -> None:
    """As the page fills it: the meetings' keys, their lines built by the service."""
    test_world = make_world(database)
    for number, day in ((1, date(2026, 6, 3)), (2, date(2026, 5, 6)), (3, date(2026, 4, 15))):
        plan(database, test_world, number=number, day=day)
    model = MeetingListModel()
    model.set_keys(meeting_keys(database), lambda ids: meeting_rows(database, ids, today=TODAY))
    asked: list[tuple[MeetingOrder, bool]] = []

    def sorter(order: MeetingOrder, descending: bool) -> list[MeetingKey]:
        asked.append((order, descending))
        return meeting_keys(database, order=order, descending=descending)

    model.set_sorter(sorter)
    assert [cell(model, r, M.NUMBER) for r in range(3)] == ["3", "2", "1"]  # by date

    model.sort(M.MATERIALS)
    assert asked == [] and model.sort_indicator() == (M.DATE, Qt.SortOrder.AscendingOrder)

    model.sort(M.NUMBER, Qt.SortOrder.DescendingOrder)
    assert asked == [(MeetingOrder.NUMBER, True)]
    assert [cell(model, r, M.NUMBER) for r in range(3)] == ["3", "2", "1"]
    assert model.sort_indicator() == (M.NUMBER, Qt.SortOrder.DescendingOrder)
    model.sort(M.NUMBER)
    assert [cell(model, r, M.NUMBER) for r in range(3)] == ["1", "2", "3"]
    keys = model.keys()  # the meetings' ids and dates, in the new order
    assert [key.day for key in keys] == [
        date(2026, 6, 3),
        date(2026, 5, 6),
        date(2026, 4, 15),
    ]


def test_the_texts_follow_the_language(model: MeetingListModel) -> None:
    i18n.set_interface_language("ru")
    try:
        assert cell(model, 0, M.DATE) == "15.04.2026 10:00–12:00"
        assert cell(model, 0, M.STATE) != "Planned"
        assert model.headerData(M.MATERIALS, Qt.Orientation.Horizontal) != "Materials"
    finally:
        i18n.set_interface_language("en")


def test_the_model_passes_the_model_tester(
    qtmodeltester: ModelTester, model: MeetingListModel
) -> None:
    qtmodeltester.check(model, force_py=True)
