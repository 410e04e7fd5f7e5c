"""The rows a seal covers (scheme 1): what a signed meeting's record says, row by row.

The tables are described here as they stand at schema revision 0011, not through the
ORM models, because this is a contract: a scheme-1 seal made today is verified with
these very queries later, and migration 0011 seals the meetings signed before it with
them.  A change of what is sealed is a new scheme (a new module), never an edit here.

Rows are named by uids (a meeting's record keeps them across export and import), and
located for a reader by item, decision point, member and language.  What may change
after signing is left out: the meeting's and the protocol's state (closing the meeting,
sending copies), the copies sent, the state of instructions (their execution is
followed afterwards), row versions and bookkeeping times.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import compress
from operator import attrgetter
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection

from app.domain.seal import SealRow

LANGS = ("kk", "ru", "en")
# How many ids one query asks for (SQLite and PostgreSQL both take this many parameters).
CHUNK = 500


def _t(name: str, *columns: tuple[str, Any]) -> sa.TableClause:
    return sa.table(name, *(sa.column(c, t) for c, t in columns))


def _texts(prefix: str) -> tuple[tuple[str, Any], ...]:
    return tuple((f"{prefix}_{lang}", sa.Text) for lang in LANGS)


_I, _S, _B = sa.Integer, sa.String, sa.Boolean
MEETINGS = _t(
    "meetings",
    ("id", _I),
    ("uid", _S),
    ("council_id", _I),
    ("kind", _S),
    ("number", _I),
    ("year", _I),
    ("meeting_date", sa.Date),
    ("starts_at", sa.Time),
    ("ends_at", sa.Time),
    *_texts("place"),
    ("presiding_person_id", _I),
)
COUNCILS = _t("councils", ("id", _I), ("uid", _S))
PEOPLE = _t("people", ("id", _I), ("uid", _S))
ITEMS = _t(
    "agenda_items",
    ("id", _I),
    ("uid", _S),
    ("meeting_id", _I),
    ("position", _I),
    *_texts("title"),
    *_texts("responsible"),
    ("is_instructions_report", _B),
)
ATTENDANCE = _t(
    "attendance",
    ("uid", _S),
    ("meeting_id", _I),
    ("person_id", _I),
    ("present", _B),
    ("absence_reason", sa.Text),
    ("absence_kind", _S),
    *_texts("absence_reason"),
    ("arrived_before_item", _I),
    ("left_after_item", _I),
    ("arrived_at", sa.Time),
    ("left_at", sa.Time),
)
INVITED = _t(
    "invited_persons",
    ("uid", _S),
    ("meeting_id", _I),
    ("person_id", _I),
    ("name", sa.Text),
    ("latin_name", sa.Text),
    *_texts("position"),
    *_texts("organisation"),
    ("role", _S),
    ("instead_of_person_id", _I),
    ("sort_order", _I),
)
POINTS = _t(
    "decision_points",
    ("id", _I),
    ("uid", _S),
    ("item_id", _I),
    ("number", _I),
    *_texts("text"),
    ("mode", _S),
    ("state", _S),
    ("count_for", _I),
    ("count_against", _I),
    ("count_abstained", _I),
    ("presiding_choice", _S),
    ("chair_choice", _S),
    ("frozen", sa.JSON),
    ("without_quorum", _B),
)
BALLOTS = _t("ballots", ("decision_point_id", _I), ("person_id", _I), ("choice", _S))
DISSENTS = _t(
    "dissenting_opinions",
    ("uid", _S),
    ("decision_point_id", _I),
    ("person_id", _I),
    ("text", sa.Text),
    ("language", _S),
    ("received_on", sa.Date),
)
INSTRUCTIONS = _t(
    "protocol_instructions",
    ("uid", _S),
    ("decision_point_id", _I),
    ("number", _I),
    *_texts("text"),
    ("executor_person_id", _I),
    *_texts("executor"),
    ("deadline", sa.Date),
    *_texts("completion_form"),
)
PROTOCOLS = _t(
    "protocols",
    ("id", _I),
    ("uid", _S),
    ("meeting_id", _I),
    ("revision", _I),
    ("replaces_id", _I),
    ("revision_reason", sa.Text),
    ("number", _S),
    *_texts("city"),
    ("main_language", _S),
    ("signed_on", sa.Date),
    ("signed_by", _S),
)
NARRATIVES = _t(
    "protocol_narratives",
    ("protocol_id", _I),
    ("item_id", _I),
    ("lang", _S),
    ("heard", sa.Text),
    ("spoke", sa.Text),
    ("discussion", sa.Text),
)
SIGNATURES = _t(
    "protocol_signatures",
    ("protocol_id", _I),
    ("person_id", _I),
    ("role", _S),
    ("signed_on", sa.Date),
    ("method", _S),
)
ISSUED = _t(
    "issued_documents",
    ("protocol_id", _I),
    ("lang", _S),
    ("snapshot_sha256", _S),
    ("pdf_sha256", _S),
    ("with_gaps", _B),
)

# The kinds that belong to one revision of the protocol; the rest is the meeting's record.
PROTOCOL_KINDS = frozenset({"protocol", "narrative", "signature", "issued"})


def _values(row: Any, skip: tuple[str, ...]) -> dict[str, Any]:
    """The columns of ``row`` but those in ``skip``, by name, in the order of the query."""
    names, kept = _kept(row._fields, skip)
    return dict(zip(names, compress(row, kept), strict=True))


@cache
def _kept(
    fields: tuple[str, ...], skip: tuple[str, ...]
) -> tuple[tuple[str, ...], tuple[bool, ...]]:
    """The names :func:`_values` keeps of a query's ``fields``, and which fields they are."""
    kept = tuple(name not in skip for name in fields)
    return tuple(compress(fields, kept)), kept


