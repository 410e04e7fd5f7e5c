"""Notify the members of a meeting: the notice PDF and the calendar invitations.

:class:`NotifyDialog` issues the notice (``notify_members``) in a chosen
language and saves the notice PDF and every ``.ics`` invitation into a
folder; :class:`NotifiedDialog` then shows who was notified.  The service
names the files by what they hold (:mod:`app.domain.file_names`): the notice
"Хабарлама-3-2026-03-14-kk.pdf", each invitation by the person's name.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import EnvironmentProblem
from app.i18n import LANGUAGES, N_, _, interface_language, ngettext
from app.services.base import Actor
from app.services.handles import Database
from app.services.meetings.common import MeetingInfo
from app.services.meetings.notify_members import MembersNotified, notify_members
from app.services.notice import save_files
from app.views import file_dialogs
from app.views.agenda_models import InvitationModel
from app.views.form_widgets import Texts, ok_cancel
from app.views.meetings_wording import meeting_title
from app.views.operations import MEETINGS, run
from app.views.retranslate import Retranslatable


@dataclass(frozen=True)
class NoticeSaved:
    """What :class:`NotifyDialog` did: the service's answer and the files it wrote."""

    result: MembersNotified
    folder: Path
    notice: Path
    invitations: tuple[Path, ...]


def check_folder(folder: Path | None) -> None:
    """Refuse a folder that does not exist or cannot be written, before anything is recorded.

    ``None`` is no folder chosen (an empty field: ``Path("")`` would be the current folder).
    """
    if folder is None or not folder.is_dir():
        raise EnvironmentProblem(
            N_("Choose an existing folder for the notice and the invitations.")
        )
    try:
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        raise EnvironmentProblem(
            N_("The folder {folder} cannot be written: {reason}"),
            folder=str(folder),
            reason=exc.strerror or str(exc),
        ) from exc


def write_notice_files(result: MembersNotified, folder: Path) -> NoticeSaved:
    """Write the notice PDF and every invitation into ``folder``."""
    try:
        # Each file whole or not at all (app/formats/atomic.py).
        notice, *written = save_files(
            folder,
            [
                (result.notice.file_name, result.notice.data),
                *((i.file_name, i.data) for i in result.invitations),
            ],
        )
    except OSError as exc:
        raise EnvironmentProblem(
            N_(
                "The members were recorded as notified, but the files could not be written to "
                "{folder}: {reason}. Choose another folder and notify them again."
            ),
            folder=str(folder),
            reason=exc.strerror or str(exc),
        ) from exc
    return NoticeSaved(result, folder, notice, tuple(written))


class NotifyDialog(Retranslatable, QDialog):
    """Choose the language of the notice and the folder for the files, then notify.

    ``notified`` is emitted as soon as the service has recorded the notification
    (even when the files then cannot be written); ``saved`` once the files are written.
    """

    notified = Signal(object)  # MembersNotified
    saved = Signal(object)  # NoticeSaved

    def __init__(
        self,
        db: Database,
        actor: Actor,
        meeting: MeetingInfo,
        folder: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("notifyDialog")
        self._db = db
        self._actor = actor
        self._meeting = meeting
        self.texts = Texts()
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.language = QComboBox()
        self.language.setObjectName("noticeLanguage")
        for lang in LANGUAGES:
            self.language.addItem(lang.native_name, lang.code)
        self.language.setCurrentIndex(max(0, self.language.findData(interface_language())))
        self.folder = QLineEdit(str(folder) if folder is not None else "")
        self.folder.setObjectName("noticeFolder")
        self.folder.setMinimumWidth(360)
        self.browse_button = QPushButton()
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.browse_button)
        form = QFormLayout()
        form.addRow(self.texts.label(N_("Language of the notice")), self.language)
        form.addRow(self.texts.label(N_("Save the files to")), folder_row)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(ok_cancel(self))
        self.browse_button.clicked.connect(self.browse)
        self.retranslate_ui()

    def _notify(self, folder: Path | None) -> MembersNotified:
        check_folder(folder)
        return notify_members(self._db, self._actor, self._meeting.id, self.lang())

    def lang(self) -> str:
        return str(self.language.currentData())

    def browse(self) -> None:
        current = self.folder.text().strip()
        folder = file_dialogs.choose_folder(
            self,
            "notices",
            _("Folder for the notice and the invitations"),
            Path(current) if current else None,
        )
        if folder is not None:
            self.folder.setText(str(folder))

    def accept(self) -> None:
        text = self.folder.text().strip()
        folder = Path(text) if text else None
        result = run(self, lambda: self._notify(folder), MEETINGS)
        if result is None or folder is None:
            return
        self.notified.emit(result)
        saved = run(self, lambda: write_notice_files(result, folder))
        if saved is None:
            super().reject()
            return
        self.saved.emit(saved)
        super().accept()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Notify the members"))
        self.texts.apply()
        self.browse_button.setText(_("Choose…"))
        self.intro.setText(
            _(
                "The notice of {meeting} (place, time and agenda) is issued as a PDF, with a "
                "calendar invitation (.ics) for each member, the presiding person and the "
                "invited speakers. Send them by e-mail or print them."
            ).format(meeting=meeting_title(self._meeting))
        )


class NotifiedDialog(Retranslatable, QDialog):
    """The files written and the people notified, after :class:`NotifyDialog`."""

    def __init__(self, saved: NoticeSaved, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notifiedDialog")
        self.saved = saved
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setObjectName("notifiedSummary")
        self.model = InvitationModel(self)
        self.model.set_rows(saved.result.invitations)
        self.table = QTableView()
        self.table.setObjectName("notifiedTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setMinimumSize(620, 260)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.open_folder_button = QPushButton()
        buttons.addButton(self.open_folder_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.open_folder_button.clicked.connect(self.open_folder)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.retranslate_ui()

    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.saved.folder)))

    def names(self) -> list[str]:
        return [invitation.name for invitation in self.saved.result.invitations]

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Members notified"))
        count = len(self.saved.result.invitations)
        self.summary.setText(
            ngettext(
                "Round {round}: {count} person notified. The notice {notice} and the "
                "invitations were saved to {folder}.",
                "Round {round}: {count} people notified. The notice {notice} and the "
                "invitations were saved to {folder}.",
                count,
            ).format(
                round=self.saved.result.round,
                count=count,
                notice=self.saved.notice.name,
                folder=self.saved.folder,
            )
        )
        self.open_folder_button.setText(_("Open the folder"))
        self.model.retranslate()
