"""People and positions: their editors, the lists that manage them, and appointments.

* :class:`PersonDialog`, :class:`PositionDialog` create or edit one record,
* :class:`PeopleDialog`, :class:`PositionsDialog` list the records with a search
  and add, edit, archive (or restore) and delete them; deleting a record that
  appears in the council records is refused by the service, and the refusal
  is shown.

Appointing a person to a position is :mod:`app.views.appoint_dialog`.

As the seat dialogs, every dialog calls its service through the operation
runner (:mod:`app.views.operations`): a refusal is shown and the dialog stays
open with the input kept; a change is announced as a change of the
composition, which shows the people and positions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app import i18n
from app.domain.gender import FEMALE, MALE, UNKNOWN, gender_from_patronymic
from app.i18n import N_, _, interface_language
from app.services.base import Actor
from app.services.handles import Database
from app.services.people import (
    PersonData,
    PersonInfo,
    PositionData,
    PositionInfo,
    archive_person,
    archive_position,
    create_person,
    create_position,
    delete_person,
    delete_position,
    get_person,
    get_position,
    list_people,
    list_positions,
    update_person,
    update_position,
)
from app.views.column_fit import ColumnFit
from app.views.composition_model import (
    Column,
    RowCacheModel,
    person_name,
    position_title,
)
from app.views.conflict_dialog import language_rows, resolve_conflict
from app.views.form_widgets import (
    ChoiceCombo,
    Texts,
    ask,
    ok_cancel,
)
from app.views.operations import COMPOSITION, run, succeeded
from app.views.retranslate import Retranslatable

# -- one person ---------------------------------------------------------------------------------

GENDER_CHOICES = ((MALE, N_("Male")), (FEMALE, N_("Female")), (UNKNOWN, N_("Not known")))


class PersonDialog(Retranslatable, QDialog):
    """Create a person or edit one (optimistic locking on the version read)."""

    saved = Signal(object)  # PersonInfo

    def __init__(
        self,
        db: Database,
        actor: Actor,
        person: PersonInfo | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("personDialog")
        self._db = db
        self._actor = actor
        self._original = person
        self.person: PersonInfo | None = None
        self.texts = Texts()
        self.surname = QLineEdit()
        self.given_name = QLineEdit()
        self.patronymic = QLineEdit()
        self.latin_name = QLineEdit()
        self.email = QLineEdit()
        self.phone = QLineEdit()
        self.note = QPlainTextEdit()
        self.note.setMaximumHeight(90)
        # Russian verbs in a protocol agree with it; guessed from the patronymic until chosen.
        self.gender = ChoiceCombo(GENDER_CHOICES)
        self.gender.setObjectName("gender")
        self._gender_chosen = person is not None and person.gender != UNKNOWN
        self.gender.set_value(person.gender if person is not None else UNKNOWN)
        self.gender.activated.connect(self._choose_gender)
        self.patronymic.textEdited.connect(self._guess_gender)
        if person is not None:
            self._load(person)
        form = QFormLayout()
        form.addRow(self.texts.label(N_("Surname")), self.surname)
        form.addRow(self.texts.label(N_("Name")), self.given_name)
        form.addRow(self.texts.label(N_("Patronymic")), self.patronymic)
        form.addRow(self.texts.label(N_("Gender")), self.gender)
        form.addRow(self.texts.label(N_("Name in Latin letters")), self.latin_name)
        form.addRow(self.texts.label(N_("E-mail")), self.email)
        form.addRow(self.texts.label(N_("Phone")), self.phone)
        form.addRow(self.texts.label(N_("Note")), self.note)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(ok_cancel(self))
        self.resize(460, self.sizeHint().height())
        self.retranslate_ui()

    def _load(self, person: PersonInfo) -> None:
        self.surname.setText(person.surname)
        self.given_name.setText(person.given_name)
        self.patronymic.setText(person.patronymic)
        self.latin_name.setText(person.latin_name)
        self.email.setText(person.email)
        self.phone.setText(person.phone)
        self.note.setPlainText(person.note)
        self.gender.set_value(person.gender)

    def conflict_rows(self, saved: PersonInfo) -> list[tuple[str, str, str]]:
        """Field, the version saved meanwhile, this dialog's: for the conflict dialog."""
        mine = self.person_data()
        return [
            (_("Surname"), saved.surname, mine.surname),
            (_("Name"), saved.given_name, mine.given_name),
            (_("Patronymic"), saved.patronymic, mine.patronymic),
            (_("Gender"), self.gender.label_of(saved.gender), self.gender.label_of(mine.gender)),
            (_("Name in Latin letters"), saved.latin_name, mine.latin_name),
            (_("E-mail"), saved.email, mine.email),
            (_("Phone"), saved.phone, mine.phone),
            (_("Note"), saved.note, mine.note),
        ]

    def _resolve_conflict(self) -> PersonInfo | None:
        """Someone saved this person meanwhile: keep theirs (refill) or save ours over it."""
        assert self._original is not None
        saved = get_person(self._db, self._original.id)

        def keep() -> None:
            self._original = saved
            self._load(saved)

        def save_over() -> PersonInfo | None:
            self._original = saved
            return run(self, self._save, COMPOSITION)

        return resolve_conflict(self, self.conflict_rows(saved), keep, save_over)

    def person_data(self) -> PersonData:
        return PersonData(
            surname=self.surname.text(),
            given_name=self.given_name.text(),
            patronymic=self.patronymic.text(),
            latin_name=self.latin_name.text(),
            email=self.email.text(),
            phone=self.phone.text(),
            note=self.note.toPlainText(),
            is_demo=self._original.is_demo if self._original is not None else False,
            gender=self.gender.value(),
        )

    def _choose_gender(self) -> None:
        self._gender_chosen = True

    def _guess_gender(self, patronymic: str) -> None:
        if not self._gender_chosen:
            self.gender.set_value(gender_from_patronymic(patronymic))

    def _save(self) -> PersonInfo:
        if self._original is None:
            return create_person(self._db, self._actor, self.person_data())
        return update_person(
            self._db,
            self._actor,
            self._original.id,
            self.person_data(),
            expected_version=self._original.version,
        )

    def accept(self) -> None:
        person = run(self, self._save, COMPOSITION, on_conflict=self._resolve_conflict)
        if person is None:
            return
        self.person = person
        self.saved.emit(self.person)
        super().accept()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("New person") if self._original is None else _("Person"))
        self.texts.apply()
        self.latin_name.setPlaceholderText(_("as English documents write it"))
        self.gender.retranslate()
        self.gender.setToolTip(_("Russian protocols write verbs in the person's gender"))


