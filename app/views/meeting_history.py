"""The review in a meeting's history: each step, when, by whom, and the remark or answer.

Opened from the Meetings page (More → Review history…) and from the review window.  The
steps come from ``app/services/review/meeting_history.py`` (the audit trail and the
remarks); dates are the legal forms of the interface's language.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.formatting import date_on, format_datetime
from app.i18n import _, interface_language
from app.services.handles import Database
from app.services.review.common import Subject
from app.services.review.meeting_history import HistoryStep, Step, meeting_history
from app.views.operations import run
from app.views.retranslate import Retranslatable


def describe(step: HistoryStep, lang: str) -> str:
    """What happened, in the interface's language (no state names, legal dates)."""
    day = date_on(step.day, lang) if step.day is not None else ""
    if step.step is Step.RETURNED:
        if step.subject is Subject.AGENDA:
            return _("The agenda was returned with remarks")
        return _("The protocol draft was returned with remarks")
    if step.step is Step.AGREEMENT:
        return _("Agreed with {who} on {day}").format(who=step.agreed_by, day=day)
    if step.step is Step.SIGNED:
        return _("The protocol was signed on {day}").format(day=day)
    return {
        Step.AGENDA_APPROVED: _("The chair approved the agenda"),
        Step.APPROVAL_REVOKED: _("The approval of the agenda was withdrawn"),
        Step.ANSWERED: _("The secretary answered the remarks"),
        Step.AGREED: _("The protocol draft was agreed"),
    }[step.step]


class MeetingHistoryDialog(Retranslatable, QDialog):
    """The review steps of one meeting, oldest first."""

    def __init__(self, steps: list[HistoryStep], title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("meetingHistory")
        self.steps, self.meeting_title = steps, title
        self.heading, self.empty = QLabel(), QLabel()
        self.heading.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for part in (self.heading, self.table, self.empty, buttons):
            layout.addWidget(part)
        self.resize(860, 420)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        lang = interface_language()
        self.setWindowTitle(_("Review history"))
        self.heading.setText(self.meeting_title)
        self.empty.setText(_("Nothing has been reviewed yet."))
        self.empty.setVisible(not self.steps)
        self.table.setHorizontalHeaderLabels(
            [_("When"), _("Step"), _("Done by"), _("Remark or answer")]
        )
        self.table.setRowCount(len(self.steps))
        for row, step in enumerate(self.steps):
            cells = (format_datetime(step.at, lang), describe(step, lang), step.by, step.text)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()


def show_meeting_history(
    parent: QWidget | None, database: Database, meeting_id: int, title: str
) -> MeetingHistoryDialog | None:
    """Open the history of ``meeting_id`` (a refusal, e.g. by role, is shown the standard way)."""
    steps = run(parent, lambda: meeting_history(database, meeting_id))
    if steps is None:
        return None
    dialog = MeetingHistoryDialog(steps, title, parent)
    dialog.open()
    return dialog
