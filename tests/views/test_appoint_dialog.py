"""Appointing a person to a position: its ex officio seat passes; refusals change nothing."""

from __future__ import annotations

from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from app import i18n
from app.domain.composition import Role, SeatKind
from app.domain.errors import KenesError
from app.models.database import Database
from app.services.people import PositionData, appoint_to_position, create_position
from app.services.seats import SeatData, add_seat, composition
from app.views.appoint_dialog import AppointDialog
from tests.services.meeting_helpers import ME, START, World, counts


@pytest.fixture
def position_id(database: Database, world: World) -> int:
    """A vice minister's position with an ex officio seat in the council, nobody holding it."""
    position = create_position(
        database, ME, PositionData(title_kk="Вице-министр", title_en="Vice minister")
    )
    add_seat(
        database,
        ME,
        world.council_id,
        SeatData(Role.MEMBER, SeatKind.EX_OFFICIO, START, position_id=position.id),
    )
    return position.id


def dialog(qtbot: QtBot, database: Database, position_id: int | None, on: date) -> AppointDialog:
    widget = AppointDialog(database, ME, position_id, on)
    qtbot.addWidget(widget)
    return widget


def holder_on(database: Database, world: World, day: date) -> str:
    lines = composition(database, world.council_id, day)
    seat = next(line for line in lines if line.seat.kind is SeatKind.EX_OFFICIO)
    return seat.person.full_name("en") if seat.person else ""


def test_the_new_holder_takes_the_ex_officio_seat_from_the_date(
    qtbot: QtBot, database: Database, world: World, position_id: int, refusals: list[KenesError]
) -> None:
    appoint = dialog(qtbot, database, position_id, date(2026, 3, 2))
    assert appoint.current_holder.text() == "nobody"
    appoint.person.set_value(world.outsider)

    with qtbot.waitSignal(appoint.saved, timeout=1000):
        appoint.accept()

    assert refusals == [] and appoint.holding is not None
    assert holder_on(database, world, date(2026, 3, 1)) == ""
    assert holder_on(database, world, date(2026, 3, 2)) == "Anna Keller"


def test_the_current_holder_on_the_date_is_named(
    qtbot: QtBot, database: Database, world: World, position_id: int
) -> None:
    appoint_to_position(database, ME, position_id, world.outsider, date(2026, 1, 12))

    appoint = dialog(qtbot, database, position_id, date(2026, 5, 4))
    assert appoint.current_holder.text() == "Anna Keller, since 12/01/2026"

    appoint.valid_from.set_day(date(2026, 1, 12))  # not before that day
    assert appoint.current_holder.text() == "nobody"


def test_a_second_holder_from_the_same_day_is_refused_and_nothing_changes(
    qtbot: QtBot, database: Database, world: World, position_id: int, refusals: list[KenesError]
) -> None:
    appoint_to_position(database, ME, position_id, world.outsider, date(2026, 1, 12))
    appoint = dialog(qtbot, database, position_id, date(2026, 1, 12))
    appoint.person.set_value(world.members[1])
    appoint.show()
    before = counts(database)

    appoint.accept()

    assert len(refusals) == 1 and "already has a holder" in refusals[0].message()
    assert counts(database) == before
    assert appoint.isVisible() and appoint.person.value() == world.members[1]  # input kept


def test_without_a_position_or_a_person_nothing_is_appointed(
    qtbot: QtBot, database: Database, world: World, position_id: int, refusals: list[KenesError]
) -> None:
    before = counts(database)
    appoint = dialog(qtbot, database, None, date(2026, 3, 2))
    appoint.accept()
    appoint = dialog(qtbot, database, position_id, date(2026, 3, 2))
    appoint.accept()

    assert len(refusals) == 2
    assert counts(database) == before


def test_the_dialog_is_worded_in_the_interface_language(
    qtbot: QtBot, database: Database, position_id: int
) -> None:
    appoint = dialog(qtbot, database, position_id, date(2026, 3, 2))
    i18n.set_interface_language("ru")
    try:
        appoint.retranslate_ui()
        assert appoint.windowTitle() != "Appoint to a position"
        assert appoint.current_holder.text() not in ("", "nobody")
        assert appoint.person.itemText(0) != "(choose a person)"
    finally:
        i18n.set_interface_language("en")