# -- one position -------------------------------------------------------------------------------


class PositionDialog(Retranslatable, QDialog):
    """Create a position or edit one: its title and organisation in three languages."""

    saved = Signal(object)  # PositionInfo

    def __init__(
        self,
        db: Database,
        actor: Actor,
        position: PositionInfo | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("positionDialog")
        self._db = db
        self._actor = actor
        self._original = position
        self.position: PositionInfo | None = None
        self.titles: dict[str, QLineEdit] = {}
        self.organisations: dict[str, QLineEdit] = {}
        self.title_box = QGroupBox()
        self.organisation_box = QGroupBox()
        title_form = QFormLayout(self.title_box)
        organisation_form = QFormLayout(self.organisation_box)
        for lang in i18n.LANGUAGES:
            # Language names are shown in their own language, as in the language menu.
            self.titles[lang.code] = QLineEdit()
            self.organisations[lang.code] = QLineEdit()
            title_form.addRow(lang.native_name, self.titles[lang.code])
            organisation_form.addRow(lang.native_name, self.organisations[lang.code])
        if position is not None:
            self._load(position)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_box)
        layout.addWidget(self.organisation_box)
        layout.addWidget(ok_cancel(self))
        self.resize(620, self.sizeHint().height())
        self.retranslate_ui()

    def _load(self, position: PositionInfo) -> None:
        for code, edit in self.titles.items():
            edit.setText(position.titles.get(code, ""))
        for code, edit in self.organisations.items():
            edit.setText(position.organisations.get(code, ""))

    def conflict_rows(self, saved: PositionInfo) -> list[tuple[str, str, str]]:
        """Field, the version saved meanwhile, this dialog's: for the conflict dialog."""
        titles = {code: edit.text() for code, edit in self.titles.items()}
        organisations = {code: edit.text() for code, edit in self.organisations.items()}
        return [
            *language_rows(_("Title"), saved.titles, titles),
            *language_rows(_("Organisation"), saved.organisations, organisations),
        ]

    def _resolve_conflict(self) -> PositionInfo | None:
        """Someone saved this position meanwhile: keep theirs (refill) or save ours over it."""
        assert self._original is not None
        saved = get_position(self._db, self._original.id)

        def keep() -> None:
            self._original = saved
            self._load(saved)

        def save_over() -> PositionInfo | None:
            self._original = saved
            return run(self, self._save, COMPOSITION)

        return resolve_conflict(self, self.conflict_rows(saved), keep, save_over)

    def position_data(self) -> PositionData:
        return PositionData(
            title_kk=self.titles["kk"].text(),
            title_ru=self.titles["ru"].text(),
            title_en=self.titles["en"].text(),
            organisation_kk=self.organisations["kk"].text(),
            organisation_ru=self.organisations["ru"].text(),
            organisation_en=self.organisations["en"].text(),
            is_demo=self._original.is_demo if self._original is not None else False,
        )

    def _save(self) -> PositionInfo:
        if self._original is None:
            return create_position(self._db, self._actor, self.position_data())
        return update_position(
            self._db,
            self._actor,
            self._original.id,
            self.position_data(),
            expected_version=self._original.version,
        )

    def accept(self) -> None:
        position = run(self, self._save, COMPOSITION, on_conflict=self._resolve_conflict)
        if position is None:
            return
        self.position = position
        self.saved.emit(self.position)
        super().accept()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("New position") if self._original is None else _("Position"))
        self.title_box.setTitle(_("Title"))
        self.organisation_box.setTitle(_("Organisation"))


