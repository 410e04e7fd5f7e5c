"""The "Add member" dialog: pickers searchable as you type, new records in place, refusals."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex
from pytestqt.qtbot import QtBot

from app.domain.composition import Role, SeatKind
from app.domain.errors import KenesError
from app.models.database import Database
from app.services.base import SYSTEM
from app.services.councils import CouncilData, create_council
from app.services.demo import create_demo
from app.services.people import (
    PersonData,
    PositionData,
    create_person,
    create_position,
    list_people,
)
from app.services.seats import composition
from app.views.add_member_dialog import AddMemberDialog
from app.views.composition_view import CompositionView
from app.views.form_widgets import members_first
from app.views.qt_i18n import apply_language

DAY = date(2022, 1, 26)


def files(path: Path) -> dict[str, bytes]:
    return {
        p.name: p.read_bytes() for p in (path, path.with_name(path.name + "-wal")) if p.exists()
    }


@pytest.fixture
def council(database: Database) -> int:
    create_position(database, SYSTEM, PositionData(title_kk="Тоқтаров орынбасары"))
    create_position(database, SYSTEM, PositionData(title_kk="Алматы қаласының әкімі"))
    create_position(database, SYSTEM, PositionData(title_kk="Әкім кеңесшісі"))
    create_person(database, SYSTEM, PersonData("Тоқтаров", "Ерлан"))
    create_person(database, SYSTEM, PersonData("Әбенов", "Нұрлан"))
    create_person(database, SYSTEM, PersonData("Абаев", "Серік"))
    return create_council(database, SYSTEM, CouncilData(name_kk="Кеңес")).id


@pytest.fixture
def dialog(qtbot: QtBot, database: Database, council: int) -> AddMemberDialog:
    view = CompositionView(database, SYSTEM)
    qtbot.addWidget(view)
    view.set_date(DAY)
    view.set_council(council)
    opened = view.add_member()
    assert opened is not None
    return opened


def completions(dialog: AddMemberDialog, picker_name: str, text: str) -> list[str]:
    picker = getattr(dialog, picker_name)
    completer = picker.completer()
    completer.setCompletionPrefix(text)
    model = completer.completionModel()
    return [model.index(r, 0, QModelIndex()).data() for r in range(model.rowCount())]


def test_pickers_list_in_kazakh_order_and_find_letters_anywhere(
    dialog: AddMemberDialog,
) -> None:
    people = [dialog.person.itemText(r) for r in range(1, dialog.person.count())]
    assert [name.split()[0] for name in people] == ["Абаев", "Әбенов", "Тоқтаров"]
    assert dialog.person.itemText(0) == "New person…"
    assert completions(dialog, "person", "тоқ") == ["Тоқтаров Ерлан"]
    assert completions(dialog, "position", "ӘКІМ") == [
        "Алматы қаласының әкімі",
        "Әкім кеңесшісі",
    ]


def test_a_known_position_and_a_new_person_typed_in_place(
    dialog: AddMemberDialog, database: Database, council: int, refusals: list[KenesError]
) -> None:
    dialog.position.setEditText("Алматы қаласының әкімі")
    assert dialog.position.value() is not None and dialog.new_position.isHidden()
    dialog.person.setEditText("Мұхамеджанов Бақыт Тұрсынұлы")
    assert not dialog.new_person.isHidden()
    assert dialog.new_person.patronymic.text() == "Тұрсынұлы"
    dialog.add_next()
    assert refusals == []
    (line,) = composition(database, council, DAY)
    assert line.seat.kind is SeatKind.EX_OFFICIO
    assert line.person is not None and line.person.given_name == "Бақыт"
    assert dialog.position.currentText() == "" and dialog.new_person.isHidden()
    assert "1 member added" in dialog.status.text()
    names = [dialog.person.itemText(r) for r in range(dialog.person.count())]
    assert names.index("Мұхамеджанов Бақыт Тұрсынұлы") == 3  # in Kazakh order


def test_new_person_entry_opens_empty_fields_for_a_personal_seat(
    dialog: AddMemberDialog, database: Database, council: int, refusals: list[KenesError]
) -> None:
    dialog.personal.setChecked(True)
    dialog.person.activated.emit(0)  # "New person…" chosen in the list
    assert not dialog.new_person.isHidden() and dialog.person.currentText() == ""
    dialog.new_person.surname.setText("Сәтбаева")
    dialog.new_person.given_name.setText("Әсел")
    dialog.role.set_value(Role.SECRETARY)
    dialog.accept()
    assert refusals == [] and dialog.result() == dialog.DialogCode.Accepted
    (line,) = composition(database, council, DAY)
    assert line.seat.kind is SeatKind.PERSONAL and line.seat.role is Role.SECRETARY


def test_a_refusal_keeps_the_form_and_the_database(
    dialog: AddMemberDialog, database: Database, db_path: Path, refusals: list[KenesError]
) -> None:
    dialog.personal.setChecked(True)
    dialog.position.setEditText("Жаңа лауазым")  # a new position, but nobody on a personal seat
    before = files(db_path)
    people = len(list_people(database))
    dialog.add_next()
    assert [e.msgid for e in refusals] == ["A personal seat must name the person who holds it."]
    assert files(db_path) == before and len(list_people(database)) == people
    assert dialog.position.currentText() == "Жаңа лауазым"


def test_the_resolution_marks_set_role_and_agreement(dialog: AddMemberDialog) -> None:
    dialog.position.setEditText("Алматы облысының әкімі, төрағаның орынбасары (келісу бойынша)")
    data = dialog.member_data()
    assert data.seat.role is Role.DEPUTY_CHAIR and data.seat.by_agreement
    assert data.new_position is not None
    assert data.new_position.title_kk == "Алматы облысының әкімі"
    assert dialog.position.currentText() == "Алматы облысының әкімі"


def test_the_dialog_follows_the_language(dialog: AddMemberDialog, tmp_path: Path) -> None:
    try:
        apply_language("kk")
        assert dialog.windowTitle() != "Add a member"
        assert dialog.person.itemText(0) != "New person…"
        dialog.show()
        dialog.grab().save(str(tmp_path / "add_member_kk.png"))
    finally:
        apply_language("en")
    assert dialog.person.itemText(0) == "New person…"


def test_the_view_offers_the_last_act_again(qtbot: QtBot, database: Database, council: int) -> None:
    view = CompositionView(database, SYSTEM)
    qtbot.addWidget(view)
    view.set_council(council)
    first = view.add_member()
    assert first is not None
    first.act.number.setText("27")
    first.reject()
    second = view.add_member()
    assert second is not None and second.act.number.text() == "27"
    assert view.add_member_action.isEnabled()


def test_presiding_choices_offer_the_council_members_first(database: Database) -> None:
    create_demo(database, SYSTEM)
    outsider = create_person(database, SYSTEM, PersonData("Абаев", "Серік"))
    choices = members_first(database, 1, date(2024, 1, 1))
    ids = [value for value, _label in choices]
    members = [line.person.id for line in composition(database, 1, date(2024, 1, 1)) if line.person]
    assert (
        ids[: len(members)] == members and ids[-len(ids) + len(members) :].count(outsider.id) == 1
    )
    assert members_first(database, None, date(2024, 1, 1))[0][1]().startswith("Абаев")


def test_other_languages_typed_in_place_are_kept(dialog: AddMemberDialog) -> None:
    dialog.position.setEditText("Алматы облысының")
    dialog.new_position.titles["ru"].setText("Аким Алматинской области")
    dialog.position.setEditText("Алматы облысының әкімі")
    data = dialog.member_data().new_position
    assert data is not None
    assert (data.title_kk, data.title_ru) == ("Алматы облысының әкімі", "Аким Алматинской области")
