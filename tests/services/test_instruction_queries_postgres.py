"""The Instructions page's list on PostgreSQL: the index is made, and a screen at a time
gives the whole list in its order, with the same counts as SQLite."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import text

from app.models.database import Database, open_database
from app.services.instruction_queries import OPEN_INDEX, InstructionCounts, InstructionList
from tests.postgres import POSTGRES, cluster
from tests.services.protocol_helpers import held_meeting
from tests.services.test_instruction_queries_paging import LISTS, TODAY, add, whole

pytestmark = POSTGRES


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    with cluster() as url:
        yield url


@pytest.fixture(scope="module")
def pg(pg_url: str) -> Iterator[Database]:
    db = open_database(pg_url)
    meeting = held_meeting(db)
    days = [date(2024, 4, d) for d in range(20, 0, -1)]
    add(db, meeting, [*days[:12], None, *days[12:], None])
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE protocol_instructions SET state = 'done' WHERE number % 5 = 0"))
    yield db
    db.close()


def test_the_index_is_made(pg: Database) -> None:
    with pg.engine.connect() as conn:
        found = conn.execute(
            text("SELECT indexdef FROM pg_indexes WHERE indexname = :n"), {"n": OPEN_INDEX}
        ).scalar_one()
    assert "WHERE" in found and "'open'" in found


@pytest.mark.parametrize("shown", LISTS)
@pytest.mark.parametrize("size", [1, 4, 50])
def test_pages_give_the_whole_list_in_its_order(
    pg: Database, shown: InstructionList, size: int
) -> None:
    expected = whole(pg, shown)
    counts = shown.counts(pg)
    assert counts.shown == len(expected)
    paged: list[int] = []
    for first in range(0, counts.shown, size):
        paged += shown.ids(pg, first, size, counts.dated)
    assert paged == expected


def test_counts(pg: Database) -> None:
    every = InstructionList(TODAY).counts(pg)
    assert every.shown == 23 and every.dated == 21
    opened = InstructionList(TODAY, open_only=True).counts(pg)
    assert opened.shown < every.shown
    assert InstructionList(TODAY, council_id=2).counts(pg) == InstructionCounts(0, 0, 0)
