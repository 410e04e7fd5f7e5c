"""Archive search: Kazakh, Russian and English words found whatever their case; hostile
queries never raise; the triggers keep the index current on every write."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from app.models.database import Database, open_database
from app.services.agenda.common import ItemData
from app.services.agenda.update_item import update_item
from app.services.conduct.decisions import (
    InstructionData,
    add_decision_point,
    add_instruction,
    remove_decision_point,
    remove_instruction,
    update_decision_point,
)
from app.services.conduct.dissent import add_dissent, remove_dissent, update_dissent
from app.services.protocols.actions import Narrative, create_protocol, set_narrative
from app.services.search import (
    MARK_CLOSE,
    MARK_OPEN,
    MAX_WORDS,
    SearchHit,
    fts_query,
    make_snippet,
    query_words,
    search,
    snippet_parts,
)
from app.services.search_index import rebuild_search_index
from tests.postgres import cluster, find_bin
from tests.services.conduct_helpers import DAY, ME
from tests.services.protocol_helpers import HeldMeeting, held_meeting

HOSTILE = [
    '"',
    '""',
    "'",
    "AND OR NOT",
    "AND",
    "NOT қаржы",
    "*",
    "**",
    "(",
    ")",
    "NEAR(",
    "NEAR(a b, 3)",
    "body:қаржы",
    "kind:item",
    "^start",
    "a + b",
    "-минус",
    "{body}",
    "[x]",
    "\\",
    "\x00",
    "\u202e\u200b",
    "😀 🇰🇿",
    "қаржы" * 3000,
    "a " * 5000,
    " ".join(f"w{n}" for n in range(200)),
    "",
    "   ",
    "\n\t",
]


@dataclass(frozen=True)
class Archive:
    db: Database
    held: HeldMeeting


@pytest.fixture
def archive(database: Database) -> Archive:
    return Archive(database, held_meeting(database))


def kinds(hits: list[SearchHit]) -> set[tuple[str, str]]:
    return {(hit.kind, hit.lang) for hit in hits}


def index_rows(db: Database) -> list[tuple[object, ...]]:
    with db.engine.connect() as conn:
        return [
            tuple(row)
            for row in conn.execute(
                text(
                    "SELECT rowid, body, kind, record_id, lang, meeting_id FROM search_index "
                    "ORDER BY rowid"
                )
            )
        ]


# -- words in three languages, any case ---------------------------------------------------


@pytest.mark.parametrize("query", ["қаржыландыру", "ҚАРЖЫЛАНДЫРУ", "Қаржыландыру", "қаржы"])
def test_kazakh_words_are_found_whatever_their_case(archive: Archive, query: str) -> None:
    hits = search(archive.db, query)
    # The decision "Қаржыландыру мақұлдансын." and the dissent "Қаржыландыру көзі ...".
    assert ("decision", "kk") in kinds(hits)
    assert ("dissent", "kk") in kinds(hits)
    decision = next(h for h in hits if h.kind == "decision")
    assert decision.decision_point_id == archive.held.points[1]
    assert decision.meeting_id == archive.held.board.meeting_id
    assert decision.item_id == archive.held.board.items[1]
    assert decision.council_id == 1
    assert decision.meeting_date == DAY
    assert decision.council_name("kk").startswith("«Инновациялық технологиялар паркі»")
    assert decision.snippet == f"{MARK_OPEN}Қаржыландыру{MARK_CLOSE} мақұлдансын."


def test_kazakh_letters_are_kept_apart_from_their_russian_look_alikes(archive: Archive) -> None:
    # "Жоспар бекітілсін" has і (U+0456); the same word typed with Russian и is another word.
    assert ("decision", "kk") in kinds(search(archive.db, "БЕКІТІЛСІН"))
    assert search(archive.db, "бекитилсин") == []
    assert ("decision", "kk") in kinds(search(archive.db, "жоспар бекітілсін"))


@pytest.mark.parametrize("query", ["финансирование", "ФИНАНСИРОВАНИЕ", "Финанс", "одобрить"])
def test_russian_words_are_found_whatever_their_case(archive: Archive, query: str) -> None:
    hits = search(archive.db, query)
    assert kinds(hits) == {("decision", "ru")}
    assert hits[0].plain_snippet() == "Одобрить финансирование."


def test_english_words_and_instructions_are_found(archive: Archive) -> None:
    assert kinds(search(archive.db, "FUNDING")) == {("decision", "en")}
    roadmap = search(archive.db, "roadmap")
    assert kinds(roadmap) == {("instruction", "en")}
    assert roadmap[0].decision_point_id == archive.held.points[0]
    # The executor is searched with the instruction.
    assert ("instruction", "ru") in kinds(search(archive.db, "мцриап"))
    assert ("instruction", "kk") in kinds(search(archive.db, "жол картасын"))


def test_agenda_item_titles_are_found_in_every_language(archive: Archive) -> None:
    assert ("item", "kk") in kinds(search(archive.db, "2-МӘСЕЛЕ"))
    assert ("item", "ru") in kinds(search(archive.db, "вопрос 2"))
    item = [h for h in search(archive.db, "item 2") if h.kind == "item"]
    assert item[0].record_id == archive.held.board.items[1] == item[0].item_id


def test_protocol_narratives_are_found(archive: Archive) -> None:
    protocol = create_protocol(archive.db, ME, archive.held.board.meeting_id)
    item = archive.held.board.items[0]
    set_narrative(
        archive.db,
        ME,
        protocol.id,
        item,
        "ru",
        Narrative(heard="Заслушан доклад о ходе ЦИФРОВИЗАЦИИ.", discussion="Обсуждение."),
    )
    set_narrative(
        archive.db, ME, protocol.id, item, "kk", Narrative(heard="Цифрландыру туралы баяндама.")
    )
    hits = search(archive.db, "цифровизации")
    assert kinds(hits) == {("narrative", "ru")}
    assert hits[0].item_id == item
    assert (
        hits[0].snippet
        == f"Заслушан доклад о ходе {MARK_OPEN}ЦИФРОВИЗАЦИИ{MARK_CLOSE}. Обсуждение."
    )
    assert kinds(search(archive.db, "цифрландыру")) == {("narrative", "kk")}
    # Rewriting the narrative replaces its text in the index.
    set_narrative(archive.db, ME, protocol.id, item, "ru", Narrative(heard="Иной текст."))
    assert search(archive.db, "цифровизации") == []
    assert kinds(search(archive.db, "иной")) == {("narrative", "ru")}


def test_all_words_must_occur(archive: Archive) -> None:
    assert kinds(search(archive.db, "одобрить финансирование")) == {("decision", "ru")}
    assert search(archive.db, "одобрить план") == []


# -- the query never fails ------------------------------------------------------------------


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_never_raise(archive: Archive, query: str) -> None:
    hits = search(archive.db, query)
    assert isinstance(hits, list)


def test_empty_queries_and_limits_find_nothing(archive: Archive) -> None:
    for query in ("", "  ", "*", '"', "()", None, 42):
        assert search(archive.db, query) == []  # type: ignore[arg-type]
    assert search(archive.db, "қаржы", limit=0) == []
    assert search(archive.db, "қаржы", limit=-5) == []
    assert len(search(archive.db, "қаржы", limit=1)) == 1


def test_query_words_are_quoted_lowered_and_bounded() -> None:
    assert query_words('Қаржы "AND" (NEAR*') == ["қаржы", "and", "near"]
    assert fts_query("ФИНАНС и") == '"финанс"* "и"'
    assert len(query_words(" ".join(f"w{n}" for n in range(100)))) == MAX_WORDS
    assert query_words("under_score") == ["under", "score"]


FTS = sqlite3.connect(":memory:")
FTS.execute(
    "CREATE VIRTUAL TABLE t USING fts5(body, tokenize = 'unicode61 remove_diacritics 0', "
    "prefix = '2 3')"
)
FTS.execute("INSERT INTO t VALUES ('Қаржыландыру мақұлдансын. Одобрить финансирование.')")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_makes_a_valid_fts5_query(query: str) -> None:
    match = fts_query(query)
    if match:
        FTS.execute("SELECT count(*) FROM t WHERE t MATCH ?", (match,)).fetchone()
    else:
        assert query_words(query) == []


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200), st.lists(st.text(min_size=1, max_size=5), max_size=3))
def test_snippets_only_mark_and_never_lose_the_matched_words(body: str, words: list[str]) -> None:
    snippet = make_snippet(body, [w.lower() for w in words])
    for part, is_match in snippet_parts(snippet):
        if is_match:
            assert part.lower().startswith(tuple(w.lower() for w in words if w))


# -- the triggers keep the index current ----------------------------------------------------


def test_triggers_follow_decisions_through_the_services(database: Database) -> None:
    held = held_meeting(database, close=False)
    item = held.board.items[2]
    point = add_decision_point(
        database, ME, item, {"kk": "Ұлттық ғарыш бағдарламасы мақұлдансын.", "ru": "", "en": ""}
    )
    hits = search(database, "ҒАРЫШ")
    assert [(h.kind, h.record_id, h.item_id) for h in hits] == [("decision", point.id, item)]
    update_decision_point(
        database, ME, point.id, {"kk": "", "ru": "Одобрить космическую программу.", "en": ""}
    )
    assert search(database, "ғарыш") == []
    assert kinds(search(database, "космическую")) == {("decision", "ru")}
    remove_decision_point(database, ME, point.id)
    assert search(database, "космическую") == []


def test_triggers_follow_instructions_and_items(database: Database) -> None:
    held = held_meeting(database, close=False)
    point = held.points[0]
    instruction = add_instruction(
        database,
        ME,
        point,
        InstructionData(
            texts={"kk": "", "ru": "Подготовить ТЕХНОПАРК к запуску.", "en": ""},
            executors={"ru": "Акимат"},
            deadline=date(2024, 9, 1),
        ),
    )
    assert [h.record_id for h in search(database, "технопарк")] == [instruction.id]
    remove_instruction(database, ME, instruction.id)
    assert search(database, "технопарк") == []


def test_triggers_follow_agenda_items(database: Database) -> None:
    from tests.services.conduct_helpers import board_meeting

    board = board_meeting(database)
    update_item(
        database,
        ME,
        board.items[0],
        ItemData(title_kk="Жиһаз өнеркәсібі туралы", title_ru="О мебели", title_en=""),
    )
    assert kinds(search(database, "ЖИҺАЗ")) == {("item", "kk")}
    assert kinds(search(database, "мебели")) == {("item", "ru")}
    assert search(database, "item 1") == []  # the English title is gone


def test_triggers_follow_dissenting_opinions(archive: Archive) -> None:
    db, held = archive.db, archive.held
    opinion = add_dissent(
        db, ME, held.points[0], held.board.members[10], "Против ДОРОЖНОЙ карты.", "ru", DAY
    )
    hits = search(db, "дорожной")
    assert [(h.kind, h.record_id, h.lang) for h in hits if h.kind == "dissent"] == [
        ("dissent", opinion.id, "ru")
    ]
    update_dissent(db, ME, opinion.id, "I object to the roadmap.", "en")
    assert [h.kind for h in search(db, "дорожной")] == []
    assert ("dissent", "en") in kinds(search(db, "object roadmap"))
    remove_dissent(db, ME, opinion.id)
    assert ("dissent", "en") not in kinds(search(db, "object roadmap"))


def test_rebuilding_gives_the_index_the_triggers_keep(archive: Archive) -> None:
    protocol = create_protocol(archive.db, ME, archive.held.board.meeting_id)
    set_narrative(
        archive.db,
        ME,
        protocol.id,
        archive.held.board.items[0],
        "en",
        Narrative(heard="Heard.", spoke="A\nB", discussion="Talk."),
    )
    kept = index_rows(archive.db)
    assert {row[2] for row in kept} == {"item", "decision", "instruction", "narrative", "dissent"}
    assert rebuild_search_index(archive.db) == len(kept)
    assert index_rows(archive.db) == kept


def test_the_migration_indexes_what_was_there_before(database: Database, db_path) -> None:  # type: ignore[no-untyped-def]
    held_meeting(database)
    kept = index_rows(database)
    with database.engine.begin() as conn:
        conn.execute(text("DROP TABLE search_index"))
        for kind in ("item", "decision", "instruction", "narrative", "dissent"):
            for event in ("insert", "update", "delete"):
                conn.execute(text(f"DROP TRIGGER search_{kind}_{event}"))
        conn.execute(text("UPDATE alembic_version SET version_num = '0005_protocols'"))
    database.close()
    again = open_database(db_path)
    try:
        assert index_rows(again) == kept
    finally:
        again.close()


# -- PostgreSQL: ILIKE over the source tables ----------------------------------------------


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    with cluster() as url:
        yield url


@pytest.mark.postgres
@pytest.mark.skipif(find_bin() is None, reason="PostgreSQL server binaries not installed")
def test_postgres_finds_the_same_kinds_of_text(pg_url: str) -> None:
    db = open_database(pg_url)
    try:
        held = held_meeting(db)
        hits = search(db, "ҚАРЖЫЛАНДЫРУ")
        assert {("decision", "kk"), ("dissent", "kk")} <= kinds(hits)
        assert kinds(search(db, "ФИНАНСИРОВАНИЕ")) == {("decision", "ru")}
        assert kinds(search(db, "roadmap")) == {("instruction", "en")}
        assert hits[0].meeting_id == held.board.meeting_id
        assert rebuild_search_index(db) == 0
        for query in HOSTILE:
            search(db, query)
    finally:
        db.close()
