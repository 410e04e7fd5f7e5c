"""Qt item models of a meeting's agenda, its speakers and materials, and who was notified.

Table models over a row cache (:class:`RowCacheModel`, as Anki's browser
table): the views hand over plain data (``ItemInfo``, ``SpeakerInfo``,
``MaterialInfo``, ``Invitation``) and ``data`` words it in the interface
language when asked.

:class:`AgendaModel` also supports moving an item by drag and drop: a drag
carries the item's id (:data:`AGENDA_MIME`), and a drop, or ``moveRows``, asks
the view's *mover* (which calls :func:`app.services.agenda.move_item.move_item`)
to put the item at its new place.  The model never changes its rows by
itself: the agenda the service returns is loaded again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from app.formatting import format_datetime
from app.i18n import N_, _, interface_language
from app.services.meetings.common import ItemInfo, MaterialInfo, SpeakerInfo
from app.services.notice import Invitation, file_size
from app.views.composition_model import Column, RowCacheModel

Index = QModelIndex | QPersistentModelIndex

AGENDA_MIME = "application/x-kenes-agenda-item"
"""The drag payload of an agenda item: ``"<meeting id>:<item id>"`` in ASCII."""

SHORT_HASH = 12
"""How many hex digits of a SHA-256 the tables show (the tool tip has all 64)."""


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