# -- the lists ----------------------------------------------------------------------------------


def _archived_mark(archived: bool) -> str:
    return _("archived") if archived else ""


class PeopleModel(RowCacheModel[PersonInfo]):
    columns = (
        Column[PersonInfo](N_("Surname"), lambda _r, p: p.surname),
        Column[PersonInfo](N_("Name"), lambda _r, p: p.given_name),
        Column[PersonInfo](N_("Patronymic"), lambda _r, p: p.patronymic),
        Column[PersonInfo](
            N_("In Latin letters"),
            lambda _r, p: p.latin_name,
            header_tip=N_("Name in Latin letters"),
        ),
        Column[PersonInfo](N_("E-mail"), lambda _r, p: p.email),
        Column[PersonInfo](N_("Phone"), lambda _r, p: p.phone),
        Column[PersonInfo](N_("Status"), lambda _r, p: _archived_mark(p.archived)),
    )


class PositionsModel(RowCacheModel[PositionInfo]):
    columns = (
        Column[PositionInfo](N_("Title"), lambda _r, p: position_title(p)),
        Column[PositionInfo](
            N_("Organisation"), lambda _r, p: p.organisation(interface_language())
        ),
        Column[PositionInfo](N_("Status"), lambda _r, p: _archived_mark(p.archived)),
    )