def _uids(conn: Connection, table: sa.TableClause, ids: set[int | None]) -> dict[int, str]:
    wanted = sorted(i for i in ids if i is not None)
    found: dict[int, str] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        query = sa.select(table.c.id, table.c.uid).where(table.c.id.in_(chunk))
        found.update((int(i), str(u)) for i, u in conn.execute(query))
    return found


def sealed_rows(conn: Connection, protocol_id: int) -> list[SealRow]:
    """The rows of the signed revision ``protocol_id`` and of its meeting's record."""
    return sealed_records(conn, [protocol_id])[protocol_id]


# The tables read per meeting, per decision point and per revision of the protocol.
_BY_MEETING = (("attendance", ATTENDANCE), ("invited", INVITED))
_BY_POINT = (("ballots", BALLOTS), ("dissents", DISSENTS), ("instructions", INSTRUCTIONS))
_BY_PROTOCOL = (("narratives", NARRATIVES), ("signatures", SIGNATURES), ("issued", ISSUED))


def sealed_records(conn: Connection, protocol_ids: Sequence[int]) -> dict[int, list[SealRow]]:
    """:func:`sealed_rows` of each revision in ``protocol_ids``, read together.

    One query per table for them all (in chunks), not one per revision: an import seals
    every signed revision it brings.  Each revision's rows come in the order a query of
    its own gives them (a seal's digest does not depend on it).
    """
    return {pid: list(rows) for pid, rows in each_sealed_record(conn, protocol_ids)}


def each_sealed_record(
    conn: Connection, protocol_ids: Sequence[int]
) -> Iterator[tuple[int, Iterator[SealRow]]]:
    """:func:`sealed_records` one revision after the other, by id, its rows made as they
    are taken (a seal of many revisions need not hold all their rows at once)."""
    wanted = sorted(set(protocol_ids))
    protocols = _where(conn, PROTOCOLS, PROTOCOLS.c.id, wanted, PROTOCOLS.c.id)
    meeting_ids = sorted({p.meeting_id for p in protocols})
    meetings = {m.id: m for m in _where(conn, MEETINGS, MEETINGS.c.id, meeting_ids)}
    tables_of = _tables_of(conn, protocols, meeting_ids)
    people = _uids(conn, PEOPLE, _person_ids(meetings.values(), tables_of.values()))
    councils = _uids(conn, COUNCILS, {m.council_id for m in meetings.values()})
    replaced = _uids(conn, PROTOCOLS, {p.replaces_id for p in protocols})
    for p in protocols:
        # A revision's rows are let go once it is sealed, not at the end of the batch.
        tables = tables_of.pop(p.id)
        yield (
            p.id,
            _rows(
                p,
                meetings[p.meeting_id],
                tables,
                people=people,
                councils=councils,
                replaced=replaced,
            ),
        )


def _tables_of(
    conn: Connection, protocols: Sequence[Any], meeting_ids: list[int]
) -> dict[int, dict[str, list[Any]]]:
    """The rows of each revision in ``protocols`` and of its meeting's record, by table."""
    conduct = _meeting_tables(conn, meeting_ids)
    ids = [p.id for p in protocols]
    per_protocol = {
        name: _grouped(_where(conn, table, table.c.protocol_id, ids), "protocol_id")
        for name, table in _BY_PROTOCOL
    }
    return {
        p.id: {
            **conduct.get(p.meeting_id, _empty_meeting()),
            **{name: rows.get(p.id, []) for name, rows in per_protocol.items()},
        }
        for p in protocols
    }


