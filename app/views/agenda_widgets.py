"""The parts of the agenda editor that are not the editor: its status line, its tables.

The line above the agenda says whether the chair has approved it
(:func:`approval_status`); the list of items moves its selected item with
Ctrl+Up / Ctrl+Down (:class:`AgendaTable`); materials are limited in size by
the settings (:func:`max_material_bytes`) and opened from a private copy
(:func:`materials_folder`, :func:`open_file`).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from app import settings
from app.domain.meeting import APPROVED_STATES, MeetingState
from app.formatting import format_datetime
from app.i18n import _, interface_language, ngettext
from app.services.agenda.attach_material import MEGABYTE
from app.services.meeting_queries import MeetingDetail
from app.views.composition_model import person_name
from app.views.meetings_models import AgendaModel, Level
from app.views.operations import AGENDA, MEETINGS

SettingsStore = settings.Settings | settings.Store


def max_material_bytes(store: SettingsStore | None) -> int:
    """The size limit of a material from the user's settings (MAX_MATERIAL_MB), in bytes."""
    user = store.user if isinstance(store, settings.Settings) else store
    megabytes = (
        user.get(settings.MAX_MATERIAL_MB) if user is not None else settings.MAX_MATERIAL_MB.default
    )
    return max(1, megabytes) * MEGABYTE


def materials_folder() -> Path:
    """Where materials are copied (read-only) to be opened with the system viewer.

    One folder per user: on a shared /tmp another user could otherwise make it first.
    """
    user = f"-{os.getuid()}" if hasattr(os, "getuid") else ""
    return Path(tempfile.gettempdir()) / f"kenes-materials{user}"


def open_file(path: Path) -> bool:
    """Open ``path`` with the system's viewer (tests replace this function)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


# -- status of the approval ---------------------------------------------------------------------

STATUS_STYLES = {
    Level.NONE: "",
    Level.SOON: "background:#fff3cd; color:#664d03; padding:4px; border-radius:3px;",
    Level.OVERDUE: "background:#f8d7da; color:#842029; padding:4px; border-radius:3px;",
}
APPROVED_STYLE = "background:#d1e7dd; color:#0f5132; padding:4px; border-radius:3px;"
# An agenda change may take the meeting back to "planned": the meetings list shows it too.
AGENDA_CHANGES = AGENDA | MEETINGS


def changes_since_approval(detail: MeetingDetail) -> int:
    """Changes that revoked the latest approval (0 when the agenda stands approved or never was)."""
    if not detail.approvals:
        return 0
    latest = detail.approvals[-1].id
    return sum(1 for r in detail.revisions if r.approval_id == latest)


def approval_status(detail: MeetingDetail) -> tuple[str, str]:
    """The line above the agenda: whether it is approved, and its style sheet."""
    meeting = detail.meeting
    lang = interface_language()
    if meeting.state in APPROVED_STATES:
        when = format_datetime(meeting.approved_at, lang) if meeting.approved_at else ""
        text = _("Agenda approved by {person} on {when}.").format(
            person=person_name(detail.approver), when=when
        )
        return text, APPROVED_STYLE
    if meeting.state is MeetingState.PLANNED:
        changes = changes_since_approval(detail)
        if changes:
            text = ngettext(
                "Changed after approval ({count} change): the agenda needs approval again.",
                "Changed after approval ({count} changes): the agenda needs approval again.",
                changes,
            ).format(count=changes)
            return text, STATUS_STYLES[Level.SOON]
        if detail.approvals:
            return _("The meeting was planned again: the agenda needs approval again."), (
                STATUS_STYLES[Level.SOON]
            )
        return _("The agenda is not approved yet."), STATUS_STYLES[Level.NONE]
    if meeting.state is MeetingState.POSTPONED:
        return (
            _("The meeting is postponed; its agenda is approved again once it is re-planned."),
            STATUS_STYLES[Level.NONE],
        )
    return _("The agenda can no longer be changed."), STATUS_STYLES[Level.NONE]


# -- the list of items --------------------------------------------------------------------------


class AgendaTable(QTableView):
    """The items; Ctrl+Up / Ctrl+Down ask to move the selected item (``move_requested``)."""

    move_requested = Signal(int)  # -1 up, +1 down

    def __init__(self, model: AgendaModel) -> None:
        super().__init__()
        self.setObjectName("agendaTable")
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropOverwriteMode(False)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(AgendaModel.NUMBER, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(AgendaModel.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(AgendaModel.MATERIALS, QHeaderView.ResizeMode.ResizeToContents)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        control = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if control and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.move_requested.emit(-1 if event.key() == Qt.Key.Key_Up else 1)
            event.accept()
            return
        super().keyPressEvent(event)


# Widest a column grows when fitted to its contents; longer texts are elided with a tool tip.
MAX_COLUMN_WIDTH = 180


def fit_columns(table: QTableView, columns: Sequence[int], limit: int = MAX_COLUMN_WIDTH) -> None:
    """Fit ``columns`` to their headers and contents, none wider than ``limit``."""
    for column in columns:
        table.resizeColumnToContents(column)
        if table.columnWidth(column) > limit:
            table.setColumnWidth(column, limit)


def small_table(model: Any, name: str) -> QTableView:
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    return table
