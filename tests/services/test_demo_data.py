"""demo_data: seed 000's board as the demo council is built from it, consistent in itself."""

from __future__ import annotations

import uuid
from collections import Counter
from datetime import date

import pytest

from app.domain.composition import Role
from app.domain.gender import gender_from_patronymic
from app.models.database import Database
from app.services import demo_data
from app.services.base import SYSTEM
from app.services.councils import list_councils
from app.services.demo import create_demo
from app.services.seats import composition


def test_the_board_has_one_chair_deputy_and_secretary_first() -> None:
    roles = [role for role, _agreed, _titles, _holder in demo_data.SEATS]
    assert roles[:3] == [Role.CHAIR, Role.DEPUTY_CHAIR, Role.SECRETARY]
    assert Counter(roles) == {
        Role.CHAIR: 1,
        Role.DEPUTY_CHAIR: 1,
        Role.SECRETARY: 1,
        Role.MEMBER: 12,
    }


def test_every_seat_has_three_titles_and_a_whole_invented_holder() -> None:
    names = set()
    for _role, _agreed, titles, holder in demo_data.SEATS:
        assert all(t.strip() == t and t for t in titles)
        assert len(set(titles)) == 3  # three languages, not one copied
        surname, given, patronymic, latin = holder
        assert surname and given and latin and latin.isascii()
        if patronymic:  # a foreign member has none
            assert gender_from_patronymic(patronymic) in ("male", "female")
        names.add((surname, given, patronymic))
    assert len(names) == len(demo_data.SEATS)


def test_every_act_has_its_titles_and_the_texts_are_in_three_languages() -> None:
    acts = (demo_data.ACT_CREATED, demo_data.ACT_EDITION, demo_data.SUCCESSION[3])
    for title, number, day in acts:
        assert set(demo_data.ACT_TITLES[title]) == {"kk", "ru", "en"}
        assert demo_data.ACT_TITLES[title]["kk"] == title and number and isinstance(day, date)
    for texts in (demo_data.COUNCIL_NAMES, demo_data.WORKING_BODY):
        assert set(texts) == {"kk", "ru", "en"} and all(texts.values())
    seat, start, _holder, (_title, _number, act_day) = demo_data.SUCCESSION
    assert 0 <= seat < len(demo_data.SEATS) and act_day < start


def test_identifiers_are_stable_distinct_uuids() -> None:
    kinds = ("act", "position", "person", "holding", "seat", "meeting", "item")
    made = [demo_data.uid(kind, index) for kind in kinds for index in (0, 1, 27, 100)]
    assert len(set(made)) == len(made)
    for value in made:
        assert len(value) == 32 and uuid.UUID(value).hex == value
    assert demo_data.uid("seat", 3) == demo_data.uid("seat", 3)
    assert len(demo_data.COUNCIL_UID) == 32
    with pytest.raises(KeyError):
        demo_data.uid("council", 1)


def test_the_demo_council_is_the_table(database: Database) -> None:
    create_demo(database, SYSTEM)
    (council,) = list_councils(database)
    assert council.name("ru") == demo_data.COUNCIL_NAMES["ru"]
    _title, _number, edition_day = demo_data.ACT_EDITION
    lines = composition(database, council.id, edition_day)
    assert [(line.seat.role, line.seat.by_agreement) for line in lines] == [
        (role, agreed) for role, agreed, _titles, _holder in demo_data.SEATS
    ]
    assert [line.position.title("en") for line in lines if line.position] == [
        titles[2] for _role, _agreed, titles, _holder in demo_data.SEATS
    ]
    # After the succession the seat passes to the new holder.
    seat, start, holder, _act = demo_data.SUCCESSION
    later = composition(database, council.id, start)[seat]
    assert later.person is not None and later.person.surname == holder[0]
