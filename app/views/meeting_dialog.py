"""Dialogs of a meeting: plan, edit or re-plan it; postpone or cancel it; notify its members.

* :class:`MeetingDialog` plans a meeting (``plan_meeting``), corrects one
  (``update_meeting``) or plans a postponed one for a new date
  (``replan_meeting``): council, kind, number (the next free one proposed by
  ``proposed_number``, editable), date, start and end, place in three
  languages, and who presides (the chair by default; for interim and thematic
  meetings anyone in the register).
* :class:`ReasonDialog` asks why (postpone, cancel) and runs the action.
* :class:`NotifyDialog` issues the notice (``notify_members``) in a chosen
  language and saves the notice PDF and every ``.ics`` invitation into a
  folder; :class:`NotifiedDialog` then shows who was notified.

Each dialog calls its service in :meth:`accept`; a refusal goes to
:func:`show_refusal` and the dialog stays open with the input kept.  On
success it emits ``saved`` with what the service returned, then closes.

:class:`LanguageFields` (one line per language) is shared with the agenda editor.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTime, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.composition import Role
from app.domain.errors import DomainError, EnvironmentProblem, KenesError
from app.domain.meeting import (
    MEETING_KIND_LABELS,
    NAMED_PRESIDING_KINDS,
    MeetingKind,
    MeetingState,
)
from app.i18n import LANGUAGES, N_, _, interface_language, ngettext
from app.services.base import Actor
from app.services.councils import CouncilInfo, list_councils
from app.services.handles import Database
from app.services.meeting_queries import proposed_number
from app.services.meetings.common import MeetingData, MeetingInfo
from app.services.meetings.notify_members import MembersNotified, notify_members
from app.services.meetings.plan_meeting import plan_meeting
from app.services.meetings.replan_meeting import replan_meeting
from app.services.meetings.update_meeting import update_meeting
from app.services.notice import save_files
from app.services.people import list_people
from app.services.seats import composition
from app.views.composition_model import person_name, role_label
from app.views.form_widgets import ChoiceCombo, DateEdit, Label, Texts, ok_cancel
from app.views.meetings_models import InvitationModel, meeting_title
from app.views.operations import MEETINGS, run
from app.views.retranslate import Retranslatable

LANG_CODES = tuple(lang.code for lang in LANGUAGES)
PRESIDING_ROLES = (Role.CHAIR, Role.CO_CHAIR, Role.DEPUTY_CHAIR)


# -- small form pieces --------------------------------------------------------------------------


class LanguageFields(QWidget):
    """One line edit per language (Kazakh, Russian, English), labelled with the language's name.

    The labels are the languages' own names, which are never translated.
    """

    def __init__(self, name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edits: dict[str, QLineEdit] = {}
        for lang in LANGUAGES:
            edit = QLineEdit()
            if name:
                edit.setObjectName(f"{name}_{lang.code}")
            self.edits[lang.code] = edit
            layout.addRow(lang.native_name, edit)

    def texts(self) -> dict[str, str]:
        return {code: edit.text() for code, edit in self.edits.items()}

    def set_texts(self, texts: dict[str, str]) -> None:
        for code, edit in self.edits.items():
            edit.setText(texts.get(code, ""))

    def set_minimum_width(self, width: int) -> None:
        for edit in self.edits.values():
            edit.setMinimumWidth(width)


def to_qtime(value: time) -> QTime:
    return QTime(value.hour, value.minute)


def from_qtime(value: QTime) -> time:
    return time(value.hour(), value.minute())


def time_edit(value: time) -> QTimeEdit:
    edit = QTimeEdit(to_qtime(value))
    edit.setDisplayFormat("HH:mm")
    return edit


class OptionalTimeEdit(Retranslatable, QWidget):
    """A time that may be left out: a check box switches the time field on."""

    def __init__(self, value: time | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.known = QCheckBox()
        self.edit = time_edit(value or time(12, 0))
        layout.addWidget(self.known)
        layout.addWidget(self.edit)
        layout.addStretch(1)
        self.known.toggled.connect(self.edit.setEnabled)
        self.set_time(value)
        self.retranslate_ui()

    def value(self) -> time | None:
        return from_qtime(self.edit.time()) if self.known.isChecked() else None

    def set_time(self, value: time | None) -> None:
        self.known.setChecked(value is not None)
        self.edit.setEnabled(value is not None)
        if value is not None:
            self.edit.setTime(to_qtime(value))

    def retranslate_ui(self) -> None:
        self.known.setToolTip(_("Tick when the end time is known"))


KIND_CHOICES: list[tuple[Any, Label]] = [(kind, MEETING_KIND_LABELS[kind]) for kind in MeetingKind]


# -- plan, edit or re-plan a meeting ------------------------------------------------------------


class MeetingDialog(Retranslatable, QDialog):
    """Plan a meeting, correct a planned one, or plan a postponed one for a new date."""

    saved = Signal(object)  # MeetingInfo

    PLAN, EDIT, REPLAN = "plan", "edit", "replan"

    def __init__(
        self,
        db: Database,
        actor: Actor,
        *,
        council_id: int | None = None,
        meeting: MeetingInfo | None = None,
        replan: bool = False,
        day: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("meetingDialog")
        self._db = db
        self._actor = actor
        self._meeting = meeting
        if meeting is None:
            self.mode = self.PLAN
        else:
            self.mode = self.REPLAN if replan else self.EDIT
        self.texts = Texts()
        self._number_touched = False
        self._setting_number = False

        self.council = ChoiceCombo()
        self.council.setObjectName("meetingCouncil")
        self.council.setMinimumContentsLength(40)
        self.council.set_choices(
            [
                (c.id, partial(council_name, c))
                # An archived council's meetings can still be corrected.
                for c in list_councils(self._db, include_archived=meeting is not None)
            ]
        )
        self.kind = ChoiceCombo(KIND_CHOICES)
        self.kind.setObjectName("meetingKind")
        self.number = QSpinBox()
        self.number.setObjectName("meetingNumber")
        self.number.setRange(1, 99_999)
        self.number_hint = QLabel()
        number_row = QHBoxLayout()
        number_row.addWidget(self.number)
        number_row.addWidget(self.number_hint, 1)
        self.day = DateEdit(day)
        self.day.setObjectName("meetingDate")
        self.starts = time_edit(time(10, 0))
        self.starts.setObjectName("meetingStart")
        self.ends = OptionalTimeEdit(time(12, 0))
        self.ends.setObjectName("meetingEnd")
        time_row = QHBoxLayout()
        time_row.addWidget(self.starts)
        self.until_label = QLabel("–")
        time_row.addWidget(self.until_label)
        time_row.addWidget(self.ends, 1)
        self.places = LanguageFields("place")
        self.places.set_minimum_width(420)
        self.presiding = ChoiceCombo()
        self.presiding.setObjectName("meetingPresiding")
        self.presiding.setMinimumContentsLength(40)
        self.presiding_hint = QLabel()
        self.presiding_hint.setWordWrap(True)
        self.note = QPlainTextEdit()
        self.note.setObjectName("meetingNote")
        self.note.setMaximumHeight(64)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setObjectName("meetingDialogWarning")

        form = QFormLayout()
        form.addRow(self.texts.label(N_("Council")), self.council)
        form.addRow(self.texts.label(N_("Kind")), self.kind)
        form.addRow(self.texts.label(N_("Number")), number_row)
        form.addRow(self.texts.label(N_("Date")), self.day)
        form.addRow(self.texts.label(N_("Time")), time_row)
        self.place_box = QGroupBox()
        QVBoxLayout(self.place_box).addWidget(self.places)
        form.addRow(self.place_box)
        form.addRow(self.texts.label(N_("Presiding")), self.presiding)
        form.addRow("", self.presiding_hint)
        form.addRow(self.texts.label(N_("Note")), self.note)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.warning)
        layout.addWidget(ok_cancel(self))

        if meeting is not None:
            self._fill(meeting)
        elif council_id is not None:
            self.council.set_value(council_id)
        self.council.setEnabled(meeting is None)
        self.warning.setVisible(
            meeting is not None and meeting.state is MeetingState.NOTIFIED and not replan
        )

        self._reload_presiding()
        if meeting is not None:
            self.presiding.set_value(meeting.presiding_person_id)
        self._propose_number()
        self.council.currentIndexChanged.connect(self._council_or_date_changed)
        self.day.dateChanged.connect(self._council_or_date_changed)
        self.kind.currentIndexChanged.connect(lambda _i: self._reload_presiding())
        self.number.valueChanged.connect(self._number_edited)
        self.retranslate_ui()

    def _fill(self, meeting: MeetingInfo) -> None:
        self.council.set_value(meeting.council_id)
        self.kind.set_value(meeting.kind)
        self._set_number(meeting.number)
        self.day.set_day(meeting.day)
        self.starts.setTime(to_qtime(meeting.starts_at))
        self.ends.set_time(meeting.ends_at)
        self.places.set_texts(meeting.places)
        self.note.setPlainText(meeting.note)

    # -- number and presiding ----------------------------------------------------------------
    def _set_number(self, value: int) -> None:
        self._setting_number = True
        self.number.setValue(value)
        self._setting_number = False

    def _number_edited(self, _value: int) -> None:
        if not self._setting_number:
            self._number_touched = True

    def proposed(self) -> int | None:
        """The next free number of the council in the chosen year (None: no council)."""
        council_id = self.council.value()
        if council_id is None:
            return None
        try:
            return proposed_number(self._db, council_id, self.day.day().year)
        except KenesError:
            return None

    def _propose_number(self) -> None:
        proposed = self.proposed()
        self._show_number_hint(proposed)
        if self._number_touched:
            return
        meeting = self._meeting
        if meeting is not None and meeting.year == self.day.day().year:
            self._set_number(meeting.number)
        elif proposed is not None:
            self._set_number(proposed)

    def _show_number_hint(self, proposed: int | None) -> None:
        if proposed is None:
            self.number_hint.clear()
        else:
            self.number_hint.setText(_("next free: No. {number}").format(number=proposed))

    def _council_or_date_changed(self) -> None:
        self._propose_number()
        self._reload_presiding()

    def _reload_presiding(self) -> None:
        """Sessions: the chair by default, or a (deputy) chair; other kinds: anyone."""
        choices: list[tuple[Any, Label]] = [(None, N_("The chair (by default)"))]
        council_id = self.council.value()
        kind = self.kind.value()
        if kind in NAMED_PRESIDING_KINDS:
            for person in list_people(self._db):
                choices.append((person.id, partial(person_name, person)))
        elif council_id is not None:
            try:
                lines = composition(self._db, council_id, self.day.day())
            except KenesError:
                lines = []
            for line in lines:
                if line.seat.role in PRESIDING_ROLES and line.person is not None:
                    choices.append((line.person.id, partial(_presiding_label, line)))
        current = self._meeting.presiding_person_id if self._meeting is not None else None
        if current is not None and current not in {value for value, _label in choices}:
            # Whoever presides now stays on offer, so saving never changes them unasked.
            for person in list_people(self._db, include_archived=True):
                if person.id == current:
                    choices.append((person.id, partial(person_name, person)))
        self.presiding.set_choices(choices)
        self._show_presiding_hint()

    def _show_presiding_hint(self) -> None:
        if self.kind.value() in NAMED_PRESIDING_KINDS:
            self.presiding_hint.setText(
                _("An interim or thematic meeting may be presided by anyone named.")
            )
        else:
            self.presiding_hint.setText(
                _("A session is presided by the chair, or by a deputy chair in their absence.")
            )

    # -- saving ------------------------------------------------------------------------------
    def meeting_data(self) -> MeetingData:
        places = self.places.texts()
        return MeetingData(
            kind=self.kind.value(),
            day=self.day.day(),
            starts_at=from_qtime(self.starts.time()),
            ends_at=self.ends.value(),
            place_kk=places["kk"],
            place_ru=places["ru"],
            place_en=places["en"],
            presiding_person_id=self.presiding.value(),
            number=self.number.value(),
            note=self.note.toPlainText(),
        )

    def accept(self) -> None:
        data = self.meeting_data()
        info = run(self, lambda: self._submit(data), MEETINGS)
        if info is None:
            return
        self.saved.emit(info)
        super().accept()

    def _submit(self, data: MeetingData) -> MeetingInfo:
        if self._meeting is None:
            council_id = self.council.value()
            if council_id is None:
                raise DomainError(N_("Choose the council first."))
            return plan_meeting(self._db, self._actor, council_id, data).meeting
        if self.mode == self.REPLAN:
            return replan_meeting(self._db, self._actor, self._meeting.id, data).meeting
        return update_meeting(
            self._db, self._actor, self._meeting.id, data, self._meeting.version
        ).meeting

    def retranslate_ui(self) -> None:
        titles = {
            self.PLAN: N_("Plan a meeting"),
            self.EDIT: N_("Edit the meeting"),
            self.REPLAN: N_("Plan the meeting again"),
        }
        self.setWindowTitle(_(titles[self.mode]))
        self.texts.apply()
        self.council.retranslate()
        self.kind.retranslate()
        self.presiding.retranslate()
        self.place_box.setTitle(_("Place"))
        self.number.setToolTip(
            _("Meetings are numbered anew each year; the next free number is proposed.")
        )
        self._show_number_hint(self.proposed())
        self._show_presiding_hint()
        self.warning.setText(
            _(
                "The members were notified: changing the date, time, place or presiding "
                "person means notifying them again."
            )
        )


def council_name(council: CouncilInfo) -> str:
    """The council's name in the interface language (another language's when it has none)."""
    return council.name(interface_language())


def _presiding_label(line: Any) -> str:
    return f"{person_name(line.person)} — {role_label(line.seat.role)}"


# -- postpone or cancel ---------------------------------------------------------------------


class ReasonDialog(Retranslatable, QDialog):
    """Ask why, then run ``action(reason)``; a refusal keeps the dialog open."""

    saved = Signal(object)

    def __init__(
        self,
        title: str,
        prompt: str,
        action: Callable[[str], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reasonDialog")
        self._title = title
        self._prompt = prompt
        self._action = action
        self.prompt = QLabel()
        self.prompt.setWordWrap(True)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("reasonText")
        self.reason.setMinimumSize(420, 100)
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addWidget(self.reason, 1)
        layout.addWidget(ok_cancel(self))
        self.retranslate_ui()

    def accept(self) -> None:
        result = run(self, lambda: self._action(self.reason.toPlainText()), MEETINGS)
        if result is None:
            return
        self.saved.emit(result)
        super().accept()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self._title)
        self.prompt.setText(self._prompt)


# -- notify the members -------------------------------------------------------------------------


@dataclass(frozen=True)
class NoticeSaved:
    """What :class:`NotifyDialog` did: the service's answer and the files it wrote."""

    result: MembersNotified
    folder: Path
    notice: Path
    invitations: tuple[Path, ...]


def check_folder(folder: Path) -> None:
    """Refuse a folder that does not exist or cannot be written, before anything is recorded."""
    if not str(folder).strip() or not folder.is_dir():
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

    def _notify(self, folder: Path) -> MembersNotified:
        check_folder(folder)
        return notify_members(self._db, self._actor, self._meeting.id, self.lang())

    def lang(self) -> str:
        return str(self.language.currentData())

    def browse(self) -> None:
        name = QFileDialog.getExistingDirectory(
            self, _("Folder for the notice and the invitations"), self.folder.text()
        )
        if name:
            self.folder.setText(name)

    def accept(self) -> None:
        folder = Path(self.folder.text().strip())
        result = run(self, lambda: self._notify(folder), MEETINGS)
        if result is None:
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
