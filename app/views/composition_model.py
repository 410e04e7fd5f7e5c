"""Qt item models of a council's composition on a date and of its history.

Both are table models over a row cache (as Anki's browser table): the view
asks the services for plain data (``CompositionLine``, ``HistoryEntry``) and
hands the list to :meth:`set_lines`; ``data`` only reads the cache.  Texts are
resolved in the interface language each time they are asked for, so after a
language switch :meth:`retranslate` only has to say that everything changed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QFont, QPalette
from PySide6.QtWidgets import QApplication

from app.domain.composition import ROLE_LABELS, Role, Side
from app.formatting import short_date
from app.i18n import N_, _, interface_language
from app.services.people import PersonInfo, PositionInfo
from app.services.seats import ChangeKind, CompositionLine, HistoryEntry

SIDE_LABELS = {
    Side.NONE: "",
    Side.KAZAKH: N_("Kazakh side"),
    Side.FOREIGN: N_("Foreign side"),
}
CHANGE_LABELS = {
    ChangeKind.SEAT_ADDED: N_("Seat added"),
    ChangeKind.SEAT_ENDED: N_("Seat ended"),
    ChangeKind.HOLDER_CHANGED: N_("New holder of the position"),
}

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
T = TypeVar("T")


# -- display helpers shared by the composition widgets ------------------------------------------


def capitalized(text: str) -> str:
    """The first letter in upper case ("төраға" -> "Төраға"), the rest untouched."""
    return text[:1].upper() + text[1:]


def role_label(role: Role) -> str:
    """The role as a list heading shows it: "Chair", "Төраға"."""
    return capitalized(_(ROLE_LABELS[Role(role)]))


def side_label(side: Side) -> str:
    label = SIDE_LABELS[Side(side)]
    return _(label) if label else ""


def person_name(person: PersonInfo | None) -> str:
    return person.full_name(interface_language()) if person is not None else ""


def position_title(position: PositionInfo | None) -> str:
    return position.title(interface_language()) if position is not None else ""


def shown_date(day: date | None) -> str:
    return short_date(day, interface_language()) if day is not None else ""


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def date_display_format() -> str:
    """The QDateEdit format that matches :func:`app.formatting.short_date`."""
    return "dd/MM/yyyy" if interface_language() == "en" else "dd.MM.yyyy"


# -- a table model over a row cache -----------------------------------------------------------


class Column(Generic[T]):
    """One column: its header (marked with N_), its text, and an optional tool tip.

    ``header_tip`` (marked with N_) says in full what a short header means.
    """

    def __init__(
        self,
        header: str,
        text: Callable[[int, T], str],
        tooltip: Callable[[int, T], str] | None = None,
        align_right: bool = False,
        header_tip: str = "",
    ) -> None:
        self.header = header
        self.text = text
        self.tooltip = tooltip
        self.align_right = align_right
        self.header_tip = header_tip


class RowCacheModel(QAbstractTableModel, Generic[T]):
    """A read-only table over a list of rows; subclasses declare :attr:`columns`."""

    columns: Sequence[Column[Any]] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[T] = []

    # -- the cache ---------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row(self, row: int) -> T:
        return self._rows[row]

    def rows(self) -> list[T]:
        return list(self._rows)

    def retranslate(self) -> None:
        """Headers and texts follow the interface language: say that all of them changed."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(self.columns) - 1)
            )

    # -- QAbstractTableModel -----------------------------------------------------------------
    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        # Never super().headerData(): on PySide6 6.12 it aborts the process at exit.
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        column = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return _(column.header)
        if role == Qt.ItemDataRole.ToolTipRole and column.header_tip:
            return _(column.header_tip)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        if not (0 <= index.column() < len(self.columns)):
            return None
        return self.cell(index.column(), index.row(), self._rows[index.row()], role)

    def cell(self, column_index: int, row: int, item: T, role: int) -> Any:
        """A role of one cell: its column's text, tool tip, alignment, or :meth:`extra_data`."""
        column = self.columns[column_index]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row, item)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column.tooltip is not None:
                return column.tooltip(row, item) or None
            return column.text(row, item) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return self.extra_data(item, role)

    def extra_data(self, item: T, role: int) -> Any:
        """Roles a subclass adds (fonts, colours)."""
        return None


