"""Adding a member in one step: new or known person and position, the seat, every refusal."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from app.domain.composition import Role, SeatKind
from app.domain.errors import DomainError
from app.models.database import Database
from app.services.base import SYSTEM
from app.services.compositions.add_member import MemberData, add_member
from app.services.councils import CouncilData, create_council
from app.services.people import (
    ActData,
    PersonData,
    PositionData,
    appoint_to_position,
    create_person,
    create_position,
    holders,
    list_people,
    list_positions,
)
from app.services.seats import SeatData, composition

DAY = date(2022, 1, 26)
ACT = ActData(titles={"kk": "ҚР Үкіметінің қаулысы"}, number="27", act_date=DAY)


def files(path: Path) -> dict[str, bytes]:
    return {
        p.name: p.read_bytes() for p in (path, path.with_name(path.name + "-wal")) if p.exists()
    }


def refused(db_path: Path, action: Callable[[], Any]) -> DomainError:
    before = files(db_path)
    with pytest.raises(DomainError) as caught:
        action()
    assert files(db_path) == before
    return caught.value


@pytest.fixture
def council(database: Database) -> int:
    return create_council(database, SYSTEM, CouncilData(name_kk="Қамқоршылық кеңес")).id


def seat(role: Role = Role.MEMBER, kind: SeatKind = SeatKind.EX_OFFICIO, **kw: Any) -> SeatData:
    return SeatData(role=role, kind=kind, valid_from=DAY, **kw)


def test_a_new_position_and_a_new_holder_in_one_step(database: Database, council: int) -> None:
    member = MemberData(
        seat(Role.CHAIR),
        new_person=PersonData("Әбенов", "Нұрлан", "Сәкенұлы"),
        new_position=PositionData(title_kk="Премьер-Министр"),
    )
    added = add_member(database, SYSTEM, council, member, ACT)
    assert added.person_created and added.position_created
    assert added.position is not None and added.person is not None
    assert [h.person_id for h in holders(database, added.position.id)] == [added.person.id]
    (line,) = composition(database, council, DAY)
    assert line.seat.role is Role.CHAIR and line.person is not None
    assert line.person.surname == "Әбенов"
    assert line.act.number == "27"


def test_a_position_without_a_holder_is_a_vacant_ex_officio_seat(
    database: Database, council: int
) -> None:
    member = MemberData(
        seat(by_agreement=True), new_position=PositionData(title_kk="Басқарма төрағасы")
    )
    added = add_member(database, SYSTEM, council, member, ACT)
    assert added.person is None and added.seat.by_agreement
    (line,) = composition(database, council, DAY)
    assert line.vacant


def test_a_known_person_on_a_personal_seat(database: Database, council: int) -> None:
    person = create_person(database, SYSTEM, PersonData("Сәтбаева", "Әсел"))
    added = add_member(
        database, SYSTEM, council, MemberData(seat(kind=SeatKind.PERSONAL, person_id=person.id))
    )
    assert not added.person_created and added.seat.person_id == person.id


def test_refusals_leave_the_database_unchanged(
    database: Database, db_path: Path, council: int
) -> None:
    chair = MemberData(seat(Role.CHAIR), new_position=PositionData(title_kk="Премьер-Министр"))
    add_member(database, SYSTEM, council, chair, ACT)
    people, positions = len(list_people(database)), len(list_positions(database))
    # A second chair: the composition rule refuses, the new person and position are not kept.
    second = MemberData(
        seat(Role.CHAIR),
        new_person=PersonData("Тоқтаров"),
        new_position=PositionData(title_kk="Министр"),
    )
    refused(db_path, lambda: add_member(database, SYSTEM, council, second, ACT))
    # A personal seat with nobody on it.
    refused(
        db_path,
        lambda: add_member(database, SYSTEM, council, MemberData(seat(kind=SeatKind.PERSONAL))),
    )
    # A person without a surname.
    nameless = MemberData(seat(kind=SeatKind.PERSONAL), new_person=PersonData(""))
    refused(db_path, lambda: add_member(database, SYSTEM, council, nameless))
    # A position without a title.
    untitled = MemberData(seat(), new_position=PositionData())
    refused(db_path, lambda: add_member(database, SYSTEM, council, untitled))
    # Data of the wrong shape.
    refused(db_path, lambda: add_member(database, SYSTEM, council, "member"))  # type: ignore[arg-type]
    assert (len(list_people(database)), len(list_positions(database))) == (people, positions)


def test_a_position_held_by_someone_else_is_refused(
    database: Database, db_path: Path, council: int
) -> None:
    position = create_position(database, SYSTEM, PositionData(title_kk="Алматы қаласының әкімі"))
    holder = create_person(database, SYSTEM, PersonData("Құрманов"))
    appoint_to_position(database, SYSTEM, position.id, holder.id, date(2021, 1, 1))
    member = MemberData(seat(position_id=position.id), new_person=PersonData("Мұхамеджанов"))
    error = refused(db_path, lambda: add_member(database, SYSTEM, council, member, ACT))
    assert "Құрманов" in error.message()
