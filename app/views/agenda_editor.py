"""The agenda of one meeting: its items, their speakers and materials, and its approval.

The items are listed in order (:class:`AgendaModel`), titled in the interface
language.  They are added and corrected in :class:`ItemDialog` (titles and
responsible body in Kazakh, Russian and English) and reordered by drag and
drop or by keyboard; every move calls
:func:`app.services.agenda.move_item.move_item`.  The selected item's
speakers (members of the council or invited persons with position and
organisation, :class:`SpeakerDialog`) and materials (attached from a file,
refused above the size limit of the settings, opened with the system viewer
from a copy of the stored bytes) are shown beside the list.

Above the list a line says whether the chair has approved the agenda, and
when it was changed after approval, that it needs approval again: every
change of an approved agenda takes the meeting back to "planned" (the
services decide it; the editor shows it).

Keyboard, in the list of items:

====================  ===========================================
Ctrl+Up / Ctrl+Down   move the selected item up / down
Insert                add an item
F2, Enter             edit the selected item
Delete                remove the selected item (asks first)
====================  ===========================================
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QSplitter,
    QStyle,
    QTableView,
    QTabWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app import settings
from app.domain.errors import KenesError
from app.domain.meeting import APPROVED_STATES, MeetingAction, MeetingState
from app.formatting import format_datetime
from app.i18n import N_, _, interface_language, ngettext
from app.services.agenda.add_item import add_item
from app.services.agenda.add_speaker import SpeakerData, add_speaker
from app.services.agenda.attach_material import MEGABYTE, attach_material
from app.services.agenda.common import ItemData
from app.services.agenda.move_item import move_item
from app.services.agenda.remove_item import remove_item
from app.services.agenda.remove_material import remove_material
from app.services.agenda.remove_speaker import remove_speaker
from app.services.agenda.update_item import update_item
from app.services.base import Actor
from app.services.handles import Database
from app.services.meeting_queries import MeetingDetail, meeting_detail, save_material_copy
from app.services.meetings.common import AgendaChange, ItemInfo, MaterialInfo, SpeakerInfo
from app.services.people import list_people
from app.views.background import BackgroundTask
from app.views.composition_model import person_name
from app.views.form_widgets import ChoiceCombo, Label, Texts, ask, ok_cancel
from app.views.meeting_dialog import LanguageFields
from app.views.meetings_models import (
    AgendaModel,
    Level,
    MaterialModel,
    SpeakerModel,
    meeting_title,
    meeting_when,
)
from app.views.operations import AGENDA, MEETINGS, announce, refuse, run, run_in_background
from app.views.retranslate import Retranslatable

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


# -- add or edit an item ------------------------------------------------------------------------


class ItemDialog(Retranslatable, QDialog):
    """Add an agenda item, or correct one: titles and responsible body in three languages."""

    saved = Signal(object)  # AgendaChange

    def __init__(
        self,
        db: Database,
        actor: Actor,
        meeting_id: int,
        item: ItemInfo | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("itemDialog")
        self._db = db
        self._actor = actor
        self._meeting_id = meeting_id
        self._item = item
        self.texts = Texts()
        self.titles = LanguageFields("title")
        self.titles.set_minimum_width(520)
        self.responsible = LanguageFields("responsible")
        self.note = QPlainTextEdit()
        self.note.setObjectName("itemNote")
        self.note.setMaximumHeight(64)
        self.title_box = QGroupBox()
        QVBoxLayout(self.title_box).addWidget(self.titles)
        self.responsible_box = QGroupBox()
        QVBoxLayout(self.responsible_box).addWidget(self.responsible)
        note_form = QFormLayout()
        note_form.addRow(self.texts.label(N_("Note")), self.note)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_box)
        layout.addWidget(self.responsible_box)
        layout.addLayout(note_form)
        layout.addWidget(ok_cancel(self))
        if item is not None:
            self.titles.set_texts(item.titles)
            self.responsible.set_texts(item.responsible)
            self.note.setPlainText(item.note)
        self.retranslate_ui()

    def item_data(self) -> ItemData:
        titles = self.titles.texts()
        bodies = self.responsible.texts()
        return ItemData(
            title_kk=titles["kk"],
            title_ru=titles["ru"],
            title_en=titles["en"],
            responsible_kk=bodies["kk"],
            responsible_ru=bodies["ru"],
            responsible_en=bodies["en"],
            note=self.note.toPlainText(),
        )

    def accept(self) -> None:
        change = run(self, self._submit, AGENDA_CHANGES)
        if change is None:
            return
        self.saved.emit(change)
        super().accept()

    def _submit(self) -> AgendaChange:
        if self._item is None:
            return add_item(self._db, self._actor, self._meeting_id, self.item_data())
        return update_item(
            self._db, self._actor, self._item.id, self.item_data(), self._item.version
        )

    def retranslate_ui(self) -> None:
        if self._item is None:
            self.setWindowTitle(_("Add an agenda item"))
        else:
            self.setWindowTitle(_("Agenda item {number}").format(number=self._item.number))
        self.texts.apply()
        self.title_box.setTitle(_("Title"))
        self.responsible_box.setTitle(_("Responsible body"))


# -- add a speaker ------------------------------------------------------------------------------


class SpeakerDialog(Retranslatable, QDialog):
    """Add a speaker: a person from the register (members first) or an invited person by name."""

    saved = Signal(object)  # AgendaChange

    def __init__(
        self,
        db: Database,
        actor: Actor,
        item_id: int,
        member_ids: frozenset[int] = frozenset(),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("speakerDialog")
        self._db = db
        self._actor = actor
        self._item_id = item_id
        self.texts = Texts()
        self.from_register = QRadioButton()
        self.invited = QRadioButton()
        group = QButtonGroup(self)
        group.addButton(self.from_register)
        group.addButton(self.invited)
        self.from_register.setChecked(True)
        self.person = ChoiceCombo()
        self.person.setObjectName("speakerPerson")
        self.person.setMinimumContentsLength(40)
        people = list_people(db)
        members = [p for p in people if p.id in member_ids]
        others = [p for p in people if p.id not in member_ids]
        choices: list[tuple[Any, Label]] = [(None, N_("(choose a person)"))]
        choices += [(p.id, partial(_member_label, p)) for p in members]
        choices += [(p.id, partial(person_name, p)) for p in others]
        self.person.set_choices(choices)
        self.name = QLineEdit()
        self.name.setObjectName("speakerName")
        self.positions = LanguageFields("position")
        self.positions.set_minimum_width(420)
        self.organisations = LanguageFields("organisation")
        self.position_box = QGroupBox()
        QVBoxLayout(self.position_box).addWidget(self.positions)
        self.organisation_box = QGroupBox()
        QVBoxLayout(self.organisation_box).addWidget(self.organisations)
        form = QFormLayout()
        form.addRow(self.from_register)
        form.addRow(self.texts.label(N_("Person")), self.person)
        form.addRow(self.invited)
        form.addRow(self.texts.label(N_("Name")), self.name)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.position_box)
        layout.addWidget(self.organisation_box)
        layout.addWidget(ok_cancel(self))
        self.invited.toggled.connect(self._kind_changed)
        self._kind_changed()
        self.retranslate_ui()

    def _kind_changed(self) -> None:
        invited = self.invited.isChecked()
        self.person.setEnabled(not invited)
        self.name.setEnabled(invited)

    def speaker_data(self) -> SpeakerData:
        positions = self.positions.texts()
        organisations = self.organisations.texts()
        invited = self.invited.isChecked()
        return SpeakerData(
            person_id=None if invited else self.person.value(),
            name=self.name.text() if invited else "",
            position_kk=positions["kk"],
            position_ru=positions["ru"],
            position_en=positions["en"],
            organisation_kk=organisations["kk"],
            organisation_ru=organisations["ru"],
            organisation_en=organisations["en"],
        )

    def accept(self) -> None:
        change = run(
            self,
            lambda: add_speaker(self._db, self._actor, self._item_id, self.speaker_data()),
            AGENDA_CHANGES,
        )
        if change is None:
            return
        self.saved.emit(change)
        super().accept()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Add a speaker"))
        self.texts.apply()
        self.person.retranslate()
        self.from_register.setText(_("A person from the register"))
        self.invited.setText(_("An invited person, by name"))
        self.hint.setText(
            _(
                "Position and organisation are printed after the name in the notice; they "
                "may be left empty for members of the council."
            )
        )
        self.position_box.setTitle(_("Position"))
        self.organisation_box.setTitle(_("Organisation"))


def _member_label(person: Any) -> str:
    return _("{name} (council member)").format(name=person_name(person))


# -- the list of items --------------------------------------------------------------------------


class AgendaTable(QTableView):
    """The items; Ctrl+Up / Ctrl+Down ask to move the selected item (``move_requested``)."""

    move_requested = Signal(int)  # -1 up, +1 down

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


def _small_table(model: Any, name: str) -> QTableView:
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


class AgendaEditor(Retranslatable, QWidget):
    """The agenda of the chosen meeting, its items' speakers and materials, and its approval."""

    changed = Signal()  # the agenda changed (the meeting's state may have changed with it)

    def __init__(
        self,
        db: Database,
        actor: Actor,
        settings_store: SettingsStore | None = None,
        *,
        clock: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("agendaEditor")
        self._db = db
        self._actor = actor
        self._settings = settings_store
        self._clock = clock
        self._meeting_id: int | None = None
        self.detail: MeetingDetail | None = None
        self.tasks: list[BackgroundTask] = []

        self.title = QLabel()
        self.title.setObjectName("agendaTitle")
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.status = QLabel()
        self.status.setObjectName("agendaStatus")
        self.status.setWordWrap(True)

        icons = QStyle.StandardPixmap
        self.toolbar = QToolBar()
        self.toolbar.setObjectName("agendaToolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.model = AgendaModel(self)
        self.model.set_mover(self.move_to)
        self.table = AgendaTable()
        self.table.setObjectName("agendaTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        self.table.setDragEnabled(True)
        self.table.setAcceptDrops(True)
        self.table.setDropIndicatorShown(True)
        self.table.setDragDropOverwriteMode(False)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.table.setDefaultDropAction(Qt.DropAction.MoveAction)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(AgendaModel.NUMBER, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(AgendaModel.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(AgendaModel.MATERIALS, QHeaderView.ResizeMode.ResizeToContents)

        self.add_action = self._action(
            self.toolbar, self.table, icons.SP_FileDialogNewFolder, self.add_item, ("Insert",)
        )
        self.edit_action = self._action(
            self.toolbar, self.table, icons.SP_FileDialogDetailedView, self.edit_item, ("F2",)
        )
        self.remove_action = self._action(
            self.toolbar, self.table, icons.SP_TrashIcon, self.remove_item, ("Delete",)
        )
        self.toolbar.addSeparator()
        self.up_action = self._action(
            self.toolbar, self.table, icons.SP_ArrowUp, lambda: self.move_selected(-1), ("Ctrl+Up",)
        )
        self.down_action = self._action(
            self.toolbar,
            self.table,
            icons.SP_ArrowDown,
            lambda: self.move_selected(1),
            ("Ctrl+Down",),
        )
        # Up and down show their arrows only (the tool tips name them), so the bar fits.
        for action in (self.up_action, self.down_action):
            button = self.toolbar.widgetForAction(action)
            if isinstance(button, QToolButton):
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)

        # Speakers of the selected item.
        self.speaker_model = SpeakerModel(self)
        self.speaker_table = _small_table(self.speaker_model, "speakerTable")
        self.speaker_toolbar = QToolBar()
        self.speaker_toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.add_speaker_action = self._action(
            self.speaker_toolbar,
            self.speaker_table,
            icons.SP_FileDialogNewFolder,
            self.add_speaker,
            ("Insert",),
        )
        self.remove_speaker_action = self._action(
            self.speaker_toolbar,
            self.speaker_table,
            icons.SP_TrashIcon,
            self.remove_speaker,
            ("Delete",),
        )
        speakers = QWidget()
        speakers_layout = QVBoxLayout(speakers)
        speakers_layout.setContentsMargins(0, 0, 0, 0)
        speakers_layout.addWidget(self.speaker_toolbar)
        speakers_layout.addWidget(self.speaker_table, 1)

        # Materials of the selected item.
        self.material_model = MaterialModel(self)
        self.material_table = _small_table(self.material_model, "materialTable")
        self.material_toolbar = QToolBar()
        self.material_toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.attach_action = self._action(
            self.material_toolbar,
            self.material_table,
            icons.SP_DialogOpenButton,
            self.attach_files,
            ("Insert",),
        )
        self.open_material_action = self._action(
            self.material_toolbar,
            self.material_table,
            icons.SP_FileIcon,
            self.open_material,
            ("Return", "Enter"),
        )
        self.remove_material_action = self._action(
            self.material_toolbar,
            self.material_table,
            icons.SP_TrashIcon,
            self.remove_material,
            ("Delete",),
        )
        materials = QWidget()
        materials_layout = QVBoxLayout(materials)
        materials_layout.setContentsMargins(0, 0, 0, 0)
        materials_layout.addWidget(self.material_toolbar)
        materials_layout.addWidget(self.material_table, 1)

        self.item_label = QLabel()
        self.item_label.setObjectName("agendaItemLabel")
        self.item_label.setWordWrap(True)
        self.tabs = QTabWidget()
        self.tabs.addTab(speakers, "")
        self.tabs.addTab(materials, "")
        item_side = QWidget()
        item_layout = QVBoxLayout(item_side)
        item_layout.setContentsMargins(0, 0, 0, 0)
        item_layout.addWidget(self.item_label)
        item_layout.addWidget(self.tabs, 1)

        items_side = QWidget()
        items_layout = QVBoxLayout(items_side)
        items_layout.setContentsMargins(0, 0, 0, 0)
        items_layout.addWidget(self.toolbar)
        items_layout.addWidget(self.table, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(items_side)
        self.splitter.addWidget(item_side)
        self.splitter.setStretchFactor(0, 11)
        self.splitter.setStretchFactor(1, 9)
        self.splitter.setSizes([550, 450])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.status)
        layout.addWidget(self.splitter, 1)

        self.table.move_requested.connect(self.move_selected)
        self.table.selectionModel().selectionChanged.connect(self._item_selected)
        self.table.doubleClicked.connect(lambda _index: self.edit_item())
        self.speaker_table.selectionModel().selectionChanged.connect(self._update_actions)
        self.material_table.selectionModel().selectionChanged.connect(self._update_actions)
        self.material_table.doubleClicked.connect(lambda _index: self.open_material())
        self.retranslate_ui()
        self.refresh()

    def _action(
        self,
        toolbar: QToolBar,
        target: QWidget,
        icon: QStyle.StandardPixmap,
        slot: Callable[[], object],
        shortcuts: Sequence[str] = (),
    ) -> QAction:
        """A tool bar action whose shortcuts work while ``target`` has the focus."""
        action = QAction(self.style().standardIcon(icon), "", self)
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        toolbar.addAction(action)
        target.addAction(action)
        return action

    # -- state -------------------------------------------------------------------------------
    @property
    def meeting_id(self) -> int | None:
        return self._meeting_id

    @property
    def editable(self) -> bool:
        return (
            self.detail is not None
            and MeetingAction.EDIT_AGENDA in self.detail.allowed_actions
            and not self.tasks
        )

    def set_meeting(self, meeting_id: int | None) -> None:
        """Show the agenda of ``meeting_id`` (None: no meeting chosen)."""
        if meeting_id != self._meeting_id:
            self._meeting_id = meeting_id
            self.detail = None
            self.model.set_agenda(None, [], False)
        self.refresh()

    def refresh(self, select_item: int | None = None) -> None:
        """Reload the meeting's agenda, keeping the selected item (or selecting ``select_item``)."""
        current = self.selected_item()
        wanted = select_item if select_item is not None else (current.id if current else None)
        detail = None
        meeting_id = self._meeting_id
        if meeting_id is not None:
            detail = run(self, lambda: meeting_detail(self._db, meeting_id, today=self._clock()))
        self.detail = detail
        editable = self.editable
        if detail is None:
            self.model.set_agenda(None, [], False)
        else:
            self.model.set_agenda(detail.meeting.id, detail.agenda, editable)
        self.table.setDragEnabled(editable)
        row = self.model.find(wanted) if wanted is not None else -1
        if row < 0 and self.model.rowCount() > 0:
            row = 0
        if row >= 0:
            self.select_row(row)
        else:
            self._item_selected()
        self._show_status()

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)
        self.table.setCurrentIndex(self.model.index(row, AgendaModel.TITLE))
        self.table.selectionModel().select(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )

    def selected_item(self) -> ItemInfo | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= self.model.rowCount():
            return None
        return self.model.item(rows[0].row())

    def selected_speaker(self) -> SpeakerInfo | None:
        rows = self.speaker_table.selectionModel().selectedRows()
        return self.speaker_model.speaker(rows[0].row()) if rows else None

    def selected_material(self) -> MaterialInfo | None:
        rows = self.material_table.selectionModel().selectedRows()
        return self.material_model.material(rows[0].row()) if rows else None

    def item_titles(self) -> list[str]:
        """The titles as the list shows them, in order (for tests and accessibility checks)."""
        return [
            str(self.model.data(self.model.index(row, AgendaModel.TITLE)))
            for row in range(self.model.rowCount(QModelIndex()))
        ]

    def status_text(self) -> str:
        return self.status.text()

    def _item_selected(self) -> None:
        item = self.selected_item()
        member_ids = self.detail.member_ids if self.detail is not None else frozenset()
        self.speaker_model.set_speakers(item.speakers if item else (), member_ids)
        self.material_model.set_rows(item.materials if item else ())
        self._fit_columns()
        self._show_item_label()
        self._update_actions()

    def _fit_columns(self) -> None:
        fit_columns(self.table, (AgendaModel.RESPONSIBLE,), 160)
        fit_columns(self.speaker_table, range(self.speaker_model.columnCount() - 1), 140)
        fit_columns(self.material_table, range(self.material_model.columnCount() - 1), 220)

    def _show_item_label(self) -> None:
        item = self.selected_item()
        if item is None:
            self.item_label.setText(_("Choose an agenda item to see its speakers and materials."))
        else:
            self.item_label.setText(
                _("Item {number}: {title}").format(
                    number=item.number, title=item.title(interface_language())
                )
            )

    def _show_status(self) -> None:
        if self.detail is None:
            self.title.setText(_("Agenda"))
            self.status.setText(_("Choose a meeting to see its agenda."))
            self.status.setStyleSheet("")
            return
        meeting = self.detail.meeting
        self.title.setText(
            _("Agenda: {meeting}, {when}").format(
                meeting=meeting_title(meeting), when=meeting_when(meeting)
            )
        )
        text, style = approval_status(self.detail)
        self.status.setText(text)
        self.status.setStyleSheet(style)

    def _update_actions(self) -> None:
        editable = self.editable
        has_item = self.selected_item() is not None
        row = self.table.selectionModel().selectedRows()
        index = row[0].row() if row else -1
        self.add_action.setEnabled(editable)
        self.edit_action.setEnabled(editable and has_item)
        self.remove_action.setEnabled(editable and has_item)
        self.up_action.setEnabled(editable and index > 0)
        self.down_action.setEnabled(editable and 0 <= index < self.model.rowCount() - 1)
        self.add_speaker_action.setEnabled(editable and has_item)
        self.remove_speaker_action.setEnabled(editable and self.selected_speaker() is not None)
        self.attach_action.setEnabled(editable and has_item)
        has_material = self.selected_material() is not None
        self.open_material_action.setEnabled(has_material)
        self.remove_material_action.setEnabled(editable and has_material)

    # -- after a change ----------------------------------------------------------------------
    def _changed(self, change: object = None) -> None:
        item_id = change.item_id if isinstance(change, AgendaChange) else None
        self.refresh(select_item=item_id)
        self.changed.emit()

    def _run(self, action: Callable[[], AgendaChange], select: int | None = None) -> bool:
        change = run(self, action, AGENDA_CHANGES)
        if change is None:
            return False
        self.refresh(select_item=select if select is not None else change.item_id)
        self.changed.emit()
        return True

    def _open(self, dialog: QDialog) -> QDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._changed)  # type: ignore[attr-defined]
        dialog.open()
        return dialog

    # -- items -------------------------------------------------------------------------------
    def add_item(self) -> ItemDialog | None:
        if self.detail is None or not self.editable:
            return None
        dialog = ItemDialog(self._db, self._actor, self.detail.meeting.id, None, self)
        self._open(dialog)
        return dialog

    def edit_item(self) -> ItemDialog | None:
        item = self.selected_item()
        if self.detail is None or item is None or not self.editable:
            return None
        dialog = ItemDialog(self._db, self._actor, self.detail.meeting.id, item, self)
        self._open(dialog)
        return dialog

    def remove_item(self) -> bool:
        item = self.selected_item()
        if item is None or not self.editable:
            return False
        question = _("Remove item {number} “{title}” from the agenda?").format(
            number=item.number, title=item.title(interface_language())
        )
        if not ask(self, question):
            return False
        return self._run(lambda: remove_item(self._db, self._actor, item.id))

    def move_selected(self, delta: int) -> bool:
        """Move the selected item ``delta`` places (Ctrl+Up: -1, Ctrl+Down: +1)."""
        item = self.selected_item()
        if item is None or not self.editable:
            return False
        target = item.number - 1 + delta
        if not (0 <= target < self.model.rowCount()):
            return False
        return self.move_to(item.id, target)

    def move_to(self, item_id: int, index: int) -> bool:
        """Put the item at place ``index`` (0-based): the keyboard's and the drop's way."""
        if not self.editable:
            return False
        return self._run(lambda: move_item(self._db, self._actor, item_id, index), item_id)

    # -- speakers ----------------------------------------------------------------------------
    def add_speaker(self) -> SpeakerDialog | None:
        item = self.selected_item()
        if self.detail is None or item is None or not self.editable:
            return None
        dialog = SpeakerDialog(self._db, self._actor, item.id, self.detail.member_ids, self)
        self._open(dialog)
        return dialog

    def remove_speaker(self) -> bool:
        speaker = self.selected_speaker()
        if speaker is None or not self.editable:
            return False
        name = speaker.display_name(interface_language())
        if not ask(self, _("Remove {name} from the speakers?").format(name=name)):
            return False
        return self._run(lambda: remove_speaker(self._db, self._actor, speaker.id))

    # -- materials ---------------------------------------------------------------------------
    def max_bytes(self) -> int:
        return max_material_bytes(self._settings)

    def attach_files(self, paths: Sequence[Path] | None = None) -> BackgroundTask | None:
        """Attach files to the selected item (asking for them), off the GUI thread."""
        item = self.selected_item()
        if item is None or not self.editable:
            return None
        if paths is None:
            names, _filter = QFileDialog.getOpenFileNames(
                self, _("Attach materials"), "", _("All files (*)")
            )
            paths = [Path(name) for name in names]
        if not paths:
            return None
        files = list(paths)
        limit = self.max_bytes()
        db, actor, item_id = self._db, self._actor, item.id

        def work() -> list[AgendaChange | KenesError]:
            results: list[AgendaChange | KenesError] = []
            for path in files:
                try:
                    results.append(attach_material(db, actor, item_id, path, max_bytes=limit))
                except KenesError as exc:
                    results.append(exc)
            return results

        task = run_in_background(
            self,
            work,
            lambda results: self._attached(item_id, results),
            label=_("Attaching materials…"),
            on_failed=self._attach_failed,
        )
        self.tasks.append(task)
        task.finished.connect(lambda: self._task_finished(task))
        self._update_actions()
        return task

    def _task_finished(self, task: BackgroundTask) -> None:
        if task in self.tasks:
            self.tasks.remove(task)

    def _attached(self, item_id: int, results: object) -> None:
        assert isinstance(results, list)
        attached = [r for r in results if isinstance(r, AgendaChange)]
        self.tasks.clear()
        self.refresh(select_item=item_id)
        self.tabs.setCurrentIndex(1)
        if attached:
            announce(AGENDA_CHANGES, self)
            self.changed.emit()
        for result in results:
            if isinstance(result, KenesError):
                refuse(self, result)

    def _attach_failed(self, _error: BaseException) -> None:
        self.tasks.clear()
        self.refresh()

    def open_material(self) -> Path | None:
        """Open a copy of the selected material's stored bytes with the system viewer."""
        material = self.selected_material()
        if material is None:
            return None
        path = run(self, lambda: save_material_copy(self._db, material.id, materials_folder()))
        if path is None:
            return None
        open_file(path)
        return path

    def remove_material(self) -> bool:
        material = self.selected_material()
        if material is None or not self.editable:
            return False
        question = _("Remove the material {name} from the item?").format(name=material.file_name)
        if not ask(self, question):
            return False
        return self._run(lambda: remove_material(self._db, self._actor, material.id))

    # -- language ----------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.toolbar.setWindowTitle(_("Agenda"))
        self.add_action.setText(_("Add item…"))
        self.add_action.setToolTip(_("Add an item at the end of the agenda (Insert)"))
        self.edit_action.setText(_("Edit item…"))
        self.edit_action.setToolTip(_("Correct the selected item's titles (F2)"))
        self.remove_action.setText(_("Remove item"))
        self.remove_action.setToolTip(_("Remove the selected item (Delete)"))
        self.up_action.setText(_("Up"))
        self.up_action.setToolTip(_("Move the selected item up (Ctrl+Up, or drag it)"))
        self.down_action.setText(_("Down"))
        self.down_action.setToolTip(_("Move the selected item down (Ctrl+Down, or drag it)"))
        self.add_speaker_action.setText(_("Add speaker…"))
        self.remove_speaker_action.setText(_("Remove speaker"))
        self.attach_action.setText(_("Attach file…"))
        self.attach_action.setToolTip(
            _(
                "Attach files to the selected item; at most {limit} MB each (see the settings)"
            ).format(limit=self.max_bytes() // MEGABYTE)
        )
        self.open_material_action.setText(_("Open file"))
        self.open_material_action.setToolTip(_("Open a copy of the file with the system viewer"))
        self.remove_material_action.setText(_("Remove file"))
        self.tabs.setTabText(0, _("Speakers"))
        self.tabs.setTabText(1, _("Materials"))
        self.model.retranslate()
        self.speaker_model.retranslate()
        self.material_model.retranslate()
        self._fit_columns()
        self._show_item_label()
        self._show_status()
