"""The composition of one council: who sits on it on a chosen date, and its history.

A date picker over the table of seats (:class:`CompositionModel`), a history
tab (:class:`HistoryModel`), and the actions that change the composition:
add members one after another (the main way to enter a composition), add a
seat, end a seat, correct a seat's marks, appoint a person to a
position, record a new edition.  Each action opens its dialog (non-blocking);
the dialog calls its service through the operation runner
(:mod:`app.views.operations`), and when it saves, the view reloads and emits
:attr:`CompositionView.changed`.  Changes made elsewhere reach the view
through the Councils page that holds it.

The tool bar ``compositionToolbar`` holds the actions; import and export
actions are to be added to it after the separator that ends the seat actions.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractItemModel, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStyle,
    QTableView,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.domain.composition import SeatKind
from app.i18n import _, interface_language
from app.services.base import Actor
from app.services.handles import Database
from app.services.seats import CompositionLine, HistoryEntry, composition, history
from app.views.column_fit import ColumnFit
from app.views.composition_model import CompositionModel, HistoryModel, shown_date
from app.views.form_widgets import DateEdit
from app.views.operations import run
from app.views.retranslate import Retranslatable
from app.views.role_gate import restrict

# The dialogs, the files' readers and writers and the printed list are imported when
# their action is used: the Councils page, the first one shown, needs none of them.
if TYPE_CHECKING:
    from app.services.people import ActData
    from app.views.add_member_dialog import AddMemberDialog
    from app.views.appoint_dialog import AppointDialog
    from app.views.composition_io_dialogs import ImportDialog
    from app.views.pdf_preview import PdfPreviewDialog
    from app.views.seat_dialog import EndSeatDialog, NewEditionDialog, SeatDialog, SeatMarksDialog

# Widest a column grows when fitted to its contents; longer texts are elided with a tool tip.
# The position title is the long text that tells seats apart, so it may grow wider.
MAX_COLUMN_WIDTH = 240
MAX_POSITION_WIDTH = 320


def _table(model: QAbstractItemModel) -> QTableView:
    table = QTableView()
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
    # Fit to the first rows only: a 15-year history measured in full took 50 ms.
    header.setResizeContentsPrecision(FIT_ROWS)
    return table


FIT_ROWS = 100
"""How many rows :func:`fit_columns` measures."""


def fit_columns(table: QTableView, position_column: int, fit: ColumnFit | None = None) -> None:
    """Fit the columns to their contents within the widths above (the last one stretches).

    With ``fit``, the long columns are then narrowed so that all show within the table.
    """
    table.resizeColumnsToContents()
    widths = []
    for column in range(table.model().columnCount()):
        limit = MAX_POSITION_WIDTH if column == position_column else MAX_COLUMN_WIDTH
        widths.append(min(table.columnWidth(column), limit))
        table.setColumnWidth(column, widths[-1])
    if fit is not None and widths:
        fit.fitted(last_width=widths[-1])


class CompositionView(Retranslatable, QWidget):
    """A council's composition on a date, its history, and the actions that change it."""

    changed = Signal()

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compositionView")
        self._db = db
        self._actor = actor
        self._council_id: int | None = None
        self._last_act: ActData | None = None  # offered again by the next "Add member"

        self.title = QLabel()
        self.title.setObjectName("compositionTitle")
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)

        self._build_toolbar()

        self.date_label = QLabel()
        self.date_edit = DateEdit(date.today())
        self.date_edit.setObjectName("compositionDate")
        self.summary = QLabel()
        self.summary.setObjectName("compositionSummary")
        date_row = QHBoxLayout()
        date_row.addWidget(self.date_label)
        date_row.addWidget(self.date_edit)
        date_row.addStretch(1)
        date_row.addWidget(self.summary)

        self.model = CompositionModel(self)
        self.table = _table(self.model)
        self.table.setObjectName("compositionTable")
        self.history_model = HistoryModel(self)
        self.history_table = _table(self.history_model)
        self.history_table.setObjectName("historyTable")
        # Positions, names and acts are elided (tool tips) rather than run past the edge.
        self.fit = ColumnFit(
            self.table,
            (self.model.POSITION_COLUMN, self.model.PERSON_COLUMN, self.model.ACT_COLUMN),
        )
        self.history_fit = ColumnFit(
            self.history_table,
            (
                self.history_model.POSITION_COLUMN,
                self.history_model.PERSON_COLUMN,
                self.history_model.ACT_COLUMN,
            ),
        )

        on_date = QWidget()
        on_date_layout = QVBoxLayout(on_date)
        on_date_layout.addLayout(date_row)
        on_date_layout.addWidget(self.table, 1)
        self.tabs = QTabWidget()
        self.tabs.addTab(on_date, "")
        self.tabs.addTab(self.history_table, "")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.tabs, 1)

        self.date_edit.dateChanged.connect(self.refresh)
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        self.table.doubleClicked.connect(self.edit_seat)
        self.retranslate_ui()
        self._update_actions()

    def _build_toolbar(self) -> None:
        """The actions: members and seats, then the composition as a table or a document."""
        self.toolbar = QToolBar()
        self.toolbar.setObjectName("compositionToolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        icons = QStyle.StandardPixmap
        self.add_member_action = self._action(icons.SP_FileDialogNewFolder, self.add_member)
        self.add_member_action.setObjectName("addMemberAction")
        self.add_seat_action = self._action(icons.SP_FileDialogListView, self.add_seat)
        self.end_seat_action = self._action(icons.SP_DialogCancelButton, self.end_seat)
        self.edit_seat_action = self._action(icons.SP_FileDialogDetailedView, self.edit_seat)
        self.appoint_action = self._action(icons.SP_ArrowRight, self.appoint)
        self.new_edition_action = self._action(icons.SP_BrowserReload, self.new_edition)
        self.toolbar.addSeparator()
        self.import_action = self._action(icons.SP_DialogOpenButton, self.import_file)
        self.paste_action = self._action(icons.SP_FileDialogContentsView, self.paste_members)
        self.paste_action.setObjectName("pasteMembersAction")
        self.paste_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Paste))
        self.paste_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(self.paste_action)  # Ctrl+V anywhere in the view
        self.export_xlsx_action = self._action(icons.SP_DialogSaveButton, self.export_xlsx)
        self.export_pdf_action = self._action(icons.SP_FileIcon, self.export_pdf)
        self.print_action = self._action(icons.SP_FileDialogInfoView, self.print_preview)
        self.print_action.setObjectName("printCompositionAction")

    def _action(self, icon: QStyle.StandardPixmap, slot: object) -> QAction:
        action = QAction(self.style().standardIcon(icon), "", self)
        action.triggered.connect(lambda _checked=False: slot())  # type: ignore[operator]
        self.toolbar.addAction(action)
        return action

    # -- state -------------------------------------------------------------------------------
    @property
    def council_id(self) -> int | None:
        return self._council_id

    def on_date(self) -> date:
        return self.date_edit.day()

    def set_date(self, day: date) -> None:
        self.date_edit.set_day(day)

    def set_council(self, council_id: int | None) -> None:
        """Show the composition of ``council_id`` (None: no council chosen)."""
        self._council_id = council_id
        self.refresh()

    def refresh(self) -> None:
        """Reload the composition on the chosen date and the history from the services."""
        selected = self.selected_line()
        lines: list[CompositionLine] = []
        entries: list[HistoryEntry] = []
        council_id = self._council_id
        if council_id is not None:
            found = run(
                self,
                lambda: (
                    composition(self._db, council_id, self.on_date()),
                    history(self._db, council_id),
                ),
            )
            if found is not None:
                lines, entries = found
        self.model.set_lines(lines)
        self.history_model.set_entries(entries)
        if selected is not None:
            for row, line in enumerate(lines):
                if line.seat.id == selected.seat.id:
                    self.table.selectRow(row)
        self._fit_columns()
        self._show_summary()
        self._update_actions()

    def _fit_columns(self) -> None:
        fit_columns(self.table, self.model.POSITION_COLUMN, self.fit)
        fit_columns(self.history_table, self.history_model.POSITION_COLUMN, self.history_fit)

    def selected_line(self) -> CompositionLine | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.line(rows[0].row()) if rows else None

    def _show_summary(self) -> None:
        lines = self.model.rows()
        vacant = sum(1 for line in lines if line.vacant)
        self.summary.setText(
            _("Seats: {count}, vacant: {vacant}").format(count=len(lines), vacant=vacant)
        )

    def _update_actions(self) -> None:
        has_council = self._council_id is not None
        has_line = self.selected_line() is not None
        for action in (
            self.add_member_action,
            self.add_seat_action,
            self.appoint_action,
            self.new_edition_action,
            self.import_action,
            self.paste_action,
            self.export_xlsx_action,
            self.export_pdf_action,
            self.print_action,
        ):
            action.setEnabled(has_council)
        self.end_seat_action.setEnabled(has_line)
        self.edit_seat_action.setEnabled(has_line)
        for action in (  # what changes the composition: the roles too (role_gate)
            self.add_member_action,
            self.add_seat_action,
            self.appoint_action,
            self.new_edition_action,
            self.import_action,
            self.paste_action,
            self.end_seat_action,
            self.edit_seat_action,
        ):
            restrict(action, "seat.update", self._council_id)

    def _saved(self, _result: object = None) -> None:
        self.refresh()
        self.changed.emit()

    def _open(self, dialog: QDialog) -> QDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._saved)  # type: ignore[attr-defined]
        dialog.open()
        return dialog

    # -- actions -----------------------------------------------------------------------------
    def add_member(self) -> AddMemberDialog | None:
        """The main way to enter a composition: members one after another in one dialog."""
        if self._council_id is None:
            return None
        from app.views.add_member_dialog import AddMemberDialog

        dialog = AddMemberDialog(
            self._db, self._actor, self._council_id, self.on_date(), self._last_act, self
        )
        dialog.finished.connect(lambda _result: self._remember_act(dialog.act.act()))
        self._open(dialog)
        return dialog

    def _remember_act(self, act: ActData) -> None:
        self._last_act = act

    def add_seat(self) -> SeatDialog | None:
        if self._council_id is None:
            return None
        from app.views.seat_dialog import SeatDialog

        dialog = SeatDialog(self._db, self._actor, self._council_id, self.on_date(), self)
        self._open(dialog)
        return dialog

    def end_seat(self) -> EndSeatDialog | None:
        line = self.selected_line()
        if line is None:
            return None
        from app.views.seat_dialog import EndSeatDialog

        dialog = EndSeatDialog(self._db, self._actor, line, self.on_date(), self)
        self._open(dialog)
        return dialog

    def edit_seat(self) -> SeatMarksDialog | None:
        line = self.selected_line()
        if line is None:
            return None
        from app.views.seat_dialog import SeatMarksDialog

        dialog = SeatMarksDialog(self._db, self._actor, line, self)
        self._open(dialog)
        return dialog

    def appoint(self) -> AppointDialog | None:
        if self._council_id is None:
            return None
        line = self.selected_line()
        position_id = None
        if line is not None and line.seat.kind is SeatKind.EX_OFFICIO:
            position_id = line.seat.position_id
        from app.views.appoint_dialog import AppointDialog

        dialog = AppointDialog(self._db, self._actor, position_id, self.on_date(), self)
        self._open(dialog)
        return dialog

    def new_edition(self) -> NewEditionDialog | None:
        if self._council_id is None:
            return None
        from app.views.seat_dialog import NewEditionDialog

        dialog = NewEditionDialog(self._db, self._actor, self._council_id, self.on_date(), self)
        self._open(dialog)
        return dialog

    def import_file(self, preview: object = None) -> ImportDialog | None:
        """Read a composition file (asking for it) and show the import preview."""
        if self._council_id is None:
            return None
        from app.formats.composition_rows import ImportPreview
        from app.views.composition_io_dialogs import ImportDialog, choose_and_read

        if preview is None:
            preview = choose_and_read(self)
        if not isinstance(preview, ImportPreview):
            return None
        dialog = ImportDialog(
            self._db, self._actor, self._council_id, preview, self.on_date(), self
        )
        self._open(dialog)
        return dialog

    def paste_members(
        self, text: str | None = None, html: str | None = None
    ) -> ImportDialog | None:
        """Read a table of members pasted from Word or Excel; the import preview shows it.

        ``text`` and ``html`` are the clipboard's unless given.
        """
        if self._council_id is None:
            return None
        if text is None and html is None:
            mime = QApplication.clipboard().mimeData()
            text = mime.text() if mime is not None and mime.hasText() else ""
            html = mime.html() if mime is not None and mime.hasHtml() else ""
        from app.services.compositions.read_composition_paste import read_composition_paste

        pasted, markup, name = text or "", html or "", _("The pasted table")
        preview = run(self, lambda: read_composition_paste(pasted, markup, name))
        return self.import_file(preview) if preview is not None else None

    def print_preview(self) -> PdfPreviewDialog | None:
        """The composition on the chosen date as the printed list, with Print… in the preview."""
        council_id = self._council_id
        if council_id is None:
            return None
        db, day, lang = self._db, self.on_date(), interface_language()

        def title() -> str:
            return _("Council composition on {day}").format(day=shown_date(day))

        # Here, not at the top: the preview renders with PDFium, which the page itself
        # does not need at start, nor the renderer of the list.
        from app.services.compositions.export_composition_pdf import composition_pdf_bytes
        from app.views.pdf_preview import PdfPreviewDialog

        dialog = PdfPreviewDialog(
            title, lambda: composition_pdf_bytes(db, council_id, day, lang), self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def export_xlsx(self) -> Path | None:
        if self._council_id is None:
            return None
        from app.views.composition_io_dialogs import export_composition

        return export_composition(self, self._db, self._council_id, self.on_date(), "xlsx")

    def export_pdf(self) -> Path | None:
        if self._council_id is None:
            return None
        from app.views.composition_io_dialogs import export_composition

        return export_composition(self, self._db, self._council_id, self.on_date(), "pdf")

    # -- language ----------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.title.setText(_("Council composition"))
        self.toolbar.setWindowTitle(_("Composition"))
        self.add_member_action.setText(_("Add member…"))
        self.add_member_action.setToolTip(
            _(
                "Add members one after another: the position, the person, the role and the act "
                "in one window; new people and positions are created in place"
            )
        )
        self.add_seat_action.setText(_("Add seat…"))
        self.add_seat_action.setToolTip(_("Add a seat to the composition from a date"))
        self.end_seat_action.setText(_("End seat…"))
        self.end_seat_action.setToolTip(_("End the selected seat on a date, by an act"))
        self.edit_seat_action.setText(_("Seat marks…"))
        self.edit_seat_action.setToolTip(
            _("Correct the selected seat's marks: by agreement, vote, side, order")
        )
        self.appoint_action.setText(_("Appoint to position…"))
        self.appoint_action.setToolTip(
            _("A person takes a position; its ex officio seats pass to them from that date")
        )
        self.new_edition_action.setText(_("New edition…"))
        self.new_edition_action.setToolTip(_("Approve the composition anew by an act"))
        self.import_action.setText(_("Import…"))
        self.import_action.setToolTip(
            _("Read a composition from an XLSX or CSV file, check it row by row, import it")
        )
        self.export_xlsx_action.setText(_("Export XLSX…"))
        self.export_pdf_action.setText(_("Export PDF…"))
        self.export_pdf_action.setToolTip(
            _("The composition on the chosen date as an official list, in kk, ru or en")
        )
        self.paste_action.setText(_("Paste members"))
        self.paste_action.setToolTip(
            _(
                "Paste a table of members copied in Word or Excel (Ctrl+V); it is checked row "
                "by row and imported as a file is"
            )
        )
        self.print_action.setText(_("Print…"))
        self.print_action.setToolTip(
            _("Preview the composition on the chosen date, with the members' names, and print it")
        )
        self.date_label.setText(_("Composition on:"))
        self.tabs.setTabText(0, _("On a date"))
        self.tabs.setTabText(1, _("History"))
        self.model.retranslate()
        self.history_model.retranslate()
        if self.model.rowCount() or self.history_model.rowCount():
            self._fit_columns()
        self._show_summary()
