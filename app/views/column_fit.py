"""Share a table's width among its columns, so that every column shows on screen.

A table first fits its columns to their texts (each view measures in its own way).
When they are wider than the table, :class:`ColumnFit` narrows the columns that hold
long texts (positions, council names, acts: their cells elide and their tool tips have
the whole text) down to a common width, "water filling": the widest are narrowed
first, a narrow one keeps its width, and no column gets narrower than its header, so
no title is cut.  Short columns (numbers, dates, marks) keep their width.

The fitted widths are kept, and the columns are shared again whenever the table's
width changes (the window resized, a scroll bar shown); a column the user drags
becomes that column's width.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QTableView


def header_width(table: QTableView, column: int) -> int:
    """The width a column's title needs (margins and the sort arrow included)."""
    return table.horizontalHeader().sectionSizeHint(column)


def shared_widths(widths: dict[int, int], elastic: dict[int, int], room: int) -> dict[int, int]:
    """``widths`` with the ``elastic`` columns narrowed so that all fit in ``room``.

    ``elastic`` maps a column to the narrowest it may become.  The columns are narrowed
    to a common level (the widest first); when even the narrowest do not fit, each
    elastic column gets its least width (the table scrolls).
    """
    total = sum(widths.values())
    if total <= room:
        return dict(widths)
    fixed = sum(w for c, w in widths.items() if c not in elastic)
    available = room - fixed

    def used(level: int) -> int:
        return sum(max(least, min(widths[c], level)) for c, least in elastic.items())

    low, high = 0, max((widths[c] for c in elastic), default=0)
    while low < high:  # the widest level at which the elastic columns fit
        middle = (low + high + 1) // 2
        if used(middle) <= available:
            low = middle
        else:
            high = middle - 1
    shared = dict(widths)
    for column, least in elastic.items():
        shared[column] = max(least, min(widths[column], low))
    return shared


class ColumnFit(QObject):
    """Keeps a table's columns within its width: see the module's doc string.

    ``elastic`` are the columns that may be narrowed (their least width is the
    header's, or ``least`` when that is wider).
    """

    def __init__(self, table: QTableView, elastic: Iterable[int], least: int = 0) -> None:
        super().__init__(table)
        self._table = table
        self._elastic = tuple(elastic)
        self._least = least
        self._natural: dict[int, int] = {}
        self._applying = False
        table.viewport().installEventFilter(self)
        table.horizontalHeader().sectionResized.connect(self._dragged)

    def fitted(self, last_width: int = 0) -> None:
        """The columns were just fitted to their texts: keep these widths and share them.

        A stretched last column's own width is ``last_width`` (at least its header's).
        """
        header = self._table.horizontalHeader()
        last = self._last_column()
        self._natural = {}
        for column in range(header.count()):
            if header.isSectionHidden(column):
                continue
            width = header.sectionSize(column)
            if column == last and header.stretchLastSection():
                # A stretched last column has the room left, not its own width.
                width = max(header_width(self._table, column), last_width)
            self._natural[column] = width
        self.share()

    def share(self) -> None:
        """Narrow the long columns, if need be, so that all fit the table's width."""
        if not self._natural:
            return
        elastic = {
            column: max(header_width(self._table, column), self._least)
            for column in self._elastic
            if column in self._natural
        }
        room = self._table.viewport().width()
        widths = shared_widths(self._natural, elastic, room)
        self._applying = True
        try:
            # The last column too: stretched, it still keeps at least the width it was given.
            for column, width in widths.items():
                self._table.setColumnWidth(column, width)
        finally:
            self._applying = False

    def _last_column(self) -> int:
        header = self._table.horizontalHeader()
        for column in reversed(range(header.count())):
            if not header.isSectionHidden(column):
                return column
        return -1

    def _dragged(self, column: int, _old: int, new: int) -> None:
        """A column the user resized keeps the width given (not the stretched last one)."""
        if self._applying or column == self._last_column() or column not in self._natural:
            return
        self._natural[column] = new

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self._table.viewport():
            self.share()
        return False
