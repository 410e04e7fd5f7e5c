"""Ten workstations at once on one PostgreSQL database: no lost update, only explained conflicts.

Each workstation is a separate process (``tests/services/workstation_worker.py``): six
cast the ballots of six decision points while four edit the same agenda item of the next
meeting, each from the version it read, and three sign the protocol of an earlier held
meeting.  Afterwards every ballot is there, the item's version counts exactly the edits
that were accepted, the others were refused with the "changed by someone else" message,
the protocol was signed exactly once (one issued document per language, one signing in
the audit trail), and the audit trail's chain is whole.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.models.audit import AuditEvent
from app.models.conduct import Ballot
from app.models.database import Database, open_database
from app.models.meeting import AgendaItem
from app.models.protocol import IssuedDocument, Protocol
from app.services.agenda.add_item import add_item
from app.services.agenda.common import ItemData
from app.services.conduct.decisions import add_decision_point
from app.services.integrity.verify import verify_in
from tests.postgres import POSTGRES, cluster
from tests.services.conduct_helpers import ME, all_present, board_meeting
from tests.services.meeting_helpers import meeting_data

pytestmark = POSTGRES

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = 5
HELD_ON = dt.date(2024, 3, 28)
SIGNED_ON = dt.date(2024, 3, 29)


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


def signable_protocol(database: Database, members: list[int]) -> int:
    """A held meeting two weeks after the board's, every member present, its draft protocol."""
    from app.services.conduct.attendance import record_attendance
    from app.services.meetings.approve_agenda import approve_agenda
    from app.services.meetings.mark_held import mark_held
    from app.services.meetings.notify_members import notify_members
    from app.services.meetings.plan_meeting import plan_meeting
    from app.services.protocols.actions import create_protocol

    meeting = plan_meeting(database, ME, 1, meeting_data(day=HELD_ON)).meeting.id
    add_item(database, ME, meeting, ItemData(title_kk="Есеп", title_ru="Отчет", title_en="Report"))
    approve_agenda(database, ME, meeting)
    notify_members(database, ME, meeting, "kk", at=dt.datetime(2024, 3, 20, 9, tzinfo=dt.UTC))
    for person in members:
        record_attendance(database, ME, meeting, person, True, "")
    mark_held(database, ME, meeting, today=HELD_ON)
    return create_protocol(database, ME, meeting).id


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
    later = plan_meeting(database, ME, 1, meeting_data(day=dt.date(2026, 6, 15))).meeting.id
    edited = add_item(database, ME, later, ItemData(title_kk="Бастапқы", title_ru="Исходный"))
    assert edited.item_id is not None
    voters = ",".join(map(str, board.members))
    protocol = signable_protocol(database, board.members)
    signers = ("chair-a", "chair-b", "chair-c")

    running = [worker(pg_url, "ballots", point, voters, "for") for point in points]
    running += [worker(pg_url, "agenda", edited.item_id, ROUNDS, f"ws{n}") for n in range(4)]
    running += [worker(pg_url, "sign", protocol, SIGNED_ON.isoformat(), who) for who in signers]
    outcomes: list[str] = []
    for process in running:
        out, err = process.communicate(timeout=600)
        assert process.returncode == 0, err
        outcomes += out.split()

    accepted = outcomes.count("ok") - len(points) * len(board.members) - 1  # one signature
    assert outcomes.count("conflict") + outcomes.count("signed") >= len(signers) - 1
    assert outcomes.count("conflict") + accepted == 4 * ROUNDS + len(signers) - 1 - outcomes.count(
        "signed"
    )
    assert accepted >= 1
    with database.reading() as session:
        for point in points:
            cast = session.scalar(
                select(func.count()).select_from(Ballot).where(Ballot.decision_point_id == point)
            )
            assert cast == len(board.members)
        item = session.get(AgendaItem, edited.item_id)
        assert item is not None and item.version == 1 + accepted
        signed = session.get(Protocol, protocol)
        assert signed is not None and signed.state == "signed" and signed.signed_by in signers
        issued = session.scalars(
            select(IssuedDocument.lang).where(IssuedDocument.protocol_id == protocol)
        )
        assert sorted(issued) == ["kk", "ru"]
        signings = session.scalar(
            select(func.count())
            .select_from(AuditEvent)
            .where(AuditEvent.action == "protocol.sign", AuditEvent.entity_id == protocol)
        )
        assert signings == 1
        assert verify_in(session).ok
    database.close()
