"""Dialogs that change a council's seats.

* :class:`SeatDialog` adds a seat (``seats.add_seat``),
* :class:`EndSeatDialog` ends one on a date by an act (``seats.end_seat``),
* :class:`SeatMarksDialog` corrects its marks (``seats.update_seat_details``),
* :class:`NewEditionDialog` records a new edition of the whole composition from
  the seats in force, the user ticking which carry over (``seats.record_new_edition``).

Each dialog calls its service in :meth:`accept` through the operation runner
(:mod:`app.views.operations`): a refusal is shown and the dialog stays open
with the input kept.  On success the change to the composition is announced,
the dialog emits ``saved`` with what the service returned, then closes.

The form pieces they are built of live in :mod:`app.views.form_widgets`; the
names other modules still import from here are kept for them.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import partial
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.composition import Role, SeatKind, Side
from app.i18n import N_, _
from app.services.base import Actor
from app.services.handles import Database
from app.services.seats import (
    CompositionLine,
    SeatData,
    add_seat,
    composition,
    end_seat,
    record_new_edition,
    update_seat_details,
)
from app.views.composition_model import SIDE_LABELS, person_name, position_title, role_label
from app.views.form_widgets import (
    ActFields,
    ChoiceCombo,
    DateEdit,
    Label,
    OptionalDateEdit,
    Texts,
    ask,
    ok_cancel,
    person_choices,
    position_choices,
)
from app.views.operations import COMPOSITION, run
from app.views.people_dialogs import PersonDialog, PositionDialog
from app.views.retranslate import Retranslatable

# The form pieces (ActFields ... ok_cancel) live in app.views.form_widgets; they are listed
# for the dialogs that still import them from here (council, profile, live meeting, signing).
__all__ = [
    "ROLE_CHOICES",
    "SIDE_CHOICES",
    "ActFields",
    "ChoiceCombo",
    "DateEdit",
    "EndSeatDialog",
    "Label",
    "NewEditionDialog",
    "OptionalDateEdit",
    "SeatDialog",
    "SeatMarksDialog",
    "Texts",
    "ask",
    "carried_seat",
    "describe_line",
    "ok_cancel",
]


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
        dialog = PersonDialog(self._db, self._actor, None, self)
        if dialog.exec() and dialog.person is not None:
            self.reload_choices()
            self.person.set_value(dialog.person.id)

    def _new_position(self) -> None:
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
        db, actor, council_id = self._db, self._actor, self._council_id
        info = run(
            self,
            lambda: add_seat(db, actor, council_id, self.seat_data(), self.act.act()),
            COMPOSITION,
        )
        if info is None:
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
        db, actor, seat_id = self._db, self._actor, self._line.seat.id
        info = run(
            self,
            lambda: end_seat(db, actor, seat_id, self.last_day.day(), self.act.act()),
            COMPOSITION,
        )
        if info is None:
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
        info = run(
            self,
            lambda: update_seat_details(
                self._db,
                self._actor,
                self._line.seat.id,
                by_agreement=self.by_agreement.isChecked(),
                voting=self.voting.isChecked(),
                side=self.side.value(),
                sort_order=self.order.value(),
                note=self.note.text(),
            ),
            COMPOSITION,
        )
        if info is None:
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
        lines = run(
            self,
            lambda: composition(
                self._db, self._council_id, self.effective.day() - timedelta(days=1)
            ),
        )
        self._lines = lines if lines is not None else []
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
        db, actor, council_id = self._db, self._actor, self._council_id
        created = run(
            self,
            lambda: record_new_edition(db, actor, council_id, effective, self.act.act(), seats),
            COMPOSITION,
        )
        if created is None:
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