def _empty_meeting() -> dict[str, list[Any]]:
    names = ["items", "points", *(n for n, _ in _BY_MEETING), *(n for n, _ in _BY_POINT)]
    return {name: [] for name in names}


def _meeting_tables(conn: Connection, meeting_ids: list[int]) -> dict[int, dict[str, list[Any]]]:
    """The record of each meeting: its items (by position), decision points (by id), and
    the rows of its meeting and its points."""
    items = _grouped(
        _where(conn, ITEMS, ITEMS.c.meeting_id, meeting_ids, ITEMS.c.meeting_id, ITEMS.c.position)
    )
    meeting_of_item = {i.id: i.meeting_id for rows in items.values() for i in rows}
    points: dict[int, list[Any]] = {}
    for point in _where(conn, POINTS, POINTS.c.item_id, sorted(meeting_of_item), POINTS.c.id):
        points.setdefault(meeting_of_item[point.item_id], []).append(point)
    for own in points.values():
        own.sort(key=lambda p: p.id)  # chunks of items may split a meeting's points
    point_ids = sorted(p.id for rows in points.values() for p in rows)
    per_meeting = {
        name: _grouped(_where(conn, table, table.c.meeting_id, meeting_ids))
        for name, table in _BY_MEETING
    }
    per_point = {
        name: _grouped(
            _where(conn, table, table.c.decision_point_id, point_ids), "decision_point_id"
        )
        for name, table in _BY_POINT
    }
    found: dict[int, dict[str, list[Any]]] = {}
    for mid in meeting_ids:
        own = points.get(mid, [])
        tables = {"items": items.get(mid, []), "points": own}
        tables.update({name: found_in.get(mid, []) for name, found_in in per_meeting.items()})
        for name, of_point in per_point.items():
            tables[name] = [row for p in own for row in of_point.get(p.id, [])]
        found[mid] = tables
    return found


def _where(
    conn: Connection, table: sa.TableClause, column: Any, ids: Sequence[int], *order: Any
) -> list[Any]:
    """The rows of ``table`` whose ``column`` is one of ``ids`` (in chunks), in ``order``.

    Each row is a named tuple of the table's columns: the rows of a seal are read column
    by column, and a named tuple gives a column by name many times faster than a row of
    a result does (an import seals hundreds of thousands of rows).
    """
    record = _record(table)
    found: list[Any] = []
    for start in range(0, len(ids), CHUNK):
        query = sa.select(table).where(column.in_(ids[start : start + CHUNK]))
        rows = conn.execute(query.order_by(*order) if order else query).all()
        found.extend(map(record._make, rows))
    return found


@cache
def _record(table: sa.TableClause) -> Any:
    """The named tuple of a row of ``table`` (its columns in the order ``select`` gives)."""
    return namedtuple(table.name, table.columns.keys())


def _grouped(rows: list[Any], key: str = "meeting_id") -> dict[int, list[Any]]:
    """``rows`` by the value of their ``key`` column, each group in the order read."""
    groups: dict[int, list[Any]] = {}
    for row in rows:
        groups.setdefault(getattr(row, key), []).append(row)
    return groups


def _person_ids(
    meetings: Iterable[Any], tables: Iterable[Mapping[str, Sequence[Any]]]
) -> set[int | None]:
    """Every person the rows name (their uids name them in the seal)."""
    person_ids: set[int | None] = {m.presiding_person_id for m in meetings}
    for found in tables:
        for name, columns in (
            ("attendance", ("person_id",)),
            ("invited", ("person_id", "instead_of_person_id")),
            ("ballots", ("person_id",)),
            ("dissents", ("person_id",)),
            ("instructions", ("executor_person_id",)),
            ("signatures", ("person_id",)),
        ):
            for column in columns:
                person_ids.update(map(attrgetter(column), found[name]))
    return person_ids


@dataclass(frozen=True)
class _Names:
    """How the rows of one sealed meeting name people, items and decision points."""

    people: dict[int, str]
    item_of: dict[int, Any]
    point_of: dict[int, Any]

    def person(self, pid: int | None) -> str | None:
        if pid is None:
            return None
        uid = self.people.get(pid)
        return f"?{pid}" if uid is None else uid

    def at_point(self, point_id: int) -> dict[str, Any]:
        point = self.point_of[point_id]
        return {"item": self.item_of[point.item_id].position + 1, "point": point.number}


