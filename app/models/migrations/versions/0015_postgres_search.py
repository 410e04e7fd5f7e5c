"""Archive search on PostgreSQL: a word index of every searched text (PostgreSQL only).

Revision ID: 0015_postgres_search
Revises: 0014_review_remarks
Create Date: 2026-12-04

Hand-written.  SQLite has its FTS5 table (``0006_search``); PostgreSQL has no Kazakh
stemmer, and the search needs none: it matches word beginnings, as FTS5 does.  The table
``search_documents`` holds one row per text the search reads, as FTS5's ``search_index``:

* ``k``: the same number as FTS5's rowid (meeting, record, kind, language), so "newest
  first, at most 50" is the same order and the same cut on both;
* ``kind``, ``record_id``: the record, for the triggers to find its rows;
* ``doc``: the text's words, ``to_tsvector('simple', lower(regexp_replace(text COLLATE
  "kk-x-icu", '[^[:alnum:]]+', ' ', 'g')))``: every run of letters and digits one word
  (as FTS5's unicode61 splits it), case folded by ICU (a server whose locale is C
  classifies and folds ASCII only), nothing stemmed; GIN-indexed, asked ``'word':*``.

No text is copied: the search reads the texts of its 50 hits from their tables.  A narrow
table, not expression indexes on the source tables: a common word matches thousands of
texts, and sorting them by ``k`` then reads a few narrow rows instead of the wide rows of
the source tables and their joins to the meeting (measured: ``docs/performance.md``).
Trigger functions keep it current on every write, as ``0006_search`` does on SQLite.
Trigram indexes (pg_trgm) were measured too and were slower; this needs no extension.

The SQL of the texts is copied in :mod:`app.services.search` (``_PG_SOURCES``), because a
migration never imports application code; a test checks that the two agree.
Idempotent; nothing on SQLite.
"""

from __future__ import annotations

from alembic import op

revision = "0015_postgres_search"
down_revision = "0014_review_remarks"
branch_labels = None
depends_on = None

MEETING_SHIFT = 2**36
DOCUMENT = (
    "to_tsvector('simple'::regconfig, "
    "lower(regexp_replace(({body}) COLLATE \"kk-x-icu\", '[^[:alnum:]]+', ' ', 'g')))"
)
LANG_CODES = {"kk": 0, "ru": 1, "en": 2}
KIND_CODES = {"item": 1, "decision": 2, "instruction": 3, "narrative": 4, "dissent": 5}


def _lang_code(column: str) -> str:
    return f"(CASE {column} WHEN 'kk' THEN 0 WHEN 'ru' THEN 1 WHEN 'en' THEN 2 ELSE 3 END)"


_TO_DECISION = "JOIN agenda_items i ON i.id = t.item_id"
_TO_ITEM = (
    "JOIN decision_points d ON d.id = t.decision_point_id JOIN agenda_items i ON i.id = d.item_id"
)

# (kind, table, the text, language, language code, meeting, joins to the meeting)
SOURCES: tuple[tuple[str, str, str, str, str, str, str], ...] = (
    *(
        ("item", "agenda_items", f"t.title_{lang}", f"'{lang}'", str(code), "t.meeting_id", "")
        for lang, code in LANG_CODES.items()
    ),
    *(
        (
            "decision",
            "decision_points",
            f"t.text_{lang}",
            f"'{lang}'",
            str(code),
            "i.meeting_id",
            _TO_DECISION,
        )
        for lang, code in LANG_CODES.items()
    ),
    *(
        (
            "instruction",
            "protocol_instructions",
            f"t.text_{lang} || E'\\n' || t.executor_{lang}",
            f"'{lang}'",
            str(code),
            "i.meeting_id",
            _TO_ITEM,
        )
        for lang, code in LANG_CODES.items()
    ),
    (
        "narrative",
        "protocol_narratives",
        "t.heard || E'\\n' || t.spoke || E'\\n' || t.discussion",
        "t.lang",
        _lang_code("t.lang"),
        "p.meeting_id",
        "JOIN protocols p ON p.id = t.protocol_id",
    ),
    (
        "dissent",
        "dissenting_opinions",
        "t.text",
        "t.language",
        _lang_code("t.language"),
        "i.meeting_id",
        _TO_ITEM,
    ),
)


def _rows(kind: str, where: str) -> str:
    """SELECT k, kind, record_id, doc of ``kind``'s texts whose row matches ``where``."""
    selects = [
        f"SELECT {meeting}::bigint * {MEETING_SHIFT} + t.id * 32 + {KIND_CODES[kind] * 4} "
        f"+ {code}, {KIND_CODES[kind]}, t.id, {DOCUMENT.format(body=body)} "
        f"FROM {table} t {joins} WHERE {where}"
        for source_kind, table, body, _lang, code, meeting, joins in SOURCES
        if source_kind == kind
    ]
    return (
        "INSERT INTO search_documents (k, kind, record_id, doc) SELECT * FROM ("
        + " UNION ALL ".join(selects)
        + ") AS rows (k, kind, record_id, doc) WHERE doc != ''::tsvector"
    )


def _sync_function(kind: str) -> str:
    code = KIND_CODES[kind]
    return (
        f"CREATE OR REPLACE FUNCTION search_{kind}_sync() RETURNS trigger "
        "LANGUAGE plpgsql AS $$ BEGIN "
        "IF TG_OP <> 'INSERT' THEN "
        f"DELETE FROM search_documents WHERE kind = {code} AND record_id = OLD.id; END IF; "
        f"IF TG_OP <> 'DELETE' THEN {_rows(kind, 't.id = NEW.id')}; END IF; "
        "RETURN NULL; END $$"
    )


def _tables() -> dict[str, str]:
    return {kind: table for kind, table, *_rest in SOURCES}


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        "CREATE TABLE IF NOT EXISTS search_documents (k bigint PRIMARY KEY, "
        "kind smallint NOT NULL, record_id integer NOT NULL, doc tsvector NOT NULL)"
    )
    op.execute(
        "CREATE INDEX IF NOT EXISTS search_documents_record ON search_documents (kind, record_id)"
    )
    op.execute(
        "CREATE INDEX IF NOT EXISTS search_documents_doc ON search_documents USING gin (doc)"
    )
    op.execute("DELETE FROM search_documents")
    for kind, table in _tables().items():
        op.execute(_sync_function(kind))
        op.execute(f"DROP TRIGGER IF EXISTS search_{kind}_sync ON {table}")
        op.execute(
            f"CREATE TRIGGER search_{kind}_sync AFTER INSERT OR UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION search_{kind}_sync()"
        )
        op.execute(_rows(kind, "true"))  # what is already there
    op.execute("ANALYZE search_documents")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for kind, table in _tables().items():
        op.execute(f"DROP TRIGGER IF EXISTS search_{kind}_sync ON {table}")
        op.execute(f"DROP FUNCTION IF EXISTS search_{kind}_sync()")
    op.execute("DROP TABLE IF EXISTS search_documents")
