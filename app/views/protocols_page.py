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
* Preview (:class:`PdfPreviewDialog`), Save PDF…, Save DOCX… in the document
  language chosen in the toolbar (a signed protocol: the languages it was
  issued in), and Verify a file… (is a PDF, byte for byte, a protocol Kenes
  issued, and which one).

Each action goes through the operation runner (:mod:`app.views.operations`), which
shows a refusal and announces the change; which steps are possible, and why the
others are not (their tool tips), the domain's transitions table says
(:mod:`app.domain.protocol_states`).  Dialogs are opened with ``open()``.
Rendering and saving documents run off the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QStyle,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import KenesError
from app.domain.protocol_states import EDITABLE, LOCKED, ProtocolAction, refusal
from app.formatting import short_date
from app.i18n import LANGUAGE_CODES, N_, _, interface_language, translations
from app.services.base import Actor
from app.services.conduct.queries import live_meeting
from app.services.councils import CouncilInfo, list_councils
from app.services.handles import Database
from app.services.protocols import actions
from app.services.protocols.common import ProtocolInfo
from app.services.protocols.documents import (
    Verification,
    export_protocol,
    protocol_lines,
    protocol_meeting_ids,
    protocol_pdf,
    verify_file,
    working_copy_text,
)
from app.views.background import BackgroundTask
from app.views.composition_model import person_name
from app.views.form_widgets import ChoiceCombo, DateEdit, Label, Texts, ok_cancel
from app.views.operations import PROTOCOLS, Record, follow, run, run_in_background
from app.views.paged_model import fit_columns
from app.views.pdf_preview import PdfPreviewDialog
from app.views.protocol_editor import ProtocolEditor
from app.views.protocols_models import (
    ProtocolRow,
    ProtocolsModel,
    council_choices,
    issued_languages,
    language_choices,
    language_name,
)
from app.views.retranslate import Retranslatable
from app.views.sign_dialog import SignDialog

if TYPE_CHECKING:
    from app.views.esign_dialog import EsignDialog

# What the lines show: a change of these on another view reloads them.
SHOWN_RECORDS = frozenset(
    {Record.COUNCILS, Record.MEETINGS, Record.AGENDA, Record.CONDUCT, Record.PROTOCOLS}
)
# Widest a column grows when fitted to its contents (the council's name takes the room left).
MAX_COLUMN_WIDTH = 320
CHANNELS: list[tuple[Any, Label]] = [
    ("email", N_("E-mail")),
    ("edms", N_("Electronic document system")),
    ("post", N_("Post")),
    ("hand", N_("By hand")),
]


def inform(parent: QWidget | None, text: str) -> None:
    """Tell the user something (not a refusal).  Tests replace this function."""
    box = QMessageBox(QMessageBox.Icon.Information, _("Kenes"), text, parent=parent)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.exec()


def documents_folder() -> str:
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)


def file_name(row: ProtocolRow, lang: str, suffix: str) -> str:
    """A file name that sorts by date: kenes-protocol-2024-03-14-no-3-kk.pdf."""
    number = row.protocol.number if row.protocol is not None else str(row.due.meeting_number)
    safe = "".join(c if c.isalnum() else "-" for c in number).strip("-") or "protocol"
    return f"kenes-protocol-{row.due.meeting_day.isoformat()}-no-{safe}-{lang}{suffix}"


# -- small dialogs ------------------------------------------------------------------------------


