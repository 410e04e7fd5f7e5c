"""The small register the composition tests share: a council, people and positions."""

from __future__ import annotations

from datetime import date

from app.domain.council import CouncilKind
from app.domain.regulation import SUPERVISORY_BOARD_690
from app.models.database import Database
from app.services.base import Actor
from app.services.councils import CouncilData, create_council
from app.services.people import ActData, PersonData, PositionData, create_person, create_position

ME = Actor("secretary")
START = date(2022, 1, 26)
DECREE = ActData("Қаулы", "27", START)


def new_council(db: Database) -> int:
    council = CouncilData(
        name_kk="Кеңес", kind=CouncilKind.COUNCIL, preset_key=SUPERVISORY_BOARD_690.key
    )
    return create_council(db, ME, council).id


def person(db: Database, surname: str, name: str = "") -> int:
    return create_person(db, ME, PersonData(surname=surname, given_name=name)).id


def position(db: Database, title: str) -> int:
    return create_position(db, ME, PositionData(title_kk=title)).id
