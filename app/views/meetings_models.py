"""Qt item models of the Meetings page: the meetings list, an agenda, its speakers and materials.

All are table models over a row cache (:class:`RowCacheModel`, as Anki's
browser table): the views ask the services for plain data (``MeetingRow``,
``ItemInfo``, ``SpeakerInfo``, ``MaterialInfo``) and hand it over; ``data``
only reads the cache and words everything in the interface language when it
is asked, so a language switch only needs :meth:`RowCacheModel.retranslate`.

:class:`AgendaModel` also supports moving an item by drag and drop: a drag
carries the item's id (:data:`AGENDA_MIME`), and a drop, or ``moveRows``, asks
the view's *mover* (which calls :func:`app.services.agenda.move_item.move_item`)
to put the item at its new place.  The model never changes its rows by
itself: the agenda the service returns is loaded again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import PurePath
from typing import Any, ClassVar

from PySide6.QtCore import (
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from app.domain.meeting import (
    ACTIVE_STATES,
    MEETING_KIND_LABELS,
    MEETING_STATE_LABELS,
    Alert,
    AlertKind,
    MeetingKind,
    MeetingState,
)
from app.formatting import format_datetime, format_time, short_date
from app.i18n import N_, _, interface_language, ngettext
from app.services.meeting_queries import MeetingKey, MeetingOrder, MeetingRow
from app.services.meetings.common import ItemInfo, MaterialInfo, MeetingInfo, SpeakerInfo
from app.services.notice import Invitation, file_size
from app.views.composition_model import Column, RowCacheModel, _muted, person_name
from app.views.paged_model import Loader, PagedRowModel

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()

AGENDA_MIME = "application/x-kenes-agenda-item"
"""The drag payload of an agenda item: ``"<meeting id>:<item id>"`` in ASCII."""

SHORT_HASH = 12
"""How many hex digits of a SHA-256 the tables show (the tool tip has all 64)."""


# -- wording shared by the meetings widgets ---------------------------------------------------


def kind_label(kind: MeetingKind) -> str:
    return _(MEETING_KIND_LABELS[MeetingKind(kind)])


def state_label(state: MeetingState) -> str:
    return _(MEETING_STATE_LABELS[MeetingState(state)])


def meeting_title(meeting: MeetingInfo) -> str:
    """ "Regular meeting No. 3" in the interface language."""
    return _("{kind} No. {number}").format(kind=kind_label(meeting.kind), number=meeting.number)


def meeting_when(meeting: MeetingInfo) -> str:
    """ "15.04.2026 10:00–12:00"."""
    lang = interface_language()
    times = format_time(meeting.starts_at, lang)
    if meeting.ends_at is not None:
        times = f"{times}–{format_time(meeting.ends_at, lang)}"
    return f"{short_date(meeting.day, lang)} {times}"


def countdown(days: int) -> str:
    """ "in 5 days", "today", "3 days overdue": how far a deadline is from today."""
    if days > 0:
        return ngettext("in {count} day", "in {count} days", days).format(count=days)
    if days == 0:
        return _("today")
    late = -days
    return ngettext("{count} day overdue", "{count} days overdue", late).format(count=late)


def alert_text(alert: Alert) -> str:
    """The warning in the interface language, its dates written as the tables write them."""
    params = [(key, _table_date(value) if key == "due" else value) for key, value in alert.params]
    return Alert(alert.kind, alert.msgid, tuple(params)).message()


def _table_date(value: object) -> object:
    """An ISO date (as the warnings carry them) written as the tables write dates."""
    if not isinstance(value, str):
        return value
    try:
        return short_date(date.fromisoformat(value), interface_language())
    except ValueError:
        return value


class Level:
    """How urgent a warning is: the colours of its cells."""

    NONE = 0
    SOON = 1
    OVERDUE = 2


_BACKGROUNDS = {Level.SOON: QColor("#fff3cd"), Level.OVERDUE: QColor("#f8d7da")}
_FOREGROUNDS = {Level.SOON: QColor("#664d03"), Level.OVERDUE: QColor("#842029")}


def level_brushes(level: int) -> tuple[QBrush, QBrush] | None:
    """Background and text brushes for a warning level (None: the normal colours)."""
    if level == Level.NONE:
        return None
    return QBrush(_BACKGROUNDS[level]), QBrush(_FOREGROUNDS[level])


def alert_level(alerts: Sequence[Alert]) -> int:
    kinds = {alert.kind for alert in alerts}
    if AlertKind.MATERIALS_OVERDUE in kinds:
        return Level.OVERDUE
    if kinds:
        return Level.SOON
    return Level.NONE


# -- the meetings list -------------------------------------------------------------------------


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
        Column[MeetingRow](N_("Materials due"), _materials_text, tooltip=_materials_tooltip),
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
        days = [self._days[i] for i in self._ids]
        upcoming = [(day, row) for row, day in enumerate(days) if day >= today]
        if upcoming:
            return min(upcoming)[1]
        if not days:
            return -1
        return max((day, row) for row, day in enumerate(days))[1]

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


# -- an agenda ---------------------------------------------------------------------------------


def _item_tooltip(_row: int, item: ItemInfo) -> str:
    title = item.title(interface_language())
    if item.is_instructions_report:
        return "\n".join(
            (title, _("The report on the execution of the previous protocol's instructions."))
        )
    return title


def _responsible_tooltip(_row: int, item: ItemInfo) -> str:
    """The responsible body, and the speakers (listed in full beside the agenda)."""
    lang = interface_language()
    lines = [item.responsible_body(lang)]
    lines += [speaker.display_name(lang) for speaker in item.speakers]
    return "\n".join(line for line in lines if line)


Mover = Callable[[int, int], bool]
"""Put the item with this id at this place (0-based); True when it moved."""


class AgendaModel(RowCacheModel[ItemInfo]):
    """The items of an agenda in order; items move by drag and drop when the agenda is editable.

    Each item's speakers are listed beside the agenda (and in the responsible body's tool tip).
    """

    NUMBER, TITLE, RESPONSIBLE, MATERIALS = range(4)

    columns = (
        Column[ItemInfo](N_("No."), lambda _r, item: str(item.number), align_right=True),
        Column[ItemInfo](
            N_("Agenda item"),
            lambda _r, item: item.title(interface_language()),
            tooltip=_item_tooltip,
        ),
        Column[ItemInfo](
            N_("Responsible body"),
            lambda _r, item: item.responsible_body(interface_language()),
            tooltip=_responsible_tooltip,
        ),
        Column[ItemInfo](
            N_("Materials"), lambda _r, item: str(len(item.materials)), align_right=True
        ),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.meeting_id: int | None = None
        self.editable = False
        self._mover: Mover | None = None

    def set_agenda(self, meeting_id: int | None, items: Sequence[ItemInfo], editable: bool) -> None:
        self.meeting_id = meeting_id
        self.editable = editable
        self.set_rows(items)

    def set_mover(self, mover: Mover | None) -> None:
        self._mover = mover

    def item(self, row: int) -> ItemInfo:
        return self.row(row)

    def find(self, item_id: int) -> int:
        for row, item in enumerate(self._rows):
            if item.id == item_id:
                return row
        return -1

    def extra_data(self, item: ItemInfo, role: int) -> Any:
        if role == Qt.ItemDataRole.UserRole:
            return item.id
        if item.is_instructions_report and role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setItalic(True)
            return font
        return None

    # -- drag and drop -----------------------------------------------------------------------
    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            # The space between and after the rows takes drops.
            return Qt.ItemFlag.ItemIsDropEnabled if self.editable else Qt.ItemFlag.NoItemFlags
        flags = super().flags(index)
        if self.editable:
            flags |= Qt.ItemFlag.ItemIsDragEnabled
        return flags

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [AGENDA_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        data = QMimeData()
        rows = sorted({index.row() for index in indexes if index.isValid()})
        if rows and self.meeting_id is not None:
            item = self._rows[rows[0]]
            payload = f"{self.meeting_id}:{item.id}".encode("ascii")
            data.setData(AGENDA_MIME, QByteArray(payload))
        return data

    def dragged_item(self, data: QMimeData) -> int | None:
        """The id of the item a drag carries, when it comes from this agenda."""
        if not data.hasFormat(AGENDA_MIME):
            return None
        try:
            meeting, item = bytes(data.data(AGENDA_MIME).data()).decode("ascii").split(":")
            meeting_id, item_id = int(meeting), int(item)
        except ValueError:
            return None
        if meeting_id != self.meeting_id or self.find(item_id) < 0:
            return None
        return item_id

    def canDropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: Index,
    ) -> bool:
        return (
            self.editable
            and action == Qt.DropAction.MoveAction
            and self.dragged_item(data) is not None
        )

    def dropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: Index,
    ) -> bool:
        """A dragged item dropped before ``row`` (or onto the item ``parent``): move it there."""
        if action == Qt.DropAction.IgnoreAction:
            return True
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        item_id = self.dragged_item(data)
        assert item_id is not None
        source = self.find(item_id)
        if row < 0 and parent.isValid():
            target = parent.row()  # dropped onto an item: take its place
        else:
            insert_before = row if row >= 0 else len(self._rows)
            target = insert_before if insert_before <= source else insert_before - 1
        return self._move(item_id, source, target)

    def moveRows(
        self,
        source_parent: Index,
        source_row: int,
        count: int,
        destination_parent: Index,
        destination_child: int,
    ) -> bool:
        """Move one item so that it comes before ``destination_child`` (Qt's convention)."""
        if source_parent.isValid() or destination_parent.isValid() or count != 1:
            return False
        if not (0 <= source_row < len(self._rows)) or not self.editable:
            return False
        insert_before = max(0, min(destination_child, len(self._rows)))
        target = insert_before if insert_before <= source_row else insert_before - 1
        return self._move(self._rows[source_row].id, source_row, target)

    def _move(self, item_id: int, source: int, target: int) -> bool:
        target = max(0, min(target, len(self._rows) - 1))
        if target == source or self._mover is None:
            return False
        return self._mover(item_id, target)


# -- speakers and materials of an item ---------------------------------------------------------


@dataclass(frozen=True)
class SpeakerLine:
    """A speaker, and whether they are a member of the council on the meeting's date."""

    speaker: SpeakerInfo
    member: bool


class SpeakerModel(RowCacheModel[SpeakerLine]):
    """The speakers on an item: name, member or invited, position, organisation."""

    columns = (
        Column[SpeakerLine](
            N_("Name"), lambda _r, line: line.speaker.display_name(interface_language())
        ),
        Column[SpeakerLine](
            N_("Takes part as"),
            lambda _r, line: _("Council member") if line.member else _("Invited person"),
        ),
        Column[SpeakerLine](
            N_("Position"), lambda _r, line: line.speaker.position(interface_language())
        ),
        Column[SpeakerLine](
            N_("Organisation"), lambda _r, line: line.speaker.organisation(interface_language())
        ),
    )

    def set_speakers(self, speakers: Sequence[SpeakerInfo], member_ids: frozenset[int]) -> None:
        self.set_rows(
            [SpeakerLine(s, s.person is not None and s.person.id in member_ids) for s in speakers]
        )

    def speaker(self, row: int) -> SpeakerInfo:
        return self.row(row).speaker

    def extra_data(self, item: SpeakerLine, role: int) -> Any:
        if role == Qt.ItemDataRole.UserRole:
            return item.speaker.id
        return None


def file_type(material: MaterialInfo) -> str:
    """A short type for the table: the file's extension ("PDF", "DOCX"); its media type else."""
    suffix = PurePath(material.file_name).suffix.lstrip(".")
    if suffix and len(suffix) <= 5:
        return suffix.upper()
    return material.media_type


def _attached(_row: int, material: MaterialInfo) -> str:
    if material.attached_at is None:
        return ""
    return format_datetime(material.attached_at, interface_language())


class MaterialModel(RowCacheModel[MaterialInfo]):
    """The materials of an item: file name, size, type, SHA-256 (short), when attached.

    The type column shows the extension; its tool tip the media type the service recorded.
    """

    columns = (
        Column[MaterialInfo](N_("File"), lambda _r, m: m.file_name),
        Column[MaterialInfo](
            N_("Size"), lambda _r, m: file_size(m.size, interface_language()), align_right=True
        ),
        Column[MaterialInfo](
            N_("Type"), lambda _r, m: file_type(m), tooltip=lambda _r, m: m.media_type
        ),
        Column[MaterialInfo](
            N_("SHA-256"), lambda _r, m: m.sha256[:SHORT_HASH], tooltip=lambda _r, m: m.sha256
        ),
        Column[MaterialInfo](N_("Attached"), _attached),
    )

    def material(self, row: int) -> MaterialInfo:
        return self.row(row)

    def extra_data(self, item: MaterialInfo, role: int) -> Any:
        if role == Qt.ItemDataRole.UserRole:
            return item.id
        return None


# -- who was notified ---------------------------------------------------------------------------


class InvitationModel(RowCacheModel[Invitation]):
    """Who was notified: name, e-mail, their invitation file."""

    columns = (
        Column[Invitation](N_("Name"), lambda _r, inv: inv.name),
        Column[Invitation](N_("E-mail"), lambda _r, inv: inv.email),
        Column[Invitation](N_("Invitation"), lambda _r, inv: inv.file_name),
    )
