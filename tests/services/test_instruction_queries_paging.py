"""The Instructions page's list read a screen at a time: the same rows in the same order as
the whole list, through the index of the open instructions, and no more read as the closed
instructions of the archive grow."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

import pytest
from sqlalchemy import event, text

from app.domain.errors import DomainError
from app.models.database import Database
from app.services.conduct.decisions import InstructionData, add_instruction
from app.services.instruction_queries import (
    OPEN_INDEX,
    InstructionCounts,
    InstructionList,
    instruction_keys,
)
from tests.services.conduct_helpers import ME
from tests.services.protocol_helpers import HeldMeeting, held_meeting

TODAY = date(2024, 4, 11)


def add(database: Database, held: HeldMeeting, deadlines: list[date | None]) -> None:
    for n, deadline in enumerate(deadlines):
        add_instruction(
            database,
            ME,
            held.points[n % 2],
            InstructionData(
                texts={"kk": f"Тапсырма {n}.", "ru": f"Поручение {n}.", "en": f"Task {n}."},
                executors={"kk": "ҚМ", "ru": "МФ", "en": "MoF"},
                deadline=deadline,
            ),
        )


def copy_instructions(database: Database, times: int, state: str) -> None:
    """``times`` copies of the first instruction in ``state`` (an archive's closed years)."""
    with database.engine.begin() as conn:
        columns = [
            row[1]
            for row in conn.execute(text("PRAGMA table_info(protocol_instructions)"))
            if row[1] not in ("id", "number", "state", "uid")
        ]
        listed = ", ".join(columns)
        first, top = conn.execute(
            text("SELECT min(id), max(number) FROM protocol_instructions")
        ).one()
        for n in range(times):
            conn.execute(
                text(
                    f"INSERT INTO protocol_instructions ({listed}, number, state, uid) SELECT"
                    f" {listed}, :number, :state, :uid FROM protocol_instructions WHERE id = :id"
                ),
                {"number": top + 1 + n, "state": state, "id": first, "uid": str(uuid.uuid4())},
            )


@pytest.fixture
def held(database: Database) -> HeldMeeting:
    """A held meeting with 23 instructions: 21 dated (10 overdue on TODAY), 2 undated."""
    meeting = held_meeting(database)
    days = [date(2024, 4, d) for d in range(20, 0, -1)]
    add(database, meeting, [*days[:12], None, *days[12:], None])
    return meeting


LISTS = [
    InstructionList(TODAY),
    InstructionList(TODAY, open_only=True),
    InstructionList(TODAY, overdue_on=TODAY),
    InstructionList(TODAY, council_id=1),
    InstructionList(TODAY, council_id=1, open_only=True),
    InstructionList(TODAY, council_id=999),
]


def whole(database: Database, shown: InstructionList) -> list[int]:
    return [
        key.id
        for key in instruction_keys(
            database,
            shown.today,
            council_id=shown.council_id,
            open_only=shown.open_only,
            overdue_on=shown.overdue_on,
        )
    ]


@pytest.mark.parametrize("shown", LISTS)
@pytest.mark.parametrize("size", [1, 4, 7, 50])
def test_pages_give_the_whole_list_in_its_order(
    database: Database, held: HeldMeeting, shown: InstructionList, size: int
) -> None:
    copy_instructions(database, 5, "done")
    expected = whole(database, shown)
    counts = shown.counts(database)
    assert counts.shown == len(expected)
    paged: list[int] = []
    for first in range(0, counts.shown, size):
        paged += shown.ids(database, first, size, counts.dated)
    assert paged == expected
    assert shown.ids(database, counts.shown, size, counts.dated) == []


def test_counts_say_how_many_are_shown_dated_and_overdue(
    database: Database, held: HeldMeeting
) -> None:
    copy_instructions(database, 4, "done")  # closed: counted by "all" only, never overdue
    assert InstructionList(TODAY).counts(database) == InstructionCounts(27, 25, 10)
    assert InstructionList(TODAY, open_only=True).counts(database) == InstructionCounts(23, 21, 10)
    overdue = InstructionList(TODAY, overdue_on=TODAY).counts(database)
    assert overdue == InstructionCounts(10, 10, 10)
    assert InstructionList(TODAY, council_id=1).counts(database) == InstructionCounts(27, 25, 10)
    assert InstructionList(TODAY, council_id=2).counts(database) == InstructionCounts(0, 0, 0)


def test_instructions_of_a_meeting_not_held_are_not_counted(
    database: Database, held: HeldMeeting
) -> None:
    with database.engine.begin() as conn:
        conn.execute(text("UPDATE meetings SET state = 'planned'"))
    for shown in LISTS:
        assert shown.counts(database) == InstructionCounts(0, 0, 0)
        assert shown.ids(database, 0, 50, 0) == []


@contextmanager
def statements(database: Database) -> Iterator[list[tuple[str, Any]]]:
    seen: list[tuple[str, Any]] = []

    def hook(_conn: Any, _cursor: Any, sql: str, params: Any, *_rest: Any) -> None:
        seen.append((sql, params))

    event.listen(database.engine, "before_cursor_execute", hook)
    try:
        yield seen
    finally:
        event.remove(database.engine, "before_cursor_execute", hook)


def test_the_usual_view_walks_the_index_of_open_instructions(
    database: Database, held: HeldMeeting
) -> None:
    shown = InstructionList(TODAY, open_only=True)
    with statements(database) as seen:
        counts = shown.counts(database)
        shown.ids(database, 0, 50, counts.dated)
    plans = []
    con = sqlite3.connect(database.engine.url.database or "")
    try:
        for sql, params in seen:
            plan = con.execute(f"EXPLAIN QUERY PLAN {sql}", params).fetchall()
            plans.append(" | ".join(row[-1] for row in plan))
    finally:
        con.close()
    by_index = [p for p in plans if OPEN_INDEX in p]
    assert len(by_index) == 4  # the two counts of the index, the dated and undated parts
    assert not any("SCAN pi" in p and OPEN_INDEX not in p for p in plans)
    page = next(p for p in plans if "ORDER BY" in p or "B-TREE" in p)
    assert "RIGHT PART OF ORDER BY" in page  # sorted a deadline at a time, not the whole list


@contextmanager
def vm_steps(database: Database) -> Iterator[Callable[[], int]]:
    """SQLite's virtual machine steps while inside: what a query reads, on any machine."""
    steps = [0]

    def tick() -> int:
        steps[0] += 1
        return 0

    def hook(conn: Any, *_rest: Any) -> None:
        conn.connection.driver_connection.set_progress_handler(tick, 10)

    event.listen(database.engine, "before_cursor_execute", hook)
    try:
        yield lambda: steps[0]
    finally:
        event.remove(database.engine, "before_cursor_execute", hook)


def first_screen_steps(database: Database) -> int:
    shown = InstructionList(TODAY, open_only=True)
    with vm_steps(database) as steps:
        counts = shown.counts(database)
        assert len(shown.ids(database, 0, 20, counts.dated)) == 20
        return steps()


def test_the_first_screen_reads_no_more_as_closed_instructions_grow(
    database: Database, held: HeldMeeting
) -> None:
    copy_instructions(database, 100, "done")
    before = first_screen_steps(database)
    copy_instructions(database, 1900, "done")
    copy_instructions(database, 1000, "removed")
    after = first_screen_steps(database)
    assert after <= before * 1.1, (before, after)
    # The whole list's query, for contrast, reads every row it sorts.
    with vm_steps(database) as steps:
        instruction_keys(database, TODAY)
        assert steps() > 5 * after


@pytest.mark.parametrize(
    "bad",
    [
        {"today": "today"},
        {"today": TODAY, "open_only": "yes"},
        {"today": TODAY, "council_id": "1"},
        {"today": TODAY, "council_id": 0},
        {"today": TODAY, "overdue_on": 5},
    ],
)
def test_hostile_filters_are_refused(bad: dict[str, Any]) -> None:
    with pytest.raises(DomainError):
        InstructionList(**bad)


def test_hostile_rows_are_refused(database: Database) -> None:
    with pytest.raises(ValueError):
        InstructionList(TODAY).ids(database, -1, 5, 0)
