"""A table over a long list whose lines are built a page at a time, found by id without building."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPersistentModelIndex, Qt
from PySide6.QtWidgets import QTableView
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.views.composition_model import Column
from app.views.paged_model import PagedRowModel, fit_columns

PAGE = 4


@dataclass(frozen=True)
class Line:
    id: int
    name: str


class Lines(PagedRowModel[Line]):
    page_size = PAGE
    columns = (
        Column("Name", lambda _row, line: line.name),
        Column("Number", lambda _row, line: str(line.id), align_right=True),
    )

    def row_id(self, item: Line) -> int:
        return item.id


class Archive:
    """A list of records 10, 20, ... as a service would build them; some may be gone."""

    def __init__(self, count: int, gone: frozenset[int] = frozenset()) -> None:
        self.ids = [10 * (n + 1) for n in range(count)]
        self.gone = gone
        self.built: list[list[int]] = []
        self.id_reads: list[tuple[int, int]] = []

    def load(self, ids: Sequence[int]) -> list[Line]:
        self.built.append(list(ids))
        return [Line(i, f"Meeting {i}") for i in ids if i not in self.gone]

    def read_ids(self, first: int, count: int) -> list[int]:
        self.id_reads.append((first, count))
        return self.ids[first : first + count]


def test_only_the_page_asked_for_is_built(qtbot: QtBot) -> None:
    archive = Archive(10)
    model = Lines()
    model.set_ids(archive.ids, archive.load)
    assert model.rowCount() == 10 and model.loaded_rows() == 0

    assert model.data(model.index(5, 0)) == "Meeting 60"

    assert archive.built == [[50, 60, 70, 80]]
    assert [model.is_built(r) for r in (3, 4, 7, 8)] == [False, True, True, False]
    model.data(model.index(6, 1))
    assert len(archive.built) == 1  # the page is built once


def test_a_row_s_id_and_position_are_known_without_building_it(qtbot: QtBot) -> None:
    archive = Archive(10)
    model = Lines()
    model.set_ids(archive.ids, archive.load)

    assert model.data(model.index(9, 0), Qt.ItemDataRole.UserRole) == 100
    assert model.find(90) == 8 and model.find(55) == -1
    assert model.id_at(0) == 10
    assert archive.built == []


def test_a_record_gone_meanwhile_leaves_an_empty_line_not_retried(qtbot: QtBot) -> None:
    archive = Archive(6, gone=frozenset({20}))
    model = Lines()
    model.set_ids(archive.ids, archive.load)

    assert model.line(1) is None and model.data(model.index(1, 0)) is None
    assert model.line(1) is None
    assert archive.built == [[10, 20, 30, 40]]
    assert [line.id for line in model.rows()] == [10, 30, 40, 50, 60]
    assert model.line(6) is None and model.line(-1) is None


def test_a_source_reads_its_ids_a_page_at_a_time_until_one_is_searched(qtbot: QtBot) -> None:
    archive = Archive(10)
    model = Lines()
    model.set_source(10, archive.read_ids, archive.load)

    assert model.data(model.index(9, 0)) == "Meeting 100"
    assert archive.id_reads == [(8, 2)] and archive.built == [[90, 100]]

    assert model.find(30) == 2
    assert archive.id_reads[-1] == (0, 10)
    model.find(70)
    assert len(archive.id_reads) == 2  # every id is known now


def test_a_new_order_keeps_the_selection_on_its_record(qtbot: QtBot) -> None:
    archive = Archive(6)
    model = Lines()
    model.set_ids(archive.ids, archive.load)
    chosen = QPersistentModelIndex(model.index(1, 0))  # record 20

    model.reorder(list(reversed(archive.ids)))

    assert chosen.row() == 4
    assert model.data(model.index(4, 0)) == "Meeting 20"
    assert model.loaded_rows() == 2  # the page of row 4 only


def test_columns_fit_a_page_of_texts_within_their_limit(qtbot: QtBot) -> None:
    model = Lines()
    model.set_rows([Line(1, "A"), Line(2, "A much, much longer name of a meeting")])
    table = QTableView()
    qtbot.addWidget(table)
    table.setModel(model)

    fit_columns(table, model, 0, [0], {}, 1000)
    wide = table.columnWidth(0)
    fit_columns(table, model, 0, [0], {0: 80}, 1000)

    assert wide > table.fontMetrics().horizontalAdvance("A much, much longer name")
    assert table.columnWidth(0) == 80


def test_the_paged_model_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    archive = Archive(11, gone=frozenset({30}))
    model = Lines()
    model.set_ids(archive.ids, archive.load)

    qtmodeltester.check(model, force_py=True)
