"""For review: what awaits the chair, and the chair's remarks awaiting the secretary's answer.

The chair approves an agenda here, or returns it (or a protocol draft) with remarks; the
secretary answers each remark.  Agreeing and signing a protocol stay on the Protocols
page, where the document is.  Every step goes through the services, which check the
account's role, and is kept with the meeting and in the audit trail.
"""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.council import pick
from app.domain.file_names import DocumentKind, document_file_name
from app.formatting import short_date
from app.i18n import _, interface_language
from app.services.accounts.abilities import abilities
from app.services.base import Actor
from app.services.handles import Database
from app.services.meetings.approve_agenda import approve_agenda
from app.services.review.answer_remark import answer_remark
from app.services.review.awaiting_review import ReviewTask, awaiting_review
from app.services.review.common import RemarkInfo, Subject
from app.services.review.list_remarks import unanswered_remarks
from app.services.review.return_with_remarks import return_with_remarks
from app.views.file_dialogs import save_file
from app.views.meeting_history import show_meeting_history
from app.views.operations import (
    AGENDA,
    MEETINGS,
    PROTOCOLS,
    follow,
    run,
    run_in_background,
    succeeded,
)
from app.views.retranslate import Retranslatable

OVERDUE = QColor("#b00020")


def _what(task: ReviewTask) -> str:
    if task.subject is Subject.AGENDA:
        return _("Approve the agenda")
    return _("Agree or sign the protocol")


