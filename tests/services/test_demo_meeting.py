"""demo_meeting: the demo council's held meeting, from the plan to the protocol sent."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.domain.absence import BUSINESS_TRIP
from app.domain.errors import DomainError
from app.domain.meeting import MeetingState
from app.domain.protocol import ProtocolState
from app.models.database import Database, open_database
from app.services.base import SYSTEM
from app.services.conduct.queries import live_meeting
from app.services.demo import create_demo
from app.services.demo_meeting import (
    DAY,
    DECISIONS,
    ITEMS,
    create_demo_meeting,
    has_demo_meeting,
)
from app.services.integrity.verify import verify_record
from app.services.meeting_detail import meeting_detail
from app.services.protocols.common import latest_protocol
from tests.services.conduct_helpers import counts
from tests.services.seal_helpers import copy_of


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    db = open_database(path)
    try:
        create_demo(db, SYSTEM)
        assert not has_demo_meeting(db)
        assert create_demo_meeting(db, SYSTEM)
        assert has_demo_meeting(db)
    finally:
        db.close()
    return path


@pytest.fixture
def demo(demo_file: Path, tmp_path: Path) -> Iterator[Database]:
    db = open_database(copy_of(demo_file, tmp_path / "kenes.sqlite3"))
    yield db
    db.close()


def test_the_meeting_is_closed_with_the_promised_agenda(demo: Database) -> None:
    detail = meeting_detail(demo, 1)
    assert detail.meeting.day == DAY and detail.meeting.number == 1
    assert detail.meeting.state is MeetingState.CLOSED
    for lang, index in (("kk", 0), ("ru", 1), ("en", 2)):
        assert [i.title(lang) for i in detail.agenda] == [titles[index] for titles in ITEMS]
    assert len(detail.agenda[0].speakers) == 1


def test_the_votes_show_a_majority_a_casting_vote_and_unanimity(demo: Database) -> None:
    live = live_meeting(demo, 1)
    first, tie, unanimous = (item.points[0] for item in live.items)
    assert [p.decision.texts["en"] for p in (first, tie, unanimous)] == [d[2] for d in DECISIONS]
    assert all(p.closed for p in (first, tie, unanimous))
    assert first.result is not None and (first.result.for_, first.result.against) == (11, 3)
    assert tie.result is not None and tie.result.tie and tie.result.adopted
    assert tie.result.deciding_voter_id == live.chair_id
    assert unanimous.result is not None and unanimous.result.for_ == 14
    assert len(tie.dissents) == 1 and len(first.instructions) == 1


def test_one_member_is_away_and_a_substitute_is_invited(demo: Database) -> None:
    live = live_meeting(demo, 1)
    absent = [m for m in live.members if m.attendance is not None and not m.attendance.present]
    assert len(absent) == 1 and absent[0].attendance is not None
    assert absent[0].attendance.absence_kind == BUSINESS_TRIP
    (substitute,) = live.invited
    assert substitute.instead_of_person_id == absent[0].person.id
    assert substitute.display_name("en") == "Almas Serikbayev"


def test_the_protocol_is_signed_sent_and_sealed(demo: Database) -> None:
    with demo.reading() as session:
        protocol = latest_protocol(session, 1)
        assert protocol is not None
        assert protocol.state == ProtocolState.COPIES_SENT.value
    assert verify_record(demo).ok


def test_a_second_run_changes_nothing(demo: Database) -> None:
    before = counts(demo)
    assert not create_demo_meeting(demo, SYSTEM)
    assert counts(demo) == before


def test_without_the_demo_council_nothing_is_written(database: Database) -> None:
    before = counts(database)
    with pytest.raises(DomainError):
        create_demo_meeting(database, SYSTEM)
    assert counts(database) == before and not has_demo_meeting(database)
