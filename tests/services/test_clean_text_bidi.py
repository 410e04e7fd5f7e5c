"""Every name Kenes stores is free of bidi and control characters (issue 14, #5; clean_text)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.domain.errors import DomainError
from app.models.database import Database
from app.services.base import SYSTEM, clean_text
from app.services.councils import CouncilData, create_council
from app.services.people import PersonData, PositionData, create_person, create_position

RLO = "\u202e"
BIDI = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def files(path: Path) -> dict[str, bytes]:
    return {
        p.name: p.read_bytes() for p in (path, path.with_name(path.name + "-wal")) if p.exists()
    }


def test_the_cleaner_removes_every_bidi_control() -> None:
    assert clean_text(f"{BIDI}Әбенов{BIDI} Нұрлан{RLO}", "Surname") == "Әбенов Нұрлан"
    assert clean_text(f"{RLO}", "Surname") == ""
    with pytest.raises(DomainError):
        clean_text(RLO, "Surname", required=True)


@pytest.mark.parametrize("control", ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\x9b"])
def test_the_cleaner_refuses_c0_and_c1_controls(control: str) -> None:
    with pytest.raises(DomainError) as refused:
        clean_text(f"Әбе{control}нов", "Surname")
    assert refused.value.message() == "The field “Surname” contains control characters."


def test_people_positions_and_councils_are_stored_without_bidi_controls(
    database: Database,
) -> None:
    person = create_person(
        database, SYSTEM, PersonData(surname=f"Әбенов{RLO}vonəbƏ", given_name="\u2066Нұрлан\u2069")
    )
    assert (person.surname, person.given_name) == ("ӘбеновvonəbƏ", "Нұрлан")
    position = create_position(database, SYSTEM, PositionData(title_kk=f"Министр{RLO}ртсиниМ"))
    assert position.titles["kk"] == "МинистрртсиниМ"
    council = create_council(database, SYSTEM, CouncilData(name_kk=f"\u200fКеңес{RLO}"))
    assert council.names["kk"] == "Кеңес"


def test_a_name_with_a_control_character_is_refused_and_nothing_changes(
    database: Database, db_path: Path
) -> None:
    create_person(database, SYSTEM, PersonData(surname="Сейтқали"))
    before = files(db_path)
    with pytest.raises(DomainError) as refused:
        create_person(database, SYSTEM, PersonData(surname="Әбенов\x1b[2J"))
    assert "contains control characters" in refused.value.message()
    assert files(db_path) == before
