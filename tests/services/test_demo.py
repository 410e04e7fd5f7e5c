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
    assert lines[0].act.label("kk").endswith("26.01.2022 № 27")


def test_running_demo_twice_changes_nothing(database: Database) -> None:
    assert create_demo(database, SYSTEM)
    before = counts(database)
    assert not create_demo(database, SYSTEM)
    assert counts(database) == before
    assert has_demo(database)


def test_demo_meeting_walks_the_whole_path_once(database: Database) -> None:
    from app.domain.protocol import ProtocolState
    from app.services.conduct.queries import live_meeting
    from app.services.demo_meeting import create_demo_meeting
    from app.services.protocols.documents import protocol_snapshot
    from tests.services.conduct_helpers import counts as all_counts

    create_demo(database, SYSTEM)
    assert create_demo_meeting(database, SYSTEM)
    before = all_counts(database)
    assert not create_demo_meeting(database, SYSTEM)
    assert all_counts(database) == before
    live = live_meeting(database, 1)
    tie = live.items[1].points[0]
    assert tie.closed and tie.result is not None and tie.result.tie and tie.result.adopted
    assert len(tie.dissents) == 1
    snap = protocol_snapshot(database, 1, "kk")
    assert snap.dissents and snap.number == "1"
    from app.models.protocol import Protocol
    from app.services.protocols.common import ProtocolInfo  # noqa: F401

    with database.reading() as session:
        row = session.get(Protocol, 1)
        assert row is not None and row.state == ProtocolState.COPIES_SENT.value
