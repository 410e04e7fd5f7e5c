"""Dialogs that change a council's seats, and the small form pieces they share.

* :class:`SeatDialog` adds a seat (``seats.add_seat``),
* :class:`EndSeatDialog` ends one on a date by an act (``seats.end_seat``),
* :class:`SeatMarksDialog` corrects its marks (``seats.update_seat_details``),
* :class:`NewEditionDialog` records a new edition of the whole composition from
  the seats in force, the user ticking which carry over (``seats.record_new_edition``).

Each dialog calls its service in :meth:`accept`; a refusal goes to
:func:`show_refusal` and the dialog stays open with the input kept.  On
success it emits ``saved`` with what the service returned, then closes.

The form pieces (:class:`Texts`, :class:`ChoiceCombo`, :class:`DateEdit`,
:class:`OptionalDateEdit`, :class:`ActFields`, :func:`ask`) are used by the
other dialogs of the Councils page too.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from functools import partial
from typing import Any

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.composition import Role, SeatKind, Side
from app.domain.errors import KenesError
from app.i18n import N_, _
from app.models.database import Database
from app.services.base import Actor
from app.services.people import ActData, list_people, list_positions
from app.services.seats import (
    CompositionLine,
    SeatData,
    add_seat,
    composition,
    end_seat,
    record_new_edition,
    update_seat_details,
)
from app.views.composition_model import (
    SIDE_LABELS,
    date_display_format,
    from_qdate,
    person_name,
    position_title,
    role_label,
    to_qdate,
)
from app.views.messages import show_refusal
from app.views.retranslate import Retranslatable

# -- shared form pieces -------------------------------------------------------------------------

Label = str | Callable[[], str]
"""A combo label: a msgid (marked with N_) translated when shown, or a function giving the text."""


class Texts:
    """The visible strings of a widget: each is set again, translated, on retranslate."""

    def __init__(self) -> None:
        self._items: list[tuple[Callable[[str], Any], str]] = []

    def add(self, setter: Callable[[str], Any], msgid: str) -> None:
        self._items.append((setter, msgid))

    def label(self, msgid: str) -> QLabel:
        """A QLabel whose text is ``msgid`` in the interface language."""
        label = QLabel()
        self.add(label.setText, msgid)
        return label

    def apply(self) -> None:
        for setter, msgid in self._items:
            setter(_(msgid))


class ChoiceCombo(QComboBox):
    """A combo box of values with labels that follow the interface language."""

    def __init__(
        self, choices: Sequence[tuple[Any, Label]] = (), parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(12)
        self._choices: list[tuple[Any, Label]] = []
        self.set_choices(choices)

    def set_choices(self, choices: Sequence[tuple[Any, Label]]) -> None:
        """Replace the choices, keeping the current value when it is still offered."""
        current = self.value()
        self.blockSignals(True)
        self.clear()
        self._choices = list(choices)
        for _value, label in self._choices:
            self.addItem(self._text(label))
        self.blockSignals(False)
        if not self.set_value(current) and self._choices:
            self.setCurrentIndex(0)

    @staticmethod
    def _text(label: Label) -> str:
        return _(label) if isinstance(label, str) else label()

    def retranslate(self) -> None:
        for index, (_value, label) in enumerate(self._choices):
            self.setItemText(index, self._text(label))

    def value(self) -> Any:
        index = self.currentIndex()
        return self._choices[index][0] if 0 <= index < len(self._choices) else None

    def values(self) -> list[Any]:
        return [value for value, _label in self._choices]

    def set_value(self, value: Any) -> bool:
        """Select ``value``; return whether it is among the choices."""
        for index, (candidate, _label) in enumerate(self._choices):
            if candidate == value:
                self.setCurrentIndex(index)
                return True
        return False


class DateEdit(Retranslatable, QDateEdit):
    """A date field with a calendar pop-up, written as the tables write dates."""

    def __init__(self, day: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setMinimumDate(QDate(1900, 1, 1))
        self.setMaximumDate(QDate(2200, 12, 31))
        self.set_day(day or date.today())
        self.retranslate_ui()

    def day(self) -> date:
        return from_qdate(self.date())

    def set_day(self, day: date) -> None:
        self.setDate(to_qdate(day))

    def retranslate_ui(self) -> None:
        self.setDisplayFormat(date_display_format())
        self.setLocale(QLocale())
        self.calendarWidget().setLocale(QLocale())


class OptionalDateEdit(Retranslatable, QWidget):
    """A date that may be left out: a check box switches the date field on."""

    def __init__(self, day: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.known = QCheckBox()
        self.edit = DateEdit()
        layout.addWidget(self.known)
        layout.addWidget(self.edit, 1)
        self.known.toggled.connect(self.edit.setEnabled)
        self.set_day(day)
        self.retranslate_ui()

    def day(self) -> date | None:
        return self.edit.day() if self.known.isChecked() else None

    def set_day(self, day: date | None) -> None:
        self.known.setChecked(day is not None)
        self.edit.setEnabled(day is not None)
        if day is not None:
            self.edit.set_day(day)

    def retranslate_ui(self) -> None:
        self.known.setToolTip(_("Tick when the date is known"))


# Examples in the act fields, each in its own language.
ACT_PLACEHOLDERS = {
    "kk": "Қазақстан Республикасы Үкіметінің қаулысы",
    "ru": "Постановление Правительства Республики Казахстан",
    "en": "Decree of the Government of the Republic of Kazakhstan",
}


class ActFields(Retranslatable, QWidget):
    """The act behind a change: its title in each language, number and date.

    Documents print the title in their own language, so each language has its
    field; a title entered in one language only is printed only there.
    """

    def __init__(self, act: ActData | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.texts = Texts()
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.titles: dict[str, QLineEdit] = {}
        for lang, example in ACT_PLACEHOLDERS.items():
            edit = QLineEdit()
            edit.setObjectName(f"actTitle_{lang}")
            edit.setPlaceholderText(example)
            self.titles[lang] = edit
        self.title = self.titles["kk"]  # the first field, for focus and older callers
        self.number = QLineEdit()
        self.number.setObjectName("actNumber")
        self.number.setMaximumWidth(160)
        self.act_date = OptionalDateEdit()
        layout.addRow(self.texts.label(N_("Act, in Kazakh")), self.titles["kk"])
        layout.addRow(self.texts.label(N_("Act, in Russian")), self.titles["ru"])
        layout.addRow(self.texts.label(N_("Act, in English")), self.titles["en"])
        layout.addRow(self.texts.label(N_("Act number")), self.number)
        layout.addRow(self.texts.label(N_("Act date")), self.act_date)
        if act is not None:
            self.set_act(act)
        self.retranslate_ui()

    def act(self) -> ActData:
        titles = {lang: edit.text() for lang, edit in self.titles.items() if edit.text().strip()}
        first = next(iter(titles.values()), "")
        return ActData(first, self.number.text(), self.act_date.day(), titles)

    def set_act(self, act: ActData) -> None:
        titles = act.all_titles()
        for lang, edit in self.titles.items():
            edit.setText(titles.get(lang, ""))
        self.number.setText(act.number)
        self.act_date.set_day(act.act_date)

    def retranslate_ui(self) -> None:
        self.texts.apply()


def ask(parent: QWidget | None, question: str) -> bool:
    """Ask a yes/no question; True for yes.  Tests replace this function."""
    answer = QMessageBox.question(
        parent,
        _("Kenes"),
        question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def ok_cancel(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def describe_line(line: CompositionLine) -> str:
    """ "Chair — Prime Minister — Abenov Nurlan" for lists and dialog headings."""
    person = _("vacant") if line.vacant else person_name(line.person)
    parts = [role_label(line.seat.role), position_title(line.position), person]
    return " — ".join(p for p in parts if p)


ROLE_CHOICES: list[tuple[Any, Label]] = [(role, partial(role_label, role)) for role in Role]
SIDE_CHOICES: list[tuple[Any, Label]] = [
    (Side.NONE, N_("not distinguished")),
    (Side.KAZAKH, SIDE_LABELS[Side.KAZAKH]),
    (Side.FOREIGN, SIDE_LABELS[Side.FOREIGN]),
]


def position_choices(db: Database, none_label: str) -> list[tuple[Any, Label]]:
    choices: list[tuple[Any, Label]] = [(None, none_label)]
    for position in list_positions(db):
        choices.append((position.id, partial(position_title, position)))
    return choices


def person_choices(db: Database, none_label: str) -> list[tuple[Any, Label]]:
    choices: list[tuple[Any, Label]] = [(None, none_label)]
    for person in list_people(db):
        choices.append((person.id, partial(person_name, person)))
    return choices


# -- add a seat ---------------------------------------------------------------------------------


class SeatDialog(Retranslatable, QDialog):
    """Add a seat: its role, ex officio (a position) or personal (a person), marks, date, act."""

    saved = Signal(object)  # SeatInfo

    def __init__(
        self,
        db: Database,
        actor: Actor,
        council_id: int,
        on: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("seatDialog")
        self._db = db
        self._actor = actor
        self._council_id = council_id
        self.texts = Texts()

        self.role = ChoiceCombo(ROLE_CHOICES)
        self.role.set_value(Role.MEMBER)
        self.ex_officio = QRadioButton()
        self.personal = QRadioButton()
        kinds = QButtonGroup(self)
        kinds.addButton(self.ex_officio)
        kinds.addButton(self.personal)
        self.ex_officio.setChecked(True)
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.ex_officio)
        kind_row.addWidget(self.personal)
        kind_row.addStretch(1)

        self.position = ChoiceCombo()
        self.position.setMinimumContentsLength(40)
        self.new_position_button = QPushButton()
        position_row = QHBoxLayout()
        position_row.addWidget(self.position, 1)
        position_row.addWidget(self.new_position_button)
        self.person = ChoiceCombo()
        self.person.setMinimumContentsLength(40)
        self.new_person_button = QPushButton()
        person_row = QHBoxLayout()
        person_row.addWidget(self.person, 1)
        person_row.addWidget(self.new_person_button)
        self.reload_choices()

        self.by_agreement = QCheckBox()
        self.voting = QCheckBox()
        self.voting.setChecked(True)
        self.side = ChoiceCombo(SIDE_CHOICES)
        self.valid_from = DateEdit(on)
        self.note = QLineEdit()
        self.act = ActFields()

        form = QFormLayout()
        form.addRow(self.texts.label(N_("Role")), self.role)
        form.addRow(self.texts.label(N_("Seat")), kind_row)
        form.addRow(self.texts.label(N_("Position")), position_row)
        form.addRow(self.texts.label(N_("Person")), person_row)
        form.addRow("", self.by_agreement)
        form.addRow("", self.voting)
        form.addRow(self.texts.label(N_("Side")), self.side)
        form.addRow(self.texts.label(N_("From")), self.valid_from)
        form.addRow(self.texts.label(N_("Note")), self.note)
        self.act_box = QGroupBox()
        QVBoxLayout(self.act_box).addWidget(self.act)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.act_box)
        layout.addWidget(ok_cancel(self))

        self.personal.toggled.connect(self._kind_changed)
        self.new_person_button.clicked.connect(self._new_person)
        self.new_position_button.clicked.connect(self._new_position)
        self._kind_changed()
        self.retranslate_ui()

    def reload_choices(self) -> None:
        self.position.set_choices(position_choices(self._db, N_("(no position)")))
        self.person.set_choices(person_choices(self._db, N_("(choose a person)")))

    def _kind_changed(self) -> None:
        personal = self.personal.isChecked()
        self.person.setEnabled(personal)
        self.new_person_button.setEnabled(personal)

    def _new_person(self) -> None:
        from app.views.people_dialogs import PersonDialog

        dialog = PersonDialog(self._db, self._actor, None, self)
        if dialog.exec() and dialog.person is not None:
            self.reload_choices()
            self.person.set_value(dialog.person.id)

    def _new_position(self) -> None:
        from app.views.people_dialogs import PositionDialog

        dialog = PositionDialog(self._db, self._actor, None, self)
        if dialog.exec() and dialog.position is not None:
            self.reload_choices()
            self.position.set_value(dialog.position.id)

    def seat_data(self) -> SeatData:
        kind = SeatKind.PERSONAL if self.personal.isChecked() else SeatKind.EX_OFFICIO
        return SeatData(
            role=self.role.value(),
            kind=kind,
            valid_from=self.valid_from.day(),
            position_id=self.position.value(),
            person_id=self.person.value() if kind is SeatKind.PERSONAL else None,
            voting=self.voting.isChecked(),
            by_agreement=self.by_agreement.isChecked(),
            side=self.side.value(),
            note=self.note.text(),
        )

    def accept(self) -> None:
        try:
            info = add_seat(
                self._db, self._actor, self._council_id, self.seat_data(), self.act.act()
            )
        except KenesError as exc:
            show_refusal(self, exc)
            return
        self.saved.emit(info)
        super().accept()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Add a seat"))
        self.texts.apply()
        for combo in (self.role, self.position, self.person, self.side):
            combo.retranslate()
        self.ex_officio.setText(_("Ex officio (by position)"))
        self.personal.setText(_("Personal"))
        self.new_person_button.setText(_("New person…"))
        self.new_position_button.setText(_("New position…"))
        self.by_agreement.setText(_("By agreement"))
        self.voting.setText(_("Has a vote"))
        self.act_box.setTitle(_("Act that adds the seat"))


# -- end a seat ---------------------------------------------------------------------------------


class EndSeatDialog(Retranslatable, QDialog):
    """End a seat: the last day it counts, and the act."""

    saved = Signal(object)  # SeatInfo

    def __init__(
        self,
        db: Database,
        actor: Actor,
        line: CompositionLine,
        on: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("endSeatDialog")
        self._db = db
        self._actor = actor
        self._line = line
        self.texts = Texts()
        self.seat_label = QLabel()
        self.seat_label.setWordWrap(True)
        self.last_day = DateEdit(on)
        self.act = ActFields()
        form = QFormLayout()
        form.addRow(self.texts.label(N_("Seat")), self.seat_label)
        form.addRow(self.texts.label(N_("Last day")), self.last_day)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.act)
        layout.addWidget(ok_cancel(self))
        self.retranslate_ui()

    def accept(self) -> None:
        try:
            info = end_seat(
                self._db, self._actor, self._line.seat.id, self.last_day.day(), self.act.act()
            )
        except KenesError as exc:
            show_refusal(self, exc)
            return
        self.saved.emit(info)
        super().accept()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("End a seat"))
        self.texts.apply()
        self.seat_label.setText(describe_line(self._line))
        self.last_day.setToolTip(_("The last day the seat counts"))


# -- correct a seat's marks -----------------------------------------------------------------


class SeatMarksDialog(Retranslatable, QDialog):
    """Correct a seat's marks: by agreement, vote, side, list order, note."""

    saved = Signal(object)  # SeatInfo

    def __init__(
        self, db: Database, actor: Actor, line: CompositionLine, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("seatMarksDialog")
        self._db = db
        self._actor = actor
        self._line = line
        seat = line.seat
        self.texts = Texts()
        self.seat_label = QLabel()
        self.seat_label.setWordWrap(True)
        self.by_agreement = QCheckBox()
        self.by_agreement.setChecked(seat.by_agreement)
        self.voting = QCheckBox()
        self.voting.setChecked(seat.voting)
        self.side = ChoiceCombo(SIDE_CHOICES)
        self.side.set_value(seat.side)
        self.order = QSpinBox()
        self.order.setRange(0, 1_000_000)
        self.order.setValue(seat.sort_order)
        self.note = QLineEdit(seat.note)
        form = QFormLayout()
        form.addRow(self.texts.label(N_("Seat")), self.seat_label)
        form.addRow("", self.by_agreement)
        form.addRow("", self.voting)
        form.addRow(self.texts.label(N_("Side")), self.side)
        form.addRow(self.texts.label(N_("Order")), self.order)
        form.addRow(self.texts.label(N_("Note")), self.note)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(ok_cancel(self))
        self.retranslate_ui()

    def accept(self) -> None:
        try:
            info = update_seat_details(
                self._db,
                self._actor,
                self._line.seat.id,
                by_agreement=self.by_agreement.isChecked(),
                voting=self.voting.isChecked(),
                side=self.side.value(),
                sort_order=self.order.value(),
                note=self.note.text(),
            )
        except KenesError as exc:
            show_refusal(self, exc)
            return
        self.saved.emit(info)
        super().accept()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Seat marks"))
        self.texts.apply()
        self.side.retranslate()
        self.seat_label.setText(describe_line(self._line))
        self.by_agreement.setText(_("By agreement"))
        self.voting.setText(_("Has a vote"))
        self.order.setToolTip(
            _("Seats of one role are listed in this order; it corrects a typing mistake only")
        )


# -- a new edition of the composition -----------------------------------------------------------


def carried_seat(line: CompositionLine, effective: date) -> SeatData:
    """The seat of ``line`` as it starts again in a new edition on ``effective``."""
    seat = line.seat
    return SeatData(
        role=seat.role,
        kind=seat.kind,
        valid_from=effective,
        position_id=seat.position_id,
        person_id=seat.person_id if seat.kind is SeatKind.PERSONAL else None,
        voting=seat.voting,
        by_agreement=seat.by_agreement,
        side=seat.side,
        sort_order=seat.sort_order,
        note=seat.note,
    )


class NewEditionDialog(Retranslatable, QDialog):
    """Approve the composition anew from a date: tick which seats in force carry over."""

    saved = Signal(object)  # list[SeatInfo]

    def __init__(
        self,
        db: Database,
        actor: Actor,
        council_id: int,
        on: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("newEditionDialog")
        self._db = db
        self._actor = actor
        self._council_id = council_id
        self._lines: list[CompositionLine] = []
        self.texts = Texts()
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.effective = DateEdit(on)
        self.act = ActFields()
        self.seats = QListWidget()
        self.seats.setObjectName("editionSeats")
        self.seats.setMinimumSize(560, 260)
        self.all_button = QPushButton()
        self.none_button = QPushButton()
        buttons_row = QHBoxLayout()
        buttons_row.addWidget(self.all_button)
        buttons_row.addWidget(self.none_button)
        buttons_row.addStretch(1)
        form = QFormLayout()
        form.addRow(self.texts.label(N_("In force from")), self.effective)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.act)
        layout.addWidget(self.texts.label(N_("Seats that carry over")))
        layout.addWidget(self.seats, 1)
        layout.addLayout(buttons_row)
        layout.addWidget(ok_cancel(self))
        self.effective.dateChanged.connect(self.reload)
        self.all_button.clicked.connect(lambda: self.check_all(True))
        self.none_button.clicked.connect(lambda: self.check_all(False))
        self.reload()
        self.retranslate_ui()

    def reload(self) -> None:
        """List the seats in force on the eve of the edition, keeping the ticks."""
        unticked = {
            self._lines[i].seat.id
            for i in range(self.seats.count())
            if self.seats.item(i).checkState() == Qt.CheckState.Unchecked
        }
        try:
            eve = self.effective.day() - timedelta(days=1)
            self._lines = composition(self._db, self._council_id, eve)
        except KenesError as exc:
            show_refusal(self, exc)
            self._lines = []
        self.seats.clear()
        for line in self._lines:
            item = QListWidgetItem(describe_line(line))
            item.setToolTip(item.text())  # long position titles do not fit the list
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            ticked = line.seat.id not in unticked
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
            self.seats.addItem(item)

    def check_all(self, checked: bool) -> None:
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        for i in range(self.seats.count()):
            self.seats.item(i).setCheckState(state)

    def set_carried(self, seat_ids: set[int]) -> None:
        """Tick exactly the seats in ``seat_ids``."""
        for i, line in enumerate(self._lines):
            checked = line.seat.id in seat_ids
            self.seats.item(i).setCheckState(
                Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
            )

    def carried_lines(self) -> list[CompositionLine]:
        return [
            line
            for i, line in enumerate(self._lines)
            if self.seats.item(i).checkState() == Qt.CheckState.Checked
        ]

    def accept(self) -> None:
        effective = self.effective.day()
        seats = [carried_seat(line, effective) for line in self.carried_lines()]
        try:
            created = record_new_edition(
                self._db, self._actor, self._council_id, effective, self.act.act(), seats
            )
        except KenesError as exc:
            show_refusal(self, exc)
            return
        self.saved.emit(created)
        super().accept()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("New edition of the composition"))
        self.texts.apply()
        self.intro.setText(
            _(
                "The composition is approved anew by an act: every seat in force ends the day "
                "before, and the ticked seats start again from the date below. Add new seats "
                "afterwards with “Add seat”."
            )
        )
        self.all_button.setText(_("Tick all"))
        self.none_button.setText(_("Tick none"))
        for i, line in enumerate(self._lines):
            self.seats.item(i).setText(describe_line(line))
            self.seats.item(i).setToolTip(describe_line(line))
