"""Create the demo council (seed 000's supervisory board) once, in one transaction."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.composition import SeatKind
from app.domain.council import CouncilKind
from app.domain.gender import gender_from_patronymic
from app.domain.regulation import SUPERVISORY_BOARD_690, profile_to_dict
from app.models.composition import Act, Council, Person, Position, PositionHolding, Seat
from app.models.database import Database
from app.services import demo_data as data
from app.services.base import Actor, audit
from app.services.composition_check import check_council

DEMO_NOTE = "Demo data: an invented person."


def has_demo(db: Database) -> bool:
    with db.reading() as session:
        return session.scalar(select(Council.id).where(Council.uid == data.COUNCIL_UID)) is not None


def is_empty(db: Database) -> bool:
    """Whether the database holds no council at all (a first start)."""
    with db.reading() as session:
        return not session.scalar(select(func.count()).select_from(Council))


def create_demo(db: Database, actor: Actor) -> bool:
    """Create the demo council unless it exists; return whether anything was created."""
    with db.transaction() as session:
        if session.scalar(select(Council.id).where(Council.uid == data.COUNCIL_UID)):
            return False
        council = _demo_council(session)
        edition = _demo_edition(session, council)
        positions = _demo_seats(session, council, edition, data.ACT_EDITION[2])
        _demo_succession(session, positions)
        check_council(session, council.id)
        audit(session, actor, "demo.create", council, council_id=council.id)
        return True


def _demo_council(session: Session) -> Council:
    """The supervisory board itself, with the act that created it."""
    title, number, day = data.ACT_CREATED
    council = Council(
        uid=data.COUNCIL_UID,
        kind=CouncilKind.SUPERVISORY_BOARD.value,
        name_kk=data.COUNCIL_NAMES["kk"],
        name_ru=data.COUNCIL_NAMES["ru"],
        name_en=data.COUNCIL_NAMES["en"],
        act_title=title,
        act_number=number,
        act_date=day,
        working_body_kk=data.WORKING_BODY["kk"],
        working_body_ru=data.WORKING_BODY["ru"],
        working_body_en=data.WORKING_BODY["en"],
        preset_key=SUPERVISORY_BOARD_690.key,
        profile=profile_to_dict(SUPERVISORY_BOARD_690.profile),
        is_demo=True,
    )
    session.add(council)
    session.flush()
    return council


def _demo_edition(session: Session, council: Council) -> Act:
    """The act that approved the composition in force (a new edition)."""
    title, number, day = data.ACT_EDITION
    edition = Act(
        uid=data.uid("act", 27),
        council_id=council.id,
        title=title,
        title_kk=data.ACT_TITLES[title]["kk"],
        title_ru=data.ACT_TITLES[title]["ru"],
        title_en=data.ACT_TITLES[title]["en"],
        number=number,
        act_date=day,
        note="Құрам жаңа редакцияда - ҚР Үкіметінің 26.01.2022 № 27 қаулысымен.",
    )
    session.add(edition)
    session.flush()
    return edition


def _demo_seats(session: Session, council: Council, edition: Act, day: date) -> list[Position]:
    """One ex officio seat per position, each position held by its demo person."""
    positions = []
    for index, (role, by_agreement, titles, holder) in enumerate(data.SEATS):
        position = Position(
            uid=data.uid("position", index),
            title_kk=titles[0],
            title_ru=titles[1],
            title_en=titles[2],
            is_demo=True,
        )
        person = _demo_person(data.uid("person", index), holder)
        session.add_all([position, person])
        session.flush()
        positions.append(position)
        session.add(
            PositionHolding(
                uid=data.uid("holding", index),
                position_id=position.id,
                person_id=person.id,
                valid_from=day,
            )
        )
        session.add(
            Seat(
                uid=data.uid("seat", index),
                council_id=council.id,
                role=role.value,
                kind=SeatKind.EX_OFFICIO.value,
                position_id=position.id,
                by_agreement=by_agreement,
                valid_from=day,
                sort_order=(index + 1) * 10,
                act_id=edition.id,
            )
        )
    return positions


def _demo_person(uid: str, holder: tuple[str, str, str, str]) -> Person:
    """An invented person: (surname, name, patronymic, name in Latin letters)."""
    surname, name, patronymic, latin = holder
    return Person(
        uid=uid,
        surname=surname,
        given_name=name,
        patronymic=patronymic,
        gender=gender_from_patronymic(patronymic),
        latin_name=latin,
        is_demo=True,
        note=DEMO_NOTE,
    )


def _demo_succession(session: Session, positions: list[Position]) -> None:
    """A position changes hands by a decree: the seat passes to the new holder."""
    seat_index, start, holder, act = data.SUCCESSION
    successor = _demo_person(data.uid("person", 100), holder)
    decree = Act(
        uid=data.uid("act", 112),
        title=act[0],
        title_kk=data.ACT_TITLES[act[0]]["kk"],
        title_ru=data.ACT_TITLES[act[0]]["ru"],
        title_en=data.ACT_TITLES[act[0]]["en"],
        number=act[1],
        act_date=act[2],
    )
    session.add_all([successor, decree])
    session.flush()
    previous = session.scalar(
        select(PositionHolding).where(PositionHolding.position_id == positions[seat_index].id)
    )
    assert previous is not None
    previous.valid_to = start.fromordinal(start.toordinal() - 1)
    session.add(
        PositionHolding(
            uid=data.uid("holding", 100),
            position_id=positions[seat_index].id,
            person_id=successor.id,
            valid_from=start,
            act_id=decree.id,
        )
    )
