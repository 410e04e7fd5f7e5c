"""Add members to a composition one after another, each in one step.

A secretary types a composition in from the Government's resolution: line
after line, a position (often new to Kenes), sometimes a person, the role,
"by agreement".  :class:`AddMemberDialog` takes a whole line at once: the
position and person pickers are searchable as you type and create a new
record in place (the fields for it open under the picker, filled from what
was typed); a line typed as the resolution writes it ("…министрі, төраға",
"… (келісу бойынша)") sets the role and the mark by itself.  "Add and next"
keeps the dialog open with the date and the act for the next line, so the
whole list is one dialog.  Each line is one action
(:func:`~app.services.compositions.add_member.add_member`) run through the
operation runner: a refusal is shown, the dialog keeps what was typed.
"""

from __future__ import annotations

from datetime import date
from functools import partial

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app import i18n
from app.domain.absence import language_of
from app.domain.composition import Role, SeatKind
from app.formats.composition_columns import Vocabulary, read_list_line
from app.i18n import N_, _, interface_language, ngettext
from app.services.base import Actor
from app.services.compositions.add_member import MemberAdded, MemberData, add_member
from app.services.handles import Database
from app.services.people import (
    ActData,
    PersonData,
    PositionData,
    PositionInfo,
    list_people,
    list_positions,
)
from app.services.seats import SeatData
from app.views.composition_model import person_name, position_title
from app.views.form_widgets import ActFields, ChoiceCombo, DateEdit, SearchCombo, Texts
from app.views.operations import COMPOSITION, run
from app.views.retranslate import Retranslatable
from app.views.seat_dialog import ROLE_CHOICES, SIDE_CHOICES


def position_label(position: PositionInfo) -> str:
    """ "Title — Organisation", so positions of the same title are told apart."""
    lang = interface_language()
    organisation = position.organisation(lang)
    title = position.title(lang)
    return f"{title} — {organisation}" if organisation and organisation not in title else title


class NewPersonFields(Retranslatable, QWidget):
    """The person to create, filled from the name typed in the picker."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.texts = Texts()
        self.surname = QLineEdit()
        self.surname.setObjectName("newSurname")
        self.given_name = QLineEdit()
        self.patronymic = QLineEdit()
        self.latin_name = QLineEdit()
        form = QFormLayout(self)
        form.setContentsMargins(16, 0, 0, 0)
        form.addRow(self.texts.label(N_("Surname")), self.surname)
        form.addRow(self.texts.label(N_("Name")), self.given_name)
        form.addRow(self.texts.label(N_("Patronymic")), self.patronymic)
        form.addRow(self.texts.label(N_("Name in Latin letters")), self.latin_name)
        self.retranslate_ui()

    def fill(self, text: str) -> None:
        """ "Әбенов Нұрлан Сәкенұлы" into its parts (a Latin name goes to its own field)."""
        for edit in (self.surname, self.given_name, self.patronymic, self.latin_name):
            edit.clear()
        if language_of(text) == "en":
            self.latin_name.setText(text)
            return
        parts = text.split()
        for edit, part in zip((self.surname, self.given_name), parts, strict=False):
            edit.setText(part)
        self.patronymic.setText(" ".join(parts[2:]))

    def data(self) -> PersonData:
        return PersonData(
            surname=self.surname.text(),
            given_name=self.given_name.text(),
            patronymic=self.patronymic.text(),
            latin_name=self.latin_name.text(),
        )

    def retranslate_ui(self) -> None:
        self.texts.apply()


class NewPositionFields(Retranslatable, QWidget):
    """The position to create: its title and organisation in each language."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._filled = ""  # the language whose title field holds what was typed in the picker
        self.title_header = QLabel()
        self.organisation_header = QLabel()
        grid = QGridLayout(self)
        grid.setContentsMargins(16, 0, 0, 0)
        grid.addWidget(self.title_header, 0, 1)
        grid.addWidget(self.organisation_header, 0, 2)
        self.titles: dict[str, QLineEdit] = {}
        self.organisations: dict[str, QLineEdit] = {}
        for row, lang in enumerate(i18n.LANGUAGES, start=1):
            self.titles[lang.code] = QLineEdit()
            self.titles[lang.code].setObjectName(f"newTitle_{lang.code}")
            self.organisations[lang.code] = QLineEdit()
            grid.addWidget(QLabel(lang.native_name), row, 0)
            grid.addWidget(self.titles[lang.code], row, 1)
            grid.addWidget(self.organisations[lang.code], row, 2)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(2, 2)
        self.retranslate_ui()

    def fill(self, title: str) -> None:
        """The title typed goes to the field of the language its letters show.

        What was typed in the other fields is kept; an empty title starts afresh.
        """
        if not title:
            for edit in (*self.titles.values(), *self.organisations.values()):
                edit.clear()
            self._filled = ""
            return
        lang = language_of(title) or interface_language()
        lang = lang if lang in self.titles else "kk"
        if self._filled and self._filled != lang:
            self.titles[self._filled].clear()
        self.titles[lang].setText(title)
        self._filled = lang

    def data(self) -> PositionData:
        return PositionData(
            title_kk=self.titles["kk"].text(),
            title_ru=self.titles["ru"].text(),
            title_en=self.titles["en"].text(),
            organisation_kk=self.organisations["kk"].text(),
            organisation_ru=self.organisations["ru"].text(),
            organisation_en=self.organisations["en"].text(),
        )

    def retranslate_ui(self) -> None:
        self.title_header.setText(_("Title"))
        self.organisation_header.setText(_("Organisation"))


