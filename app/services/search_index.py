"""The search index written in bulk: the whole index again, or the rows of a large import.

On SQLite the triggers of migration ``0006_search`` index each text as its row is written.
That is right for a secretary's edits, and slow for an import of the whole archive: the
270,500 texts of the bench archive took about 10 s of trigger work, where one
``INSERT ... SELECT`` per kind and language indexes the same rows in about 4 s (bench 13,
2026-12-05).  :func:`new_rows_indexed_at_end` lifts the insert triggers for a bulk write
and indexes the new rows at its end, in the same transaction; updates and deletes keep
their triggers.

The documents of each kind are written as the triggers write them (the SQL is copied here:
a migration never imports the application); ``tests/services/test_search.py`` checks that
both give the same index.  On PostgreSQL the triggers of ``0015_postgres_search`` stay as
they are.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import bindparam, text
from sqlalchemy.orm import Session

from app.models.database import Database

LANG_CODES = {"kk": 0, "ru": 1, "en": 2}
MEETING_SHIFT = 2**36  # rowid = meeting id * 2**36 + record id * 32 + kind * 4 + language


def lang_code_sql(column: str) -> str:
    return f"(CASE {column} WHEN 'kk' THEN 0 WHEN 'ru' THEN 1 WHEN 'en' THEN 2 ELSE 3 END)"


@dataclass(frozen=True)
class _Kind:
    """One kind of text: its table, its insert trigger, and how its documents are made.

    ``select`` names the record's row ``r``; ``{lang}`` and ``{code}`` are the language and
    its code where a document is made per language, ``{code}`` alone the CASE of the row's
    language column where the row has one language.
    """

    table: str
    trigger: str
    select: str
    lang_column: str = ""  # the row's own language (one document per row)


_ROWID = "{meeting} * {shift} + r.id * 32 + {kind} * 4 + {code}"


def _select(kind: str, code: int, meeting: str, body: str, lang: str, joins: str) -> str:
    rowid = _ROWID.format(meeting=meeting, shift=MEETING_SHIFT, kind=code, code="{code}")
    return (
        f"SELECT {rowid}, {body}, '{kind}', r.id, {lang}, {meeting} {joins} "
        f"WHERE trim({body}) != ''"
    )


_POINT_TO_MEETING = (
    "JOIN decision_points d ON d.id = r.decision_point_id JOIN agenda_items i ON i.id = d.item_id"
)
_NARRATIVE = "r.heard || char(10) || r.spoke || char(10) || r.discussion"
_INSTRUCTION = "r.text_{lang} || char(10) || r.executor_{lang}"
_KINDS = (
    _Kind(
        "agenda_items",
        "search_item_insert",
        _select("item", 1, "r.meeting_id", "r.title_{lang}", "'{lang}'", "FROM agenda_items r"),
    ),
    _Kind(
        "decision_points",
        "search_decision_insert",
        _select(
            "decision", 2, "i.meeting_id", "r.text_{lang}", "'{lang}'",
            "FROM decision_points r JOIN agenda_items i ON i.id = r.item_id",
        ),
    ),
    _Kind(
        "protocol_instructions",
        "search_instruction_insert",
        _select(
            "instruction", 3, "i.meeting_id", _INSTRUCTION, "'{lang}'",
            f"FROM protocol_instructions r {_POINT_TO_MEETING}",
        ),
    ),
    _Kind(
        "protocol_narratives",
        "search_narrative_insert",
        _select(
            "narrative", 4, "p.meeting_id", _NARRATIVE, "r.lang",
            "FROM protocol_narratives r JOIN protocols p ON p.id = r.protocol_id",
        ),
        "r.lang",
    ),
    _Kind(
        "dissenting_opinions",
        "search_dissent_insert",
        _select(
            "dissent", 5, "i.meeting_id", "r.text", "r.language",
            f"FROM dissenting_opinions r {_POINT_TO_MEETING}",
        ),
        "r.language",
    ),
)
_COLUMNS = "(rowid, body, kind, record_id, lang, meeting_id) "


def _fill(session: Session, verb: str, after: dict[str, int] | None = None) -> None:
    """Index the rows of every kind (``after``: only those whose id is above its bound)."""
    for kind in _KINDS:
        newer = " AND r.id > :after" if after is not None else ""
        params = {"after": after[kind.table]} if after is not None else {}
        if kind.lang_column:
            statements = [kind.select.format(code=lang_code_sql(kind.lang_column))]
        else:
            statements = [
                kind.select.format(lang=lang, code=code) for lang, code in LANG_CODES.items()
            ]
        for select in statements:
            sql = text(f"{verb} INTO search_index {_COLUMNS}{select}{newer}")
            if after is not None:
                sql = sql.bindparams(bindparam("after"))
            session.execute(sql, params)


def rebuild_search_index(db: Database) -> int:
    """Index every text again (after a bulk import or a repair); the number of rows indexed.

    The triggers keep the index current; this is for data written before the index existed
    or written with the triggers bypassed.  Does nothing on PostgreSQL.
    """
    if not db.is_sqlite:
        return 0
    with db.transaction() as session:
        session.execute(text("DELETE FROM search_index"))
        _fill(session, "INSERT")
        session.execute(text("INSERT INTO search_index (search_index) VALUES ('optimize')"))
        return int(session.scalar(text("SELECT count(*) FROM search_index")) or 0)


@contextmanager
def new_rows_indexed_at_end(session: Session) -> Iterator[None]:
    """Inside, rows added to the searched tables are not indexed one by one; on leaving
    without an error, the rows added meanwhile are indexed in one pass per kind.

    The insert triggers are dropped in the session's transaction and made again from their
    own SQL on leaving, error or not (a rollback would restore them too), so a database
    never keeps them lifted.  Rows are new when their id is above the largest id of their
    table on entering (taken after a flush: SQLite gives a new row an id above every id
    it holds).  ``INSERT OR REPLACE`` makes the rows again where an update's trigger
    already indexed a new row.  Nothing changes on PostgreSQL.
    """
    if session.get_bind().dialect.name != "sqlite":
        yield
        return
    session.flush()
    after = {
        kind.table: int(session.scalar(text(f"SELECT coalesce(max(id), 0) FROM {kind.table}")))
        for kind in _KINDS
    }
    names = [kind.trigger for kind in _KINDS]
    found = session.execute(
        text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN :names")
        .bindparams(bindparam("names", expanding=True)),
        {"names": names},
    ).all()
    triggers = sorted(found, key=lambda row: names.index(row[0]))
    for name, _sql in triggers:
        session.execute(text(f'DROP TRIGGER "{name}"'))
    try:
        yield
        session.flush()
        _fill(session, "INSERT OR REPLACE", after)
    finally:
        if session.is_active:  # else the transaction can only be rolled back, which restores them
            for _name, sql in triggers:
                session.execute(text(sql))
