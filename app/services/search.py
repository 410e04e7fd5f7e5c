"""Search the archive: agenda items, decisions, instructions, protocol texts and dissenting
opinions, in Kazakh, Russian and English.

On SQLite the words are looked up in the FTS5 table ``search_index`` (migration
``0006_search``), which triggers on the source tables keep current on every write.
Its tokenizer (``unicode61 remove_diacritics 0``) keeps the Kazakh letters
ә ғ қ ң ө ұ ү һ і and folds case in every script, so "ҚАРЖЫ" finds "қаржыландыру".

The user's text is never passed to FTS5 as it is: :func:`fts_query` keeps only its words
(letters and digits), quotes each one and adds ``*`` (prefix match: Kazakh and Russian
words take endings, "қаржы" finds "қаржыландыру", "финансир" finds "финансирования"),
so no input can raise an FTS5 syntax error.  All words must occur (AND).

On PostgreSQL (a shared office database) the table ``search_documents`` (migration
``0015_postgres_search``, kept current by triggers) plays FTS5's part: one row per text,
keyed by FTS5's rowid, its words a ``simple`` tsvector (every run of letters and digits one
lexeme, case-folded by ICU, nothing stemmed: there is no Kazakh stemmer, and prefix
matching needs none), asked ``'word':*``.  The hits, their order, the 50-hit cut and the
snippets are those of SQLite for the same archive (``tests/services/test_search_postgres.py``).

Chosen by measurement on the bench archive (15 years, 270,500 texts; bench 12): expression
GIN indexes of the same tsvector on the source tables found the same hits at p95 250 ms
(a common word reads thousands of wide rows and their joins to sort them by meeting);
pg_trgm GIN indexes with a word-boundary regex were 2-4x slower than those per column and
twice their size (and need an extension); the narrow table answers at p95 24-32 ms, against
SQLite's 14 ms in the same runs, on a machine shared by other work.

Hits carry the meeting (number, date, council) and a snippet of the text around the
first match, each matched word between :data:`MARK_OPEN` and :data:`MARK_CLOSE` (control
characters, which no stored text contains: the services refuse them).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.domain.council import pick
from app.models.composition import Council
from app.models.conduct import DecisionPoint, DissentingOpinion, ProtocolInstruction
from app.models.database import Database
from app.models.meeting import Meeting
from app.models.protocol import Protocol, ProtocolNarrative
from app.services.accounts.scope import ReadScope, read_scope
from app.services.search_index import (
    LANG_CODES,
    MEETING_SHIFT,
    lang_code_sql,
)

MARK_OPEN = "\x02"
MARK_CLOSE = "\x03"
ELLIPSIS = "…"
KINDS = ("item", "decision", "instruction", "narrative", "dissent")
MAX_QUERY_CHARS = 1000
MAX_WORDS = 12
MAX_WORD_CHARS = 64
MAX_LIMIT = 500
SNIPPET_WORDS = 14  # words of context shown around the first match

_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class SearchHit:
    """One text that matched: what it is, where it belongs, and the words around the match."""

    kind: str  # one of KINDS
    record_id: int  # the row of that kind (agenda item, decision point, ...)
    item_id: int | None  # the agenda item it belongs to
    decision_point_id: int | None  # the decision it belongs to (decisions, instructions, dissents)
    meeting_id: int
    meeting_number: int
    meeting_date: date
    council_id: int
    council_names: dict[str, str]
    lang: str  # the language of the text
    snippet: str  # matched words between MARK_OPEN and MARK_CLOSE

    def council_name(self, lang: str) -> str:
        return pick(self.council_names, lang)

    def parts(self) -> list[tuple[str, bool]]:
        """The snippet as (text, is a match) pieces, for a view to emphasise the matches."""
        return snippet_parts(self.snippet)

    def plain_snippet(self) -> str:
        return self.snippet.replace(MARK_OPEN, "").replace(MARK_CLOSE, "")


# -- the query ----------------------------------------------------------------------------


def query_words(query: object) -> list[str]:
    """The words of what the user typed: letters and digits only, lower case, at most 12."""
    if not isinstance(query, str):
        return []
    normal = unicodedata.normalize("NFC", query[: MAX_QUERY_CHARS * 4])[:MAX_QUERY_CHARS]
    words: list[str] = []
    for match in _WORD.finditer(normal):
        word = match.group().lower()[:MAX_WORD_CHARS]
        if word not in words:
            words.append(word)
        if len(words) == MAX_WORDS:
            break
    return words


def fts_query(query: object) -> str:
    """An FTS5 query that cannot fail: each word quoted, a prefix match from two letters on."""
    return " ".join(f'"{word}"*' if len(word) > 1 else f'"{word}"' for word in query_words(query))


def _matches(token: str, words: Sequence[str]) -> bool:
    return any(token.startswith(w) if len(w) > 1 else token == w for w in words)


def make_snippet(body: str, words: Sequence[str], size: int = SNIPPET_WORDS) -> str:
    """About ``size`` words of ``body`` around the first match, every match marked."""
    body = body.replace(MARK_OPEN, "").replace(MARK_CLOSE, "")
    tokens = list(_WORD.finditer(body))
    hits = [i for i, t in enumerate(tokens) if _matches(t.group().lower(), words)]
    if not tokens:
        return body[:200]
    first = hits[0] if hits else 0
    start = max(0, min(first - size // 3, len(tokens) - size))
    end = min(len(tokens), start + size)
    # Whole text at either end, so opening quotes and the final full stop are kept.
    begin_at = 0 if start == 0 else tokens[start].start()
    end_at = len(body) if end == len(tokens) else tokens[end - 1].end()
    pieces: list[str] = [ELLIPSIS] if start > 0 else []
    position = begin_at
    for index in range(start, end):
        token = tokens[index]
        if index in hits:
            pieces.append(body[position : token.start()])
            pieces.append(MARK_OPEN + token.group() + MARK_CLOSE)
            position = token.end()
    pieces.append(body[position:end_at])
    if end < len(tokens):
        pieces.append(ELLIPSIS)
    return " ".join("".join(pieces).split())


def snippet_parts(snippet: str) -> list[tuple[str, bool]]:
    """Split a marked snippet into (text, is a match) pieces."""
    parts: list[tuple[str, bool]] = []
    rest = snippet
    while rest:
        opening = rest.find(MARK_OPEN)
        if opening < 0:
            parts.append((rest, False))
            break
        if opening > 0:
            parts.append((rest[:opening], False))
        closing = rest.find(MARK_CLOSE, opening)
        if closing < 0:
            parts.append((rest[opening + 1 :], True))
            break
        parts.append((rest[opening + 1 : closing], True))
        rest = rest[closing + 1 :]
    return parts


# -- SQLite: FTS5 -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Found:
    kind: str
    record_id: int
    lang: str
    meeting_id: int
    body: str


def _within(key: str, meetings: Sequence[int] | None) -> str:
    """A condition keeping the keys of ``meetings`` (those the account may read), or "".

    The key starts with the meeting's id, so the newest-first walk still stops at the limit.
    """
    if meetings is None:
        return ""
    return f" AND {key} / {MEETING_SHIFT} IN ({', '.join(str(int(m)) for m in meetings)})"


def _search_fts(
    session: Session, words: list[str], limit: int, meetings: Sequence[int] | None = None
) -> list[_Found]:
    match = " ".join(f'"{w}"*' if len(w) > 1 else f'"{w}"' for w in words)
    # Newest meetings first: the rowid starts with the meeting id, so FTS5 walks its doclists
    # backwards and stops after ``limit`` rows (ranking by bm25 would score every match:
    # 40 ms for a word in 40,000 texts).
    rows = session.execute(
        text(
            "SELECT rowid FROM search_index WHERE search_index MATCH :match"
            + _within("rowid", meetings)
            + " ORDER BY rowid DESC LIMIT :limit"
        ),
        {"match": match, "limit": limit},
    ).all()
    rowids = [int(r[0]) for r in rows]
    if not rowids:
        return []
    found = {
        int(r[0]): _Found(str(r[1]), int(r[2]), str(r[3]), int(r[4]), str(r[5]))
        for r in session.execute(
            text(
                "SELECT rowid, kind, record_id, lang, meeting_id, body FROM search_index "
                f"WHERE rowid IN ({', '.join(str(r) for r in rowids)})"
            )
        )
    }
    return [found[r] for r in rowids if r in found]


# -- PostgreSQL: a word index of its own ------------------------------------------------

# The texts of each kind on PostgreSQL: (kind, table, the text, language, language code,
# meeting, joins to the meeting).  Migration 0015_postgres_search copies them to fill
# ``search_documents`` (a test checks both agree); here they give back the texts of hits.
_TO_DECISION = "JOIN agenda_items i ON i.id = t.item_id"
_TO_ITEM = (
    "JOIN decision_points d ON d.id = t.decision_point_id JOIN agenda_items i ON i.id = d.item_id"
)
_PG_SOURCES: tuple[tuple[str, str, str, str, str, str, str], ...] = (
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
        lang_code_sql("t.lang"),
        "p.meeting_id",
        "JOIN protocols p ON p.id = t.protocol_id",
    ),
    (
        "dissent",
        "dissenting_opinions",
        "t.text",
        "t.language",
        lang_code_sql("t.language"),
        "i.meeting_id",
        _TO_ITEM,
    ),
)
_KIND_CODES = {kind: code for code, kind in enumerate(KINDS, start=1)}
_PG_FIND = (
    "SELECT k FROM search_documents WHERE doc @@ CAST(:q AS tsquery) ORDER BY k DESC LIMIT :limit"
)


def _pg_sql(find: str) -> str:
    """The hits of ``find`` and their texts in one round trip: the key names the source."""
    return f"WITH hits AS MATERIALIZED ({find}) " + " UNION ALL ".join(
        f"SELECT h.k, t.id, {lang}, {meeting}, {body} FROM hits h "
        f"JOIN {table} t ON t.id = (h.k % {MEETING_SHIFT}) / 32 {joins} "
        f"WHERE (h.k / 4) % 8 = {_KIND_CODES[kind]}"
        + (f" AND h.k % 4 = {code}" if kind in ("item", "decision", "instruction") else "")
        for kind, table, body, lang, code, meeting, joins in _PG_SOURCES
    )


_PG_SQL = _pg_sql(_PG_FIND)


def _pg_tsquery(words: list[str]) -> str:
    """Each word a lexeme, a prefix from two letters on (tsquery syntax: no parser runs)."""
    return " & ".join(f"'{w}':*" if len(w) > 1 else f"'{w}'" for w in words)


def _search_postgres(
    session: Session, words: list[str], limit: int, meetings: Sequence[int] | None = None
) -> list[_Found]:
    """The texts FTS5 would find, in its order (newest meeting, then record, kind, language).

    ``search_documents`` (migration 0015) holds each text's words as whole lexemes, so
    ``'word':*`` is true exactly when a word of the text begins with ``word``, as FTS5's
    ``"word"*``; its key is FTS5's rowid.  The texts of the hits are read from their tables
    in the same query (one round trip: on a shared server each costs more than the search).
    """
    sql = _PG_SQL
    if meetings is not None:
        sql = _pg_sql(_PG_FIND.replace(" ORDER BY", _within("k", meetings) + " ORDER BY"))
    rows = sorted(
        session.execute(text(sql), {"q": _pg_tsquery(words), "limit": limit}),
        key=lambda row: int(row[0]),
        reverse=True,
    )
    return [
        _Found(KINDS[(int(k) >> 2) % 8 - 1], int(record), str(lang), int(meeting), str(body))
        for k, record, lang, meeting, body in rows
    ]


# -- hits ---------------------------------------------------------------------------------


def _owners(session: Session, found: list[_Found]) -> dict[tuple[str, int], tuple[int, int | None]]:
    """(kind, record id) -> (agenda item, decision point) for every hit."""
    ids: dict[str, list[int]] = {kind: [] for kind in KINDS}
    for f in found:
        ids[f.kind].append(f.record_id)
    owners: dict[tuple[str, int], tuple[int, int | None]] = {
        ("item", i): (i, None) for i in ids["item"]
    }
    if ids["decision"]:
        for point_id, item_id in session.execute(
            select(DecisionPoint.id, DecisionPoint.item_id).where(
                DecisionPoint.id.in_(ids["decision"])
            )
        ):
            owners[("decision", point_id)] = (item_id, point_id)
    for kind, model in (("instruction", ProtocolInstruction), ("dissent", DissentingOpinion)):
        if ids[kind]:
            for record_id, point_id, item_id in session.execute(
                select(model.id, model.decision_point_id, DecisionPoint.item_id)
                .join(DecisionPoint, DecisionPoint.id == model.decision_point_id)
                .where(model.id.in_(ids[kind]))
            ):
                owners[(kind, record_id)] = (item_id, point_id)
    if ids["narrative"]:
        for narrative_id, item_id in session.execute(
            select(ProtocolNarrative.id, ProtocolNarrative.item_id).where(
                ProtocolNarrative.id.in_(ids["narrative"])
            )
        ):
            owners[("narrative", narrative_id)] = (item_id, None)
    return owners


def _without_unreadable_drafts(
    session: Session, scope: ReadScope, found: list[_Found]
) -> list[_Found]:
    """Drop the narratives of protocol drafts the account may not read (``accounts/scope``)."""
    narratives = [f.record_id for f in found if f.kind == "narrative"]
    if not scope.limited or not narratives:
        return found
    readable = {
        narrative_id
        for narrative_id, council_id, state in session.execute(
            select(ProtocolNarrative.id, Meeting.council_id, Protocol.state)
            .join(Protocol, Protocol.id == ProtocolNarrative.protocol_id)
            .join(Meeting, Meeting.id == Protocol.meeting_id)
            .where(ProtocolNarrative.id.in_(narratives))
        )
        if scope.may_read_protocol(council_id, state)
    }
    return [f for f in found if f.kind != "narrative" or f.record_id in readable]


def search(db: Database, query: str, *, limit: int = 50) -> list[SearchHit]:
    """The texts containing every word of ``query`` (as a word or the start of one).

    Newest meetings first, the same hits on SQLite and PostgreSQL.  An empty query, or one
    without letters or digits, finds nothing; no input raises.
    """
    words = query_words(query)
    if not words or isinstance(limit, bool) or not isinstance(limit, int) or limit <= 0:
        return []
    limit = min(limit, MAX_LIMIT)
    with db.reading() as session:
        scope = read_scope(session)
        readable = (  # the meetings the account may read (accounts/scope), None: every one
            list(session.scalars(select(Meeting.id).where(scope.meetings())))
            if scope.limited
            else None
        )
        if readable == []:
            return []
        if db.is_sqlite:
            found = _search_fts(session, words, limit, readable)
        else:
            found = _search_postgres(session, words, limit, readable)
        if not found:
            return []
        meetings = {
            row.id: row
            for row in session.execute(
                select(
                    Meeting.id,
                    Meeting.number,
                    Meeting.meeting_date,
                    Meeting.council_id,
                    Council.name_kk,
                    Council.name_ru,
                    Council.name_en,
                )
                .join(Council, Council.id == Meeting.council_id)
                .where(Meeting.id.in_({f.meeting_id for f in found}), scope.meetings())
            )
        }
        found = [f for f in found if f.meeting_id in meetings]
        found = _without_unreadable_drafts(session, scope, found)
        owners = _owners(session, found)
    hits = []
    seen: set[tuple[int, int | None, str, str]] = set()
    for f in found:
        meeting = meetings.get(f.meeting_id)
        if meeting is None:  # pragma: no cover - the foreign keys keep every meeting
            continue
        item_id, point_id = owners.get((f.kind, f.record_id), (None, None))
        snippet = make_snippet(f.body, words)
        if f.kind == "narrative":
            # A correction copies the narratives into a new revision: show the text once.
            key = (f.meeting_id, item_id, f.lang, snippet)
            if key in seen:
                continue
            seen.add(key)
        hits.append(
            SearchHit(
                kind=f.kind,
                record_id=f.record_id,
                item_id=item_id,
                decision_point_id=point_id,
                meeting_id=f.meeting_id,
                meeting_number=int(meeting.number),
                meeting_date=meeting.meeting_date,
                council_id=int(meeting.council_id),
                council_names={
                    "kk": meeting.name_kk,
                    "ru": meeting.name_ru,
                    "en": meeting.name_en,
                },
                lang=f.lang,
                snippet=snippet,
            )
        )
    # Newest meetings first (the order found is by meeting id; dates may be entered later).
    hits.sort(key=lambda h: (h.meeting_date, h.meeting_id), reverse=True)
    return hits
