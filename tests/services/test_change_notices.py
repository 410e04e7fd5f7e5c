"""change_notices: the payload other workstations receive, and no channel on SQLite."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event

from app.models.database import Database
from app.services.base import Actor
from app.services.change_notices import CHANNEL, PROCESS, notify, parse
from app.services.people import PersonData, create_person


def test_a_payload_is_read_back_into_process_and_kind() -> None:
    assert parse(f"{PROCESS}:people") == (PROCESS, "people")
    assert parse("abc:") == ("abc", "")
    assert parse("no-kind") == ("no-kind", "")
    assert parse("abc:audit:events") == ("abc", "audit:events")  # only the first colon splits


def test_this_process_has_one_short_identity() -> None:
    assert len(PROCESS) == 12 and int(PROCESS, 16) >= 0
    assert ":" not in PROCESS and CHANNEL == "kenes_changes"


def test_sqlite_sends_no_notification(database: Database) -> None:
    statements: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(database.engine, "before_cursor_execute", record)
    try:
        with database.transaction() as session:
            notify(session, "people")
        create_person(database, Actor("secretary"), PersonData(surname="Әбенов"))
    finally:
        event.remove(database.engine, "before_cursor_execute", record)
    assert statements  # the write itself ran
    assert not [s for s in statements if "pg_notify" in s]
