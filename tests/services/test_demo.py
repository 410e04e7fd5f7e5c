"""The demo council: seed 000's supervisory board, created once."""

from __future__ import annotations

from datetime import date

from app.domain.composition import Role
from app.models.database import Database
from app.services.base import SYSTEM
from app.services.councils import list_councils
from app.services.demo import create_demo, has_demo
from app.services.seats import composition
from tests.services.helpers import counts


def test_demo_council_follows_the_seed(database: Database) -> None:
    assert create_demo(database, SYSTEM)
    council = list_councils(database)[0]
    assert council.is_demo and council.act_number == "690"
    lines = composition(database, council.id, date(2022, 1, 26))
    assert len(lines) == 15  # the seed's annex lists fifteen seats
    assert [line.seat.role for line in lines[:3]] == [Role.CHAIR, Role.DEPUTY_CHAIR, Role.SECRETARY]
    assert lines[0].position is not None
    assert lines[0].position.title("kk") == "Қазақстан Республикасының Премьер-Министрі"
    assert sum(line.seat.by_agreement for line in lines) == 11
    assert all(line.person is not None and line.person.is_demo for line in lines)
    assert lines[0].act.endswith("26.01.2022 № 27")


def test_running_demo_twice_changes_nothing(database: Database) -> None:
    assert create_demo(database, SYSTEM)
    before = counts(database)
    assert not create_demo(database, SYSTEM)
    assert counts(database) == before
    assert has_demo(database)