def _muted() -> QBrush:
    palette = QApplication.palette()
    return palette.brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)


# -- the composition on a date ------------------------------------------------------------------


def _position_tooltip(_row: int, line: CompositionLine) -> str:
    if line.position is None:
        return ""
    organisation = line.position.organisation(interface_language())
    title = position_title(line.position)
    return f"{title}\n{organisation}" if organisation else title


def seat_marks(line: CompositionLine) -> str:
    """The marks a seat has, in one column: by agreement, its side, no vote.

    One column instead of three ("By agreement", "Side", "Voting") leaves the room to the
    positions and names; a usual seat (ex officio, voting, no side) has no mark.
    """
    marks = []
    if line.seat.by_agreement:
        marks.append(_("by agreement"))
    if Side(line.seat.side) is not Side.NONE:
        marks.append(side_label(line.seat.side))
    if not line.seat.voting:
        marks.append(_("without the right to vote"))
    return " · ".join(marks)


class CompositionModel(RowCacheModel[CompositionLine]):
    """The composition of a council on a date: one row per seat, chair first."""

    columns = (
        Column[CompositionLine](N_("№"), lambda row, _line: str(row + 1), align_right=True),
        Column[CompositionLine](N_("Role"), lambda _r, line: role_label(line.seat.role)),
        Column[CompositionLine](
            N_("Position"), lambda _r, line: position_title(line.position), _position_tooltip
        ),
        Column[CompositionLine](
            N_("Person"),
            lambda _r, line: _("vacant") if line.vacant else person_name(line.person),
        ),
        Column[CompositionLine](
            N_("Marks"),
            lambda _r, line: seat_marks(line),
            header_tip=N_("The seat's marks: by agreement, side, right to vote"),
        ),
        Column[CompositionLine](N_("From"), lambda _r, line: shown_date(line.seat.valid_from)),
        Column[CompositionLine](N_("Act"), lambda _r, line: line.act.label(interface_language())),
    )
    POSITION_COLUMN = 2
    PERSON_COLUMN = 3
    ACT_COLUMN = 6

    def set_lines(self, lines: Sequence[CompositionLine]) -> None:
        self.set_rows(lines)

    def line(self, row: int) -> CompositionLine:
        return self.row(row)

    def extra_data(self, item: CompositionLine, role: int) -> Any:
        if item.vacant and role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setItalic(True)
            return font
        if item.vacant and role == Qt.ItemDataRole.ForegroundRole:
            return _muted()
        if role == Qt.ItemDataRole.UserRole:
            return item.seat.id
        return None


# -- the history of the composition ------------------------------------------------------------


class HistoryModel(RowCacheModel[HistoryEntry]):
    """Every change of a composition, newest first, as :func:`seats.history` lists it."""

    columns = (
        Column[HistoryEntry](N_("Date"), lambda _r, entry: shown_date(entry.day)),
        Column[HistoryEntry](N_("Change"), lambda _r, entry: _(CHANGE_LABELS[entry.kind])),
        Column[HistoryEntry](N_("Role"), lambda _r, entry: role_label(entry.role)),
        Column[HistoryEntry](N_("Position"), lambda _r, entry: position_title(entry.position)),
        Column[HistoryEntry](N_("Person"), lambda _r, entry: person_name(entry.person)),
        Column[HistoryEntry](N_("Act"), lambda _r, entry: entry.act.label(interface_language())),
    )

    POSITION_COLUMN = 3
    PERSON_COLUMN = 4
    ACT_COLUMN = 5

    def set_entries(self, entries: Sequence[HistoryEntry]) -> None:
        self.set_rows(entries)

    def entry(self, row: int) -> HistoryEntry:
        return self.row(row)

    def extra_data(self, item: HistoryEntry, role: int) -> Any:
        if item.kind is ChangeKind.SEAT_ENDED and role == Qt.ItemDataRole.ForegroundRole:
            return _muted()
        return None
