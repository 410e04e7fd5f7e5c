"""The Qt item model of the meetings list.

A table model over a row cache (:class:`PagedRowModel`, as Anki's browser
table): the page asks the services for plain data (``MeetingRow``) and hands
it over; ``data`` only reads the cache and words everything in the interface
language when it is asked, so a language switch only needs
:meth:`RowCacheModel.retranslate`.

The agenda's models live in :mod:`app.views.agenda_models` and the shared
wording in :mod:`app.views.meetings_wording`; both are named here too for the
views that import them from here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from app.domain.meeting import ACTIVE_STATES, AlertKind, MeetingState
from app.formatting import short_date
from app.i18n import N_, _, interface_language
from app.services.meeting_queries import MeetingKey, MeetingOrder, MeetingRow
from app.services.meetings.common import MeetingInfo
from app.views.agenda_models import (
    AGENDA_MIME,
    SHORT_HASH,
    AgendaModel,
    InvitationModel,
    MaterialModel,
    Mover,
    SpeakerLine,
    SpeakerModel,
    file_type,
)
from app.views.composition_model import Column, _muted, person_name
from app.views.meetings_wording import (
    Level,
    alert_level,
    alert_text,
    countdown,
    kind_label,
    level_brushes,
    meeting_title,
    meeting_when,
    state_label,
)
from app.views.paged_model import Loader, PagedRowModel

__all__ = [
    "AGENDA_MIME",
    "SHORT_HASH",
    "AgendaModel",
    "InvitationModel",
    "Level",
    "MaterialModel",
    "MeetingListModel",
    "Mover",
    "SpeakerLine",
    "SpeakerModel",
    "alert_level",
    "alert_text",
    "countdown",
    "file_type",
    "kind_label",
    "level_brushes",
    "meeting_title",
    "meeting_when",
    "state_label",
]


def _materials_text(_row: int, item: MeetingRow) -> str:
    if item.materials_due is None:
        return ""
    text = short_date(item.materials_due, interface_language())
    if item.meeting.state not in ACTIVE_STATES or item.materials_days_left is None:
        return text
    if item.items_without_materials == 0 and item.meeting.item_count > 0:
        submitted = _("all submitted")
        return f"{text} · {submitted}"
    return f"{text} · {countdown(item.materials_days_left)}"


def _materials_tooltip(_row: int, item: MeetingRow) -> str:
    if item.materials_due is None:
        return _("The council's regulation sets no deadline for materials.")
    return _("Materials are due on {due}; agenda items without materials: {count}.").format(
        due=short_date(item.materials_due, interface_language()),
        count=item.items_without_materials,
    )


def _date_tooltip(_row: int, item: MeetingRow) -> str:
    place = item.meeting.place(interface_language())
    lines = [meeting_when(item.meeting)]
    if place:
        lines.append(place)
    if item.meeting.state in ACTIVE_STATES and item.days_left >= 0:
        lines.append(countdown(item.days_left))
    return "\n".join(lines)


def _state_tooltip(_row: int, item: MeetingRow) -> str:
    label = state_label(item.meeting.state)
    if item.meeting.state_reason:
        return f"{label}: {item.meeting.state_reason}"
    return label


ALERT_LABELS = {
    AlertKind.MATERIALS_OVERDUE: N_("Materials overdue"),
    AlertKind.MATERIALS_DUE_SOON: N_("Materials due soon"),
    AlertKind.BEHIND_MINIMUM: N_("Behind the yearly minimum"),
}


def _warnings_text(_row: int, item: MeetingRow) -> str:
    """Short labels; the tool tip has every warning in full."""
    return "; ".join(_(ALERT_LABELS[alert.kind]) for alert in item.alerts)


def _warnings_tooltip(_row: int, item: MeetingRow) -> str:
    return "\n".join(alert_text(alert) for alert in item.alerts)


MUTED_STATES = frozenset({MeetingState.CANCELLED, MeetingState.POSTPONED})
"""Meetings the list writes in italics and muted colours."""


def nearest_row(days: Sequence[date], today: date) -> int:
    """The row of the soonest day on or after ``today``, else of the latest; -1 when empty."""
    upcoming = [(day, row) for row, day in enumerate(days) if day >= today]
    if upcoming:
        return min(upcoming)[1]
    if not days:
        return -1
    return max((day, row) for row, day in enumerate(days))[1]


class MeetingListModel(PagedRowModel[MeetingRow]):
    """Meetings: date, council, number, kind, state, presiding, materials due, warnings.

    The warnings column names each warning shortly; its tool tip words them in full.

    A long list is built a page at a time (:class:`PagedRowModel`, :meth:`set_keys`): the
    model knows every matching meeting's id and date in order, so its row count, the
    scroll bar, the keyboard and finding a meeting by id cover the whole list, and the
    lines (countdowns, warnings: about 100 µs each) are built when first shown.  Sorting by
    a column asks the *sorter* (:meth:`set_sorter`) to sort every matching meeting in SQL.
    """

    DATE, COUNCIL, NUMBER, KIND, STATE, PRESIDING, MATERIALS, WARNINGS = range(8)

    columns = (
        Column[MeetingRow](
            N_("Date"), lambda _r, row: meeting_when(row.meeting), tooltip=_date_tooltip
        ),
        Column[MeetingRow](N_("Council"), lambda _r, row: row.council_name(interface_language())),
        Column[MeetingRow](N_("No."), lambda _r, row: str(row.meeting.number), align_right=True),
        Column[MeetingRow](N_("Kind"), lambda _r, row: kind_label(row.meeting.kind)),
        Column[MeetingRow](
            N_("State"), lambda _r, row: state_label(row.meeting.state), tooltip=_state_tooltip
        ),
        Column[MeetingRow](N_("Presiding"), lambda _r, row: person_name(row.presiding)),
        Column[MeetingRow](
            N_("Materials"),
            _materials_text,
            tooltip=_materials_tooltip,
            header_tip=N_("Materials due"),
        ),
        Column[MeetingRow](N_("Warnings"), _warnings_text, tooltip=_warnings_tooltip),
    )

    SORT_ORDERS: ClassVar[dict[int, MeetingOrder]] = {
        DATE: MeetingOrder.DATE,
        COUNCIL: MeetingOrder.COUNCIL,
        NUMBER: MeetingOrder.NUMBER,
        KIND: MeetingOrder.KIND,
        STATE: MeetingOrder.STATE,
        PRESIDING: MeetingOrder.PRESIDING,
    }
    """The columns the list sorts by (in SQL, over every matching meeting); not the others."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._days: dict[int, date] = {}  # meeting id -> its date
        self._sorter: Callable[[MeetingOrder, bool], Sequence[MeetingKey]] | None = None
        self.sort_order: MeetingOrder = MeetingOrder.DATE
        self.descending = False

    def row_id(self, item: MeetingRow) -> int:
        return item.meeting.id

    # -- the rows ------------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[MeetingRow]) -> None:
        """Every line at once (a short list, or tests)."""
        self._days = {r.meeting.id: r.meeting.day for r in rows}
        super().set_rows(rows)

    def set_keys(self, keys: Sequence[MeetingKey], loader: Loader[MeetingRow]) -> None:
        """The meetings of the list in order; ``loader`` builds their lines a page at a time."""
        self._days = {key.id: key.day for key in keys}
        self.set_ids([key.id for key in keys], loader)

    def set_sorter(self, sorter: Callable[[MeetingOrder, bool], Sequence[MeetingKey]]) -> None:
        """Who sorts the whole list (in SQL) when the user sorts by a column."""
        self._sorter = sorter

    def keys(self) -> list[MeetingKey]:
        return [MeetingKey(i, self._days[i]) for i in self._ids]

    def meeting(self, row: int) -> MeetingInfo:
        return self.row(row).meeting

    def meeting_id(self, row: int) -> int:
        """The id of the meeting in ``row``, without building its line."""
        return self.id_at(row)

    def nearest_row(self, today: date) -> int:
        """The soonest meeting on or after ``today``, else the latest one; -1 when empty.

        In the list's own (date) order this is the first on or after today, else the last.
        """
        return nearest_row([self._days[i] for i in self._ids], today)

    # -- sorting -------------------------------------------------------------------------------
    def sort_indicator(self) -> tuple[int, Qt.SortOrder]:
        """The column and direction the list is sorted by."""
        column = next(c for c, o in self.SORT_ORDERS.items() if o == self.sort_order)
        if self.descending:
            return column, Qt.SortOrder.DescendingOrder
        return column, Qt.SortOrder.AscendingOrder

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort every matching meeting by ``column`` (in SQL); other columns are not sortable."""
        wanted = self.SORT_ORDERS.get(column)
        if wanted is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (wanted, descending) == (self.sort_order, self.descending):
            return
        self.sort_order, self.descending = wanted, descending
        if self._sorter is None:
            return
        keys = self._sorter(wanted, descending)
        self._days = {key.id: key.day for key in keys}
        self.reorder([key.id for key in keys])

    # -- roles -----------------------------------------------------------------------------------
    def cell_data(self, column: int, item: MeetingRow, role: int) -> Any:
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole) and (
            column in (self.MATERIALS, self.WARNINGS)
        ):
            brushes = level_brushes(alert_level(item.alerts))
            if brushes is not None:
                return brushes[0] if role == Qt.ItemDataRole.BackgroundRole else brushes[1]
        return None

    def extra_data(self, item: MeetingRow, role: int) -> Any:
        state = item.meeting.state
        if state in MUTED_STATES:
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setItalic(True)
                return font
            if role == Qt.ItemDataRole.ForegroundRole:
                return _muted()
        return None
