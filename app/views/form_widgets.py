"""The small form pieces every dialog uses: translated labels, choices, dates, an act, OK/Cancel.

:class:`Texts` keeps a widget's visible strings so they follow the interface
language; :class:`ChoiceCombo` offers values under labels that follow it too;
:class:`DateEdit` and :class:`OptionalDateEdit` write dates as the tables do;
:class:`ActFields` takes the act behind a change in each language;
:func:`ask` asks yes or no, :func:`ok_cancel` makes the buttons; and
:func:`person_choices` / :func:`position_choices` offer the directory's
people and positions.  They sit below every dialog, so dialogs that open one
another (a seat dialog opens the person dialog) never import each other's
modules for them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from functools import partial
from typing import Any

from PySide6.QtCore import QDate, QLocale, QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from app.domain.collation import sort_key as collation_key
from app.domain.errors import KenesError
from app.i18n import N_, _
from app.services.handles import Database
from app.services.people import ActData, list_people, list_positions
from app.services.seats import composition
from app.views.composition_model import (
    date_display_format,
    from_qdate,
    person_name,
    position_title,
    to_qdate,
)
from app.views.retranslate import Retranslatable

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

    def label_of(self, value: Any) -> str:
        """The label shown for ``value`` ("" when it is not among the choices)."""
        return next((self._text(label) for v, label in self._choices if v == value), "")

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


class SearchCombo(QComboBox):
    """A picker searchable as you type: a few letters anywhere in a name narrow the list.

    Records are offered in Kazakh alphabetical order (or in the order given,
    e.g. a council's members first); the first entry creates a new record in
    place.  Text that names no record is what a new one is to be called
    (:meth:`typed`).
    """

    new_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(40)
        self.setMaxVisibleItems(15)
        # The completer offers the records only: "New …" is no match for what is typed.
        self._names = QStringListModel(self)
        completer = QCompleter(self._names, self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self._new_label: Label = ""
        self._records: list[tuple[Any, Label]] = []
        self.activated.connect(self._activated)

    def set_records(
        self, records: Sequence[tuple[Any, Label]], new_label: Label, *, ordered: bool = False
    ) -> None:
        """Offer ``records`` (value, label) after the "new" entry ``new_label``.

        Unless ``ordered``, they are sorted in Kazakh alphabetical order.
        """
        current = self.value()
        self._new_label = new_label
        texts = [(value, label, ChoiceCombo._text(label)) for value, label in records]
        if not ordered:
            texts.sort(key=lambda item: collation_key(item[2]))
        self._records = [(value, label) for value, label, _text in texts]
        self.blockSignals(True)
        self.clear()
        self.addItem(ChoiceCombo._text(new_label))
        for _value, _label, text in texts:
            self.addItem(text)
        self._names.setStringList([text for _value, _label, text in texts])
        self.setCurrentIndex(-1)
        self.setEditText("")
        self.blockSignals(False)
        if current is not None:
            self.set_value(current)

    def retranslate(self) -> None:
        text = self.currentText()
        index = self.currentIndex()
        self.setItemText(0, ChoiceCombo._text(self._new_label))
        for row, (_value, label) in enumerate(self._records, start=1):
            self.setItemText(row, ChoiceCombo._text(label))
        self._names.setStringList([self.itemText(row) for row in range(1, self.count())])
        if index <= 0:
            self.setEditText(text)

    def edit(self) -> QLineEdit:
        """The line the name is typed in."""
        line = self.lineEdit()
        assert line is not None
        return line

    def _match(self) -> int:
        """The row of the record whose name is the text typed (-1: none)."""
        text = " ".join(self.currentText().split()).casefold()
        if not text:
            return -1
        for row in range(1, self.count()):
            if self.itemText(row).casefold() == text:
                return row
        return -1

    def value(self) -> Any:
        """The record named by the text typed or chosen, or None."""
        row = self._match()
        return self._records[row - 1][0] if row > 0 else None

    def set_value(self, value: Any) -> bool:
        for row, (candidate, _label) in enumerate(self._records, start=1):
            if candidate == value:
                self.setCurrentIndex(row)
                return True
        return False

    def typed(self) -> str:
        """Text that names no record (what a new one is to be called), or ""."""
        if self._match() > 0:
            return ""
        text = " ".join(self.currentText().split())
        return "" if text == self.itemText(0) else text

    def clear_text(self) -> None:
        self.setCurrentIndex(-1)
        self.setEditText("")

    def _activated(self, row: int) -> None:
        if row == 0:
            self.clear_text()
            self.new_requested.emit()


def members_first(db: Database, council_id: int | None, day: date) -> list[tuple[Any, Label]]:
    """Everyone a meeting may name, the council's members on ``day`` first (in list order).

    Whoever presides an interim or thematic meeting is nearly always a member;
    the others follow in Kazakh alphabetical order.
    """
    people = list_people(db)
    first: list[int] = []
    if council_id is not None:
        try:
            lines = composition(db, council_id, day)
        except KenesError:
            lines = []  # the council is gone: the list is everyone, as before
        first = list(dict.fromkeys(line.person.id for line in lines if line.person is not None))
    by_id = {person.id: person for person in people}
    ordered = [by_id[i] for i in first if i in by_id]
    ordered += [person for person in people if person.id not in set(first)]
    return [(person.id, partial(person_name, person)) for person in ordered]
