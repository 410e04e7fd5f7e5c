"""A person or a position saved meanwhile on another workstation: both versions, a choice."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from app.domain.errors import KenesError
from app.models.database import Database
from app.services.base import SYSTEM
from app.services.people import (
    PersonData,
    PositionData,
    create_person,
    create_position,
    get_person,
    get_position,
    update_person,
    update_position,
)
from app.views import conflict_dialog
from app.views.conflict_dialog import Choice
from app.views.people_dialogs import PersonDialog, PositionDialog

Rows = list[tuple[str, str, str]]


def answering(monkeypatch: pytest.MonkeyPatch, *answers: Choice | None) -> list[Rows]:
    """Answer the conflict dialog with ``answers`` in turn; return the rows it was shown."""
    shown: list[Rows] = []
    queue = list(answers)

    def ask(_parent: object, rows: Rows) -> Choice | None:
        shown.append(list(rows))
        return queue.pop(0)

    monkeypatch.setattr(conflict_dialog, "ask_conflict", ask)
    return shown


def test_a_person_saved_meanwhile_is_shown_beside_mine_and_kept(
    qtbot: QtBot,
    database: Database,
    refusals: list[KenesError],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    person = create_person(database, SYSTEM, PersonData(surname="Әбенов", given_name="Нұрлан"))
    dialog = PersonDialog(database, SYSTEM, person)
    qtbot.addWidget(dialog)
    update_person(
        database, SYSTEM, person.id, PersonData(surname="Әбенов", given_name="Нұрлан", phone="1")
    )
    dialog.email.setText("abenov@example.kz")
    shown = answering(monkeypatch, None, Choice.KEEP_THEIRS)

    dialog.accept()  # the user goes on editing: nothing saved
    assert refusals == [] and dialog.person is None
    assert ("Phone", "1", "") in shown[0] and ("E-mail", "", "abenov@example.kz") in shown[0]
    assert ("Surname", "Әбенов", "Әбенов") in shown[0]
    dialog.accept()  # keep theirs: the form is refilled, nothing saved
    assert dialog.phone.text() == "1" and dialog.email.text() == ""
    assert get_person(database, person.id).email == ""
    dialog.email.setText("abenov@example.kz")
    dialog.accept()  # now based on the saved version: saved without a conflict
    assert len(shown) == 2 and dialog.person is not None
    saved = get_person(database, person.id)
    assert (saved.phone, saved.email) == ("1", "abenov@example.kz")


def test_my_person_can_be_saved_over_the_other(
    qtbot: QtBot,
    database: Database,
    refusals: list[KenesError],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    person = create_person(database, SYSTEM, PersonData(surname="Омарова", given_name="Гүлнар"))
    dialog = PersonDialog(database, SYSTEM, person)
    qtbot.addWidget(dialog)
    update_person(database, SYSTEM, person.id, PersonData(surname="Омарова", note="their note"))
    dialog.note.setPlainText("my note")
    answering(monkeypatch, Choice.SAVE_MINE)
    dialog.accept()
    assert refusals == [] and dialog.person is not None
    saved = get_person(database, person.id)
    assert (saved.given_name, saved.note) == ("Гүлнар", "my note")


@pytest.mark.parametrize("choice", [Choice.KEEP_THEIRS, Choice.SAVE_MINE])
def test_a_position_saved_meanwhile(
    qtbot: QtBot,
    database: Database,
    refusals: list[KenesError],
    monkeypatch: pytest.MonkeyPatch,
    choice: Choice,
) -> None:
    position = create_position(
        database, SYSTEM, PositionData(title_kk="Министр", title_ru="Министр")
    )
    dialog = PositionDialog(database, SYSTEM, position)
    qtbot.addWidget(dialog)
    update_position(
        database, SYSTEM, position.id, PositionData(title_kk="Министр", title_ru="Вице-министр")
    )
    dialog.titles["en"].setText("Minister")
    shown = answering(monkeypatch, choice)
    dialog.accept()
    assert refusals == []
    assert ("Title (in Russian)", "Вице-министр", "Министр") in shown[0]
    assert ("Title (in English)", "", "Minister") in shown[0]
    saved = get_position(database, position.id)
    if choice is Choice.KEEP_THEIRS:
        assert dialog.position is None and dialog.titles["ru"].text() == "Вице-министр"
        assert saved.titles == {"kk": "Министр", "ru": "Вице-министр", "en": ""}
    else:
        assert dialog.position is not None
        assert saved.titles == {"kk": "Министр", "ru": "Министр", "en": "Minister"}
