"""The conduct checks read the rows of a chunk of meetings at once: each meeting is handed
what ``ConductRows.load`` reads for it alone, in a few statements per chunk."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from app.models.database import Database, open_database
from app.models.meeting import Meeting
from app.services.base import SYSTEM
from app.services.conduct.common import MeetingFrame, frame
from app.services.exchange import merge_conduct
from app.services.exchange.apply_import import import_at_once
from app.services.exchange.merge_conduct import ConductChecks, ConductRows, RowsAhead
from tests.services.exchange.exchange_helpers import exported_archive
from tests.services.exchange.test_merge_conduct_ballots import SMALL

SEVERAL = replace(SMALL, meetings=6)  # six meetings: more than one chunk of two


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An archive of several meetings, each with its attendance, votes and opinions."""
    return exported_archive(tmp_path_factory.mktemp("conduct_rows"), SEVERAL, "several")


def _ids(rows: ConductRows) -> tuple[list[int], ...]:
    lists = (rows.attendance, rows.invited, rows.points, rows.dissents, rows.instructions)
    return tuple([row.id for row in each] for each in lists)


def _import(db: Database, archive: Path) -> None:
    plan, result = import_at_once(db, SYSTEM, archive)
    assert plan.ok and not plan.problems and result is not None


def test_rows_of_a_chunk_equal_those_read_meeting_by_meeting(tmp_path: Path, archive: Path) -> None:
    db = open_database(tmp_path / "imported.sqlite3")
    try:
        _import(db, archive)
        with db.reading() as session:
            meeting_ids = sorted(session.scalars(select(Meeting.id)))
            assert len(meeting_ids) == SEVERAL.meetings
            missing = max(meeting_ids) + 1  # a meeting with no rows gets empty ones
            chunk = ConductRows.load_many(session, [*meeting_ids, missing])
            assert list(chunk) == [*meeting_ids, missing]
            assert chunk[missing] == ConductRows([], [], [], [], [], {})
            ballots = 0
            for meeting_id in meeting_ids:
                alone = ConductRows.load(session, frame(session, meeting_id))
                assert chunk[meeting_id] == alone  # the same session rows, the same ballots
                assert _ids(chunk[meeting_id]) == _ids(alone)
                assert all(ids == sorted(ids) for ids in _ids(alone))
                assert list(chunk[meeting_id].ballots) == list(alone.ballots)
                for point_id, cast in alone.ballots.items():
                    assert list(chunk[meeting_id].cast(point_id).items()) == list(cast.items())
                ballots += sum(len(cast) for cast in alone.ballots.values())
            assert ballots == SEVERAL.ballots
            assert all(_ids(chunk[m])[2] for m in meeting_ids)  # every meeting has points
    finally:
        db.close()


@pytest.mark.parametrize("size", [1, 2, 4, 100])
def test_each_meeting_is_handed_what_load_reads_for_it(
    tmp_path: Path, archive: Path, monkeypatch: pytest.MonkeyPatch, size: int
) -> None:
    """In the import itself, chunk after chunk: the rows handed to the checks of each
    meeting are those ``load`` reads for it there and then, and every meeting gets them."""
    monkeypatch.setattr(merge_conduct, "CHUNK", size)
    handed: list[int] = []
    conduct_rows = ConductChecks._conduct_rows

    def compared(self: ConductChecks, fr: MeetingFrame) -> ConductRows:
        found = conduct_rows(self, fr)
        assert found == ConductRows.load(self.session, fr)
        assert self._rows_ahead is not None and len(self._rows_ahead.rows) < size
        handed.append(fr.meeting.id)
        return found

    monkeypatch.setattr(ConductChecks, "_conduct_rows", compared)
    db = open_database(tmp_path / "imported.sqlite3")
    try:
        _import(db, archive)
        with db.reading() as session:
            assert handed == sorted(session.scalars(select(Meeting.id)))
    finally:
        db.close()


@pytest.mark.parametrize("size", [2, 3, 100])
def test_a_chunk_is_read_in_as_many_statements_whatever_its_meetings(
    tmp_path: Path, archive: Path, monkeypatch: pytest.MonkeyPatch, size: int
) -> None:
    """Six statements a chunk (one per table), however many meetings the chunk holds, and
    no meeting's rows read alone."""
    monkeypatch.setattr(merge_conduct, "CHUNK", size)
    statements: list[int] = []  # per chunk read
    reading = [False]
    load_many = ConductRows.load_many.__func__  # type: ignore[attr-defined]

    def counted(cls: type[ConductRows], session: Session, ids: Any) -> dict[int, ConductRows]:
        statements.append(0)
        reading[0] = True
        try:
            return load_many(cls, session, ids)  # type: ignore[no-any-return]
        finally:
            reading[0] = False

    def count(*_args: Any) -> None:
        if reading[0]:
            statements[-1] += 1

    def one_meeting(*_args: Any) -> ConductRows:
        raise AssertionError("the rows of one meeting read alone")

    monkeypatch.setattr(ConductRows, "load_many", classmethod(counted))
    monkeypatch.setattr(ConductRows, "load", one_meeting)
    db = open_database(tmp_path / "imported.sqlite3")
    event.listen(db.engine, "before_cursor_execute", count)
    try:
        _import(db, archive)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
        db.close()
    assert statements == [6] * -(-SEVERAL.meetings // size)


def test_rows_ahead_start_over_when_the_checks_do(monkeypatch: pytest.MonkeyPatch) -> None:
    """A meeting asked for again (a second pass) is read again, never taken from an old chunk."""
    reads: list[list[int]] = []

    def load_many(_session: Session, ids: list[int]) -> dict[int, ConductRows]:
        reads.append(list(ids))
        return {m: ConductRows([], [], [], [], [], {m: {}}) for m in ids}

    monkeypatch.setattr(ConductRows, "load_many", load_many)
    ahead = RowsAhead(3)
    session: Any = None
    meetings = {9, 3, 5, 7, 1}
    for meeting_id in (1, 3, 5, 7, 9):
        assert ahead.take(session, meeting_id, meetings).ballots == {meeting_id: {}}
    assert reads == [[1, 3, 5], [7, 9]]
    ahead.take(session, 3, meetings)
    ahead.take(session, 5, meetings)
    assert reads[2:] == [[3, 5, 7]]
    ahead.take(session, 9, meetings)  # 7 is skipped (its meeting not checked): 9 not yet read
    assert reads[3:] == [[9]]
    assert ahead.rows == {}
