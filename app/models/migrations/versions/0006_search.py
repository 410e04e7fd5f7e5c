"""Archive search: an FTS5 index of agenda items, decisions, instructions, protocol texts and
dissenting opinions (SQLite only), kept current by triggers on the source tables.

Revision ID: 0006_search
Revises: 0005_protocols
Create Date: 2026-11-22

Hand-written.  The index is a plain FTS5 table with its own copy of each text:

* ``body``: the text searched (one language per row);
* ``kind``, ``record_id``, ``lang``, ``meeting_id``: stored, not indexed (UNINDEXED);
* ``rowid = meeting_id * 2**36 + record_id * 32 + kind code * 4 + language code``: a
  trigger finds the row of a record without scanning (FTS5 indexes only the rowid and the
  words), and the newest meetings' texts come first in rowid order, so "newest first,
  at most 50" reads 50 rows however many texts match.

The tokenizer is ``unicode61 remove_diacritics 0``: Kazakh letters (ә ғ қ ң ө ұ ү һ і)
and Russian й and ё stay themselves, and every letter is case-folded.  ``prefix '2 3'``
keeps prefix queries of short words (the search adds ``*`` to every word) fast.

Triggers cover every write path (services, imports, a future sync): an insert adds a
record's rows, an update of its text deletes and adds them again, a delete removes
them.  The SQL is copied in :mod:`app.services.search_index` (``rebuild_search_index``),
because a migration never imports application code that may change; a test checks that
the two produce the same index.

On PostgreSQL nothing is created: the search falls back to ILIKE over the source tables.
"""

from __future__ import annotations

from alembic import op

revision = "0006_search"
down_revision = "0005_protocols"
branch_labels = None
depends_on = None

LANGS = ("kk", "ru", "en")
LANG_CODE = {"kk": 0, "ru": 1, "en": 2}
KIND_CODE = {"item": 1, "decision": 2, "instruction": 3, "narrative": 4, "dissent": 5}


MEETING_SHIFT = 2**36  # rowid = meeting id * 2**36 + record id * 32 + kind * 4 + language


def _rowid(meeting: str, record: str, kind: str, lang_code: str) -> str:
    return f"({meeting} * {MEETING_SHIFT} + ({record}) * 32 + {KIND_CODE[kind] * 4} + ({lang_code}))"


def _lang_code(column: str) -> str:
    return f"(CASE {column} WHEN 'kk' THEN 0 WHEN 'ru' THEN 1 WHEN 'en' THEN 2 ELSE 3 END)"


def _insert(kind: str, rowid: str, body: str, lang: str, meeting: str, record: str) -> str:
    return (
        "INSERT INTO search_index (rowid, body, kind, record_id, lang, meeting_id) "
        f"SELECT {rowid}, {body}, '{kind}', {record}, {lang}, {meeting} "
        f"WHERE trim({body}) != '';"
    )


def _delete(rowid: str) -> str:
    return f"DELETE FROM search_index WHERE rowid = {rowid};"


# Per kind: (table, text columns that trigger an update, rows(ref) -> [(rowid, body, lang,
# meeting)] for the record ``ref`` (NEW or OLD)).
def _item_rows(ref: str) -> list[tuple[str, str, str, str]]:
    return [
        (_rowid(f"{ref}.meeting_id", f"{ref}.id", "item", str(code)), f"{ref}.title_{lang}",
         f"'{lang}'", f"{ref}.meeting_id")
        for lang, code in LANG_CODE.items()
    ]


def _decision_rows(ref: str) -> list[tuple[str, str, str, str]]:
    meeting = f"(SELECT meeting_id FROM agenda_items WHERE id = {ref}.item_id)"
    return [
        (_rowid(meeting, f"{ref}.id", "decision", str(code)), f"{ref}.text_{lang}", f"'{lang}'",
         meeting)
        for lang, code in LANG_CODE.items()
    ]


def _instruction_rows(ref: str) -> list[tuple[str, str, str, str]]:
    meeting = (
        "(SELECT i.meeting_id FROM decision_points d JOIN agenda_items i ON i.id = d.item_id "
        f"WHERE d.id = {ref}.decision_point_id)"
    )
    return [
        (
            _rowid(meeting, f"{ref}.id", "instruction", str(code)),
            f"({ref}.text_{lang} || char(10) || {ref}.executor_{lang})",
            f"'{lang}'",
            meeting,
        )
        for lang, code in LANG_CODE.items()
    ]


def _narrative_rows(ref: str) -> list[tuple[str, str, str, str]]:
    meeting = f"(SELECT meeting_id FROM protocols WHERE id = {ref}.protocol_id)"
    body = f"({ref}.heard || char(10) || {ref}.spoke || char(10) || {ref}.discussion)"
    return [(_rowid(meeting, f"{ref}.id", "narrative", _lang_code(f"{ref}.lang")), body,
             f"{ref}.lang", meeting)]


def _dissent_rows(ref: str) -> list[tuple[str, str, str, str]]:
    meeting = (
        "(SELECT i.meeting_id FROM decision_points d JOIN agenda_items i ON i.id = d.item_id "
        f"WHERE d.id = {ref}.decision_point_id)"
    )
    return [(_rowid(meeting, f"{ref}.id", "dissent", _lang_code(f"{ref}.language")),
             f"{ref}.text", f"{ref}.language", meeting)]


SOURCES = (
    ("item", "agenda_items", ("title_kk", "title_ru", "title_en"), _item_rows),
    ("decision", "decision_points", ("text_kk", "text_ru", "text_en"), _decision_rows),
    (
        "instruction",
        "protocol_instructions",
        ("text_kk", "text_ru", "text_en", "executor_kk", "executor_ru", "executor_en"),
        _instruction_rows,
    ),
    ("narrative", "protocol_narratives", ("heard", "spoke", "discussion", "lang"),
     _narrative_rows),
    ("dissent", "dissenting_opinions", ("text", "language"), _dissent_rows),
)


def _statements() -> list[str]:
    out = [
        "CREATE VIRTUAL TABLE search_index USING fts5("
        "body, kind UNINDEXED, record_id UNINDEXED, lang UNINDEXED, meeting_id UNINDEXED, "
        "tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3')"
    ]
    for kind, table, columns, rows in SOURCES:
        inserts = " ".join(_insert(kind, r, b, lang, m, "NEW.id") for r, b, lang, m in rows("NEW"))
        deletes = " ".join(_delete(r) for r, _b, _lang, _m in rows("OLD"))
        out.append(
            f"CREATE TRIGGER search_{kind}_insert AFTER INSERT ON {table} BEGIN {inserts} END"
        )
        out.append(
            f"CREATE TRIGGER search_{kind}_update AFTER UPDATE OF {', '.join(columns)} "
            f"ON {table} BEGIN {deletes} {inserts} END"
        )
        out.append(
            f"CREATE TRIGGER search_{kind}_delete AFTER DELETE ON {table} BEGIN {deletes} END"
        )
        # Index what is already there.
        for rowid, body, lang, meeting in rows(table):
            out.append(
                "INSERT INTO search_index (rowid, body, kind, record_id, lang, meeting_id) "
                f"SELECT {rowid}, {body}, '{kind}', {table}.id, {lang}, {meeting} "
                f"FROM {table} WHERE trim({body}) != ''"
            )
    return out


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for statement in _statements():
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for kind, _table, _columns, _rows in SOURCES:
        for event in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS search_{kind}_{event}")
    op.execute("DROP TABLE IF EXISTS search_index")