class AddMemberDialog(Retranslatable, QDialog):
    """One member in one step; "Add and next" keeps the date and the act for the next."""

    saved = Signal(object)  # MemberAdded, after each member added

    def __init__(
        self,
        db: Database,
        actor: Actor,
        council_id: int,
        on: date | None = None,
        act: ActData | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("addMemberDialog")
        self._db = db
        self._actor = actor
        self._council_id = council_id
        self._words = Vocabulary.build(i18n.translations)
        self.added: list[MemberAdded] = []
        self._requested: set[QWidget] = set()  # new-record fields opened by "New …"
        self.texts = Texts()
        self._build(on, act)
        self.reload_choices()
        self._kind_changed()
        self.retranslate_ui()
        self.position.setFocus()

    def _build(self, on: date | None, act: ActData | None) -> None:
        self.role = ChoiceCombo(ROLE_CHOICES)
        self.role.setObjectName("memberRole")
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
        self.position = SearchCombo()
        self.position.setObjectName("memberPosition")
        self.new_position = NewPositionFields()
        self.person = SearchCombo()
        self.person.setObjectName("memberPerson")
        self.new_person = NewPersonFields()
        self.person_hint = QLabel()
        self.by_agreement = QCheckBox()
        self.by_agreement.setObjectName("memberByAgreement")
        self.voting = QCheckBox()
        self.voting.setChecked(True)
        self.side = ChoiceCombo(SIDE_CHOICES)
        marks = QHBoxLayout()
        marks.addWidget(self.by_agreement)
        marks.addWidget(self.voting)
        marks.addStretch(1)
        self.valid_from = DateEdit(on)
        self.act = ActFields(act)
        if act is None or act.act_date is None:
            self.act.act_date.edit.set_day(on or date.today())  # the act is usually of that day
        self.act_box = QGroupBox()
        QVBoxLayout(self.act_box).addWidget(self.act)
        form = QFormLayout()
        form.addRow(self.texts.label(N_("Role")), self.role)
        form.addRow(self.texts.label(N_("Seat")), kind_row)
        form.addRow(self.texts.label(N_("Position")), self.position)
        form.addRow("", self.new_position)
        form.addRow(self.texts.label(N_("Person")), self.person)
        form.addRow("", self.new_person)
        form.addRow("", self.person_hint)
        form.addRow("", marks)
        form.addRow(self.texts.label(N_("Side")), self.side)
        form.addRow(self.texts.label(N_("From")), self.valid_from)
        self._build_buttons()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.act_box)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.personal.toggled.connect(self._kind_changed)
        for picker, fields in ((self.position, self.new_position), (self.person, self.new_person)):
            picker.editTextChanged.connect(partial(self._typed, picker, fields))
            picker.new_requested.connect(partial(self._new_requested, fields))
        self.position.edit().editingFinished.connect(self._read_marks)

    def _build_buttons(self) -> None:
        """ "Add and next" (the default: Enter), "Add and close" (Ctrl+Enter), Close."""
        self.status = QLabel()
        self.status.setObjectName("memberStatus")
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.next_button = QPushButton()
        self.next_button.setObjectName("addNextButton")
        self.next_button.setDefault(True)
        self.add_button = QPushButton()
        self.add_button.setObjectName("addButton")
        self.buttons.addButton(self.next_button, QDialogButtonBox.ButtonRole.ApplyRole)
        self.buttons.addButton(self.add_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.next_button.clicked.connect(self.add_next)
        self.add_button.clicked.connect(self.accept)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.accept)

    # -- choices -----------------------------------------------------------------------------
    def reload_choices(self) -> None:
        positions = [(p.id, partial(position_label, p)) for p in list_positions(self._db)]
        people = [(p.id, partial(person_name, p)) for p in list_people(self._db)]
        self.position.set_records(positions, N_("New position…"))
        self.person.set_records(people, N_("New person…"))
        self._show_new_fields()

    def _typed(
        self, picker: SearchCombo, fields: NewPersonFields | NewPositionFields, _text: str = ""
    ) -> None:
        """Text that names no record: the fields of a new one open, filled from it."""
        fields.fill(picker.typed())
        self._show_new_fields()

    def _new_requested(self, fields: NewPersonFields | NewPositionFields) -> None:
        """ "New person…" or "New position…" chosen: its fields open, empty, under the picker."""
        self._requested.add(fields)
        self._show_new_fields()
        first = fields.surname if isinstance(fields, NewPersonFields) else fields.titles["kk"]
        first.setFocus()

    def _show_new_fields(self) -> None:
        for picker, fields in ((self.position, self.new_position), (self.person, self.new_person)):
            if picker.value() is not None:
                self._requested.discard(fields)
            fields.setVisible(bool(picker.typed()) or fields in self._requested)

    def _creating(self, fields: NewPersonFields | NewPositionFields) -> bool:
        return not fields.isHidden()

    def _read_marks(self) -> None:
        """A line typed as the resolution writes it sets the role and "by agreement"."""
        typed = self.position.typed()
        if not typed:
            return
        line = read_list_line(typed, self._words)
        if line.role is None and not line.by_agreement:
            return
        if line.role is not None:
            self.role.set_value(line.role)
        if line.by_agreement:
            self.by_agreement.setChecked(True)
        self.position.setEditText(line.title)

    def _kind_changed(self) -> None:
        personal = self.personal.isChecked()
        self.person_hint.setText(
            ""
            if personal
            else _("Ex officio: the person who holds the position, if known; may be left empty.")
        )

    # -- adding ------------------------------------------------------------------------------
    def member_data(self) -> MemberData:
        self._read_marks()
        kind = SeatKind.PERSONAL if self.personal.isChecked() else SeatKind.EX_OFFICIO
        seat = SeatData(
            role=self.role.value(),
            kind=kind,
            valid_from=self.valid_from.day(),
            position_id=self.position.value(),
            person_id=self.person.value(),
            voting=self.voting.isChecked(),
            by_agreement=self.by_agreement.isChecked(),
            side=self.side.value(),
        )
        new_person = self.new_person.data() if self._creating(self.new_person) else None
        new_position = self.new_position.data() if self._creating(self.new_position) else None
        return MemberData(seat, new_person, new_position)

    def _add(self) -> MemberAdded | None:
        member = self.member_data()
        db, actor, council_id, act = self._db, self._actor, self._council_id, self.act.act()
        added = run(self, lambda: add_member(db, actor, council_id, member, act), COMPOSITION)
        if added is None:
            return None
        self.added.append(added)
        self.saved.emit(added)
        return added

    def add_next(self) -> None:
        """Add the member and clear the line for the next one (date and act kept)."""
        added = self._add()
        if added is None:
            return
        self._show_added(added)
        self.role.set_value(Role.MEMBER)
        self.by_agreement.setChecked(False)
        self.voting.setChecked(True)
        self._requested.clear()
        self.reload_choices()
        self.position.clear_text()
        self.person.clear_text()
        self._show_new_fields()
        self.position.setFocus()

    def accept(self) -> None:
        """Add the member (when one is typed) and close."""
        typed = self.position.currentText().strip() or self.person.currentText().strip()
        if (typed or not self.added) and self._add() is None:
            return
        super().accept()

    def _show_added(self, added: MemberAdded) -> None:
        name = " — ".join(
            p for p in (position_title(added.position), person_name(added.person)) if p
        )
        count = len(self.added)
        self.status.setText(
            ngettext(
                "Added: {name}. {n} member added in this window.",
                "Added: {name}. {n} members added in this window.",
                count,
            ).format(name=name, n=count)
        )

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Add a member"))
        self.texts.apply()
        for combo in (self.role, self.side, self.position, self.person):
            combo.retranslate()
        self.ex_officio.setText(_("Ex officio (by position)"))
        self.personal.setText(_("Personal"))
        self.position.edit().setPlaceholderText(
            _("Type a few letters of the title, or the new title in full")
        )
        self.person.edit().setPlaceholderText(
            _("Type a few letters of the name, or the new name in full")
        )
        self.by_agreement.setText(_("By agreement"))
        self.voting.setText(_("Has a vote"))
        self.act_box.setTitle(_("Act that adds the seat"))
        self.next_button.setText(_("Add and next"))
        self.next_button.setToolTip(_("Add this member and clear the form for the next (Enter)"))
        self.add_button.setText(_("Add and close"))
        self.add_button.setToolTip(_("Add this member and close the window (Ctrl+Enter)"))
        self._kind_changed()
        if self.added:
            self._show_added(self.added[-1])
