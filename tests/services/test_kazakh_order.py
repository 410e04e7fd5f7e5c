"""Lists sort in Kazakh alphabetical order (issue 15): people, positions, councils, meetings."""

from __future__ import annotations

from datetime import date, time

from app.domain.collation import sort_key
from app.models.database import Database
from app.services.base import SYSTEM
from app.services.councils import CouncilData, create_council, list_councils
from app.services.people import (
    PersonData,
    PositionData,
    create_person,
    create_position,
    list_people,
    list_positions,
)

SURNAMES = ["Тоқтаров", "Әбенов", "Абаев", "ғалымов", "Гаухаров", "Іргебаев", "Ыбыраев", "Smith"]


def test_people_sort_in_kazakh_order_in_sql(database: Database) -> None:
    for surname in SURNAMES:
        create_person(database, SYSTEM, PersonData(surname=surname, given_name="Асан"))
    found = [p.surname for p in list_people(database)]
    assert found == [
        "Абаев",
        "Әбенов",
        "Гаухаров",
        "ғалымов",
        "Тоқтаров",
        "Ыбыраев",
        "Іргебаев",
        "Smith",
    ]
    assert found == sorted(SURNAMES, key=sort_key)  # SQL and Python agree


def test_positions_and_councils_sort_by_their_names_in_the_language(database: Database) -> None:
    for title in ("Төраға", "Әкім", "Аудитор"):
        create_position(database, SYSTEM, PositionData(title_kk=title, title_en="x " + title))
    assert [p.titles["kk"] for p in list_positions(database, lang="kk")] == [
        "Аудитор",
        "Әкім",
        "Төраға",
    ]
    for name in ("Қамқоршылық кеңесі", "Әдеп жөніндегі комиссия", "Бақылау кеңесі"):
        create_council(database, SYSTEM, CouncilData(name_kk=name))
    assert [c.names["kk"] for c in list_councils(database, lang="kk")] == [
        "Әдеп жөніндегі комиссия",
        "Бақылау кеңесі",
        "Қамқоршылық кеңесі",
    ]


def test_the_meetings_list_sorts_presiding_persons_in_kazakh_order(database: Database) -> None:
    from app.domain.meeting import MeetingKind
    from app.services.meeting_queries import MeetingOrder, meeting_keys
    from app.services.meetings.common import MeetingData
    from app.services.meetings.plan_meeting import plan_meeting

    council = create_council(database, SYSTEM, CouncilData(name_kk="Кеңес"))
    for day, surname in ((1, "Тоқтаров"), (2, "Әбенов"), (3, "Абаев")):
        person = create_person(database, SYSTEM, PersonData(surname=surname, given_name="Б"))
        data = MeetingData(
            kind=MeetingKind.INTERIM,
            day=date(2026, 3, day),
            starts_at=time(10),
            presiding_person_id=person.id,
        )
        plan_meeting(database, SYSTEM, council.id, data)
    keys = meeting_keys(database, order=MeetingOrder.PRESIDING, lang="kk")
    assert [k.day.day for k in keys] == [3, 2, 1]
    keys = meeting_keys(database, order=MeetingOrder.PRESIDING, descending=True, lang="kk")
    assert [k.day.day for k in keys] == [1, 2, 3]
