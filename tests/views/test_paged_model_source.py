"""A paged model whose ids are read a page at a time too (``set_source``)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt

from app.i18n import N_
from app.views.composition_model import Column
from app.views.paged_model import PagedRowModel

IDS = [10 * n for n in range(1, 24)]  # 23 rows, ids 10..230


class Numbers(PagedRowModel[int]):
    page_size = 5
    columns = (Column[int](N_("No."), lambda _r, value: str(value)),)

    @staticmethod
    def row_id(item: int) -> int:
        return item


def make(qapp: object) -> tuple[Numbers, list[tuple[int, int]], list[list[int]]]:
    reads: list[tuple[int, int]] = []
    built: list[list[int]] = []

    def read_ids(first: int, count: int) -> list[int]:
        reads.append((first, count))
        return IDS[first : first + count]

    def load(ids: Sequence[int]) -> list[int]:
        built.append(list(ids))
        return [i for i in ids if i != 70]  # 70's record is gone

    model = Numbers()
    model.set_source(len(IDS), read_ids, load)
    return model, reads, built


def test_ids_are_read_with_their_page(qapp: object) -> None:
    model, reads, built = make(qapp)
    assert model.rowCount() == 23 and reads == [] and built == []
    assert model.data(model.index(0, 0)) == "10"
    assert reads == [(0, 5)] and built == [[10, 20, 30, 40, 50]]
    assert model.data(model.index(22, 0)) == "230"
    assert reads == [(0, 5), (20, 3)]
    assert model.data(model.index(11, 0), Qt.ItemDataRole.UserRole) == 120  # id, no line
    assert reads[-1] == (10, 5) and len(built) == 2
    assert model.data(model.index(6, 0)) is None  # gone: an empty row
    assert model.loaded_rows() == 12  # pages 0, 1 (without 70) and 4


def test_finding_a_row_reads_every_id_once(qapp: object) -> None:
    model, reads, _built = make(qapp)
    assert model.find(150) == 14
    assert model.find(999) == -1
    assert reads == [(0, 23)]
    assert model.ids() == IDS
    assert model.data(model.index(3, 0)) == "40"
    assert reads == [(0, 23)]


def test_a_short_read_leaves_the_rest_empty(qapp: object) -> None:
    model = Numbers()
    model.set_source(8, lambda first, count: [1, 2, 3][first : first + count], lambda ids: ids)
    assert [model.data(model.index(r, 0)) for r in range(8)] == ["1", "2", "3"] + [None] * 5
    assert model.rows() == [1, 2, 3]
