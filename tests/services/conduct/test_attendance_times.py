"""The clock time of a late arrival or an early departure: recorded, checked, printed."""

from __future__ import annotations

import sqlite3
from datetime import time
from pathlib import Path

import pytest

from app.domain.errors import DomainError
from app.i18n import translations
from app.models.database import Database, open_database, upgrade
from app.services.conduct.attendance import (
    record_arrival,
    record_attendance,
    record_departure,
)
from app.services.conduct.queries import live_meeting
from app.services.protocols.item_attendance import item_attendance
from tests.services.conduct_helpers import ME, all_present, board_meeting


def test_times_are_kept_with_the_arrival_and_the_departure(database: Database) -> None:
    board = board_meeting(database)
    all_present(database, board)
    late, early = board.members[5], board.members[6]
    info = record_arrival(database, ME, board.meeting_id, late, board.items[1], time(10, 40, 12))
    assert info.arrived_at == time(10, 40) and info.left_at is None  # minutes only
    info = record_departure(database, ME, board.meeting_id, late, board.items[1], time(11, 5))
    assert (info.arrived_at, info.left_at) == (time(10, 40), time(11, 5))
    record_departure(database, ME, board.meeting_id, early, board.items[0], time(10, 30))

    live = live_meeting(database, board.meeting_id)
    names = {m.person.id: m.person.full_name("en") for m in live.members}
    notes = item_attendance(live, "en", translations("en"))
    assert notes[1].notes == (
        f"{names[late]} arrived at 10:40, before this item was considered.",
        f"{names[early]} left the meeting at 10:30, after item 1 was considered.",
    )
    assert notes[2].notes == (
        f"{names[late]} left the meeting at 11:05, after item 2 was considered.",
    )
    for lang in ("kk", "ru"):
        text = " ".join(
            n for section in item_attendance(live, lang, translations(lang)) for n in section.notes
        )
        assert "10:40" in text and "11:05" in text and "arrived" not in text


def test_a_time_goes_with_a_late_arrival_or_an_early_departure_only(database: Database) -> None:
    board = board_meeting(database)
    all_present(database, board)
    person = board.members[4]
    # Present from the start, or staying to the end: no time to keep.
    info = record_arrival(database, ME, board.meeting_id, person, None, time(10, 0))
    assert info.arrived_at is None
    info = record_departure(database, ME, board.meeting_id, person, board.items[-1], time(12, 0))
    assert info.left_at is None
    # Marking the member present for the whole meeting again clears both.
    record_arrival(database, ME, board.meeting_id, person, board.items[1], time(10, 40))
    info = record_attendance(database, ME, board.meeting_id, person, True)
    assert (info.arrived_at, info.left_at) == (None, None)


def test_leaving_before_arriving_is_refused(database: Database) -> None:
    board = board_meeting(database)
    all_present(database, board)
    person = board.members[4]
    record_arrival(database, ME, board.meeting_id, person, board.items[1], time(10, 40))
    with pytest.raises(DomainError, match="before arriving"):
        record_departure(database, ME, board.meeting_id, person, board.items[1], time(10, 20))
    with pytest.raises(DomainError, match="not a time of day"):
        record_departure(database, ME, board.meeting_id, person, board.items[1], "11:00")  # type: ignore[arg-type]


def test_migration_0008_adds_empty_times_and_keeps_every_attendance(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    db = open_database(path, migrate=False)
    upgrade(db, "0007_people_languages")
    db.close()
    con = sqlite3.connect(path)
    con.execute(
        "INSERT INTO attendance (id, meeting_id, person_id, present, absence_reason, "
        "arrived_before_item, left_after_item, created_at, uid, version) "
        "VALUES (1, 1, 1, 1, '', 1, 2, '2024-03-14 10:00:00', 'u1', 1)"
    )
    con.commit()
    before = con.execute("SELECT * FROM attendance").fetchall()
    con.close()
    db = open_database(path, migrate=False)
    upgrade(db, "0008_record_completeness")
    db.close()
    con = sqlite3.connect(path)
    columns = [row[1] for row in con.execute("PRAGMA table_info(attendance)")]
    rows = con.execute("SELECT * FROM attendance").fetchall()
    con.close()
    assert columns[-2:] == ["arrived_at", "left_at"]
    assert [row[:-2] for row in rows] == before and rows[0][-2:] == (None, None)


def test_times_and_a_vote_without_a_quorum_survive_an_exchange(
    database: Database, tmp_path: Path
) -> None:
    from sqlalchemy import select

    from app.models.conduct import Attendance, DecisionPoint
    from app.services.base import SYSTEM
    from app.services.conduct.voting import close_voting
    from app.services.exchange.apply_import import apply_import
    from app.services.exchange.export_archive import export_archive
    from app.services.exchange.plan_import import plan_import
    from app.services.exchange.read_archive import read_archive
    from tests.services.quorum_helpers import quorum_meeting, vote_all_for

    board = quorum_meeting(database)  # two leave after item 1: no quorum at item 2
    record_departure(database, ME, board.meeting_id, board.members[7], board.items[0], time(11))
    close_voting(database, ME, vote_all_for(database, board, 1), without_quorum=True)
    export_archive(database, tmp_path / "a.kenes.zip")
    target = open_database(tmp_path / "t.sqlite3")
    try:
        plan = plan_import(target, read_archive(tmp_path / "a.kenes.zip"))
        assert plan.ok, plan.problems
        apply_import(target, SYSTEM, plan)
        with database.reading() as one, target.reading() as two:
            times = {(a.uid, a.arrived_at, a.left_at) for a in one.scalars(select(Attendance))}
            copied = {(a.uid, a.arrived_at, a.left_at) for a in two.scalars(select(Attendance))}
            assert times == copied and (time(11) in {t[2] for t in copied})
            point = two.scalar(select(DecisionPoint).where(DecisionPoint.state == "closed"))
            assert point is not None and point.without_quorum and point.frozen is not None
            assert point.frozen["result"]["reason"] == "no_quorum"
            assert not point.frozen["result"]["adopted"]
    finally:
        target.close()
