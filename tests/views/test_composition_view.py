"""The composition view: the demo council on a date, its history, and the seat dialogs."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.domain.composition import Role, SeatKind
from app.domain.errors import KenesError
from app.models.database import Database
from app.services.base import SYSTEM
from app.services.councils import list_councils
from app.services.demo import create_demo
from app.services.people import PersonData, PersonInfo, create_person
from app.services.seats import ChangeKind, composition, history
from app.views import seat_dialog
from app.views.composition_model import CompositionModel, HistoryModel
from app.views.composition_view import CompositionView
from app.views.qt_i18n import apply_language

EDITION_DAY = date(2022, 1, 26)  # the demo composition is in force from this day
SUCCESSION_DAY = date(2023, 9, 1)  # a new akim of Almaty holds the ex officio seat


@pytest.fixture
def council_id(database: Database) -> int:
    create_demo(database, SYSTEM)
    return list_councils(database)[0].id


@pytest.fixture
def view(qtbot: QtBot, database: Database, council_id: int) -> Iterator[CompositionView]:
    widget = CompositionView(database, SYSTEM)
    qtbot.addWidget(widget)
    widget.set_date(date(2022, 2, 1))
    widget.set_council(council_id)
    yield widget
    apply_language("en")


@pytest.fixture
def newcomer(database: Database) -> PersonInfo:
    return create_person(
        database, SYSTEM, PersonData("Сәтбаева", "Әсел", "Ғаниқызы", "Assel Satbayeva")
    )


def column(view: CompositionView, header: str) -> list[str]:
    model = view.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    col = headers.index(header)
    return [model.data(model.index(row, col)) for row in range(model.rowCount())]


def test_models_pass_the_model_tester(
    qtmodeltester: ModelTester, database: Database, council_id: int
) -> None:
    model = CompositionModel()
    model.set_lines(composition(database, council_id, date(2024, 1, 1)))
    qtmodeltester.check(model)  # type: ignore[no-untyped-call]
    history_model = HistoryModel()
    history_model.set_entries(history(database, council_id))
    qtmodeltester.check(history_model)  # type: ignore[no-untyped-call]
    empty = CompositionModel()
    qtmodeltester.check(empty)  # type: ignore[no-untyped-call]


def test_header_data_answers_only_the_horizontal_display_role() -> None:
    model = CompositionModel()
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Role"
    assert model.headerData(1, Qt.Orientation.Vertical) is None
    assert model.headerData(1, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) is None
    assert model.headerData(99, Qt.Orientation.Horizontal) is None


def test_fifteen_seats_on_1_february_2022_with_the_chair_first(view: CompositionView) -> None:
    assert view.model.rowCount() == 15
    assert column(view, "№")[:3] == ["1", "2", "3"]
    assert column(view, "Role")[0] == "Chair"
    assert column(view, "Position")[0] == "Prime Minister of the Republic of Kazakhstan"
    assert column(view, "Person")[0] == "Nurlan Abenov"
    assert column(view, "Role")[1:3] == ["Deputy chair", "Secretary"]
    assert column(view, "From")[0] == "26/01/2022"
    assert "№ 27" in column(view, "Act")[0]
    assert column(view, "Marks").count("by agreement") == 11  # every seat votes: no other mark
    assert set(column(view, "Marks")) == {"", "by agreement"}
    assert view.summary.text() == "Seats: 15, vacant: 0"


def test_changing_the_date_shows_the_successor_of_the_akim(view: CompositionView) -> None:
    akim = column(view, "Position").index("Akim of the city of Almaty")
    predecessor = view.model.line(akim).person
    assert predecessor is not None and predecessor.surname == "Құрманов"
    view.date_edit.set_day(date(2024, 1, 1))  # as picking the date in the calendar does
    assert view.model.rowCount() == 15
    successor = view.model.line(akim).person
    assert successor is not None and successor.surname == "Мұхамеджанов"
    assert column(view, "Person")[akim] == "Bakyt Mukhamedzhanov"


def test_before_the_edition_the_council_has_no_seat(view: CompositionView) -> None:
    view.set_date(EDITION_DAY.replace(day=25))
    assert view.model.rowCount() == 0
    assert view.summary.text() == "Seats: 0, vacant: 0"
    view.set_date(EDITION_DAY)
    assert view.model.rowCount() == 15


def test_history_lists_the_succession_newest_first(view: CompositionView) -> None:
    model = view.history_model
    first = model.entry(0)
    assert first.kind is ChangeKind.HOLDER_CHANGED
    assert first.day == SUCCESSION_DAY
    assert first.person is not None and first.person.surname == "Мұхамеджанов"
    texts = [model.data(model.index(0, c)) for c in range(model.columnCount())]
    assert texts[:5] == [
        "01/09/2023",
        "New holder of the position",
        "Member",
        "Akim of the city of Almaty",
        "Bakyt Mukhamedzhanov",
    ]
    assert "№ 112" in texts[5]
    assert model.rowCount() == 16  # 15 seats added, one new holder
    assert [model.entry(r).day for r in range(model.rowCount())] == sorted(
        (model.entry(r).day for r in range(model.rowCount())), reverse=True
    )


def fill_personal_seat(dialog: seat_dialog.SeatDialog, role: Role, person: PersonInfo) -> None:
    dialog.role.set_value(role)
    dialog.personal.setChecked(True)
    assert dialog.person.set_value(person.id)
    dialog.valid_from.set_day(date(2022, 2, 1))
    dialog.act.title.setText("Қазақстан Республикасы Үкіметінің қаулысы")
    dialog.act.number.setText("101")
    dialog.act.act_date.set_day(date(2022, 1, 31))


def test_adding_a_seat_through_the_dialog_adds_a_row(
    view: CompositionView,
    database: Database,
    council_id: int,
    newcomer: PersonInfo,
    refusals: list[KenesError],
) -> None:
    dialog = view.add_seat()
    assert dialog is not None
    fill_personal_seat(dialog, Role.MEMBER, newcomer)
    dialog.accept()
    assert refusals == []
    assert view.model.rowCount() == 16
    assert "Assel Satbayeva" in column(view, "Person")
    added = [line for line in view.model.rows() if line.person and line.person.id == newcomer.id]
    assert added[0].seat.kind is SeatKind.PERSONAL
    assert "№ 101" in added[0].act.label("kk")
    assert len(composition(database, council_id, date(2022, 2, 1))) == 16


def test_a_second_chair_is_refused_and_nothing_changes(
    view: CompositionView,
    database: Database,
    council_id: int,
    newcomer: PersonInfo,
    refusals: list[KenesError],
) -> None:
    dialog = view.add_seat()
    assert dialog is not None
    fill_personal_seat(dialog, Role.CHAIR, newcomer)
    dialog.accept()
    assert len(refusals) == 1
    assert "two chairs" in refusals[0].message()
    assert dialog.isVisible()  # stays open with the input kept
    assert dialog.role.value() is Role.CHAIR
    assert dialog.person.value() == newcomer.id
    assert dialog.act.number.text() == "101"
    assert view.model.rowCount() == 15
    assert len(composition(database, council_id, date(2022, 2, 1))) == 15
    dialog.reject()


def test_an_ex_officio_seat_without_a_position_is_refused(
    view: CompositionView, refusals: list[KenesError]
) -> None:
    dialog = view.add_seat()
    assert dialog is not None
    dialog.accept()  # ex officio, "(no position)"
    assert len(refusals) == 1
    assert "position" in refusals[0].message()
    assert view.model.rowCount() == 15
    dialog.reject()


def test_ending_a_seat_removes_it_from_the_next_day(
    view: CompositionView, refusals: list[KenesError]
) -> None:
    assert not view.end_seat_action.isEnabled()
    view.table.selectRow(14)
    assert view.end_seat_action.isEnabled()
    ended = view.model.line(14).seat.id
    dialog = view.end_seat()
    assert dialog is not None
    dialog.last_day.set_day(date(2022, 12, 31))
    dialog.act.number.setText("5")
    dialog.accept()
    assert refusals == []
    assert view.model.rowCount() == 15  # still in force on 1 February 2022
    view.set_date(date(2023, 1, 1))
    assert view.model.rowCount() == 14
    assert ended not in {line.seat.id for line in view.model.rows()}
    assert view.history_model.entry(1).kind is ChangeKind.SEAT_ENDED


def test_correcting_a_seats_marks(view: CompositionView, refusals: list[KenesError]) -> None:
    view.table.selectRow(0)
    dialog = view.edit_seat()
    assert dialog is not None
    dialog.by_agreement.setChecked(True)
    dialog.voting.setChecked(False)
    dialog.accept()
    assert refusals == []
    assert column(view, "Marks")[0] == "by agreement · without the right to vote"
    assert column(view, "Role")[0] == "Chair"  # the selection and the order are kept


def test_appointing_passes_the_ex_officio_seat_to_the_new_holder(
    view: CompositionView, newcomer: PersonInfo, refusals: list[KenesError]
) -> None:
    view.set_date(date(2024, 1, 1))
    akim = column(view, "Position").index("Akim of the city of Almaty")
    view.table.selectRow(akim)
    dialog = view.appoint()
    assert dialog is not None
    assert dialog.position.value() == view.model.line(akim).seat.position_id
    assert "Bakyt Mukhamedzhanov" in dialog.current_holder.text()
    dialog.person.set_value(newcomer.id)
    dialog.valid_from.set_day(date(2024, 6, 1))
    dialog.act.title.setText("Қазақстан Республикасы Президентінің өкімі")
    dialog.accept()
    assert refusals == []
    assert column(view, "Person")[akim] == "Bakyt Mukhamedzhanov"  # on 1 January 2024
    view.set_date(date(2024, 6, 1))
    assert column(view, "Person")[akim] == "Assel Satbayeva"
    assert view.history_model.entry(0).kind is ChangeKind.HOLDER_CHANGED
    assert view.history_model.entry(0).day == date(2024, 6, 1)


def test_appointing_nobody_is_refused(view: CompositionView, refusals: list[KenesError]) -> None:
    view.table.selectRow(3)
    dialog = view.appoint()
    assert dialog is not None
    dialog.accept()  # "(choose a person)"
    assert len(refusals) == 1
    assert dialog.isVisible()
    dialog.reject()


def test_a_new_edition_carries_over_the_ticked_seats(
    view: CompositionView, database: Database, council_id: int, refusals: list[KenesError]
) -> None:
    view.set_date(date(2024, 3, 1))
    dialog = view.new_edition()
    assert dialog is not None
    lines = dialog.carried_lines()
    assert len(lines) == 15
    dropped = {lines[13].seat.id, lines[14].seat.id}
    dialog.set_carried({line.seat.id for line in lines} - dropped)
    dialog.accept()  # no act yet
    assert len(refusals) == 1 and "act" in refusals[0].message()
    dialog.act.title.setText("Қазақстан Республикасы Үкіметінің қаулысы")
    dialog.act.number.setText("200")
    dialog.accept()
    assert len(refusals) == 1
    assert view.model.rowCount() == 13
    assert len(composition(database, council_id, date(2024, 2, 29))) == 15
    assert column(view, "Role")[0] == "Chair"
    assert all("№ 200" in act for act in column(view, "Act"))


def test_the_view_follows_the_interface_language(view: CompositionView) -> None:
    apply_language("kk")
    assert view.model.headerData(1, Qt.Orientation.Horizontal) == "Рөлі"
    assert column(view, "Рөлі")[0] == "Төраға"
    assert column(view, "Тұлға")[0] == "Әбенов Нұрлан Серікұлы"
    assert column(view, "Басталуы")[0] == "26.01.2022"
    apply_language("ru")
    assert column(view, "Роль")[0] == "Председатель"
    apply_language("en")
    assert column(view, "Role")[0] == "Chair"
    assert view.summary.text() == "Seats: 15, vacant: 0"


def test_without_a_council_the_actions_are_off(qtbot: QtBot, database: Database) -> None:
    widget = CompositionView(database, SYSTEM)
    qtbot.addWidget(widget)
    assert widget.model.rowCount() == 0
    assert not widget.add_seat_action.isEnabled()
    assert widget.add_seat() is None
    assert widget.toolbar.objectName() == "compositionToolbar"
