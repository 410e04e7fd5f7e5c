"""Protocol instructions of every council in one query, for the Instructions page.

Reading each meeting's whole record (``live_meeting``) to find its instructions costs
about 40 ms a meeting: 80 s for an archive of 2,000 meetings.  One join of the
instructions with their decision, item and meeting reads all 10,000 of such an archive
in a fraction of a second.  The page's filters (open, overdue, a council) are conditions
of the query, and a long list is read in two steps: :func:`instruction_keys` gives every
matching instruction's id in the list's order (one light query), and
:func:`instruction_lines` reads the lines of a page of ids when they are shown; the
instructions' columns are read as plain rows instead of ORM objects.

The page itself reads less still (:class:`InstructionList`): the counts come from the
index of the open instructions by deadline (migration 0016) without joining the meetings,
and the ids one screen at a time, walking that index in order and stopping after the
screen, so the cost of the usual view does not grow with the archive's closed instructions
nor with the open ones further down the list.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

from sqlalchemy import Date, Integer, Select, and_, bindparam, select, text

from app.domain.meeting import MeetingState
from app.domain.translation import N_
from app.models.composition import Person
from app.models.conduct import DecisionPoint, ProtocolInstruction
from app.models.database import Database
from app.models.meeting import AgendaItem, Meeting
from app.services.accounts.scope import read_scope
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
        instruction.id,
    )
    with db.reading() as session:
        query = query.where(read_scope(session).meetings())  # what the account may read
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


OPEN_INDEX = "ix_protocol_instructions_open_deadline"  # migration 0016
ALL_INDEX = "ix_protocol_instructions_deadline"
_RECORDED = ", ".join(f"'{state}'" for state in RECORDED_STATES)
_UNRECORDED = ", ".join(f"'{s.value}'" for s in MeetingState if s.value not in RECORDED_STATES)
_JOINS = (
    " JOIN decision_points AS dp ON dp.id = pi.decision_point_id"
    " JOIN agenda_items AS ai ON ai.id = dp.item_id"
    " JOIN meetings AS m ON m.id = ai.meeting_id"
)
_ORDER = "m.meeting_date, m.id, ai.position, dp.number, pi.number, pi.id"
_PARAMS = (
    bindparam("today", type_=Date()),
    bindparam("overdue_on", type_=Date()),
    bindparam("council_id", type_=Integer()),
    bindparam("first", type_=Integer()),
    bindparam("limit", type_=Integer()),
)


class InstructionCounts(NamedTuple):
    """How many instructions a list shows, how many have a deadline, how many are overdue."""

    shown: int
    dated: int
    overdue: int


@dataclass(frozen=True)
class InstructionList:
    """The instructions a list shows, read a screen at a time, in :func:`instruction_keys`'s
    order: the ones with a deadline by deadline, then the ones without.

    Both parts walk an index of ``deadline`` (the open instructions' own for the usual
    view; SQLite is told which, as its planner prefers the index of ``state`` that reads
    them all) and stop after the screen; the counts read the index alone and subtract the
    instructions of meetings not held yet, which are few.  One council's counts join its
    meetings instead.
    """

    today: date
    council_id: int | None = None
    open_only: bool = False
    overdue_on: date | None = None

    def __post_init__(self) -> None:
        check_date(self.today, N_("Date"))
        if self.council_id is not None:
            check_id(self.council_id, N_("Council"))
        check_flag(self.open_only, N_("Open"))
        check_date(self.overdue_on, N_("Date"), required=False)

    def _only_open(self) -> bool:
        return self.open_only or self.overdue_on is not None

    def _conditions(self, by_meeting: bool = False) -> str:
        """The instructions' conditions; ``by_meeting``: for a query that starts from the
        meetings (the planner would otherwise start from every open instruction)."""
        state = "(pi.state || '') = 'open'" if by_meeting else "pi.state = 'open'"
        conditions = [state] if self._only_open() else []
        if self.overdue_on is not None:
            conditions.append("pi.deadline < :overdue_on")
        return " AND ".join(conditions) or "1 = 1"

    def _hint(self, db: Database) -> str:
        index = OPEN_INDEX if self._only_open() else ALL_INDEX
        return f" INDEXED BY {index}" if db.is_sqlite else ""

    def _values(self, **more: Any) -> dict[str, Any]:
        return {
            "today": self.today,
            "overdue_on": self.overdue_on,
            "council_id": self.council_id,
            **more,
        }

    def _read(self, db: Database, sql: str, **more: Any) -> list[Any]:
        query = text(sql).bindparams(*(p for p in _PARAMS if f":{p.key}" in sql))
        values = {k: v for k, v in self._values(**more).items() if f":{k}" in sql}
        with db.reading() as session:
            return list(session.connection().execute(query, values).all())

    def counts(self, db: Database) -> InstructionCounts:
        """The list's counts (one council's: a join over its meetings)."""
        measures = (
            "SELECT count(*), count(pi.deadline), coalesce(sum(CASE WHEN pi.state = 'open'"
            " AND pi.deadline < :today THEN 1 ELSE 0 END), 0)"
        )
        meetings = (
            " FROM meetings AS m JOIN agenda_items AS ai ON ai.meeting_id = m.id"
            " JOIN decision_points AS dp ON dp.item_id = ai.id"
            " JOIN protocol_instructions AS pi ON pi.decision_point_id = dp.id"
            f" WHERE {self._conditions(by_meeting=True)} AND m.state IN "
        )
        if self.council_id is not None:
            row = self._read(
                db, f"{measures}{meetings}({_RECORDED}) AND m.council_id = :council_id"
            )
            return InstructionCounts(*map(int, row[0]))
        hint = self._hint(db)
        every = self._read(
            db,
            f"SELECT count(*), count(pi.deadline) FROM protocol_instructions AS pi{hint}"
            f" WHERE {self._conditions()}",
        )[0]
        open_hint = f" INDEXED BY {OPEN_INDEX}" if db.is_sqlite else ""
        overdue = self._read(
            db,
            f"SELECT count(*) FROM protocol_instructions AS pi{open_hint}"
            f" WHERE pi.state = 'open' AND pi.deadline < :today AND {self._conditions()}",
        )[0][0]
        gone = self._read(db, f"{measures}{meetings}({_UNRECORDED})")[0]
        return InstructionCounts(
            int(every[0]) - int(gone[0]), int(every[1]) - int(gone[1]), int(overdue) - int(gone[2])
        )

    def _part(self, db: Database, dated: bool, first: int, limit: int) -> list[int]:
        if limit <= 0:
            return []
        council = " AND m.council_id = :council_id" if self.council_id is not None else ""
        deadline = "pi.deadline IS NOT NULL" if dated else "pi.deadline IS NULL"
        order = f"pi.deadline, {_ORDER}" if dated else _ORDER
        sql = (
            f"SELECT pi.id FROM protocol_instructions AS pi{self._hint(db)}{_JOINS}"
            f" WHERE {self._conditions()} AND {deadline} AND m.state IN ({_RECORDED}){council}"
            f" ORDER BY {order} LIMIT :limit OFFSET :first"
        )
        return [row[0] for row in self._read(db, sql, first=first, limit=limit)]

    def ids(self, db: Database, first: int, limit: int, dated: int) -> list[int]:
        """The ids of rows ``first`` to ``first + limit`` of the list; ``dated``: how many
        of the list's instructions have a deadline (:meth:`counts`)."""
        if first < 0 or limit < 0 or dated < 0:
            raise ValueError((first, limit, dated))
        end = first + limit
        ids = self._part(db, True, first, min(end, dated) - first)
        return ids + self._part(db, False, max(first - dated, 0), end - max(first, dated))
