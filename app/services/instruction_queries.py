"""Protocol instructions of every council in one query, for the Instructions page.

Reading each meeting's whole record (``live_meeting``) to find its instructions costs
about 40 ms a meeting: 80 s for an archive of 2,000 meetings.  One join of the
instructions with their decision, item and meeting reads all 10,000 of such an archive
in a fraction of a second.  The page's filters (open, overdue, a council) are conditions
of the query, and a long list is read in two steps: :func:`instruction_keys` gives every
matching instruction's id in the list's order (one light query), and
:func:`instruction_lines` reads the lines of a page of ids when they are shown; the
instructions' columns are read as plain rows instead of ORM objects.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

from sqlalchemy import Select, and_, select

from app.domain.meeting import MeetingState
from app.domain.translation import N_
from app.models.composition import Person
from app.models.conduct import DecisionPoint, ProtocolInstruction
from app.models.database import Database
from app.models.meeting import AgendaItem, Meeting
from app.services.base import check_date, check_flag, check_id
from app.services.conduct.decisions import InstructionInfo, instruction_info
from app.services.people import PersonInfo, person_info

RECORDED_STATES = (MeetingState.HELD.value, MeetingState.CLOSED.value)


@dataclass(frozen=True)
class InstructionLine:
    """An instruction with where it was given: meeting, agenda item and decision."""

    instruction: InstructionInfo
    meeting_id: int
    meeting_number: int
    meeting_day: date
    council_id: int
    number: str  # "2.1.1": item, decision, instruction
    executor_person: PersonInfo | None


class InstructionKey(NamedTuple):
    """An instruction in a list: its id, and whether it is overdue (for the list's summary).

    A named tuple: a list holds one per instruction (10,000 on a 15-year archive).
    """

    id: int
    overdue: bool


CHUNK = 500
"""Ids read at once by :func:`list_instructions` (SQLite limits the variables of a query)."""


def _filtered(
    query: Select[Any],
    council_id: int | None,
    open_only: bool,
    overdue_on: date | None,
) -> Select[Any]:
    if council_id is not None:
        check_id(council_id, N_("Council"))
    check_flag(open_only, N_("Open"))
    check_date(overdue_on, N_("Date"), required=False)
    instruction = ProtocolInstruction.__table__.c
    query = (
        query.join(DecisionPoint, DecisionPoint.id == instruction.decision_point_id)
        .join(AgendaItem, AgendaItem.id == DecisionPoint.item_id)
        .join(Meeting, Meeting.id == AgendaItem.meeting_id)
        .where(Meeting.state.in_(RECORDED_STATES))
    )
    if council_id is not None:
        query = query.where(Meeting.council_id == council_id)
    if open_only or overdue_on is not None:
        query = query.where(instruction.state == "open")
    if overdue_on is not None:
        query = query.where(instruction.deadline < overdue_on)
    return query


def instruction_keys(
    db: Database,
    today: date,
    *,
    council_id: int | None = None,
    open_only: bool = False,
    overdue_on: date | None = None,
) -> list[InstructionKey]:
    """The matching instructions in the list's order: deadline (none last), then meeting
    date, item, decision and instruction number; "overdue" counts from ``today``.

    ``council_id`` keeps one council's; ``open_only`` the open ones; ``overdue_on`` the
    open ones whose deadline is before that day.
    """
    check_date(today, N_("Date"))
    instruction = ProtocolInstruction.__table__.c
    overdue = and_(instruction.state == "open", instruction.deadline < today)
    query = _filtered(
        select(instruction.id, overdue.label("overdue")), council_id, open_only, overdue_on
    ).order_by(
        instruction.deadline.is_(None),
        instruction.deadline,
        Meeting.meeting_date,
        Meeting.id,
        AgendaItem.position,
        DecisionPoint.number,
        instruction.number,
    )
    with db.reading() as session:
        rows = session.connection().execute(query).all()  # plain rows: no ORM step
        return [InstructionKey(key, bool(overdue)) for key, overdue in rows]


def instruction_lines(db: Database, ids: Sequence[int]) -> list[InstructionLine | None]:
    """The lines of these instructions, in the order of ``ids`` (None: not found)."""
    for key in ids:
        check_id(key, N_("Protocol instruction"))
    instruction = ProtocolInstruction.__table__.c
    query = _filtered(
        select(
            *instruction,
            DecisionPoint.number.label("point_number"),
            AgendaItem.position.label("item_position"),
            Meeting.id.label("meeting_id"),
            Meeting.number.label("meeting_number"),
            Meeting.meeting_date,
            Meeting.council_id,
        ),
        None,
        False,
        None,
    ).where(instruction.id.in_(list(ids)))
    with db.reading() as session:
        rows = session.execute(query).all()
        executors = {r.executor_person_id for r in rows if r.executor_person_id}
        people = (
            {
                p.id: person_info(p)
                for p in session.scalars(select(Person).where(Person.id.in_(executors)))
            }
            if executors
            else {}
        )
        found = {
            row.id: InstructionLine(
                instruction=instruction_info(row),
                meeting_id=row.meeting_id,
                meeting_number=row.meeting_number,
                meeting_day=row.meeting_date,
                council_id=row.council_id,
                number=f"{row.item_position + 1}.{row.point_number}.{row.number}",
                executor_person=people.get(row.executor_person_id or 0),
            )
            for row in rows
        }
    return [found.get(key) for key in ids]


def list_instructions(
    db: Database,
    today: date,
    *,
    council_id: int | None = None,
    open_only: bool = False,
    overdue_on: date | None = None,
) -> list[InstructionLine]:
    """Every matching instruction's line, in the order of :func:`instruction_keys`."""
    ids = [
        key.id
        for key in instruction_keys(
            db, today, council_id=council_id, open_only=open_only, overdue_on=overdue_on
        )
    ]
    lines: list[InstructionLine] = []
    for first in range(0, len(ids), CHUNK):
        lines.extend(
            line for line in instruction_lines(db, ids[first : first + CHUNK]) if line is not None
        )
    return lines
