"""One ballot's statements on PostgreSQL (each one a round trip from a workstation).

The same checks as ``test_voting_cost.py``: few statements, the ballot's frame equal to
the meeting's, the same refusals; and the composition read in one statement equal to the
rules' reading on every day it changes.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.domain.composition import change_dates, composition_on
from app.models.composition import Council
from app.models.database import Database, open_database
from app.services.composition_check import council_seat_facts, holding_facts
from app.services.meetings.common import members_on
from tests.postgres import POSTGRES, cluster
from tests.services.conduct.test_voting_cost import (
    MOST_STATEMENTS,
    few_statements,
    held_board,
    same_frame,
    same_refusals,
)

pytestmark = POSTGRES

# PostgreSQL: no BEGIN statement, but the chain's advisory lock and the change notice.
MOST_ON_POSTGRES = MOST_STATEMENTS + 1


@pytest.fixture(scope="module")
def pg_database() -> Iterator[Database]:
    with cluster() as url:
        db = open_database(url)
        try:
            yield db
        finally:
            db.close()


def test_a_ballot_on_postgresql(pg_database: Database) -> None:
    board = held_board(pg_database, items=4)
    few_statements(pg_database, board, MOST_ON_POSTGRES)
    same_frame(pg_database, board)
    same_refusals(pg_database, board)
    with pg_database.reading() as session:
        for council_id in session.scalars(select(Council.id)):
            seats = council_seat_facts(session, council_id)
            positions = {s.position_id for s in seats if s.position_id is not None}
            holdings = holding_facts(session, positions)
            for day in change_dates(seats, holdings):
                for moment in (day - timedelta(days=1), day, day + timedelta(days=1)):
                    expected = composition_on(moment, seats, holdings)
                    assert members_on(session, council_id, moment) == expected
