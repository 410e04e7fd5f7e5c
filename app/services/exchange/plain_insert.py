"""Many rows inserted through the driver at once, with the values SQLAlchemy would send.

A large import inserts about 800,000 plain rows (600,000 of them ballots).  Through
SQLAlchemy's Core each row's parameters are assembled one by one, about 2.5 s of the import
of the bench archive besides the conversions themselves; here the statement is compiled
once, each value is converted by its column type's own converter (a moment to SQLite's
text, a frozen record to JSON), and the driver inserts the rows in one ``executemany``.
The database gets the same rows, in the same order, with the same ids.

Only where nothing else would differ: SQLite (its positional parameters), and rows that
name every column whose default SQLAlchemy computes for each row (a new uid, the moment;
a constant default is sent as it would send it); otherwise the rows go through the Core.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, DateTime, Dialect, Table, insert


@dataclass(frozen=True)
class _Plan:
    """The statement of rows with given columns, and how each row's parameters are made."""

    statement: str
    template: tuple[Any, ...]  # the parameters, with a column's constant default in its place
    from_row: tuple[tuple[int, str], ...]  # (place, column) of each value a row gives
    converters: tuple[tuple[int, Callable[[Any], Any]], ...]  # of those values, by place
    moments: frozenset[int]  # the places of moments: converted once per moment and offset

    def rows(self, rows: Sequence[dict[str, Any]]) -> list[tuple[Any, ...]]:
        """The parameters of each of ``rows`` (the ballots of a vote share their moment)."""
        converters = [
            (place, _per_moment(convert) if place in self.moments else convert)
            for place, convert in self.converters
        ]
        found: list[tuple[Any, ...]] = []
        for row in rows:
            value = list(self.template)
            for place, name in self.from_row:
                value[place] = row[name]
            for place, convert in converters:
                value[place] = convert(value[place])
            found.append(tuple(value))
        return found


def _per_moment(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``convert`` computed once per moment and its offset: equal moments at two offsets are
    written apart (SQLite's text keeps the clock as it is given)."""
    done: dict[tuple[Any, Any], Any] = {}

    def converted(value: Any) -> Any:
        key = (value, None if value is None else value.utcoffset())
        if key not in done:
            done[key] = convert(value)
        return done[key]

    return converted


# (dialect, table, columns) → the plan; None when SQLAlchemy would compute values itself.
_PLANS: dict[tuple[Dialect, str, frozenset[str]], _Plan | None] = {}


def _plan(connection: Connection, table: Table, columns: frozenset[str]) -> _Plan | None:
    dialect = connection.dialect
    key = (dialect, table.name, columns)
    if key not in _PLANS:
        _PLANS[key] = _planned(connection, table, columns)
    return _PLANS[key]


def _planned(connection: Connection, table: Table, columns: frozenset[str]) -> _Plan | None:
    dialect = connection.dialect
    compiled = insert(table).compile(dialect=dialect, column_keys=sorted(columns))
    order = compiled.positiontup
    if order is None or not columns <= set(order):
        return None
    template: list[Any] = []
    from_row: list[tuple[int, str]] = []
    converters: list[tuple[int, Callable[[Any], Any]]] = []
    moments: set[int] = set()
    for place, name in enumerate(order):
        column = table.c[name]
        convert = column.type.dialect_impl(dialect).bind_processor(dialect)
        if name in columns:
            template.append(None)
            from_row.append((place, name))
            if convert is not None:
                converters.append((place, convert))
                if isinstance(column.type, DateTime):
                    moments.add(place)
        elif column.default is not None and column.default.is_scalar:
            value = column.default.arg  # type: ignore[attr-defined]
            template.append(value if convert is None else convert(value))
        else:  # computed for each row (a new uid, the moment)
            return None
    return _Plan(
        compiled.string, tuple(template), tuple(from_row), tuple(converters), frozenset(moments)
    )


def insert_plain(connection: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> bool:
    """``rows`` (each with the same columns) inserted in one ``executemany``; False, and
    nothing done, when they must go through SQLAlchemy's Core (see the module's note)."""
    if not rows or connection.dialect.name != "sqlite":
        return False
    plan = _plan(connection, table, frozenset(rows[0]))
    if plan is None:
        return False
    connection.exec_driver_sql(plan.statement, plan.rows(rows))
    return True
