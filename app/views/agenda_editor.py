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
Ctrl+Z                undo the last change of the items
Ctrl+Shift+Z, Ctrl+Y  redo it
====================  ===========================================

Adding, correcting, moving and removing items can be undone and redone
(:mod:`app.views.agenda_undo`): each step is saved at once, and undone by its
inverse, which the services refuse once the chair has approved the agenda
since or anyone changed it meanwhile.  The selected item's speakers and
materials are shown by :class:`~app.views.agenda_item_side.AgendaItemSide`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from functools import partial

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QStyle,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.meeting import MeetingAction
from app.domain.permissions import MEETING_STEPS
from app.i18n import _, interface_language
from app.services.agenda.move_item import move_item
from app.services.agenda.remove_item import remove_item
from app.services.agenda.undo_steps import item_content
from app.services.base import Actor
from app.services.handles import Database
from app.services.meeting_queries import MeetingDetail, meeting_detail
from app.services.meetings.common import AgendaChange, ItemInfo
from app.views.agenda_dialogs import ItemDialog, SpeakerDialog
from app.views.agenda_item_side import AgendaItemSide
from app.views.agenda_undo import AgendaUndo
from app.views.agenda_widgets import (
    AGENDA_CHANGES,
    AgendaTable,
    SettingsStore,
    approval_status,
    fit_columns,
    materials_folder,
    max_material_bytes,
    open_file,
)
from app.views.background import BackgroundTask
from app.views.form_widgets import ask
from app.views.meetings_models import AgendaModel, meeting_title, meeting_when
from app.views.operations import run
from app.views.retranslate import Retranslatable
from app.views.role_gate import restrict

# Re-exported: the meetings page and older tests import them from here.
__all__ = [
    "AgendaEditor",
    "ItemDialog",
    "SettingsStore",
    "SpeakerDialog",
    "materials_folder",
    "max_material_bytes",
    "open_file",
]


