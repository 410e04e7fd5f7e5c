"""Appoint a person to a position from a date by an act.

The previous holder's term ends the day before, and every ex officio seat of
the position passes to the new holder from that date
(``people.appoint_to_position``).  As the other composition dialogs, it runs
the service through the operation runner: a refusal is shown and the dialog
stays open with the input kept.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QVBoxLayout, QWidget

from app.i18n import N_, _
from app.services.base import Actor
from app.services.handles import Database
from app.services.people import HoldingInfo, appoint_to_position, holders, list_people
from app.views.composition_model import person_name, shown_date
from app.views.form_widgets import (
    ActFields,
    ChoiceCombo,
    DateEdit,
    Texts,
    ok_cancel,
    person_choices,
    position_choices,
)
from app.views.operations import COMPOSITION, run
from app.views.retranslate import Retranslatable


class AppointDialog(Retranslatable, QDialog):
    """Appoint a person to a position from a date; its ex officio seats pass to them."""

    saved = Signal(object)  # HoldingInfo

    def __init__(
        self,
        db: Database,
        actor: Actor,
        position_id: int | None = None,
        on: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("appointDialog")
        self._db = db
        self._actor = actor
        self.holding: HoldingInfo | None = None
        self._names = {p.id: p for p in list_people(db, include_archived=True)}
        self.texts = Texts()
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.position = ChoiceCombo(position_choices(db, N_("(choose a position)")))
        self.position.setMinimumContentsLength(40)
        if position_id is not None:
            self.position.set_value(position_id)
        self.current_holder = QLabel()
        self.current_holder.setWordWrap(True)
        self.person = ChoiceCombo(person_choices(db, N_("(choose a person)")))
        self.person.setMinimumContentsLength(40)
        self.valid_from = DateEdit(on)
        self.act = ActFields()
        form = QFormLayout()
        form.addRow(self.texts.label(N_("Position")), self.position)
        form.addRow(self.texts.label(N_("Holds it now")), self.current_holder)
        form.addRow(self.texts.label(N_("New holder")), self.person)
        form.addRow(self.texts.label(N_("From")), self.valid_from)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.act)
        layout.addWidget(ok_cancel(self))
        self.position.currentIndexChanged.connect(self._show_holder)
        self.valid_from.dateChanged.connect(self._show_holder)
        self.retranslate_ui()

    def _show_holder(self) -> None:
        position_id = self.position.value()
        text = ""
        if position_id is not None:
            day = self.valid_from.day()
            found = run(self, lambda: holders(self._db, position_id))
            terms = found if found is not None else []
            before = [h for h in terms if h.valid_from < day]
            if before:
                term = before[-1]
                person = self._names.get(term.person_id)
                text = _("{name}, since {day}").format(
                    name=person_name(person) if person else f"#{term.person_id}",
                    day=shown_date(term.valid_from),
                )
        self.current_holder.setText(text or _("nobody"))

    def accept(self) -> None:
        holding = run(
            self,
            lambda: appoint_to_position(
                self._db,
                self._actor,
                self.position.value(),
                self.person.value(),
                self.valid_from.day(),
                self.act.act(),
            ),
            COMPOSITION,
        )
        if holding is None:
            return
        self.holding = holding
        self.saved.emit(self.holding)
        super().accept()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Appoint to a position"))
        self.texts.apply()
        self.position.retranslate()
        self.person.retranslate()
        self.intro.setText(
            _(
                "The previous holder's term ends the day before; every ex officio seat of the "
                "position passes to the new holder from this date."
            )
        )
        self._show_holder()
