"""The Councils page: the list of councils, and the composition of the chosen one.

The list shows each council's name in the interface language (falling back
to another language when that name is missing), its kind and its number of
seats today.  New council and Edit open :class:`CouncilDialog`; Archive asks
first and can be undone (Restore, with archived councils shown).  People and
Positions open their management dialogs.  Below the list,
:class:`CompositionView` shows the chosen council's composition.

Actions go through the operation runner (:mod:`app.views.operations`); the
page follows changes of councils and compositions made elsewhere (an import,
another window) and reloads the list and the composition when they happen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QLabel,
    QSplitter,
    QStyle,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.domain.council import COUNCIL_KIND_LABELS
from app.i18n import N_, _
from app.services.base import Actor
from app.services.councils import CouncilInfo, archive_council, list_councils
from app.services.handles import Database
from app.services.seats import composition_sizes
from app.views.composition_model import Column, RowCacheModel, capitalized
from app.views.composition_view import CompositionView
from app.views.form_widgets import ask
from app.views.operations import COUNCILS, Changes, Record, announce, follow, run, succeeded
from app.views.other_language import localized
from app.views.retranslate import Retranslatable
from app.views.role_gate import restrict

if TYPE_CHECKING:  # the dialogs are imported when opened: the first page needs none of them
    from app.views.council_dialog import CouncilDialog
    from app.views.people_dialogs import PeopleDialog, PositionsDialog

# What the page shows: a change of these on another view reloads it.
SHOWN_RECORDS = frozenset({Record.COUNCILS, Record.COMPOSITION})


@dataclass(frozen=True)
class CouncilRow:
    """A council with its number of seats today."""

    council: CouncilInfo
    seats_now: int


class CouncilListModel(RowCacheModel[CouncilRow]):
    """Councils: name (interface language, with fallback), kind, seats today."""

    columns = (
        Column[CouncilRow](N_("Council"), lambda _r, row: str(localized(row.council.names))),
        Column[CouncilRow](N_("Kind"), lambda _r, row: _(COUNCIL_KIND_LABELS[row.council.kind])),
        Column[CouncilRow](N_("Seats now"), lambda _r, row: str(row.seats_now), align_right=True),
    )

    def council(self, row: int) -> CouncilInfo:
        return self.row(row).council

    def cell(self, column_index: int, row: int, item: CouncilRow, role: int) -> Any:
        """A name in another language than the interface's is marked (other_language.py)."""
        if column_index == 0 and role in (Qt.ItemDataRole.FontRole, Qt.ItemDataRole.ToolTipRole):
            name = localized(item.council.names)
            if name.foreign:
                return name.font() if role == Qt.ItemDataRole.FontRole else name.tooltip()
        return super().cell(column_index, row, item, role)

    def extra_data(self, item: CouncilRow, role: int) -> Any:
        if not item.council.archived:
            return None
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return capitalized(_("archived"))
        return None


