"""The composition and its history as tables: roles, vacant seats, marks, acts, newest first."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from pytestqt.modeltest import ModelTester

from app import i18n
from app.domain.composition import Role, SeatKind, Side
from app.models.database import Database
from app.services.people import ActData, PositionData, create_position
from app.services.seats import ChangeKind, SeatData, add_seat, composition, end_seat, history
from app.views.composition_model import (
    CompositionModel,
    HistoryModel,
    capitalized,
    date_display_format,
    from_qdate,
    role_label,
    to_qdate,
)
from tests.services.meeting_helpers import ME, START, World, make_world

ON = date(2026, 4, 1)
ACT = ActData("", "27", date(2026, 1, 26), {"ru": "Постановление", "kk": "Қаулы"})


@pytest.fixture
def world(database: Database) -> World:
    world = make_world(database)
    position = create_position(
        database,
        ME,
        PositionData(
            title_kk="Вице-министр",
            title_ru="Вице-министр",
            title_en="Vice minister",
            organisation_en="Ministry of Finance",
        ),
    )
    seat = SeatData(
        Role.MEMBER,
        SeatKind.EX_OFFICIO,
        START,
        position_id=position.id,
        voting=False,
        by_agreement=True,
        side=Side.FOREIGN,
    )
    add_seat(database, ME, world.council_id, seat)  # vacant: nobody holds the position
    return world


def texts(model: CompositionModel | HistoryModel, column: int) -> list[str]:
    return [model.data(model.index(row, column)) for row in range(model.rowCount())]


def test_one_line_per_seat_chair_first_vacant_in_italics(database: Database, world: World) -> None:
    model = CompositionModel()
    model.set_lines(composition(database, world.council_id, ON))

    assert texts(model, 0) == ["1", "2", "3", "4", "5", "6"]
    assert texts(model, 1)[:2] == ["Chair", "Deputy chair"]
    assert texts(model, CompositionModel.PERSON_COLUMN)[0] == "Nurlan Abenov"
    vacant = model.index(5, CompositionModel.PERSON_COLUMN)
    assert model.data(vacant) == "vacant"
    font = model.data(vacant, Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont) and font.italic()
    assert model.data(model.index(0, 0), Qt.ItemDataRole.FontRole) is None
    assert model.data(model.index(0, 0), Qt.ItemDataRole.UserRole) == world.chair_seat
    position = model.index(5, CompositionModel.POSITION_COLUMN)
    assert model.data(position) == "Vice minister"
    assert model.data(position, Qt.ItemDataRole.ToolTipRole) == "Vice minister\nMinistry of Finance"


def test_a_usual_seat_has_no_marks_an_unusual_one_names_each(
    database: Database, world: World
) -> None:
    model = CompositionModel()
    model.set_lines(composition(database, world.council_id, ON))

    marks = texts(model, 4)

    assert marks[0] == ""
    assert marks[5] == "by agreement · Foreign side · without the right to vote"
    assert model.headerData(4, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert model.data(model.index(0, 0), Qt.ItemDataRole.TextAlignmentRole) == (
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    )


def test_the_history_is_newest_first_with_its_act_in_the_language_read(
    database: Database, world: World
) -> None:
    end_seat(database, ME, world.deputy_seat, date(2026, 2, 1), ACT)
    model = HistoryModel()
    model.set_entries(history(database, world.council_id))

    assert model.entry(0).kind is ChangeKind.SEAT_ENDED
    assert texts(model, 0)[0] == "02/02/2026"  # the first day without the seat
    assert texts(model, 1)[0] == "Seat ended"
    assert texts(model, HistoryModel.ACT_COLUMN)[0] == "26/01/2026 № 27"  # no English title
    assert model.data(model.index(0, 0), Qt.ItemDataRole.ForegroundRole) is not None
    assert model.data(model.index(1, 0), Qt.ItemDataRole.ForegroundRole) is None
    i18n.set_interface_language("ru")
    try:
        assert (
            model.data(model.index(0, HistoryModel.ACT_COLUMN)) == "Постановление 26.01.2026 № 27"
        )
    finally:
        i18n.set_interface_language("en")


def test_headings_and_roles_follow_the_language() -> None:
    assert capitalized("төраға") == "Төраға" and capitalized("") == ""
    i18n.set_interface_language("kk")
    try:
        assert role_label(Role.CHAIR) == "Төраға"
        assert date_display_format() == "dd.MM.yyyy"
        assert CompositionModel().headerData(1, Qt.Orientation.Horizontal) != "Role"
    finally:
        i18n.set_interface_language("en")
    assert date_display_format() == "dd/MM/yyyy"
    assert from_qdate(to_qdate(date(2024, 2, 29))) == date(2024, 2, 29)


def test_both_models_pass_the_model_tester(
    qtmodeltester: ModelTester, database: Database, world: World
) -> None:
    lines = CompositionModel()
    lines.set_lines(composition(database, world.council_id, ON))
    changes = HistoryModel()
    changes.set_entries(history(database, world.council_id))

    qtmodeltester.check(lines, force_py=True)
    qtmodeltester.check(changes, force_py=True)
