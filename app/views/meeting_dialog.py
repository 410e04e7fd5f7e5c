"""Dialogs of a meeting: plan, edit or re-plan it; postpone or cancel it.

* :class:`MeetingDialog` plans a meeting (``plan_meeting``), corrects one
  (``update_meeting``) or plans a postponed one for a new date
  (``replan_meeting``): council, kind, number (the next free one proposed by
  ``proposed_number``, editable), date, start and end, place in three
  languages, and who presides (the chair by default; for interim and thematic
  meetings anyone in the register).  Beside the date it warns at once when
  the materials deadline of a meeting on that date has already passed
  (``planning_deadline``).
* :class:`ReasonDialog` asks why (postpone, cancel) and runs the action.

Notifying the members is in :mod:`app.views.notify_dialog`; the small form
pieces (:class:`LanguageFields`, shared with the agenda editor, and the time
fields) in :mod:`app.views.meeting_fields`.

Each dialog calls its service in :meth:`accept`; a refusal goes to
:func:`show_refusal` and the dialog stays open with the input kept.  On
success it emits ``saved`` with what the service returned, then closes.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date, time
from functools import partial
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.composition import Role
from app.domain.errors import DomainError, KenesError
from app.domain.meeting import (
    MEETING_KIND_LABELS,
    NAMED_PRESIDING_KINDS,
    MeetingKind,
    MeetingState,
)
from app.formatting import format_time, short_date
from app.i18n import N_, _, interface_language
from app.services.base import Actor
from app.services.councils import CouncilInfo, list_councils
from app.services.handles import Database
from app.services.meeting_detail import meeting_detail
from app.services.meeting_facts import PlanningDeadline, planning_deadline
from app.services.meeting_queries import proposed_number
from app.services.meetings.common import MeetingData, MeetingInfo
from app.services.meetings.plan_meeting import plan_meeting
from app.services.meetings.replan_meeting import replan_meeting
from app.services.meetings.update_meeting import update_meeting
from app.services.people import list_people
from app.services.seats import composition
from app.views.composition_model import person_name, role_label
from app.views.conflict_dialog import language_rows, resolve_conflict
from app.views.form_widgets import (
    ChoiceCombo,
    DateEdit,
    Label,
    Texts,
    members_first,
    ok_cancel,
)
from app.views.meeting_fields import (
    LanguageFields,
    OptionalTimeEdit,
    from_qtime,
    time_edit,
    to_qtime,
)
from app.views.operations import MEETINGS, run
from app.views.retranslate import Retranslatable

__all__ = ["LanguageFields", "MeetingDialog", "ReasonDialog", "council_name"]

PRESIDING_ROLES = (Role.CHAIR, Role.CO_CHAIR, Role.DEPUTY_CHAIR)
WARNING_STYLE = "color:#842029;"

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
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("meetingDialog")
        self._db = db
        self._actor = actor
        self._meeting = meeting
        self._today = today
        if meeting is None:
            self.mode = self.PLAN
        else:
            self.mode = self.REPLAN if replan else self.EDIT
        self.texts = Texts()
        self._number_touched = False
        self._setting_number = False
        self.deadline = PlanningDeadline(None, False)
        self._build_fields(day)
        self._lay_out()

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
        self._check_deadline()
        self.council.currentIndexChanged.connect(self._council_or_date_changed)
        self.day.dateChanged.connect(self._council_or_date_changed)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.number.valueChanged.connect(self._number_edited)
        self.retranslate_ui()

    def _build_fields(self, day: date | None) -> None:
        self.council = ChoiceCombo()
        self.council.setObjectName("meetingCouncil")
        self.council.setMinimumContentsLength(40)
        self.council.set_choices(
            [
                (c.id, partial(council_name, c))
                # An archived council's meetings can still be corrected.
                for c in list_councils(self._db, include_archived=self._meeting is not None)
            ]
        )
        self.kind = ChoiceCombo(KIND_CHOICES)
        self.kind.setObjectName("meetingKind")
        self.number = QSpinBox()
        self.number.setObjectName("meetingNumber")
        self.number.setRange(1, 99_999)
        self.number_hint = QLabel()
        self.day = DateEdit(day)
        self.day.setObjectName("meetingDate")
        self.deadline_warning = QLabel()
        self.deadline_warning.setObjectName("meetingDeadlineWarning")
        self.deadline_warning.setWordWrap(True)
        self.deadline_warning.setStyleSheet(WARNING_STYLE)
        self.deadline_warning.hide()
        self.starts = time_edit(time(10, 0))
        self.starts.setObjectName("meetingStart")
        self.ends = OptionalTimeEdit(time(12, 0))
        self.ends.setObjectName("meetingEnd")
        self.until_label = QLabel("–")
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

    def _lay_out(self) -> None:
        number_row = QHBoxLayout()
        number_row.addWidget(self.number)
        number_row.addWidget(self.number_hint, 1)
        date_row = QHBoxLayout()
        date_row.addWidget(self.day)
        date_row.addWidget(self.deadline_warning, 1)
        time_row = QHBoxLayout()
        time_row.addWidget(self.starts)
        time_row.addWidget(self.until_label)
        time_row.addWidget(self.ends, 1)
        form = QFormLayout()
        form.addRow(self.texts.label(N_("Council")), self.council)
        form.addRow(self.texts.label(N_("Kind")), self.kind)
        form.addRow(self.texts.label(N_("Number")), number_row)
        form.addRow(self.texts.label(N_("Date")), date_row)
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
        self._check_deadline()

    def _kind_changed(self, _index: int) -> None:
        self._reload_presiding()
        self._check_deadline()

    # -- the materials deadline --------------------------------------------------------------
    def _check_deadline(self) -> None:
        """Warn at once when materials for a meeting on the chosen date are already overdue.

        An edit that keeps the meeting's date does not warn: the secretary knows.
        """
        council_id = self.council.value()
        day = self.day.day()
        meeting = self._meeting
        unchanged = meeting is not None and self.mode == self.EDIT and meeting.day == day
        self.deadline = PlanningDeadline(None, False)
        if council_id is not None and not unchanged:
            # A date out of range: the service says so when saving.
            with contextlib.suppress(KenesError):
                self.deadline = planning_deadline(
                    self._db, council_id, self.kind.value(), day, today=self._today
                )
        self._show_deadline()

    def _show_deadline(self) -> None:
        due = self.deadline.due
        if not self.deadline.passed or due is None:
            self.deadline_warning.clear()
            self.deadline_warning.hide()
            return
        self.deadline_warning.setText(
            _(
                "Materials for a meeting on this date were due on {due}, which has passed: "
                "the members would get them later than the regulation asks."
            ).format(due=short_date(due, interface_language()))
        )
        self.deadline_warning.show()

    def _reload_presiding(self) -> None:
        """Sessions: the chair by default, or a (deputy) chair; other kinds: anyone."""
        choices: list[tuple[Any, Label]] = [(None, N_("The chair (by default)"))]
        council_id = self.council.value()
        kind = self.kind.value()
        if kind in NAMED_PRESIDING_KINDS:  # anyone named, the council's members first
            choices.extend(members_first(self._db, council_id, self.day.day()))
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
        resolve = self._resolve_conflict if self.mode == self.EDIT else None
        info = run(self, lambda: self._submit(data), MEETINGS, on_conflict=resolve)
        if info is None:
            return
        self.saved.emit(info)
        super().accept()

    def conflict_rows(self, saved: MeetingInfo) -> list[tuple[str, str, str]]:
        """Field, the version saved meanwhile, this dialog's: for the conflict dialog."""
        mine, lang = self.meeting_data(), interface_language()

        def clock(start: time, end: time | None) -> str:
            return format_time(start, lang) + ("–" + format_time(end, lang) if end else "")

        return [
            (_("Kind"), self.kind.label_of(saved.kind), self.kind.label_of(mine.kind)),
            (_("Number"), str(saved.number), str(mine.number or "")),
            (_("Date"), short_date(saved.day, lang), short_date(mine.day, lang)),
            (_("Time"), clock(saved.starts_at, saved.ends_at), clock(mine.starts_at, mine.ends_at)),
            *language_rows(_("Place"), saved.places, self.places.texts()),
            (
                _("Presiding"),
                self.presiding.label_of(saved.presiding_person_id),
                self.presiding.label_of(mine.presiding_person_id),
            ),
            (_("Note"), saved.note, mine.note),
        ]

    def _resolve_conflict(self) -> MeetingInfo | None:
        """Someone saved this meeting meanwhile: keep theirs (refill) or save ours over it."""
        assert self._meeting is not None
        saved = meeting_detail(self._db, self._meeting.id).meeting

        def keep() -> None:
            self._meeting = saved
            self._fill(saved)
            self.presiding.set_value(saved.presiding_person_id)

        def save_over() -> MeetingInfo | None:
            self._meeting = saved
            data = self.meeting_data()
            return run(self, lambda: self._submit(data), MEETINGS)

        return resolve_conflict(self, self.conflict_rows(saved), keep, save_over)

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
        self._show_deadline()
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