def _table(columns: int) -> QTableWidget:
    table = QTableWidget(0, columns)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class ReviewWindow(Retranslatable, QDialog):
    """Tasks awaiting review above, remarks awaiting an answer below."""

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewWindow")
        self.database, self.actor = database, actor
        self.abilities = abilities(database, actor)  # what the account's roles allow
        self.tasks: list[ReviewTask] = []
        self.remarks: list[RemarkInfo] = []
        self.tasks_label, self.remarks_label = QLabel(), QLabel()
        self.task_table, self.remark_table = _table(5), _table(4)
        # The remark's text takes the room, not its author.
        self.remark_table.horizontalHeader().setStretchLastSection(False)
        self.remark_table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.approve_button = QPushButton()
        self.return_button = QPushButton()
        self.packet_button = QPushButton()
        self.packet_button.clicked.connect(self.save_packet)
        self.history_button = QPushButton()
        self.history_button.clicked.connect(self.show_history)
        self.answer_button = QPushButton()
        self.approve_button.clicked.connect(self.approve)
        self.return_button.clicked.connect(self.return_with_remarks)
        self.answer_button.clicked.connect(self.answer)
        self.task_table.itemSelectionChanged.connect(self._enable)
        self.remark_table.itemSelectionChanged.connect(self._enable)
        buttons = QHBoxLayout()
        for button in (
            self.approve_button,
            self.return_button,
            self.packet_button,
            self.history_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        answer_row = QHBoxLayout()
        answer_row.addWidget(self.answer_button)
        answer_row.addStretch(1)
        layout = QVBoxLayout(self)
        for part in (self.tasks_label, self.task_table):
            layout.addWidget(part)
        layout.addLayout(buttons)
        for part in (self.remarks_label, self.remark_table):
            layout.addWidget(part)
        layout.addLayout(answer_row)
        self.resize(900, 560)
        follow(self, (MEETINGS | AGENDA | PROTOCOLS).records, lambda _changes: self.refresh())
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("For review"))
        self.tasks_label.setText(_("Awaiting the chair:"))
        self.remarks_label.setText(_("Remarks awaiting the secretary's answer:"))
        self.approve_button.setText(_("Approve the agenda"))
        self.return_button.setText(_("Return with remarks…"))
        self.answer_button.setText(_("Answer…"))
        self.packet_button.setText(_("Agenda packet…"))
        self.history_button.setText(_("Review history…"))
        self.history_button.setToolTip(
            _("Every step of the review of the selected meeting, with the remarks and answers")
        )
        self.packet_button.setToolTip(
            _(
                "One PDF for reading on a tablet or on paper: the notice and agenda, then every "
                "material, bookmarked by item"
            )
        )
        self.task_table.setHorizontalHeaderLabels(
            [_("Council"), _("Meeting"), _("To do"), _("Due"), _("Remarks")]
        )
        self.remark_table.setHorizontalHeaderLabels([_("Meeting"), _("On"), _("Remark"), _("By")])
        self.refresh()

    def refresh(self) -> None:
        lang = interface_language()
        self.tasks = awaiting_review(self.database, self.actor)
        self.remarks = unanswered_remarks(self.database)
        self.task_table.setRowCount(len(self.tasks))
        for row, task in enumerate(self.tasks):
            cells = (
                pick(task.council_names, lang),
                _("No. {number}, {day}").format(number=task.number, day=short_date(task.day, lang)),
                _what(task),
                short_date(task.due, lang) if task.due else "",
                str(task.open_remarks) if task.open_remarks else "",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if task.overdue and column == 3:
                    item.setForeground(OVERDUE)
                    item.setToolTip(_("The deadline has passed."))
                self.task_table.setItem(row, column, item)
        self.remark_table.setRowCount(len(self.remarks))
        for row, remark in enumerate(self.remarks):
            meeting = _("No. {number}, {day}").format(
                number=remark.meeting_number, day=short_date(remark.meeting_day, lang)
            )
            on = _("Agenda") if remark.subject is Subject.AGENDA else _("Protocol")
            for column, text in enumerate((meeting, on, remark.text, remark.author)):
                item = QTableWidgetItem(text)
                item.setToolTip(remark.text)
                self.remark_table.setItem(row, column, item)
        self._enable()

    def _task(self) -> ReviewTask | None:
        rows = self.task_table.selectionModel().selectedRows()
        return self.tasks[rows[0].row()] if rows else None

    def _remark(self) -> RemarkInfo | None:
        rows = self.remark_table.selectionModel().selectedRows()
        return self.remarks[rows[0].row()] if rows else None

    def _enable(self) -> None:
        """Each button enabled when its action is possible; otherwise its tooltip says why."""
        task = self._task()
        council = task.council_id if task is not None else None
        approve = None
        if task is not None and task.subject is not Subject.AGENDA:
            approve = _("A protocol is agreed and signed on the Protocols page.")
        self._allow(self.approve_button, task, "meeting.approve_agenda", council, approve)
        self._allow(self.return_button, task, "review.return", council)
        self.packet_button.setEnabled(task is not None)
        remark = self._remark()
        self._allow(self.answer_button, remark, "review.answer", None)
        self.history_button.setEnabled(self._meeting() is not None)

    def _allow(
        self,
        button: QPushButton,
        chosen: object,
        action: str,
        council: int | None,
        reason: str | None = None,
    ) -> None:
        refusal = self.abilities.refusal(action, council)
        if reason is None and refusal is not None:
            reason = refusal.message()
        button.setEnabled(chosen is not None and reason is None)
        button.setToolTip(reason or "")

    def _meeting(self) -> tuple[int, str] | None:
        """The meeting of the selected task, else of the selected remark, with its title."""
        lang = interface_language()
        task, remark = self._task(), self._remark()
        if task is not None:
            number, day, meeting = task.number, task.day, task.meeting_id
        elif remark is not None:
            number, day, meeting = remark.meeting_number, remark.meeting_day, remark.meeting_id
        else:
            return None
        return meeting, _("No. {number}, {day}").format(number=number, day=short_date(day, lang))

    def show_history(self) -> QWidget | None:
        chosen = self._meeting()
        if chosen is None:
            return None
        return show_meeting_history(self, self.database, *chosen)

    def save_packet(self) -> None:
        task = self._task()
        if task is None:
            return
        lang = interface_language()
        name = document_file_name(DocumentKind.PACKET, task.number, task.day, lang)
        path = save_file(self, "pdf", _("Save the agenda packet"), name, _("PDF documents (*.pdf)"))
        if path is None:
            return
        meeting = task.meeting_id
        # Here, not at the top: the packet needs ReportLab and pikepdf, 15 MB that a
        # start without a packet to save should not load.
        from app.services.agenda.agenda_packet import save_agenda_packet

        run_in_background(
            self,
            lambda: save_agenda_packet(self.database, meeting, lang, path),
            lambda _done: None,
            label=_("Assembling the packet…"),
        )

    def approve(self) -> None:
        task = self._task()
        if task is not None and succeeded(
            self, lambda: approve_agenda(self.database, self.actor, task.meeting_id), MEETINGS
        ):
            self.refresh()

    def return_with_remarks(self) -> None:
        task = self._task()
        if task is None:
            return
        text, ok = QInputDialog.getMultiLineText(
            self, _("Return with remarks"), _("Remarks for the secretary:")
        )
        if not ok:
            return
        done = run(
            self,
            lambda: return_with_remarks(
                self.database, self.actor, task.meeting_id, task.subject.value, text
            ),
            MEETINGS,
        )
        if done is not None:
            self.refresh()

    def answer(self) -> None:
        remark = self._remark()
        if remark is None:
            return
        text, ok = QInputDialog.getMultiLineText(
            self, _("Answer the remark"), remark.text + "\n\n" + _("Your answer:")
        )
        if not ok:
            return
        done = run(
            self,
            lambda: answer_remark(
                self.database, self.actor, remark.id, text, expected_version=remark.version
            ),
            MEETINGS,
        )
        if done is not None:
            self.refresh()