class DirectoryDialog(Retranslatable, QDialog):
    """A searchable list of records with add, edit, archive and delete."""

    title_msgid = ""
    changed = Signal()
    elastic_columns: tuple[int, ...] = ()
    """The columns with long texts, narrowed (elided) when all do not fit the table."""

    def __init__(
        self,
        db: Database,
        actor: Actor,
        model: RowCacheModel[Any],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.model = model
        self.model.setParent(self)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.show_archived = QCheckBox()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.fit = ColumnFit(self.table, self.elastic_columns)
        self.add_button = QPushButton()
        self.edit_button = QPushButton()
        self.archive_button = QPushButton()
        self.delete_button = QPushButton()
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.show_archived)
        side = QVBoxLayout()
        for button in (self.add_button, self.edit_button, self.archive_button, self.delete_button):
            side.addWidget(button)
        side.addStretch(1)
        middle = QHBoxLayout()
        middle.addWidget(self.table, 1)
        middle.addLayout(side)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(middle, 1)
        layout.addWidget(close)
        self.resize(900, 520)

        self.search.textChanged.connect(self.reload)
        self.show_archived.toggled.connect(self.reload)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(self.edit)
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit)
        self.archive_button.clicked.connect(self.archive)
        self.delete_button.clicked.connect(self.delete)
        self.reload()

    # -- each list defines these (people or positions) ----------------------------------------
    load: Callable[[str, bool], Sequence[Any]]  # (search, include archived) -> records
    editor: Callable[[Any], QDialog]  # the edit dialog of a record (None: a new one)
    set_archived: Callable[[Any, bool], None]
    remove: Callable[[Any], None]
    name_of: Callable[[Any], str]

    # -- behaviour ---------------------------------------------------------------------------
    def reload(self) -> None:
        selected = self.selected()
        key = selected.id if selected is not None else None
        found = run(self, lambda: self.load(self.search.text(), self.show_archived.isChecked()))
        rows = found if found is not None else []
        self.model.set_rows(rows)
        for row, record in enumerate(rows):
            if record.id == key:
                self.table.selectRow(row)
        self.table.resizeColumnsToContents()
        for column in range(self.model.columnCount()):
            if self.table.columnWidth(column) > 320:
                self.table.setColumnWidth(column, 320)
        self.fit.fitted()
        self._update_buttons()

    def selected(self) -> Any:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.row(rows[0].row()) if rows else None

    def select_id(self, record_id: int) -> None:
        for row, record in enumerate(self.model.rows()):
            if record.id == record_id:
                self.table.selectRow(row)

    def _update_buttons(self) -> None:
        record = self.selected()
        self.edit_button.setEnabled(record is not None)
        self.archive_button.setEnabled(record is not None)
        self.delete_button.setEnabled(record is not None)
        restoring = record is not None and record.archived
        self.archive_button.setText(_("Restore") if restoring else _("Archive"))

    def _saved(self, record: Any) -> None:
        self.reload()
        self.select_id(record.id)
        self.changed.emit()

    def add(self) -> QDialog:
        dialog = self.editor(None)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._saved)  # type: ignore[attr-defined]
        dialog.open()
        return dialog

    def edit(self) -> QDialog | None:
        record = self.selected()
        if record is None:
            return None
        dialog = self.editor(record)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._saved)  # type: ignore[attr-defined]
        dialog.open()
        return dialog

    def archive(self) -> None:
        record = self.selected()
        if record is None:
            return
        if not succeeded(self, lambda: self.set_archived(record, not record.archived), COMPOSITION):
            return
        self.reload()
        self.changed.emit()

    def delete(self) -> None:
        record = self.selected()
        if record is None:
            return
        question = _("Delete “{name}”? Only a record entered by mistake should be deleted.")
        if not ask(self, question.format(name=self.name_of(record))):
            return
        if not succeeded(self, lambda: self.remove(record), COMPOSITION):
            return
        self.reload()
        self.changed.emit()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_(self.title_msgid))
        self.search.setPlaceholderText(_("Search…"))
        self.show_archived.setText(_("Show archived"))
        self.add_button.setText(_("Add…"))
        self.edit_button.setText(_("Edit…"))
        self.delete_button.setText(_("Delete"))
        self._update_buttons()
        self.model.retranslate()


class PeopleDialog(DirectoryDialog):
    """The people who sit or may sit on councils."""

    title_msgid = N_("People")
    elastic_columns = (0, 3, 4)  # surname, name in Latin letters, e-mail

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(db, actor, PeopleModel(), parent)
        self.setObjectName("peopleDialog")
        self.retranslate_ui()

    def load(self, search: str, include_archived: bool) -> Sequence[PersonInfo]:
        return list_people(self._db, search, include_archived=include_archived)

    def editor(self, record: PersonInfo | None) -> QDialog:
        return PersonDialog(self._db, self._actor, record, self)

    def set_archived(self, record: PersonInfo, archived: bool) -> None:
        archive_person(self._db, self._actor, record.id, archived)

    def remove(self, record: PersonInfo) -> None:
        delete_person(self._db, self._actor, record.id)

    def name_of(self, record: PersonInfo) -> str:
        return person_name(record)


class PositionsDialog(DirectoryDialog):
    """The positions whose holders sit ex officio."""

    title_msgid = N_("Positions")
    elastic_columns = (0, 1)  # title, organisation

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(db, actor, PositionsModel(), parent)
        self.setObjectName("positionsDialog")
        self.retranslate_ui()

    def load(self, search: str, include_archived: bool) -> Sequence[PositionInfo]:
        return list_positions(self._db, search, include_archived=include_archived)

    def editor(self, record: PositionInfo | None) -> QDialog:
        return PositionDialog(self._db, self._actor, record, self)

    def set_archived(self, record: PositionInfo, archived: bool) -> None:
        archive_position(self._db, self._actor, record.id, archived)

    def remove(self, record: PositionInfo) -> None:
        delete_position(self._db, self._actor, record.id)

    def name_of(self, record: PositionInfo) -> str:
        return position_title(record)