def _rows(
    protocol: Any,
    meeting: Any,
    tables: Mapping[str, Sequence[Any]],
    *,
    people: dict[int, str],
    councils: dict[int, str],
    replaced: dict[int, str],
) -> Iterator[SealRow]:
    """Every sealed row, in the order of the record: meeting, conduct, votes, protocol."""
    names = _Names(people, {i.id: i for i in tables["items"]}, {p.id: p for p in tables["points"]})
    person = names.person
    yield SealRow(
        f"meeting:{meeting.uid}",
        "meeting",
        {},
        {
            **_values(meeting, ("id", "uid", "council_id", "presiding_person_id")),
            "council": councils.get(meeting.council_id),
            "presiding": person(meeting.presiding_person_id),
        },
    )
    yield SealRow(
        f"protocol:{protocol.uid}",
        "protocol",
        {"revision": protocol.revision},
        {
            **_values(protocol, ("id", "uid", "meeting_id", "replaces_id")),
            "replaces": replaced.get(protocol.replaces_id) if protocol.replaces_id else None,
        },
    )
    for item in tables["items"]:
        yield SealRow(
            f"item:{item.uid}",
            "item",
            {"item": item.position + 1},
            _values(item, ("id", "uid", "meeting_id")),
        )
    for row in tables["attendance"]:
        yield SealRow(
            f"attendance:{row.uid}",
            "attendance",
            {"person": person(row.person_id)},
            {**_values(row, ("uid", "meeting_id", "person_id")), "person": person(row.person_id)},
        )
    for row in tables["invited"]:
        yield SealRow(
            f"invited:{row.uid}",
            "invited",
            {"person": person(row.person_id), "name": row.name},
            {
                **_values(row, ("uid", "meeting_id", "person_id", "instead_of_person_id")),
                "person": person(row.person_id),
                "instead_of": person(row.instead_of_person_id),
            },
        )
    yield from _vote_rows(tables, names)
    yield from _protocol_rows(protocol, tables, names)


def _vote_rows(tables: Mapping[str, Sequence[Any]], names: _Names) -> Iterator[SealRow]:
    """The decision points, their results and ballots, opinions and instructions."""
    person, at_point, point_of = names.person, names.at_point, names.point_of
    for point in tables["points"]:
        # The text and the result apart, so that a check says which of them changed.
        values = _values(point, ("id", "uid", "item_id"))
        texts = {k: values.pop(k) for k in [f"text_{lang}" for lang in LANGS]}
        yield SealRow(f"point:{point.uid}", "point", at_point(point.id), texts)
        yield SealRow(f"result:{point.uid}", "result", at_point(point.id), values)
    # A meeting has hundreds of ballots for a few points: each point located once.
    located = {p.id: (p.uid, at_point(p.id)) for p in tables["points"]}
    for ballot in tables["ballots"]:
        point_uid, where = located[ballot.decision_point_id]
        voter = person(ballot.person_id)
        yield SealRow(
            f"ballot:{point_uid}:{voter}",
            "ballot",
            {**where, "person": voter},
            {"choice": ballot.choice},
        )
    for row in tables["dissents"]:
        yield SealRow(
            f"dissent:{row.uid}",
            "dissent",
            {**at_point(row.decision_point_id), "person": person(row.person_id)},
            {
                **_values(row, ("uid", "decision_point_id", "person_id")),
                "point": point_of[row.decision_point_id].uid,
                "person": person(row.person_id),
            },
        )
    for row in tables["instructions"]:
        yield SealRow(
            f"instruction:{row.uid}",
            "instruction",
            {**at_point(row.decision_point_id), "instruction": row.number},
            {
                **_values(row, ("uid", "decision_point_id", "executor_person_id")),
                "point": point_of[row.decision_point_id].uid,
                "executor": person(row.executor_person_id),
            },
        )


def _protocol_rows(
    protocol: Any, tables: Mapping[str, Sequence[Any]], names: _Names
) -> Iterator[SealRow]:
    """The protocol's own texts, signatures and issued documents."""
    person = names.person
    for row in tables["narratives"]:
        item = names.item_of.get(row.item_id)
        item_uid = item.uid if item is not None else f"?{row.item_id}"
        yield SealRow(
            f"narrative:{protocol.uid}:{item_uid}:{row.lang}",
            "narrative",
            {"item": item.position + 1 if item is not None else 0, "lang": row.lang},
            _values(row, ("protocol_id", "item_id")),
        )
    for row in tables["signatures"]:
        yield SealRow(
            f"signature:{protocol.uid}:{row.role}:{person(row.person_id)}",
            "signature",
            {"person": person(row.person_id), "role": row.role},
            _values(row, ("protocol_id", "person_id")),
        )
    for row in tables["issued"]:
        yield SealRow(
            f"issued:{protocol.uid}:{row.lang}",
            "issued",
            {"lang": row.lang},
            _values(row, ("protocol_id",)),
        )
