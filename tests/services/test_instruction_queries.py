"""The instructions of every council: filters in the query, keys first, lines by page."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.errors import DomainError
from app.models.database import Database
from app.services.conduct.decisions import InstructionData, add_instruction
from app.services.instruction_queries import (
    instruction_keys,
    instruction_lines,
    list_instructions,
)
from tests.services.conduct_helpers import ME
from tests.services.protocol_helpers import held_meeting

MARCH, JUNE = date(2024, 3, 15), date(2024, 6, 3)


@pytest.fixture
def two(database: Database) -> list[int]:
    """The demo board's held meeting: 1.1.1 due 1 June 2024, 2.1.1 due 1 April 2024."""
    held = held_meeting(database)
    add_instruction(
        database,
        ME,
        held.points[1],
        InstructionData(
            texts={"kk": "Көзін табу.", "ru": "Найти источник.", "en": "Find the source."},
            executors={"kk": "ҚМ", "ru": "МФ", "en": "MoF"},
            deadline=date(2024, 4, 1),
        ),
    )
    return [line.instruction.id for line in list_instructions(database, MARCH)]


def test_keys_come_in_deadline_order_and_say_which_are_overdue(
    database: Database, two: list[int]
) -> None:
    keys = instruction_keys(database, date(2024, 4, 10))
    assert [k.overdue for k in keys] == [True, False]  # 1 April is past, 1 June is not
    assert [line.number for line in list_instructions(database, MARCH)] == ["2.1.1", "1.1.1"]


def test_filters_are_conditions_of_the_query(database: Database, two: list[int]) -> None:
    assert len(instruction_keys(database, JUNE, overdue_on=date(2024, 4, 10))) == 1
    assert len(instruction_keys(database, JUNE, overdue_on=JUNE)) == 2
    assert len(instruction_keys(database, JUNE, council_id=1)) == 2
    assert instruction_keys(database, JUNE, council_id=999) == []
    assert len(instruction_keys(database, JUNE, open_only=True)) == 2


def test_lines_come_in_the_order_asked_and_none_for_an_unknown_id(
    database: Database, two: list[int]
) -> None:
    first, second = two
    lines = instruction_lines(database, [second, 999_999, first])
    assert lines[1] is None
    assert [line.instruction.id for line in (lines[0], lines[2]) if line] == [second, first]
    assert lines[2] is not None and lines[2].executor_person is None


@pytest.mark.parametrize("bad", [0, -1, True, "1", None, 2**70])
def test_hostile_ids_are_refused(database: Database, bad: object) -> None:
    with pytest.raises(DomainError):
        instruction_lines(database, [bad])  # type: ignore[list-item]


def test_hostile_filters_are_refused(database: Database) -> None:
    with pytest.raises(DomainError):
        instruction_keys(database, "today")  # type: ignore[arg-type]
    with pytest.raises(DomainError):
        instruction_keys(database, JUNE, open_only="yes")  # type: ignore[arg-type]
    with pytest.raises(DomainError):
        instruction_keys(database, JUNE, council_id="1")  # type: ignore[arg-type]
