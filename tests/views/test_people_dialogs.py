"""The person dialog: the gender is guessed from the patronymic until the secretary chooses it."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.models.database import Database
from app.services.base import SYSTEM
from app.services.people import PersonData, create_person, update_person
from app.views.people_dialogs import PersonDialog


def type_in(dialog: PersonDialog, text: str) -> None:
    """Type a patronymic as the user does (QTest types only ASCII, so the edit is emitted)."""
    dialog.patronymic.setText(text)
    dialog.patronymic.textEdited.emit(text)


def test_a_new_person_gets_the_gender_of_the_patronymic(qtbot: QtBot, database: Database) -> None:
    dialog = PersonDialog(database, SYSTEM)
    qtbot.addWidget(dialog)
    assert dialog.gender.value() == "unknown"
    dialog.surname.setText("Омарова")
    type_in(dialog, "Ерболқызы")
    assert dialog.gender.value() == "female"
    dialog.accept()
    assert dialog.person is not None and dialog.person.gender == "female"


def test_a_chosen_gender_is_kept(qtbot: QtBot, database: Database) -> None:
    dialog = PersonDialog(database, SYSTEM)
    qtbot.addWidget(dialog)
    dialog.surname.setText("Smith")
    dialog.gender.set_value("male")
    dialog.gender.activated.emit(dialog.gender.currentIndex())  # as a click chooses it
    type_in(dialog, "Петровна")
    assert dialog.gender.value() == "male"
    dialog.accept()
    assert dialog.person is not None and dialog.person.gender == "male"


def test_editing_a_person_shows_and_changes_the_gender(qtbot: QtBot, database: Database) -> None:
    person = create_person(database, SYSTEM, PersonData("Әбенов", "Нұрлан", "Серікұлы"))
    assert person.gender == "male"
    dialog = PersonDialog(database, SYSTEM, person)
    qtbot.addWidget(dialog)
    assert dialog.gender.value() == "male"
    dialog.gender.set_value("unknown")
    dialog.accept()
    assert dialog.person is not None and dialog.person.gender == "unknown"


def test_the_service_keeps_a_chosen_gender_when_none_is_given(database: Database) -> None:
    person = create_person(database, SYSTEM, PersonData("Ким", "Анна", "", gender="female"))
    assert person.gender == "female"
    same = update_person(database, SYSTEM, person.id, PersonData("Ким", "Анна", "Сергеевна"))
    assert same.gender == "female"
    guessed = create_person(database, SYSTEM, PersonData("Иванов", "Иван", "Петрович"))
    assert guessed.gender == "male"
    unknown = create_person(database, SYSTEM, PersonData("Smith"))
    assert unknown.gender == "unknown"
    now = update_person(database, SYSTEM, unknown.id, PersonData("Smith", "", "Петровна"))
    assert now.gender == "female"  # an unknown gender is guessed again
