"""The Protocols page: every held meeting with its protocol, deadlines and the protocol's path.

The table comes from :func:`protocol_lines`: meeting date, council,
meeting number, the protocol's state, the draft deadline and the deadline of
the copies, with the days left; overdue rows are highlighted.  A 15-year
archive has 2,000 held meetings: the page reads their ids
(:func:`protocol_meeting_ids`) and the model builds the lines a page at a time
as they are shown (:class:`~app.views.paged_model.PagedRowModel`).  The actions
follow the protocol's path (draft → agreed → signed → copies sent, and a new
revision to correct a signed one), each calling one service and refreshing
the table:

* Create protocol (for a held meeting without one) and Edit… open
  :class:`ProtocolEditor`;
* Agreement round…, Mark agreed, Sign… (:class:`SignDialog`), Copy sent…,
  Copies sent, New revision… (with a reason);
* Preview (:class:`PdfPreviewDialog`), Print…, Save PDF…, Save DOCX… in the document
  language chosen in the toolbar (a signed protocol: the languages it was
  issued in), and Verify a file… (is a PDF, byte for byte, a protocol Kenes
  issued, and which one).

Each action goes through the operation runner (:mod:`app.views.operations`), which
shows a refusal and announces the change; which steps are possible, and why the
others are not (their tool tips, and the status bar for the selected protocol),
the domain's transitions table says (:mod:`app.domain.protocol_states`).
Dialogs are opened with ``open()`` (:mod:`app.views.protocol_dialogs`); the
documents are :class:`~app.views.protocol_documents.ProtocolDocuments`'s, and
rendering and saving them run off the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStyle,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import KenesError
from app.domain.protocol_states import EDITABLE, LOCKED, ProtocolAction
from app.i18n import LANGUAGE_CODES, N_, _
from app.services.base import Actor
from app.services.councils import CouncilInfo, list_councils
from app.services.handles import Database
from app.services.protocols.common import ProtocolInfo
from app.services.protocols.documents import (
    Verification,
    protocol_lines,
    protocol_meeting_ids,
)
from app.views.background import BackgroundTask
from app.views.form_widgets import ChoiceCombo, Texts
from app.views.operations import Record, follow, run
from app.views.paged_model import fit_columns
from app.views.pdf_preview import PdfPreviewDialog
from app.views.protocol_dialogs import CHANNELS, AgreementDialog, CopyDialog, RevisionDialog
from app.views.protocol_documents import (
    ProtocolDocuments,
    documents_folder,
    file_name,
    inform,
)
from app.views.protocol_path import ProtocolPath
from app.views.protocols_models import (
    ProtocolRow,
    ProtocolsModel,
    council_choices,
    describe_protocol,
    issued_languages,
    language_choices,
)
from app.views.retranslate import Retranslatable
from app.views.role_gate import gate, role_reason

if TYPE_CHECKING:
    pass

# Re-exported: older callers and tests import them from here.
__all__ = [
    "CHANNELS",
    "AgreementDialog",
    "CopyDialog",
    "ProtocolsPage",
    "RevisionDialog",
    "documents_folder",
    "file_name",
    "inform",
]


# What the lines show: a change of these on another view reloads them.
SHOWN_RECORDS = frozenset(
    {Record.COUNCILS, Record.MEETINGS, Record.AGENDA, Record.CONDUCT, Record.PROTOCOLS}
)
# Widest a column grows when fitted to its contents (the council's name takes the room left).
MAX_COLUMN_WIDTH = 320


@dataclass(frozen=True)
class _Action:
    action: QAction
    text: str  # msgid
    tooltip: str = ""  # msgid
    step: ProtocolAction | None = None  # the step of the protocol's path it takes


def prepare_reads(db: Database, today: date | None = None) -> None:
    """Read once what the page reads when first built (see ``meetings_page.prepare_reads``).

    Run by :class:`~app.views.page_preparer.PagePreparer` on a worker thread, before the
    page is first opened, so that its statements are compiled and cached; nothing read is
    kept, no widget is touched, nothing is written.
    """
    list_councils(db, include_archived=True)
    ids = protocol_meeting_ids(db, None)
    if ids:
        protocol_lines(db, today or date.today(), ids[: ProtocolsModel.page_size])


class ProtocolsPage(ProtocolPath, ProtocolDocuments, Retranslatable, QWidget):
    """Held meetings with their protocols; the protocol's path; documents."""

    changed = Signal()  # a protocol was created or changed

    def __init__(
        self, db: Database, actor: Actor, today: date | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("protocolsPage")
        self._db = db
        self._actor = actor
        self._today = today
        self._councils: dict[int, CouncilInfo] = {}
        self._actions: list[_Action] = []
        self.tasks: list[BackgroundTask] = []
        self.last_saved: Path | None = None
        self.last_verification: Verification | None = None
        self.preview_dialog: PdfPreviewDialog | None = None
        self.print_dialog: QDialog | None = None
        self.status_text = ""  # why the selected protocol's next steps cannot be taken now
        self._on_screen = False
        self.texts = Texts()

        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.path_bar = self._build_path_bar()
        self.documents_bar = self._build_documents_bar()
        self.council_label = self.texts.label(N_("Council:"))
        self.council = ChoiceCombo([(None, N_("All councils"))])
        self.council.setObjectName("protocolsCouncil")
        self.council.setMinimumContentsLength(24)
        self.council.currentIndexChanged.connect(lambda _i: self.refresh())
        filter_row = QHBoxLayout()
        filter_row.addWidget(self.council_label)
        filter_row.addWidget(self.council, 1)
        filter_row.addStretch(1)
        self.model = ProtocolsModel(self)
        self.table = self._build_table()
        self.details = QLabel()
        self.details.setObjectName("protocolDetails")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = QLabel()
        self.status.setObjectName("protocolsStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(filter_row)
        layout.addWidget(self.path_bar)
        layout.addWidget(self.documents_bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        layout.addWidget(self.status)

        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _index: self._open_selected())
        # Another view (the live meeting, the meetings page) changed what the lines show.
        follow(self, SHOWN_RECORDS, lambda _changes: self.refresh())
        gate().changed.connect(self.refresh)  # a sign-in: other lines, other roles' reasons
        self.retranslate_ui()
        self.refresh()

    def _build_documents_bar(self) -> QToolBar:
        """The document language, preview, print, save and verify."""
        icons = QStyle.StandardPixmap
        bar = QToolBar()
        bar.setObjectName("protocolDocumentsToolbar")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.language_label = self.texts.label(N_("Document language:"))
        self.document_language = ChoiceCombo(language_choices())
        self.document_language.setObjectName("documentLanguage")
        self.document_language.setMinimumContentsLength(8)
        bar.addWidget(self.language_label)
        bar.addWidget(self.document_language)
        bar.addSeparator()
        self.preview_action = self._action(
            bar,
            icons.SP_FileDialogInfoView,
            N_("Preview"),
            self.preview,
            N_("Show the protocol as it prints"),
        )
        self.print_action = self._action(
            bar,
            icons.SP_FileDialogContentsView,
            N_("Print…"),
            self.print_protocol,
            N_("Print the protocol through the system's print dialog, with a preview"),
        )
        self.pdf_action = self._action(
            bar,
            icons.SP_DriveFDIcon,
            N_("Save PDF…"),
            lambda: self.save_document(".pdf"),
        )
        self.docx_action = self._action(
            bar,
            icons.SP_FileIcon,
            N_("Save DOCX…"),
            lambda: self.save_document(".docx"),
        )
        bar.addSeparator()
        self.verify_action = self._action(
            bar,
            icons.SP_MessageBoxQuestion,
            N_("Verify a file…"),
            self.verify_a_file,
            N_("Check whether a PDF is, byte for byte, a protocol Kenes issued"),
        )
        self.esign_action = self._action(
            bar,
            icons.SP_DialogSaveButton,
            N_("Sign electronically…"),
            self.sign_electronically,
            N_("Add your electronic signature (a PKCS#12 key) to the issued protocol"),
        )
        return bar

    def _build_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("protocolsTable")
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
        header = table.horizontalHeader()
        # Fitted to one page of lines on each reload (ResizeToContents read every line).
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(ProtocolsModel.COUNCIL_COLUMN, QHeaderView.ResizeMode.Stretch)
        return table

    def _action(
        self,
        bar: QToolBar,
        icon: QStyle.StandardPixmap,
        text: str,
        slot: Callable[[], object],
        tooltip: str = "",
        step: ProtocolAction | None = None,
    ) -> QAction:
        action = QAction(self.style().standardIcon(icon), "", self)
        action.triggered.connect(lambda _checked=False: slot())
        bar.addAction(action)
        self._actions.append(_Action(action, text, tooltip, step))
        return action

    def today(self) -> date:
        return self._today or date.today()

    # -- the table ---------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the overview, keeping the selected meeting (the first when none was).

        Only the held meetings' ids are read for the whole list; the lines are built as the
        table shows them.
        """
        wanted = self._selected_id()
        ids = run(self, self._read_ids) or []
        self.model.set_ids(ids, partial(self._load_rows, self.today()))
        row = self.model.find(wanted) if wanted is not None else -1
        if row < 0 and ids:
            row = 0
        columns = [c for c in range(self.model.columnCount()) if c != ProtocolsModel.COUNCIL_COLUMN]
        fit_columns(self.table, self.model, max(row, 0), columns, {}, MAX_COLUMN_WIDTH)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        self._selection_changed()

    def _read_ids(self) -> list[int]:
        """The councils (for the filter and the lines) and the held meetings it lets through."""
        self._councils = {c.id: c for c in list_councils(self._db, include_archived=True)}
        self._set_councils(list(self._councils.values()))
        return list(protocol_meeting_ids(self._db, self.council.value()))

    def _load_rows(self, today: date, meeting_ids: Sequence[int]) -> list[ProtocolRow]:
        """The lines the table is about to show (the model asks a page at a time)."""
        try:
            lines = protocol_lines(self._db, today, meeting_ids)
        except KenesError:
            # Asked while painting: no dialog here; the lines stay empty until reloaded.
            return []
        return [
            ProtocolRow(line.due, self._councils.get(line.due.council_id), line.protocol)
            for line in lines
        ]

    def _set_councils(self, councils: list[CouncilInfo]) -> None:
        self.council.blockSignals(True)
        self.council.set_choices(council_choices(councils))
        self.council.blockSignals(False)

    def rows(self) -> list[ProtocolRow]:
        """Every line (building every page: for tests)."""
        return self.model.rows()

    def row_of(self, meeting_id: int) -> ProtocolRow | None:
        row = self.model.find(meeting_id)
        return self.model.line(row) if row >= 0 else None

    def selected(self) -> ProtocolRow | None:
        selection = self.table.selectionModel()
        rows = selection.selectedRows() if selection is not None else []
        return self.model.line(rows[0].row()) if rows else None

    def _selected_id(self) -> int | None:
        selection = self.table.selectionModel()
        rows = selection.selectedRows() if selection is not None else []
        return self.model.id_at(rows[0].row()) if rows else None

    def select_meeting(self, meeting_id: int) -> bool:
        """Select a held meeting anywhere in the list (its line built if it was not yet)."""
        row = self.model.find(meeting_id)
        if row < 0:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def _selection_changed(self) -> None:
        row = self.selected()
        has = row is not None and row.protocol is not None
        create = role_reason("protocol.create", row.due.council_id) if row is not None else ""
        self.create_action.setEnabled(row is not None and row.protocol is None and not create)
        self.create_action.setToolTip(
            create or _("Start the draft protocol of the selected held meeting from its record")
        )
        self._enable_path(row.protocol if row is not None else None)
        for action in (
            self.preview_action,
            self.print_action,
            self.pdf_action,
            self.docx_action,
            self.esign_action,
        ):
            action.setEnabled(has)
        self._offer_languages(row)
        self._show_details(row)
        self._show_status(row)

    def _offer_languages(self, row: ProtocolRow | None) -> None:
        """A signed protocol exists in the languages it was issued in, a draft in any; the
        protocol's main language is chosen first."""
        info = row.protocol if row is not None else None
        codes: list[str] = list(LANGUAGE_CODES)
        if info is not None and info.state in LOCKED and info.issued:
            codes = issued_languages(info)
        self.document_language.set_choices(language_choices(codes))
        if info is not None:
            self.document_language.set_value(
                info.main_language if info.main_language in codes else codes[0]
            )

    def describe(self, row: ProtocolRow) -> str:
        """One line on the selected protocol: number, revision, languages, signing, copies."""
        return describe_protocol(row)

    def _show_details(self, row: ProtocolRow | None) -> None:
        self.details.setText(self.describe(row) if row is not None else "")

    def _open_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        if row.protocol is None:
            self.create_protocol()
        elif row.state in EDITABLE:  # the domain's: draft or agreed
            self.edit_protocol()
        else:
            self.preview()

    def _changed(self, info: object = None) -> None:
        self.refresh()
        if isinstance(info, ProtocolInfo):
            self.select_meeting(info.meeting_id)
        self.changed.emit()

    def _selected_protocol(self) -> ProtocolInfo | None:
        row = self.selected()
        return row.protocol if row is not None else None

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._on_screen = True
        self._show_status(self.selected())

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        if event.spontaneous():
            return
        self._on_screen = False
        # Another page is shown: the status bar no longer speaks of this page's protocol.
        bar = self._status_bar()
        if bar is not None and self.status_text and bar.currentMessage() == self.status_text:
            bar.clearMessage()

    # -- language ----------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.title.setText(_("Protocols"))
        self.path_bar.setWindowTitle(_("Protocol"))
        self.documents_bar.setWindowTitle(_("Documents"))
        self.texts.apply()
        for item in self._actions:
            item.action.setText(_(item.text))
            item.action.setToolTip(_(item.tooltip) if item.tooltip else _(item.text))
        self.document_language.retranslate()
        self.council.retranslate()
        self.model.retranslate()
        self._enable_path(self._selected_protocol())
        self._show_details(self.selected())
        self._show_status(self.selected())
