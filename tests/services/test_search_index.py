"""The search index in bulk: an import indexes its rows once at the end and leaves the
index the triggers would have left; the triggers always come back."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import nullcontext
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.models.database import Database, open_database
from app.services.base import SYSTEM
from app.services.exchange import merger
from app.services.exchange.apply_import import import_at_once
from app.services.search_index import new_rows_indexed_at_end, rebuild_search_index
from tests.services.exchange.exchange_helpers import exported_archive
from tests.services.exchange.test_apply_import_at_once import TINY
from tests.services.protocol_helpers import held_meeting
from tests.services.test_search import index_rows

Steps = Callable[[Session], None]


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return exported_archive(tmp_path_factory.mktemp("search-index"), TINY, "tiny")


def schema(db: Database) -> list[tuple[object, ...]]:
    with db.engine.connect() as conn:
        rows = conn.execute(text("SELECT name, sql FROM sqlite_master ORDER BY name"))
        return [tuple(r) for r in rows]


def copy_row(session: Session, table: str, row_id: int, **changed: str) -> int:
    """A copy of a row under a new id and uid (and ``changed`` columns: SQL expressions)."""
    columns = [r[1] for r in session.execute(text(f"PRAGMA table_info({table})"))]
    new_id = int(session.scalar(text(f"SELECT max(id) + 1 FROM {table}")))
    changed |= {"id": str(new_id), "uid": "lower(hex(randomblob(16)))"}
    values = [changed.get(c, c) for c in columns]
    session.execute(
        text(
            f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(values)} "
            f"FROM {table} WHERE id = {row_id}"
        )
    )
    return new_id


def edits(session: Session) -> None:
    """New rows of three kinds; one updated, one removed; an old row updated, one removed."""
    item = copy_row(session, "agenda_items", 1)
    copy_row(session, "agenda_items", 2)
    point = copy_row(session, "decision_points", 1, number="number + 100")
    opinion = copy_row(session, "dissenting_opinions", 1)
    session.execute(text(f"UPDATE agenda_items SET title_en = 'Renamed item' WHERE id = {item}"))
    session.execute(text(f"UPDATE dissenting_opinions SET text = '  ' WHERE id = {opinion}"))
    session.execute(text(f"DELETE FROM decision_points WHERE id = {point}"))
    session.execute(text("UPDATE decision_points SET text_ru = 'Новый текст' WHERE id = 2"))
    session.execute(text("DELETE FROM dissenting_opinions WHERE id = 1"))


def in_one_session(db: Database, steps: Steps, *, deferred: bool) -> None:
    with db.transaction() as session, (
        new_rows_indexed_at_end(session) if deferred else nullcontext()
    ):
        steps(session)


def test_rows_added_updated_and_removed_inside_are_indexed_as_the_triggers_do(
    tmp_path: Path,
) -> None:
    twins = [open_database(tmp_path / f"{name}.sqlite3") for name in ("deferred", "triggered")]
    try:
        for db in twins:
            held_meeting(db)
        before = schema(twins[0])
        in_one_session(twins[0], edits, deferred=True)
        in_one_session(twins[1], edits, deferred=False)
        kept = index_rows(twins[0])
        assert kept == index_rows(twins[1])
        assert any(row[1] == "Renamed item" for row in kept)
        assert schema(twins[0]) == before  # the insert triggers are back, as they were
        assert rebuild_search_index(twins[0]) == len(kept)
    finally:
        for db in twins:
            db.close()


@pytest.mark.parametrize("start", ["empty", "with a meeting of its own"])
def test_an_import_leaves_the_index_the_triggers_leave(
    exported: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, start: str
) -> None:
    deferred = open_database(tmp_path / "deferred.sqlite3")
    triggered = open_database(tmp_path / "triggered.sqlite3")
    try:
        if start != "empty":
            held_meeting(deferred)
            held_meeting(triggered)
        own = index_rows(deferred)
        before = schema(deferred)
        assert import_at_once(deferred, SYSTEM, exported)[1] is not None
        monkeypatch.setattr(merger, "new_rows_indexed_at_end", lambda session: nullcontext())
        assert import_at_once(triggered, SYSTEM, exported)[1] is not None
        kept = index_rows(deferred)
        assert len(kept) > len(own) and set(own) <= set(kept)
        assert kept == index_rows(triggered)
        assert schema(deferred) == before
    finally:
        deferred.close()
        triggered.close()


def test_the_triggers_come_back_when_the_work_inside_fails(tmp_path: Path) -> None:
    db = open_database(tmp_path / "failed.sqlite3")
    try:
        held_meeting(db)
        before, kept = schema(db), index_rows(db)
        with (
            db.transaction() as session,
            pytest.raises(RuntimeError),
            new_rows_indexed_at_end(session),
        ):
            raise RuntimeError("the import stopped")
        assert schema(db) == before
        with db.transaction() as session:  # a row added now is indexed by its trigger
            copy_row(session, "agenda_items", 1)
        assert len(index_rows(db)) == len(kept) + 3
    finally:
        db.close()
