"""The right side of the agenda editor: the selected item's speakers and materials.

Speakers are members of the council or invited persons with position and
organisation (:class:`SpeakerDialog`); materials are attached from files
(off the GUI thread, refused above the size limit of the settings) and opened
with the system viewer from a copy of the stored bytes.  The editor
(:class:`~app.views.agenda_editor.AgendaEditor`) composes this side with its
list of items; speakers and materials are not on the undo stack: they are
removed and added again by their own actions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QLabel,
    QStyle,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import KenesError
from app.i18n import _, interface_language
from app.services.agenda.attach_material import MEGABYTE, attach_material
from app.services.agenda.remove_material import remove_material
from app.services.agenda.remove_speaker import remove_speaker
from app.services.meeting_queries import save_material_copy
from app.services.meetings.common import AgendaChange, MaterialInfo, SpeakerInfo
from app.views import agenda_widgets
from app.views.agenda_dialogs import SpeakerDialog
from app.views.agenda_widgets import AGENDA_CHANGES, max_material_bytes, small_table
from app.views.background import BackgroundTask
from app.views.form_widgets import ask
from app.views.meetings_models import MaterialModel, SpeakerModel
from app.views.operations import announce, refuse, run, run_in_background

if TYPE_CHECKING:
    from app.services.base import Actor
    from app.services.handles import Database
    from app.services.meeting_queries import MeetingDetail
    from app.services.meetings.common import ItemInfo
    from app.views.agenda_widgets import SettingsStore


class AgendaItemSide:
    """Speakers and materials of the selected item (a part of :class:`AgendaEditor`)."""

    if TYPE_CHECKING:  # what the editor provides
        _db: Database
        _actor: Actor
        _settings: SettingsStore | None
        detail: MeetingDetail | None
        tasks: list[BackgroundTask]

        @property
        def editable(self) -> bool: ...
        def selected_item(self) -> ItemInfo | None: ...
        def refresh(self, select_item: int | None = None) -> None: ...
        def style(self) -> QStyle: ...
        def _run(self, action: Callable[[], AgendaChange], select: int | None = None) -> bool: ...
        def _open(self, dialog: QDialog) -> QDialog: ...
        def _update_actions(self) -> None: ...
        def _emit_changed(self) -> None: ...
        def _action(
            self,
            toolbar: QToolBar,
            target: QWidget,
            icon: QStyle.StandardPixmap,
            slot: Callable[[], object],
            shortcuts: Sequence[str] = (),
        ) -> QAction: ...

    def _build_item_side(self) -> QWidget:
        """The item's label over two tabs, its speakers and its materials."""
        icons = QStyle.StandardPixmap
        owner = cast(QWidget, self)
        # Speakers of the selected item.
        self.speaker_model = SpeakerModel(owner)
        self.speaker_table = small_table(self.speaker_model, "speakerTable")
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
        self.material_model = MaterialModel(owner)
        self.material_table = small_table(self.material_model, "materialTable")
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
        return item_side

    def _widget(self) -> QWidget:
        return cast(QWidget, self)

    def selected_speaker(self) -> SpeakerInfo | None:
        rows = self.speaker_table.selectionModel().selectedRows()
        return self.speaker_model.speaker(rows[0].row()) if rows else None

    def selected_material(self) -> MaterialInfo | None:
        rows = self.material_table.selectionModel().selectedRows()
        return self.material_model.material(rows[0].row()) if rows else None

    # -- speakers ----------------------------------------------------------------------------
    def add_speaker(self) -> SpeakerDialog | None:
        item = self.selected_item()
        if self.detail is None or item is None or not self.editable:
            return None
        dialog = SpeakerDialog(
            self._db, self._actor, item.id, self.detail.member_ids, self._widget()
        )
        self._open(dialog)
        return dialog

    def remove_speaker(self) -> bool:
        speaker = self.selected_speaker()
        if speaker is None or not self.editable:
            return False
        name = speaker.display_name(interface_language())
        if not ask(self._widget(), _("Remove {name} from the speakers?").format(name=name)):
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
                self._widget(), _("Attach materials"), "", _("All files (*)")
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
            self._widget(),
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
            announce(AGENDA_CHANGES, self._widget())
            self._emit_changed()
        for result in results:
            if isinstance(result, KenesError):
                refuse(self._widget(), result)

    def _attach_failed(self, _error: BaseException) -> None:
        self.tasks.clear()
        self.refresh()

    def open_material(self) -> Path | None:
        """Open a copy of the selected material's stored bytes with the system viewer."""
        material = self.selected_material()
        if material is None:
            return None
        folder = agenda_widgets.materials_folder()
        path = run(self._widget(), lambda: save_material_copy(self._db, material.id, folder))
        if path is None:
            return None
        agenda_widgets.open_file(path)
        return path

    def remove_material(self) -> bool:
        material = self.selected_material()
        if material is None or not self.editable:
            return False
        question = _("Remove the material {name} from the item?").format(name=material.file_name)
        if not ask(self._widget(), question):
            return False
        return self._run(lambda: remove_material(self._db, self._actor, material.id))

    def _retranslate_item_side(self) -> None:
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
        self.speaker_model.retranslate()
        self.material_model.retranslate()
