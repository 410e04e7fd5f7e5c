"""A table's columns share its width: long texts narrow, short columns and titles stay whole."""

from __future__ import annotations

from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from app.views.column_fit import ColumnFit, shared_widths


def test_columns_that_fit_keep_their_widths() -> None:
    widths = {0: 30, 1: 300, 2: 100}
    assert shared_widths(widths, {1: 50}, 500) == widths


def test_the_widest_long_column_narrows_first_to_a_common_width() -> None:
    widths = {0: 30, 1: 400, 2: 150, 3: 300}
    shared = shared_widths(widths, {1: 60, 2: 60, 3: 60}, 630)
    assert shared[0] == 30  # a short column is left alone
    assert shared[2] == 150  # narrower than the common width: kept whole
    assert shared[1] == shared[3] == 225
    assert sum(shared.values()) == 630


def test_no_long_column_gets_narrower_than_its_title() -> None:
    widths = {0: 300, 1: 400, 2: 400}
    shared = shared_widths(widths, {1: 120, 2: 90}, 400)
    assert shared == {0: 300, 1: 120, 2: 90}  # the table scrolls rather than cut a title


def _table(qtbot: QtBot, width: int) -> tuple[QTableView, ColumnFit]:
    table = QTableView()
    qtbot.addWidget(table)
    model = QStandardItemModel(1, 4, table)
    model.setHorizontalHeaderLabels(["№", "Position", "Person", "Act"])
    table.setModel(model)
    table.horizontalHeader().setStretchLastSection(True)
    table.resize(width, 200)
    table.show()
    qtbot.waitExposed(table)
    fit = ColumnFit(table, (1, 3))
    for column, size in enumerate((40, 500, 200, 400)):
        table.setColumnWidth(column, size)
    fit.fitted(last_width=400)
    return table, fit


def test_the_table_shares_its_width_again_when_it_is_resized(qtbot: QtBot) -> None:
    table, _fit = _table(qtbot, 700)
    header = table.horizontalHeader()
    assert header.length() <= table.viewport().width()
    assert header.sectionSize(0) == 40 and header.sectionSize(2) == 200
    narrow = header.sectionSize(1)
    table.resize(1400, 200)
    qtbot.waitUntil(lambda: header.sectionSize(1) == 500)
    assert header.sectionSize(1) > narrow


def test_a_column_the_user_drags_keeps_its_width(qtbot: QtBot) -> None:
    table, _fit = _table(qtbot, 1400)
    header = table.horizontalHeader()
    header.resizeSection(2, 260)  # as a drag of the section's edge does
    table.resize(1300, 200)
    qtbot.waitUntil(lambda: table.viewport().width() < 1300)
    assert header.sectionSize(2) == 260
