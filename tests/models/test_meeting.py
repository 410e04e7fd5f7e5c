"""Meetings and their agendas as stored: numbered once a year, items in order, files once."""

from __future__ import annotations

from datetime import date, time

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app.models.database import Database
from app.models.meeting import AgendaItem, CalendarOverride, Material, MaterialBlob, Meeting
from tests.services.meeting_helpers import World, make_world


@pytest.fixture
def world(database: Database) -> World:
    return make_world(database)


def meeting(world: World, number: int, day: date) -> Meeting:
    return Meeting(
        council_id=world.council_id,
        kind="regular",
        number=number,
        year=day.year,
        meeting_date=day,
        starts_at=time(10),
        presiding_person_id=world.chair,
        state="planned",
    )


def test_a_number_is_taken_once_a_year_in_a_council(database: Database, world: World) -> None:
    with database.transaction() as session:
        session.add_all(
            [meeting(world, 1, date(2026, 4, 15)), meeting(world, 1, date(2027, 4, 14))]
        )
    with pytest.raises(IntegrityError), database.transaction() as session:
        session.add(meeting(world, 1, date(2026, 9, 16)))
    with database.reading() as session:
        assert session.scalar(select(func.count()).select_from(Meeting)) == 2


def test_items_come_in_agenda_order_and_go_with_their_meeting(
    database: Database, world: World
) -> None:
    with database.transaction() as session:
        planned = meeting(world, 1, date(2026, 4, 15))
        planned.items = [
            AgendaItem(position=1, title_kk="Екінші"),
            AgendaItem(position=0, title_kk="Бірінші"),
        ]
        session.add(planned)
        session.flush()
        meeting_id = planned.id
    with database.reading() as session:
        stored = session.get(Meeting, meeting_id)
        assert stored is not None
        assert [item.title_kk for item in stored.items] == ["Бірінші", "Екінші"]
        assert stored.state_changed_at is not None
    with database.transaction() as session:
        stored = session.get(Meeting, meeting_id)
        session.delete(stored)
    with database.reading() as session:
        assert session.scalar(select(func.count()).select_from(AgendaItem)) == 0


def test_a_material_needs_its_stored_content(database: Database, world: World) -> None:
    with database.transaction() as session:
        planned = meeting(world, 1, date(2026, 4, 15))
        planned.items = [AgendaItem(position=0)]
        session.add(planned)
        session.flush()
        item_id = planned.items[0].id
        session.add(MaterialBlob(sha256="a" * 64, size=3, data=b"pdf"))
        session.flush()
        session.add(
            Material(
                item_id=item_id,
                position=0,
                file_name="анықтама.pdf",
                media_type="application/pdf",
                size=3,
                sha256="a" * 64,
            )
        )
    with pytest.raises(IntegrityError), database.transaction() as session:
        session.add(
            Material(
                item_id=item_id,
                position=1,
                file_name="жоқ.pdf",
                media_type="application/pdf",
                size=3,
                sha256="b" * 64,
            )
        )
    with pytest.raises(IntegrityError), database.transaction() as session:
        session.add(MaterialBlob(sha256="a" * 64, size=3, data=b"pdf"))
    with database.reading() as session:
        assert session.scalars(select(Material.file_name)).all() == ["анықтама.pdf"]


def test_a_day_is_overridden_once(database: Database) -> None:
    with database.transaction() as session:
        session.add(CalendarOverride(day=date(2026, 3, 23), is_working_day=False))
    with pytest.raises(IntegrityError), database.transaction() as session:
        session.add(CalendarOverride(day=date(2026, 3, 23), is_working_day=True))
    with database.reading() as session:
        assert session.scalars(select(CalendarOverride.is_working_day)).all() == [False]