class CouncilsPage(Retranslatable, QWidget):
    """Councils, their editor, and the composition of the selected one."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("councilsPage")
        self._db = db
        self._actor = actor

        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)

        self.toolbar = QToolBar()
        self.toolbar.setObjectName("councilsToolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        icons = QStyle.StandardPixmap
        self.new_action = self._action(icons.SP_FileDialogNewFolder, self.new_council)
        self.edit_action = self._action(icons.SP_FileDialogDetailedView, self.edit_council)
        self.archive_action = self._action(icons.SP_DialogDiscardButton, self.archive_council)
        self.show_archived_action = QAction(self)
        self.show_archived_action.setCheckable(True)
        self.show_archived_action.toggled.connect(lambda _on: self.refresh())
        self.toolbar.addAction(self.show_archived_action)
        self.toolbar.addSeparator()
        self.people_action = self._action(icons.SP_DirHomeIcon, self.open_people)
        self.positions_action = self._action(icons.SP_DirIcon, self.open_positions)

        self.model = CouncilListModel(self)
        self.table = QTableView()
        self.table.setObjectName("councilsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)

        self.composition = CompositionView(db, actor)
        self.composition.changed.connect(self.refresh)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.title)
        top_layout.addWidget(self.toolbar)
        top_layout.addWidget(self.table, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.composition)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([140, 560])
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)

        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _index: self.edit_council())
        self.retranslate_ui()
        self.refresh()
        follow(self, SHOWN_RECORDS, self._changed_elsewhere)

    def _action(self, icon: QStyle.StandardPixmap, slot: object) -> QAction:
        action = QAction(self.style().standardIcon(icon), "", self)
        action.triggered.connect(lambda _checked=False: slot())  # type: ignore[operator]
        self.toolbar.addAction(action)
        return action

    # -- the list ----------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the councils, keeping the selected one (the first when none was)."""
        current = self.selected_council()
        today = date.today()
        include = self.show_archived_action.isChecked()

        def read() -> list[CouncilRow]:
            sizes = composition_sizes(self._db, today)
            councils = list_councils(self._db, include_archived=include)
            return [CouncilRow(council, sizes.get(council.id, 0)) for council in councils]

        rows = run(self, read) or []
        self.model.set_rows(rows)
        wanted = current.id if current is not None else None
        row = next((i for i, r in enumerate(rows) if r.council.id == wanted), 0 if rows else -1)
        if row >= 0:
            self.table.selectRow(row)
        else:
            self._selection_changed()

    def _changed_elsewhere(self, _changes: Changes) -> None:
        self.refresh()
        self.composition.refresh()

    def selected_council(self) -> CouncilInfo | None:
        selection = self.table.selectionModel()
        rows = selection.selectedRows() if selection is not None else []
        return self.model.council(rows[0].row()) if rows else None

    def select_council(self, council_id: int) -> bool:
        for row, item in enumerate(self.model.rows()):
            if item.council.id == council_id:
                self.table.selectRow(row)
                return True
        return False

    def council_names(self) -> list[str]:
        """The names as the list shows them (for tests and accessibility checks)."""
        return [
            str(self.model.data(self.model.index(row, 0)))
            for row in range(self.model.rowCount(QModelIndex()))
        ]

    def _selection_changed(self) -> None:
        council = self.selected_council()
        self.edit_action.setEnabled(council is not None)
        self.archive_action.setEnabled(council is not None)
        self._retranslate_archive_action()
        council_id = council.id if council is not None else None
        for action in (self.edit_action, self.archive_action):  # the roles too (role_gate)
            restrict(action, "council.update", council_id)
        self.new_action.setEnabled(True)
        restrict(self.new_action, "council.create")
        new_id = council.id if council is not None else None
        if new_id != self.composition.council_id:
            self.composition.set_council(new_id)

    # -- actions -----------------------------------------------------------------------------
    def _open(self, dialog: QDialog) -> QDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def new_council(self) -> CouncilDialog:
        from app.views.council_dialog import CouncilDialog

        dialog = CouncilDialog(self._db, self._actor, None, self)
        dialog.saved.connect(self._council_saved)
        self._open(dialog)
        return dialog

    def edit_council(self) -> CouncilDialog | None:
        council = self.selected_council()
        if council is None:
            return None
        from app.views.council_dialog import CouncilDialog

        dialog = CouncilDialog(self._db, self._actor, council, self)
        dialog.saved.connect(self._council_saved)
        self._open(dialog)
        return dialog

    def _council_saved(self, council: CouncilInfo) -> None:
        announce(COUNCILS, self)  # the council dialog saved it: other pages show its name
        self.refresh()
        self.select_council(council.id)
        self.composition.refresh()

    def archive_council(self) -> None:
        council = self.selected_council()
        if council is None:
            return
        name = str(localized(council.names))
        if council.archived:
            question = _("Bring “{name}” back from the archive?").format(name=name)
        else:
            question = _(
                "Archive “{name}”? It stays in every record and can be brought back."
            ).format(name=name)
        if not ask(self, question):
            return
        db, actor = self._db, self._actor
        if not succeeded(
            self, lambda: archive_council(db, actor, council.id, not council.archived), COUNCILS
        ):
            return
        self.refresh()

    def open_people(self) -> PeopleDialog:
        from app.views.people_dialogs import PeopleDialog

        dialog = PeopleDialog(self._db, self._actor, self)
        dialog.changed.connect(self.composition.refresh)
        self._open(dialog)
        return dialog

    def open_positions(self) -> PositionsDialog:
        from app.views.people_dialogs import PositionsDialog

        dialog = PositionsDialog(self._db, self._actor, self)
        dialog.changed.connect(self.composition.refresh)
        self._open(dialog)
        return dialog

    # -- language ----------------------------------------------------------------------------
    def _retranslate_archive_action(self) -> None:
        council = self.selected_council()
        restoring = council is not None and council.archived
        self.archive_action.setText(_("Restore") if restoring else _("Archive…"))

    def retranslate_ui(self) -> None:
        self.title.setText(_("Councils"))
        self.toolbar.setWindowTitle(_("Councils"))
        self.new_action.setText(_("New council…"))
        self.edit_action.setText(_("Edit…"))
        self._retranslate_archive_action()
        self.show_archived_action.setText(_("Show archived"))
        self.people_action.setText(_("People…"))
        self.positions_action.setText(_("Positions…"))
        self.model.retranslate()
