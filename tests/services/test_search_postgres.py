"""Archive search on PostgreSQL finds what it finds on SQLite: the same archive, copied from
a SQLite file into a real cluster, gives the same hits (records, order, snippets) for the
query set of ``test_search.py``, the benchmark's queries and hostile input."""

from __future__ import annotations

import importlib.util
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from app.models.database import Database, open_database
from app.services import search as search_module
from app.services.base import Actor
from app.services.conduct.decisions import (
    InstructionData,
    add_decision_point,
    add_instruction,
    remove_decision_point,
    update_decision_point,
)
from app.services.conduct.voting import close_voting
from app.services.copy_database import copy_database
from app.services.protocols.actions import Narrative, create_protocol, set_narrative
from app.services.search import SearchHit, search
from bench.bench_search import QUERIES as BENCH_QUERIES
from tests.postgres import POSTGRES, cluster
from tests.services.conduct_helpers import ME
from tests.services.protocol_helpers import held_meeting
from tests.services.test_search import HOSTILE

pytestmark = POSTGRES

# The queries of test_search.py, as users type them.
QUERIES = (
    "қаржыландыру",
    "ҚАРЖЫЛАНДЫРУ",
    "Қаржыландыру",
    "қаржы",
    "БЕКІТІЛСІН",
    "бекитилсин",
    "жоспар бекітілсін",
    "финансирование",
    "ФИНАНСИРОВАНИЕ",
    "Финанс",
    "одобрить",
    "FUNDING",
    "roadmap",
    "мцриап",
    "жол картасын",
    "2-МӘСЕЛЕ",
    "вопрос 2",
    "item 2",
    "цифровизации",
    "цифрландыру",
    "одобрить финансирование",
    "одобрить план",
    "ҒАРЫШ",
    "ЖИҺАЗ",
    "Ұлттық",
    "өңірлік",
    "2024",
    "15",
    "а",
    "i",
    "№",
)

# Words of generated texts: Kazakh letters, hyphens, numbers, dates, quotes and endings.
WORDS = {
    "kk": [
        "Ұлттық",
        "ғарыш",
        "бағдарламасы",
        "өңірлік",
        "жиһаз",
        "өнеркәсібі",
        "қаржыландыру",
        "мақұлдансын",
        "іс-шаралар",
        "жоспары",
        "Әбенов",
        "әкімдігі",
        "«Цифрлық",
        "Қазақстан»",
        "2024",
        "жылғы",
        "15.01.2024",
        "№",
        "7",
        "Үкіметке",
        "ақпарат",
        "һәм",
        "қаржы-экономикалық",
        "негіздемесі",
    ],
    "ru": [
        "Одобрить",
        "финансирование",
        "космической",
        "программы",
        "мебельная",
        "промышленность",
        "план",
        "мероприятий",
        "акимат",
        "«Открытое",
        "правительство»",
        "от",
        "15.01.2024",
        "№",
        "7",
        "2,5",
        "млрд",
        "тенге",
        "Ёлкин",
        "жилищное",
        "строительство",
        "финансово-экономическое",
    ],
    "en": [
        "Approve",
        "the",
        "funding",
        "of",
        "the",
        "national",
        "space",
        "programme",
        "furniture",
        "industry",
        "action",
        "plan",
        "Akimat",
        "Digital",
        "Kazakhstan",
        "2024",
        "no.",
        "7",
        "recycling",
        "Ministry",
        "of",
        "Finance",
        "well-being",
        "I",
        "a",
    ],
}


def _text(rng: random.Random, lang: str) -> str:
    words = rng.sample(WORDS[lang], rng.randint(3, 12))
    words[0] = words[0][:1].upper() + words[0][1:]
    return " ".join(words) + rng.choice([".", ";", "!", " (қосымша)."])


@dataclass(frozen=True)
class Pair:
    sqlite: Database
    postgres: Database


