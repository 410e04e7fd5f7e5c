"""Kazakh alphabetical order in SQL, where lists are sorted and paged by the database.

SQLite gets the collation ``kenes_kk`` on every connection (registered by
:mod:`app.models.database` from :func:`app.domain.collation.compare`, so SQL and
Python sort alike); PostgreSQL uses ICU's Kazakh collation ``kk-x-icu``, which
initdb imports from ICU.  :func:`kazakh` wraps a text expression for
``ORDER BY``.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.expression import FunctionElement
from sqlalchemy.types import Text

SQLITE_COLLATION = "kenes_kk"
POSTGRES_COLLATION = "kk-x-icu"


class kazakh(FunctionElement[str]):  # noqa: N801 - used like a SQL function
    """``expression COLLATE <the Kazakh collation of the database>``."""

    type = Text()
    inherit_cache = True
    name = "kazakh"

    def __init__(self, expression: ColumnElement[Any] | Any) -> None:
        super().__init__(expression)


@compiles(kazakh)
def _generic(element: kazakh, compiler: Any, **kw: Any) -> str:
    return f"({compiler.process(element.clauses, **kw)}) COLLATE {SQLITE_COLLATION}"


@compiles(kazakh, "postgresql")
def _postgresql(element: kazakh, compiler: Any, **kw: Any) -> str:
    return f'({compiler.process(element.clauses, **kw)}) COLLATE "{POSTGRES_COLLATION}"'
