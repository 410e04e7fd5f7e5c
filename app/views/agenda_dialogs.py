"""The agenda editor's dialogs: add or correct an item, add a speaker.

Each dialog calls one service on OK through the operation runner
(:mod:`app.views.operations`); a refusal keeps it open with the input, a
success emits ``saved`` with the :class:`AgendaChange`.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import ChangedMeanwhile
from app.i18n import N_, _
from app.services.agenda.add_item import add_item
from app.services.agenda.add_speaker import SpeakerData, add_speaker
from app.services.agenda.common import ItemData
from app.services.agenda.update_item import update_item
from app.services.base import Actor
from app.services.handles import Database
from app.services.meeting_detail import meeting_detail
from app.services.meetings.common import AgendaChange, ItemInfo
from app.services.people import list_people
from app.views.agenda_widgets import AGENDA_CHANGES
from app.views.composition_model import person_name
from app.views.conflict_dialog import language_rows, resolve_conflict
from app.views.form_widgets import ChoiceCombo, Label, Texts, ok_cancel
from app.views.meeting_dialog import LanguageFields
from app.views.operations import refuse, run
from app.views.retranslate import Retranslatable

# -- add or edit an item ------------------------------------------------------------------------


class ItemDialog(Retranslatable, QDialog):
    """Add an agenda item, or correct one: titles and responsible body in three languages."""

    saved = Signal(object)  # AgendaChange

    def __init__(
        self,
        db: Database,
        actor: Actor,
        meeting_id: int,
        item: ItemInfo | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("itemDialog")
        self._db = db
        self._actor = actor
        self._meeting_id = meeting_id
        self._item = item
        self.texts = Texts()
        self.titles = LanguageFields("title")
        self.titles.set_minimum_width(520)
        self.responsible = LanguageFields("responsible")
        self.note = QPlainTextEdit()
        self.note.setObjectName("itemNote")
        self.note.setMaximumHeight(64)
        self.title_box = QGroupBox()
        QVBoxLayout(self.title_box).addWidget(self.titles)
        self.responsible_box = QGroupBox()
        QVBoxLayout(self.responsible_box).addWidget(self.responsible)
        note_form = QFormLayout()
        note_form.addRow(self.texts.label(N_("Note")), self.note)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_box)
        layout.addWidget(self.responsible_box)
        layout.addLayout(note_form)
        layout.addWidget(ok_cancel(self))
        if item is not None:
            self.titles.set_texts(item.titles)
            self.responsible.set_texts(item.responsible)
            self.note.setPlainText(item.note)
        self.retranslate_ui()

    def item_data(self) -> ItemData:
        titles = self.titles.texts()
        bodies = self.responsible.texts()
        return ItemData(
            title_kk=titles["kk"],
            title_ru=titles["ru"],
            title_en=titles["en"],
            responsible_kk=bodies["kk"],
            responsible_ru=bodies["ru"],
            responsible_en=bodies["en"],
            note=self.note.toPlainText(),
        )

    def accept(self) -> None:
        change = run(self, self._submit, AGENDA_CHANGES, on_conflict=self._resolve_conflict)
        if change is None:
            return
        self.saved.emit(change)
        super().accept()

    def conflict_rows(self, saved: ItemInfo) -> list[tuple[str, str, str]]:
        """Field, the version saved meanwhile, this dialog's: for the conflict dialog."""
        return [
            *language_rows(_("Title"), saved.titles, self.titles.texts()),
            *language_rows(_("Responsible body"), saved.responsible, self.responsible.texts()),
            (_("Note"), saved.note, self.note.toPlainText()),
        ]

    def _resolve_conflict(self) -> AgendaChange | None:
        """Someone saved this item meanwhile: keep theirs (refill) or save ours over it."""
        assert self._item is not None
        agenda = meeting_detail(self._db, self._meeting_id).agenda
        saved = next((i for i in agenda if i.id == self._item.id), None)
        if saved is None:  # removed meanwhile: nothing to compare with
            refuse(self, ChangedMeanwhile())
            return None

        def keep() -> None:
            self._item = saved
            self.titles.set_texts(saved.titles)
            self.responsible.set_texts(saved.responsible)
            self.note.setPlainText(saved.note)

        def save_over() -> AgendaChange | None:
            self._item = saved
            return run(self, self._submit)

        return resolve_conflict(self, self.conflict_rows(saved), keep, save_over)

    def _submit(self) -> AgendaChange:
        if self._item is None:
            return add_item(self._db, self._actor, self._meeting_id, self.item_data())
        return update_item(
            self._db, self._actor, self._item.id, self.item_data(), self._item.version
        )

    def retranslate_ui(self) -> None:
        if self._item is None:
            self.setWindowTitle(_("Add an agenda item"))
        else:
            self.setWindowTitle(_("Agenda item {number}").format(number=self._item.number))
        self.texts.apply()
        self.title_box.setTitle(_("Title"))
        self.responsible_box.setTitle(_("Responsible body"))