class AgendaEditor(AgendaItemSide, Retranslatable, QWidget):
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
        self.undo = AgendaUndo(db, actor, self, self._undone)
        self.table = self._build_table()
        self.toolbar = self._build_toolbar()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self._items_side())
        self.splitter.addWidget(self._build_item_side())
        self.splitter.setStretchFactor(0, 11)
        self.splitter.setStretchFactor(1, 9)
        self.splitter.setSizes([550, 450])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        title_row = QHBoxLayout()
        title_row.addWidget(self.title, 1)
        title_row.addWidget(self._build_undo_bar())
        layout.addLayout(title_row)
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

    def _build_table(self) -> AgendaTable:
        """The list of items: reordered by drag and drop, or by Ctrl+Up / Ctrl+Down."""
        self.model = AgendaModel(self)
        self.model.set_mover(self.move_to)
        return AgendaTable(self.model)

    def _build_toolbar(self) -> QToolBar:
        """Add, edit, remove, up, down; the shortcuts work in the list."""
        icons = QStyle.StandardPixmap
        toolbar = QToolBar()
        toolbar.setObjectName("agendaToolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        table = self.table
        self.add_action = self._action(
            toolbar, table, icons.SP_FileDialogNewFolder, self.add_item, ("Insert",)
        )
        self.edit_action = self._action(
            toolbar, table, icons.SP_FileDialogDetailedView, self.edit_item, ("F2",)
        )
        self.remove_action = self._action(
            toolbar, table, icons.SP_TrashIcon, self.remove_item, ("Delete",)
        )
        toolbar.addSeparator()
        self.up_action = self._action(
            toolbar, table, icons.SP_ArrowUp, lambda: self.move_selected(-1), ("Ctrl+Up",)
        )
        self.down_action = self._action(
            toolbar, table, icons.SP_ArrowDown, lambda: self.move_selected(1), ("Ctrl+Down",)
        )
        # Up and down show their arrows only (the tool tips name them), so the bar fits.
        for action in (self.up_action, self.down_action):
            button = toolbar.widgetForAction(action)
            if isinstance(button, QToolButton):
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        return toolbar

    def _build_undo_bar(self) -> QToolBar:
        """Undo and Redo, named beside their icons, above the agenda (they fit there)."""
        bar = QToolBar()
        bar.setObjectName("agendaUndoBar")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        bar.addAction(self.undo.undo_action)
        bar.addAction(self.undo.redo_action)
        return bar

    def _items_side(self) -> QWidget:
        items_side = QWidget()
        items_layout = QVBoxLayout(items_side)
        items_layout.setContentsMargins(0, 0, 0, 0)
        items_layout.addWidget(self.toolbar)
        items_layout.addWidget(self.table, 1)
        return items_side

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
            self.undo.clear()
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
        council = self.detail.meeting.council_id if self.detail is not None else None
        for action in (
            self.add_action,
            self.edit_action,
            self.remove_action,
            self.up_action,
            self.down_action,
            self.add_speaker_action,
            self.remove_speaker_action,
            self.attach_action,
            self.remove_material_action,
        ):  # the meeting allows it: do the account's roles (role_gate)?
            restrict(action, MEETING_STEPS[MeetingAction.EDIT_AGENDA], council)

    # -- after a change ----------------------------------------------------------------------
    def _emit_changed(self) -> None:
        self.changed.emit()

    def _changed(self, change: object = None) -> None:
        item_id = change.item_id if isinstance(change, AgendaChange) else None
        self.refresh(select_item=item_id)
        self.changed.emit()

    def _run(self, action: Callable[[], AgendaChange], select: int | None = None) -> bool:
        return self._run_change(action, select) is not None

    def _run_change(
        self, action: Callable[[], AgendaChange], select: int | None = None
    ) -> AgendaChange | None:
        """Run an agenda action, then show the agenda it left (selecting ``select``)."""
        change = run(self, action, AGENDA_CHANGES)
        if change is None:
            return None
        self.refresh(select_item=select if select is not None else change.item_id)
        self.changed.emit()
        return change

    def _open(self, dialog: QDialog) -> QDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._changed)  # type: ignore[attr-defined]
        dialog.open()
        return dialog

    def _undone(self, change: AgendaChange) -> None:
        """An undo or redo was saved: show the agenda it left."""
        self.refresh(select_item=change.item_id)
        self.changed.emit()

    # -- items -------------------------------------------------------------------------------
    def add_item(self) -> ItemDialog | None:
        if self.detail is None or not self.editable:
            return None
        dialog = ItemDialog(self._db, self._actor, self.detail.meeting.id, None, self)
        self._open(dialog)
        dialog.saved.connect(self._item_added)
        return dialog

    def _item_added(self, change: object) -> None:
        if isinstance(change, AgendaChange):
            self.undo.added(change)

    def edit_item(self) -> ItemDialog | None:
        item = self.selected_item()
        if self.detail is None or item is None or not self.editable:
            return None
        dialog = ItemDialog(self._db, self._actor, self.detail.meeting.id, item, self)
        self._open(dialog)
        dialog.saved.connect(partial(self._item_corrected, item))
        return dialog

    def _item_corrected(self, before: ItemInfo, change: object) -> None:
        if isinstance(change, AgendaChange):
            self.undo.corrected(before, change)

    def remove_item(self) -> bool:
        item = self.selected_item()
        if item is None or not self.editable:
            return False
        question = _("Remove item {number} “{title}” from the agenda?").format(
            number=item.number, title=item.title(interface_language())
        )
        if not ask(self, question):
            return False
        content = run(self, lambda: item_content(self._db, item))
        if content is None:
            return False
        change = self._run_change(lambda: remove_item(self._db, self._actor, item.id))
        if change is not None:
            self.undo.removed(item, content, change)
        return change is not None

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
        agenda = self.detail.agenda if self.detail is not None else ()
        item = next((i for i in agenda if i.id == item_id), None)
        if not self.editable or item is None:
            return False
        change = self._run_change(lambda: move_item(self._db, self._actor, item_id, index), item_id)
        if change is not None:
            self.undo.moved(item, change)
        return change is not None

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
        self._retranslate_item_side()
        self.undo.retranslate()
        self.model.retranslate()
        self._fit_columns()
        self._show_item_label()
        self._show_status()
