"""The form pieces every dialog uses: choices, dates, the act behind a change, pickers."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from app import i18n
from app.i18n import N_
from app.models.database import Database
from app.services.people import ActData
from app.views.form_widgets import (
    ActFields,
    ChoiceCombo,
    OptionalDateEdit,
    SearchCombo,
    Texts,
    members_first,
    person_choices,
)
from tests.services.meeting_helpers import make_world


@pytest.fixture
def russian() -> Iterator[None]:
    i18n.set_interface_language("ru")
    yield
    i18n.set_interface_language("en")


def test_texts_and_choices_follow_the_language(qtbot: QtBot, russian: None) -> None:
    texts = Texts()
    label = texts.label(N_("Act number"))
    combo = ChoiceCombo([("a", N_("Undo")), ("b", lambda: "Б")])
    qtbot.addWidget(combo)
    texts.apply()
    assert label.text() == "Номер акта"
    assert combo.itemText(0) == "Отменить"

    i18n.set_interface_language("en")
    texts.apply()
    combo.retranslate()

    assert (label.text(), combo.itemText(0), combo.itemText(1)) == ("Act number", "Undo", "Б")
    assert isinstance(label, QLabel)


def test_a_choice_combo_keeps_its_value_when_still_offered(qtbot: QtBot) -> None:
    combo = ChoiceCombo([(1, N_("Undo")), (2, N_("Redo"))])
    qtbot.addWidget(combo)
    assert combo.set_value(2) and combo.value() == 2

    combo.set_choices([(3, N_("Undo")), (2, N_("Redo"))])
    assert combo.value() == 2

    combo.set_choices([(5, N_("Undo"))])
    assert combo.value() == 5  # gone: the first choice
    assert not combo.set_value(2) and combo.value() == 5
    assert combo.values() == [5] and combo.label_of(5) == "Undo" and combo.label_of(9) == ""


def test_an_optional_date_is_none_until_ticked(qtbot: QtBot) -> None:
    field = OptionalDateEdit()
    qtbot.addWidget(field)
    assert field.day() is None and not field.edit.isEnabled()

    field.set_day(date(2026, 3, 8))
    assert field.day() == date(2026, 3, 8) and field.edit.isEnabled()
    assert field.edit.text() == "08/03/2026"

    field.known.setChecked(False)
    assert field.day() is None and not field.edit.isEnabled()


def test_the_act_keeps_each_language_s_title(qtbot: QtBot) -> None:
    act = ActData(
        "",
        "№ 690",
        date(2017, 10, 31),
        {"kk": "Үкімет қаулысы", "ru": "Постановление Правительства"},
    )
    fields = ActFields(act)
    qtbot.addWidget(fields)
    assert fields.titles["en"].text() == ""

    fields.titles["ru"].setText("   ")  # blank: not a title
    read = fields.act()

    assert read.titles == {"kk": "Үкімет қаулысы"}
    assert (read.title, read.number, read.act_date) == (
        "Үкімет қаулысы",
        "№ 690",
        date(2017, 10, 31),
    )


def test_a_search_combo_finds_a_record_by_its_name_and_keeps_new_text(
    qtbot: QtBot, database: Database
) -> None:
    make_world(database)
    combo = SearchCombo()
    qtbot.addWidget(combo)
    combo.set_records(person_choices(database, "")[1:], N_("New person…"))
    assert combo.itemText(0) == "New person…"
    assert combo.value() is None and combo.typed() == ""

    combo.setEditText("  marat   SEITOV ")
    assert combo.value() == 3 and combo.typed() == ""

    combo.setEditText("Дәулет  Нұров")
    assert combo.value() is None and combo.typed() == "Дәулет Нұров"


def test_choosing_new_clears_the_text_and_asks_for_a_record(
    qtbot: QtBot, database: Database
) -> None:
    make_world(database)
    combo = SearchCombo()
    qtbot.addWidget(combo)
    combo.set_records(person_choices(database, "")[1:], N_("New person…"))
    combo.setEditText("Келлер")

    with qtbot.waitSignal(combo.new_requested, timeout=1000):
        combo.activated.emit(0)

    assert combo.currentText() == "" and combo.value() is None


def test_the_council_s_members_come_first_then_everyone_else(database: Database) -> None:
    world = make_world(database)

    offered = [
        value for value, _label in members_first(database, world.council_id, date(2026, 4, 1))
    ]

    assert offered[:5] == [world.chair, world.deputy, world.secretary, *world.members]
    assert offered[5:] == [world.outsider]
    nobody = members_first(database, world.council_id + 9, date(2026, 4, 1))
    assert sorted(v for v, _l in nobody) == sorted(offered)  # a council gone: everyone