class _ActionDialog(Retranslatable, QDialog):
    """A dialog that calls one service on OK; a refusal keeps it open with the input."""

    saved = Signal(object)  # ProtocolInfo

    def __init__(
        self, db: Database, actor: Actor, protocol: ProtocolInfo, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.protocol = protocol
        self.texts = Texts()

    # Each dialog defines the service call that saves it.
    submit: Callable[[], ProtocolInfo]

    def accept(self) -> None:
        info = run(self, self.submit, PROTOCOLS)
        if info is None:
            return
        self.saved.emit(info)
        super().accept()


class AgreementDialog(_ActionDialog):
    """One round of agreement of the draft: who agreed it, when, with what remarks."""

    def __init__(
        self,
        db: Database,
        actor: Actor,
        protocol: ProtocolInfo,
        *,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(db, actor, protocol, parent)
        self.setObjectName("agreementDialog")
        self.agreed_by = QLineEdit()
        self.agreed_by.setObjectName("agreedBy")
        self.agreed_on = DateEdit(today)
        self.remarks = QPlainTextEdit()
        self.remarks.setObjectName("agreementRemarks")
        self.remarks.setTabChangesFocus(True)
        form = QFormLayout()
        form.addRow(self.texts.label(N_("Agreed by")), self.agreed_by)
        form.addRow(self.texts.label(N_("Date")), self.agreed_on)
        form.addRow(self.texts.label(N_("Remarks")), self.remarks)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(ok_cancel(self))
        self.resize(520, 300)
        self.retranslate_ui()

    def submit(self) -> ProtocolInfo:
        return actions.record_agreement(
            self._db,
            self._actor,
            self.protocol.id,
            self.agreed_by.text(),
            self.agreed_on.day(),
            self.remarks.toPlainText(),
        )

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Agreement round"))
        self.texts.apply()
        self.agreed_by.setPlaceholderText(_("the body or person that agreed the draft"))


class CopyDialog(_ActionDialog):
    """A copy of the signed protocol sent to a member or to another recipient."""

    def __init__(
        self,
        db: Database,
        actor: Actor,
        protocol: ProtocolInfo,
        *,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(db, actor, protocol, parent)
        self.setObjectName("copyDialog")
        choices: list[tuple[Any, Label]] = [(None, N_("Another recipient"))]
        live = run(parent, lambda: live_meeting(db, protocol.meeting_id))
        for member in live.members if live is not None else ():
            person = member.person
            choices.append((person.id, partial(person_name, person)))
        self.person = ChoiceCombo(choices)
        self.person.setObjectName("copyPerson")
        self.person.setMinimumContentsLength(30)
        self.recipient = QLineEdit()
        self.recipient.setObjectName("copyRecipient")
        day = today or date.today()
        if protocol.signed_on is not None and protocol.signed_on > day:
            day = protocol.signed_on
        self.sent_on = DateEdit(day)
        self.channel = ChoiceCombo(CHANNELS)
        self.channel.setObjectName("copyChannel")
        form = QFormLayout()
        form.addRow(self.texts.label(N_("Member")), self.person)
        form.addRow(self.texts.label(N_("Recipient")), self.recipient)
        form.addRow(self.texts.label(N_("Sent on")), self.sent_on)
        form.addRow(self.texts.label(N_("Channel")), self.channel)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(ok_cancel(self))
        self.person.currentIndexChanged.connect(self._person_changed)
        if len(choices) > 1:
            self.person.setCurrentIndex(1)
        self._person_changed()
        self.resize(520, 220)
        self.retranslate_ui()

    def _person_changed(self, _index: int = 0) -> None:
        self.recipient.setEnabled(self.person.value() is None)

    def submit(self) -> ProtocolInfo:
        person = self.person.value()
        return actions.record_copy(
            self._db,
            self._actor,
            self.protocol.id,
            self.sent_on.day(),
            person_id=person,
            recipient="" if person is not None else self.recipient.text(),
            channel=str(self.channel.value() or ""),
        )

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Copy sent"))
        self.texts.apply()
        self.person.retranslate()
        self.channel.retranslate()
        self.recipient.setPlaceholderText(_("when the copy went to someone else"))


class RevisionDialog(_ActionDialog):
    """Start a correction of a signed protocol: a new draft revision, with a reason."""

    def __init__(
        self, db: Database, actor: Actor, protocol: ProtocolInfo, parent: QWidget | None = None
    ) -> None:
        super().__init__(db, actor, protocol, parent)
        self.setObjectName("revisionDialog")
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("revisionReason")
        self.reason.setTabChangesFocus(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.texts.label(N_("Reason")))
        layout.addWidget(self.reason, 1)
        layout.addWidget(ok_cancel(self))
        self.resize(520, 300)
        self.retranslate_ui()

    def submit(self) -> ProtocolInfo:
        return actions.revise_protocol(
            self._db, self._actor, self.protocol.id, self.reason.toPlainText()
        )

    def retranslate_ui(self) -> None:
        self.setWindowTitle(
            _("New revision of protocol No. {number}").format(number=self.protocol.number)
        )
        self.texts.apply()
        self.intro.setText(
            _(
                "The signed protocol stays exactly as it was issued. The new revision is a draft "
                "that refers to it, with the reason below; the meeting's record can be corrected "
                "until the new revision is signed."
            )
        )


# -- the page -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Action:
    action: QAction
    text: str  # msgid
    tooltip: str = ""  # msgid
    step: ProtocolAction | None = None  # the step of the protocol's path it takes


class ProtocolsPage(Retranslatable, QWidget):
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
        self.texts = Texts()

        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)

        icons = QStyle.StandardPixmap
        self.path_bar = QToolBar()
        self.path_bar.setObjectName("protocolPathToolbar")
        self.path_bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.create_action = self._action(
            self.path_bar,
            icons.SP_FileDialogNewFolder,
            N_("Create protocol"),
            self.create_protocol,
            N_("Start the draft protocol of the selected held meeting from its record"),
        )
        self.edit_action = self._action(
            self.path_bar,
            icons.SP_FileDialogDetailedView,
            N_("Edit…"),
            self.edit_protocol,
            N_("Number, city and the narrative of each item in each language"),
            ProtocolAction.EDIT,
        )
        self.agreement_action = self._action(
            self.path_bar,
            icons.SP_FileDialogContentsView,
            N_("Agreement round…"),
            self.record_agreement,
            N_("Record who agreed the draft, and when"),
            ProtocolAction.RECORD_AGREEMENT,
        )
        self.agreed_action = self._action(
            self.path_bar,
            icons.SP_DialogApplyButton,
            N_("Mark agreed"),
            self.mark_agreed,
            N_("The draft is agreed and ready for signing"),
            ProtocolAction.MARK_AGREED,
        )
        self.sign_action = self._action(
            self.path_bar,
            icons.SP_DialogSaveButton,
            N_("Sign…"),
            self.sign,
            N_("Sign and issue the protocol in the chosen languages"),
            ProtocolAction.SIGN,
        )
        self.copy_action = self._action(
            self.path_bar,
            icons.SP_ArrowForward,
            N_("Copy sent…"),
            self.record_copy,
            N_("Record a copy of the signed protocol sent to a member"),
            ProtocolAction.RECORD_COPY,
        )
        self.copies_action = self._action(
            self.path_bar,
            icons.SP_DialogYesButton,
            N_("Copies sent"),
            self.mark_copies_sent,
            N_("Every member has been sent a copy"),
            ProtocolAction.MARK_COPIES_SENT,
        )
        self.revise_action = self._action(
            self.path_bar,
            icons.SP_BrowserReload,
            N_("New revision…"),
            self.new_revision,
            N_("Correct a signed protocol by a new revision, with a reason"),
            ProtocolAction.REVISE,
        )

        self.documents_bar = QToolBar()
        self.documents_bar.setObjectName("protocolDocumentsToolbar")
        self.documents_bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.language_label = self.texts.label(N_("Document language:"))
        self.document_language = ChoiceCombo(language_choices())
        self.document_language.setObjectName("documentLanguage")
        self.document_language.setMinimumContentsLength(8)
        self.documents_bar.addWidget(self.language_label)
        self.documents_bar.addWidget(self.document_language)
        self.documents_bar.addSeparator()
        self.preview_action = self._action(
            self.documents_bar,
            icons.SP_FileDialogInfoView,
            N_("Preview"),
            self.preview,
            N_("Show the protocol as it prints"),
        )
        self.pdf_action = self._action(
            self.documents_bar,
            icons.SP_DriveFDIcon,
            N_("Save PDF…"),
            lambda: self.save_document(".pdf"),
        )
        self.docx_action = self._action(
            self.documents_bar,
            icons.SP_FileIcon,
            N_("Save DOCX…"),
            lambda: self.save_document(".docx"),
        )
        self.documents_bar.addSeparator()
        self.verify_action = self._action(
            self.documents_bar,
            icons.SP_MessageBoxQuestion,
            N_("Verify a file…"),
            self.verify_a_file,
            N_("Check whether a PDF is, byte for byte, a protocol Kenes issued"),
        )
        self.esign_action = self._action(
            self.documents_bar,
            icons.SP_DialogSaveButton,
            N_("Sign electronically…"),
            self.sign_electronically,
            N_("Add your electronic signature (a PKCS#12 key) to the issued protocol"),
        )

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
        self.table = QTableView()
        self.table.setObjectName("protocolsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        # Fitted to one page of lines on each reload (ResizeToContents read every line).
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(ProtocolsModel.COUNCIL_COLUMN, QHeaderView.ResizeMode.Stretch)

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
        self.retranslate_ui()
        self.refresh()

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
        self.create_action.setEnabled(row is not None and row.protocol is None)
        self._enable_path(row.protocol if row is not None else None)
        for action in (self.preview_action, self.pdf_action, self.docx_action, self.esign_action):
            action.setEnabled(has)
        self._offer_languages(row)
        self._show_details(row)

    def _enable_path(self, info: ProtocolInfo | None) -> None:
        """The steps of the protocol's path the domain allows now; the others say why not."""
        for item in self._actions:
            if item.step is None:
                continue
            refused = (
                refusal(item.step, info.state, number=info.number) if info is not None else None
            )
            item.action.setEnabled(info is not None and refused is None)
            tip = refused.message() if refused is not None else _(item.tooltip or item.text)
            item.action.setToolTip(tip)

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

    def _show_details(self, row: ProtocolRow | None) -> None:
        self.details.setText(self.describe(row) if row is not None else "")

    def describe(self, row: ProtocolRow) -> str:
        """One line on the selected protocol: number, revision, languages, signing, copies."""
        info = row.protocol
        if info is None:
            return _("Meeting No. {number} of {date} was held and has no protocol yet.").format(
                number=row.due.meeting_number,
                date=short_date(row.due.meeting_day, interface_language()),
            )
        parts = [_("Protocol No. {number}").format(number=info.number)]
        if info.revision > 1:
            parts.append(
                _("revision {revision}: {reason}").format(
                    revision=info.revision, reason=info.revision_reason
                )
            )
        parts.append(
            _("main language: {language}").format(language=language_name(info.main_language))
        )
        if info.issued:
            parts.append(
                _("issued in: {languages}").format(
                    languages=", ".join(language_name(code) for code in issued_languages(info))
                )
            )
            if any(i.with_gaps for i in info.issued):
                parts.append(_("issued with gaps"))
        if info.signed_on is not None:
            parts.append(
                _("signed on {date}").format(date=short_date(info.signed_on, interface_language()))
            )
        if info.copies_sent_on is not None:
            parts.append(
                _("copies sent on {date}").format(
                    date=short_date(info.copies_sent_on, interface_language())
                )
            )
        return " · ".join(parts)

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

    # -- the protocol's path -----------------------------------------------------------------
    def _open(self, dialog: QDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def create_protocol(self, meeting_id: int | None = None) -> ProtocolEditor | None:
        """Start the draft of the selected held meeting (or of ``meeting_id``) and edit it."""
        if meeting_id is None:
            row = self.selected()
            if row is None or row.protocol is not None:
                return None
            meeting_id = row.due.meeting_id
        db, actor = self._db, self._actor
        info = run(self, lambda: actions.create_protocol(db, actor, meeting_id), PROTOCOLS)
        if info is None:
            return None
        self._changed(info)
        return self.edit_protocol()

    def edit_protocol(self) -> ProtocolEditor | None:
        info = self._selected_protocol()
        if info is None:
            return None
        editor = run(self, lambda: ProtocolEditor(self._db, self._actor, info.id, self))
        if editor is None:
            return None
        editor.saved.connect(self._changed)
        self._open(editor)
        return editor

    def record_agreement(self) -> AgreementDialog | None:
        info = self._selected_protocol()
        if info is None:
            return None
        dialog = AgreementDialog(self._db, self._actor, info, today=self.today(), parent=self)
        dialog.saved.connect(self._changed)
        self._open(dialog)
        return dialog

    def mark_agreed(self) -> bool:
        info = self._selected_protocol()
        if info is None:
            return False
        changed = run(self, lambda: actions.mark_agreed(self._db, self._actor, info.id), PROTOCOLS)
        if changed is None:
            return False
        self._changed(changed)
        return True

    def sign(self) -> SignDialog | None:
        info = self._selected_protocol()
        if info is None:
            return None
        dialog = SignDialog(self._db, self._actor, info, today=self.today(), parent=self)
        dialog.signed.connect(self._changed)
        self._open(dialog)
        return dialog

    def sign_electronically(self) -> EsignDialog | None:
        """Sign the issued protocol, in the document language chosen, with a key file."""
        from app.views.esign_dialog import EsignDialog  # pyHanko: loaded when first used

        info = self._selected_protocol()
        if info is None:
            return None
        lang = str(self.document_language.value())
        dialog = EsignDialog(self._db, self._actor, info, lang, parent=self)
        dialog.signed.connect(lambda _step: self._changed(info))
        self._open(dialog)
        return dialog

    def record_copy(self) -> CopyDialog | None:
        info = self._selected_protocol()
        if info is None:
            return None
        dialog = CopyDialog(self._db, self._actor, info, today=self.today(), parent=self)
        dialog.saved.connect(self._changed)
        self._open(dialog)
        return dialog

    def mark_copies_sent(self) -> bool:
        info = self._selected_protocol()
        if info is None:
            return False
        changed = run(
            self, lambda: actions.mark_copies_sent(self._db, self._actor, info.id), PROTOCOLS
        )
        if changed is None:
            return False
        self._changed(changed)
        return True

    def new_revision(self) -> RevisionDialog | None:
        info = self._selected_protocol()
        if info is None:
            return None
        dialog = RevisionDialog(self._db, self._actor, info, self)
        dialog.saved.connect(self._changed)
        self._open(dialog)
        return dialog

    # -- documents ---------------------------------------------------------------------------
    def chosen_language(self) -> str:
        return str(self.document_language.value() or "kk")

    def preview(self) -> PdfPreviewDialog | None:
        info = self._selected_protocol()
        if info is None:
            return None
        db, pid, lang, number = self._db, info.id, self.chosen_language(), info.number

        def title() -> str:
            return _("Protocol No. {number} ({language})").format(
                number=number, language=language_name(lang)
            )

        dialog = PdfPreviewDialog(title, lambda: protocol_pdf(db, pid, lang), self)
        self.preview_dialog = dialog
        dialog.destroyed.connect(self._preview_closed)
        self._open(dialog)
        return dialog

    def _preview_closed(self) -> None:
        self.preview_dialog = None

    def save_document(self, suffix: str) -> BackgroundTask | None:
        """Ask where, then write the protocol as PDF or DOCX off the GUI thread."""
        row = self.selected()
        if row is None or row.protocol is None:
            return None
        lang = self.chosen_language()
        pdf = suffix == ".pdf"
        caption = _("Save the protocol as PDF") if pdf else _("Save the protocol as DOCX")
        filters = _("PDF documents (*.pdf)") if pdf else _("Word documents (*.docx)")
        suggested = str(Path(documents_folder()) / file_name(row, lang, suffix))
        name, _filter = QFileDialog.getSaveFileName(self, caption, suggested, filters)
        if not name:
            return None
        path = Path(name)
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        db, meeting_id = self._db, row.due.meeting_id
        return self._run(
            _("Saving the protocol…"),
            lambda: export_protocol(db, meeting_id, lang, path),
            self._saved,
        )

    def _saved(self, result: object) -> None:
        assert isinstance(result, Path)
        self.last_saved = result
        self.status.setText(_("Saved: {path}").format(path=result))

    def _run(
        self, label: str, func: Callable[[], object], on_done: Callable[[object], None]
    ) -> BackgroundTask:
        task = run_in_background(self, func, on_done, label=label)
        self.tasks.append(task)
        task.finished.connect(lambda: self.tasks.remove(task) if task in self.tasks else None)
        return task

    def verify_a_file(self) -> Verification | None:
        name, _filter = QFileDialog.getOpenFileName(
            self,
            _("Verify a protocol file"),
            documents_folder(),
            _("PDF documents (*.pdf);;All files (*)"),
        )
        if not name:
            return None
        return self.verify_path(Path(name))

    def verify_path(self, path: Path) -> Verification | None:
        """Say whether ``path`` is a protocol Kenes issued, and which one."""
        from app.services.esign.verify_signatures import looks_signed, verify_signed_pdf
        from app.views.esign_dialog import SignaturesDialog

        if path.suffix.lower() == ".pdf" and looks_signed(path.read_bytes()):
            self.signatures_dialog = SignaturesDialog(
                verify_signed_pdf(self._db, path.read_bytes()), path.name, self
            )
            self._open(self.signatures_dialog)
            return None
        checked = run(self, lambda: self._verified(path))
        if checked is None:
            return None
        result, text = checked
        self.last_verification = result
        inform(self, text)
        return result

    def _verified(self, path: Path) -> tuple[Verification, str]:
        result = verify_file(self._db, path)
        return result, self.verification_text(result, path)

    def verification_text(self, result: Verification, path: Path) -> str:
        if result.working_copy:  # a DOCX Kenes wrote: an editable copy, not a forgery
            return working_copy_text(result, path.name, translations(interface_language()))
        if not result.matches:
            return _(
                "{file} matches no protocol issued by Kenes in this database: it is not a "
                "signed protocol, or it was changed after it was issued."
            ).format(file=path.name)
        lang = interface_language()
        found = (
            protocol_lines(self._db, self.today(), [result.meeting_id])
            if result.meeting_id is not None
            else []
        )
        due = found[0].due if found else None
        councils = {c.id: c for c in list_councils(self._db, include_archived=True)}
        council = councils.get(due.council_id) if due is not None else None
        text = _(
            "{file} is protocol No. {number}, revision {revision}, of meeting No. {meeting} of "
            "{date} ({council}), as issued in {language}; it has not changed since."
        ).format(
            file=path.name,
            number=result.number,
            revision=result.revision,
            meeting=due.meeting_number if due is not None else "",
            date=short_date(due.meeting_day, lang) if due is not None else "",
            council=council.name(lang) if council is not None else "",
            language=language_name(result.lang),
        )
        if result.superseded:
            text += " " + _("A newer revision of this protocol replaces it.")
        return text

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
