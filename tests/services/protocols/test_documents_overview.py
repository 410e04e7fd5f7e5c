"""The protocols overview of a long archive: ids first, then the lines of a page."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import update

from app.domain.protocol import ProtocolState
from app.models.database import Database
from app.models.meeting import Meeting
from app.services.protocols.actions import create_protocol
from app.services.protocols.documents import (
    protocol_lines,
    protocol_meeting_ids,
    protocol_overview,
)
from tests.services.meeting_helpers import ME, make_world, plan

FIRST = date(2025, 1, 8)
TODAY = date(2025, 6, 1)


def archive(database: Database) -> tuple[list[int], list[int]]:
    """Twelve weekly meetings of two councils; the first nine held (or closed)."""
    board, ai = make_world(database), make_world(database)
    ids = [
        plan(
            database, board if week % 2 else ai, day=FIRST + timedelta(weeks=week), number=week + 1
        )
        for week in range(12)
    ]
    with database.transaction() as session:
        session.execute(update(Meeting).where(Meeting.id.in_(ids[:6])).values(state="closed"))
        session.execute(update(Meeting).where(Meeting.id.in_(ids[6:9])).values(state="held"))
    return ids, [board.council_id, ai.council_id]


def test_the_ids_are_the_held_meetings_newest_first(database: Database) -> None:
    ids, (board, _ai) = archive(database)
    held = list(reversed(ids[:9]))
    assert protocol_meeting_ids(database) == held
    assert protocol_meeting_ids(database, board) == [i for i in held if ids.index(i) % 2]
    assert [d.meeting_id for d in protocol_overview(database, TODAY)] == held


def test_the_lines_of_a_page_are_the_overview_s(database: Database) -> None:
    ids, _councils = archive(database)
    created = create_protocol(database, ME, ids[4])
    every = protocol_overview(database, TODAY)
    page = protocol_meeting_ids(database)[3:6]
    lines = protocol_lines(database, TODAY, page)
    assert [line.due for line in lines] == every[3:6]
    with_protocol = next(line for line in lines if line.due.meeting_id == ids[4])
    assert with_protocol.protocol is not None
    assert with_protocol.protocol.id == created.id
    assert with_protocol.due.state is ProtocolState.DRAFT
    assert with_protocol.protocol.issued == ()
    assert [line.protocol for line in lines if line.due.meeting_id != ids[4]] == [None, None]
    # Meetings not held, and ids of nothing, are left out; the order asked is kept.
    asked = [ids[11], ids[0], 10_000, ids[8]]
    assert [line.due.meeting_id for line in protocol_lines(database, TODAY, asked)] == [
        ids[0],
        ids[8],
    ]
    assert protocol_lines(database, TODAY, []) == []
