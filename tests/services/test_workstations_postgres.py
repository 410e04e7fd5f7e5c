"""Ten workstations at once on one PostgreSQL database: no lost update, only explained conflicts.

Each workstation is a separate process (``tests/services/workstation_worker.py``): six
cast the ballots of six decision points while four edit the same agenda item of the next
meeting, each from the version it read.  Afterwards every ballot is there, the item's
version counts exactly the edits that were accepted, the others were refused with the
"changed by someone else" message, and the audit trail's chain is whole.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.models.conduct import Ballot
from app.models.database import open_database
from app.models.meeting import AgendaItem
from app.services.agenda.add_item import add_item
from app.services.agenda.common import ItemData
from app.services.conduct.decisions import add_decision_point
from app.services.integrity.verify import verify_in
from tests.postgres import cluster, find_bin
from tests.services.conduct_helpers import ME, all_present, board_meeting
from tests.services.meeting_helpers import meeting_data

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(find_bin() is None, reason="PostgreSQL server binaries not installed"),
]

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = 5


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    with cluster() as url:
        yield url


def worker(*args: object) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.services.workstation_worker", *map(str, args)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_ten_workstations_ballots_and_agenda_edits(pg_url: str) -> None:
    from app.services.meetings.plan_meeting import plan_meeting

    database = open_database(pg_url)
    board = board_meeting(database)
    all_present(database, board)
    points = [
        add_decision_point(database, ME, item, {"en": f"Decision {n}"}).id
        for item in board.items
        for n in (1, 2)
    ]
    import datetime as dt

    later = plan_meeting(database, ME, 1, meeting_data(day=dt.date(2026, 6, 15))).meeting.id
    edited = add_item(database, ME, later, ItemData(title_kk="Бастапқы", title_ru="Исходный"))
    assert edited.item_id is not None
    voters = ",".join(map(str, board.members))

    running = [worker(pg_url, "ballots", point, voters, "for") for point in points]
    running += [worker(pg_url, "agenda", edited.item_id, ROUNDS, f"ws{n}") for n in range(4)]
    outcomes: list[str] = []
    for process in running:
        out, err = process.communicate(timeout=600)
        assert process.returncode == 0, err
        outcomes += out.split()

    accepted = outcomes.count("ok") - len(points) * len(board.members)
    assert outcomes.count("conflict") + accepted == 4 * ROUNDS
    assert accepted >= 1
    with database.reading() as session:
        for point in points:
            cast = session.scalar(
                select(func.count()).select_from(Ballot).where(Ballot.decision_point_id == point)
            )
            assert cast == len(board.members)
        item = session.get(AgendaItem, edited.item_id)
        assert item is not None and item.version == 1 + accepted
        assert verify_in(session).ok
    database.close()