def _fill(db: Database) -> None:
    """One held meeting, sixty more decisions with instructions, and its protocol texts."""
    rng = random.Random(17)
    held = held_meeting(db, close=False)
    points = list(held.points)
    for n in range(60):
        item = held.board.items[n % len(held.board.items)]
        point = add_decision_point(db, ME, item, {lang: _text(rng, lang) for lang in WORDS})
        points.append(point.id)
        if n % 3 == 0:
            add_instruction(
                db,
                ME,
                point.id,
                InstructionData(
                    texts={lang: _text(rng, lang) for lang in WORDS},
                    executors={"kk": "Қаржы министрлігі", "ru": "Акимат", "en": "MDDIAI"},
                    deadline=date(2024, 9, 1),
                ),
            )
    for point_id in points:
        close_voting(db, ME, point_id)
    protocol = create_protocol(db, ME, held.board.meeting_id)
    for item in held.board.items:
        for lang in WORDS:
            set_narrative(
                db,
                ME,
                protocol.id,
                item,
                lang,
                Narrative(
                    heard=_text(rng, lang),
                    spoke=f"{_text(rng, lang)}\n{_text(rng, lang)}",
                    discussion=" ".join(_text(rng, lang) for _ in range(8)),
                ),
            )


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pair]:
    lite = open_database(tmp_path_factory.mktemp("search") / "kenes.sqlite3")
    _fill(lite)
    with cluster() as url:
        server = open_database(url)
        copy_database(lite, server, Actor("x"))
        try:
            yield Pair(lite, server)
        finally:
            server.close()
            lite.close()


def _seen(hits: list[SearchHit]) -> list[tuple[object, ...]]:
    return [
        (h.kind, h.record_id, h.lang, h.item_id, h.decision_point_id, h.meeting_id, h.snippet)
        for h in hits
    ]


@pytest.mark.parametrize("query", QUERIES + BENCH_QUERIES)
def test_postgres_finds_what_sqlite_finds(pair: Pair, query: str) -> None:
    on_sqlite = search(pair.sqlite, query)
    assert _seen(search(pair.postgres, query)) == _seen(on_sqlite)


def test_the_query_set_finds_texts_of_every_kind(pair: Pair) -> None:
    """The parity above is not the parity of empty lists."""
    found = {h.kind for q in QUERIES for h in search(pair.postgres, q)}
    assert found == set(search_module.KINDS)
    assert len(search(pair.postgres, "қаржы")) == 50  # the limit, newest first on both


@pytest.mark.parametrize("limit", [1, 7, 50, 500])
def test_the_limit_cuts_the_same_hits(pair: Pair, limit: int) -> None:
    for query in ("ұлттық", "approve", "2024", "а"):
        expected = _seen(search(pair.sqlite, query, limit=limit))
        assert _seen(search(pair.postgres, query, limit=limit)) == expected


def test_hostile_queries_give_the_same_nothing_or_hits(pair: Pair) -> None:
    for query in HOSTILE:
        assert _seen(search(pair.postgres, query)) == _seen(search(pair.sqlite, query))


def test_the_triggers_follow_every_write_on_postgres(pair: Pair) -> None:
    """Inserts, updates and deletes reach ``search_documents`` at once, as on SQLite."""
    db = pair.postgres
    item = search(db, "қаржыландыру")[0].item_id
    assert item is not None
    point = add_decision_point(db, ME, item, {"kk": "Шұғыл ҮНДЕУ қабылдансын.", "ru": "", "en": ""})
    assert [(h.kind, h.record_id) for h in search(db, "үндеу")] == [("decision", point.id)]
    update_decision_point(db, ME, point.id, {"kk": "", "ru": "Принять ОБРАЩЕНИЕ.", "en": ""})
    assert search(db, "үндеу") == []
    assert [(h.kind, h.lang) for h in search(db, "обращение")] == [("decision", "ru")]
    remove_decision_point(db, ME, point.id)
    assert search(db, "обращение") == []


def _migration() -> Any:
    path = Path(search_module.__file__).parent.parent / "models/migrations/versions"
    spec = importlib.util.spec_from_file_location("m0015", path / "0015_postgres_search.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_migration_indexes_the_texts_the_search_reads(pair: Pair) -> None:
    """The migration's copy of the texts' SQL is the search's, and its index is used."""
    migration = _migration()
    assert migration.SOURCES == search_module._PG_SOURCES
    assert migration.MEETING_SHIFT == search_module.MEETING_SHIFT
    assert migration.KIND_CODES == search_module._KIND_CODES
    with pair.postgres.reading() as session:
        session.execute(text("SET LOCAL enable_seqscan = off"))
        plan = " ".join(
            row[0]
            for row in session.execute(
                text("EXPLAIN " + search_module._PG_FIND), {"q": "'қаржы':*", "limit": 50}
            )
        )
        # The GIN index for a rare word, the key backwards for a common one (as FTS5 walks).
        assert "search_documents_doc" in plan or "Backward using search_documents_pkey" in plan
        # Every text of the archive is in it, once, under FTS5's rowid.
        keys = {int(k) for k in session.scalars(text("SELECT k FROM search_documents"))}
    with pair.sqlite.reading() as session:
        rowids = {int(k) for k in session.scalars(text("SELECT rowid FROM search_index"))}
    assert keys == rowids
