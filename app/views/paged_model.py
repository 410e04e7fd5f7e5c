"""A table model over a long list whose lines are built a page at a time (as Anki's browser).

A list of a 15-year archive has thousands of rows, and a line costs real work to build
(deadlines on the work calendar, warnings, a protocol's state): about 100 µs each, so
2,000 of them are a fifth of a second before the first paint.  :class:`PagedRowModel`
holds every row's id in the list's order (read in one cheap SQL query, sorted there), so
its row count, the scroll bar, the keyboard (Ctrl+End) and finding a row by id cover the
whole list at once; the lines are asked of a *loader* :attr:`PagedRowModel.page_size` at a
time, the first time a view (or the page) needs one of them.  A list whose ids cost too
much to read at once (:meth:`PagedRowModel.set_source`) is given its count, and its ids are
read a page at a time too, with the page's lines.

:func:`fit_columns` sizes the columns on one page of texts, the way the item delegate lays
them out: Qt's own ``resizeColumnToContents`` asks the model for eight roles of every cell
of up to a thousand rows (loading every page).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QStyle, QTableView

from app.views.composition_model import RowCacheModel

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()

Loader = Callable[[Sequence[int]], Sequence[T]]
"""Builds the lines of these ids, in that order (an id whose record is gone is left out)."""

IdReader = Callable[[int, int], Sequence[int]]
"""The ids of rows ``first`` to ``first + count`` of a list, in its order."""


class PagedRowModel(RowCacheModel[T]):
    """Rows known by id; their lines built a page at a time when first needed.

    Subclasses declare :attr:`columns`, say which id a line has (:meth:`row_id`) and may
    add roles for a cell (:meth:`cell_data`) or a whole line (:meth:`extra_data`).
    ``Qt.UserRole`` is the row's id, known without building its line.
    """

    page_size = 50
    """Lines built at once: about two screens."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._ids: list[int] = []
        self._lines: dict[int, T] = {}  # row -> its line, for the pages built
        self._pages: set[int] = set()  # pages built (or tried: a failed read is not retried)
        self._loader: Loader[T] | None = None
        self._positions: dict[int, int] | None = None  # id -> row, made when first asked
        self._id_reader: IdReader | None = None  # None: every id is known
        self._id_pages: set[int] = set()  # pages whose ids are read (with an id reader)

    # Each subclass says which id a line has.
    row_id: Callable[[T], int]

    # -- the rows ------------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[T]) -> None:
        """Every line at once (a short list, or tests)."""
        self.beginResetModel()
        self._ids = [self.row_id(item) for item in rows]
        self._lines = dict(enumerate(rows))
        self._pages = set(range(-(-len(rows) // self.page_size)))
        self._loader = None
        self._positions = None
        self._id_reader = None
        self.endResetModel()

    def set_ids(self, ids: Sequence[int], loader: Loader[T]) -> None:
        """The rows in order; ``loader`` builds their lines a page at a time."""
        self.beginResetModel()
        self._ids = list(ids)
        self._lines = {}
        self._pages = set()
        self._loader = loader
        self._positions = None
        self._id_reader = None
        self.endResetModel()

    def set_source(self, count: int, read_ids: IdReader, loader: Loader[T]) -> None:
        """``count`` rows whose ids ``read_ids`` reads a page at a time, before ``loader``
        builds their lines (a row whose id is not found stays empty)."""
        self.beginResetModel()
        self._ids = [0] * count  # 0: not read yet (ids are positive)
        self._lines = {}
        self._pages = set()
        self._loader = loader
        self._positions = None
        self._id_reader = read_ids
        self._id_pages = set()
        self.endResetModel()

    def _read_ids(self, page: int) -> None:
        if self._id_reader is None or page in self._id_pages:
            return
        self._id_pages.add(page)
        first = page * self.page_size
        count = min(self.page_size, len(self._ids) - first)
        for offset, row_id in enumerate(list(self._id_reader(first, count))[:count]):
            self._ids[first + offset] = row_id

    def _read_every_id(self) -> None:
        """Every id (finding a row, a sort): one read of the whole list."""
        reader = self._id_reader
        if reader is None:
            return
        every = list(reader(0, len(self._ids)))[: len(self._ids)]
        self._ids[: len(every)] = every
        self._id_reader = None

    def reorder(self, ids: Sequence[int]) -> None:
        """The same rows in another order (a sort); selections follow their rows' ids.

        The lines are built again as they are shown.
        """
        self._read_every_id()
        self.layoutAboutToBeChanged.emit()
        old = self._ids
        self._ids = list(ids)
        self._positions = None
        self._lines = {}
        self._pages = set()
        before = self.persistentIndexList()
        after = []
        for index in before:
            row = self.find(old[index.row()]) if 0 <= index.row() < len(old) else -1
            after.append(self.index(row, index.column()) if row >= 0 else QModelIndex())
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def _load_page(self, page: int) -> None:
        self._pages.add(page)
        if self._loader is None:
            return
        self._read_ids(page)
        first = page * self.page_size
        ids = self._ids[first : first + self.page_size]
        built = {self.row_id(item): item for item in self._loader([i for i in ids if i])}
        for offset, row_id in enumerate(ids):
            item = built.get(row_id)
            if item is not None:
                self._lines[first + offset] = item

    def line(self, row: int) -> T | None:
        """The line of ``row``, its page built when needed (None: out of range, or gone)."""
        if not 0 <= row < len(self._ids):
            return None
        found = self._lines.get(row)
        if found is None and row // self.page_size not in self._pages:
            self._load_page(row // self.page_size)
            found = self._lines.get(row)
        return found

    def row(self, row: int) -> T:
        item = self.line(row)
        if item is None:
            raise IndexError(row)
        return item

    def rows(self) -> list[T]:
        """Every line (building every page: for tests and exports, not for painting)."""
        self._read_every_id()
        return [item for row in range(len(self._ids)) if (item := self.line(row)) is not None]

    def loaded_rows(self) -> int:
        """How many lines are built so far."""
        return len(self._lines)

    def is_built(self, row: int) -> bool:
        return row in self._lines

    def page_lines(self, row: int) -> list[tuple[int, T]]:
        """The rows of the page around ``row`` and their lines (building it when needed)."""
        if not 0 <= row < len(self._ids):
            return []
        first = row - row % self.page_size
        last = min(first + self.page_size, len(self._ids))
        return [(r, item) for r in range(first, last) if (item := self.line(r)) is not None]

    def ids(self) -> list[int]:
        self._read_every_id()
        return list(self._ids)

    def id_at(self, row: int) -> int:
        """The id of ``row``, without building its line (0: its record is gone)."""
        if 0 <= row < len(self._ids):
            self._read_ids(row // self.page_size)
        return self._ids[row]

    def find(self, row_id: int) -> int:
        """The row of ``row_id``, or -1 (whether its line is built or not)."""
        self._read_every_id()
        if self._positions is None:
            self._positions = {value: row for row, value in enumerate(self._ids)}
        return self._positions.get(row_id, -1)

    # -- QAbstractTableModel -------------------------------------------------------------------
    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)
        if self._ids:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._ids) - 1, len(self.columns) - 1)
            )

    def cell_data(self, column: int, item: T, role: int) -> Any:
        """A role of one cell that overrides the column's (a colour, a font); None: none."""
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.column() < len(self.columns):
            return None
        if role == Qt.ItemDataRole.UserRole:
            return self.id_at(index.row()) if 0 <= index.row() < len(self._ids) else None
        item = self.line(index.row())
        if item is None:
            return None
        special = self.cell_data(index.column(), item, role)
        if special is not None:
            return special
        return self.cell(index.column(), index.row(), item, role)


def fit_columns(
    table: QTableView,
    model: PagedRowModel[Any],
    row: int,
    columns: Sequence[int],
    limits: Mapping[int, int],
    default_limit: int,
) -> None:
    """Fit ``columns`` to their headers and to the texts of the page around ``row``.

    A column is never wider than its limit (the tool tips have the whole text).  Each text
    is measured in the font the model gives its cell (italic, bold), plus the delegate's
    margins, as ``resizeColumnToContents`` does, but on one page of lines.
    """
    lines = model.page_lines(row)
    header = table.horizontalHeader()
    metrics: dict[str, QFontMetrics] = {}
    plain = table.font()
    margin = 2 * (table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1)
    margin += 1 if table.showGrid() else 0
    margin += 1  # text is laid out in fractions of a pixel: one more, or the cell elides
    for column in columns:
        widest = 0
        for r, item in lines:
            text = model.columns[column].text(r, item)
            if not text:
                continue
            font = model.cell_data(column, item, Qt.ItemDataRole.FontRole)
            if font is None:
                font = model.extra_data(item, Qt.ItemDataRole.FontRole)
            font = font if isinstance(font, QFont) else plain
            key = font.key()
            if key not in metrics:
                metrics[key] = QFontMetrics(font)
            widest = max(widest, metrics[key].horizontalAdvance(text))
        width = max(widest + margin, header.sectionSizeHint(column))
        table.setColumnWidth(column, min(width, limits.get(column, default_limit)))