# -- add a speaker ------------------------------------------------------------------------------


class SpeakerDialog(Retranslatable, QDialog):
    """Add a speaker: a person from the register (members first) or an invited person by name."""

    saved = Signal(object)  # AgendaChange

    def __init__(
        self,
        db: Database,
        actor: Actor,
        item_id: int,
        member_ids: frozenset[int] = frozenset(),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("speakerDialog")
        self._db = db
        self._actor = actor
        self._item_id = item_id
        self.texts = Texts()
        self.from_register = QRadioButton()
        self.invited = QRadioButton()
        group = QButtonGroup(self)
        group.addButton(self.from_register)
        group.addButton(self.invited)
        self.from_register.setChecked(True)
        self.person = ChoiceCombo()
        self.person.setObjectName("speakerPerson")
        self.person.setMinimumContentsLength(40)
        people = list_people(db)
        members = [p for p in people if p.id in member_ids]
        others = [p for p in people if p.id not in member_ids]
        choices: list[tuple[Any, Label]] = [(None, N_("(choose a person)"))]
        choices += [(p.id, partial(_member_label, p)) for p in members]
        choices += [(p.id, partial(person_name, p)) for p in others]
        self.person.set_choices(choices)
        self.name = QLineEdit()
        self.name.setObjectName("speakerName")
        self.positions = LanguageFields("position")
        self.positions.set_minimum_width(420)
        self.organisations = LanguageFields("organisation")
        self.position_box = QGroupBox()
        QVBoxLayout(self.position_box).addWidget(self.positions)
        self.organisation_box = QGroupBox()
        QVBoxLayout(self.organisation_box).addWidget(self.organisations)
        form = QFormLayout()
        form.addRow(self.from_register)
        form.addRow(self.texts.label(N_("Person")), self.person)
        form.addRow(self.invited)
        form.addRow(self.texts.label(N_("Name")), self.name)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.position_box)
        layout.addWidget(self.organisation_box)
        layout.addWidget(ok_cancel(self))
        self.invited.toggled.connect(self._kind_changed)
        self._kind_changed()
        self.retranslate_ui()

    def _kind_changed(self) -> None:
        invited = self.invited.isChecked()
        self.person.setEnabled(not invited)
        self.name.setEnabled(invited)

    def speaker_data(self) -> SpeakerData:
        positions = self.positions.texts()
        organisations = self.organisations.texts()
        invited = self.invited.isChecked()
        return SpeakerData(
            person_id=None if invited else self.person.value(),
            name=self.name.text() if invited else "",
            position_kk=positions["kk"],
            position_ru=positions["ru"],
            position_en=positions["en"],
            organisation_kk=organisations["kk"],
            organisation_ru=organisations["ru"],
            organisation_en=organisations["en"],
        )

    def accept(self) -> None:
        change = run(
            self,
            lambda: add_speaker(self._db, self._actor, self._item_id, self.speaker_data()),
            AGENDA_CHANGES,
        )
        if change is None:
            return
        self.saved.emit(change)
        super().accept()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Add a speaker"))
        self.texts.apply()
        self.person.retranslate()
        self.from_register.setText(_("A person from the register"))
        self.invited.setText(_("An invited person, by name"))
        self.hint.setText(
            _(
                "Position and organisation are printed after the name in the notice; they "
                "may be left empty for members of the council."
            )
        )
        self.position_box.setTitle(_("Position"))
        self.organisation_box.setTitle(_("Organisation"))


def _member_label(person: Any) -> str:
    return _("{name} (council member)").format(name=person_name(person))
