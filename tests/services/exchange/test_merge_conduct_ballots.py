"""The conduct checks read a meeting's ballots in one query: the same ballots, every point."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.voting import Choice
from app.models.conduct import DecisionPoint
from app.models.database import open_database
from app.models.meeting import Meeting
from app.services.base import SYSTEM
from app.services.conduct import common
from app.services.conduct.common import ballots_of, frame
from app.services.exchange.apply_import import import_at_once
from app.services.exchange.export_archive import export_archive
from app.services.exchange.merge_conduct import ConductRows
from bench.archive import Scale, generate

SMALL = Scale(
    councils=2,
    years=1,
    meetings=4,
    items=12,
    points=24,
    ballots=240,
    dissents=2,
    instructions=4,
    large_council=12,
)


def test_ballots_read_at_once_equal_those_read_point_by_point(tmp_path: Path) -> None:
    generate(tmp_path / "small.sqlite3", SMALL)
    source = open_database(tmp_path / "small.sqlite3")
    try:
        export_archive(source, tmp_path / "small.kenes.zip")
    finally:
        source.close()
    db = open_database(tmp_path / "imported.sqlite3")
    plan, result = import_at_once(db, SYSTEM, tmp_path / "small.kenes.zip")
    assert plan.ok and result is not None
    compared = 0
    with db.reading() as session:
        for meeting_id in session.scalars(select(Meeting.id)):
            found = ConductRows.load(session, frame(session, meeting_id))
            assert set(found.ballots) <= {p.id for p in found.points}
            for point in found.points:
                assert found.cast(point.id) == ballots_of(session, point.id)
                compared += len(found.cast(point.id))
        assert compared == SMALL.ballots
        assert session.scalar(select(DecisionPoint.id).limit(1)) is not None
    db.close()


def test_the_checks_count_closed_votes_with_the_ballots_read_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No query per decision point: the result and the frozen record of each closed vote
    are counted from the meeting's ballots read at once, and agree with the file's."""
    generate(tmp_path / "small.sqlite3", SMALL)
    source = open_database(tmp_path / "small.sqlite3")
    try:
        export_archive(source, tmp_path / "small.kenes.zip")
    finally:
        source.close()

    def point_by_point(session: Session, point_id: int) -> dict[int, Choice]:
        raise AssertionError(f"the ballots of point {point_id} read one by one")

    monkeypatch.setattr(common, "ballots_of", point_by_point)
    db = open_database(tmp_path / "imported.sqlite3")
    try:
        plan, result = import_at_once(db, SYSTEM, tmp_path / "small.kenes.zip")
        assert plan.ok and result is not None
        monkeypatch.undo()
        with db.reading() as session:
            closed = list(
                session.scalars(select(DecisionPoint).where(DecisionPoint.state == "closed"))
            )
            assert closed and all(p.frozen for p in closed)
            for point in closed:
                fr, index = common.point_frame(session, point)
                records = common.attendance_records(session, fr.meeting.id)
                cast = ballots_of(session, point.id)
                assert common.live_result(session, point, fr, records, index, cast) == (
                    common.live_result(session, point, fr, records, index)
                )
                assert point.frozen["ballots"] == {str(k): v.value for k, v in sorted(cast.items())}
    finally:
        db.close()
