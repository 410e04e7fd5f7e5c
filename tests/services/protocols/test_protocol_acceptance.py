"""Issue 13's acceptance: the issued PDF and the DOCX read back in kk, ru and en.

Two real meetings on real SQLite files: the demo council's (a tie, a dissent, a
deputy, an absence, the secretary's signature) and a board with a quorum that
members leave and rejoin.  Each document is read back as text and checked for
what a records clerk and a native reader check: no internal shorthand, the act
cited in the language's legal form and named in full once, no word of another
language except proper names, the departure and quorum wording at its item,
signature blocks with initials first, annex headings, document properties.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader
from sqlalchemy import select

from app.domain.protocol import ItemSection, ProtocolSnapshot
from app.domain.voting import Choice
from app.models.composition import Person
from app.models.database import Database, open_database
from app.services.base import SYSTEM
from app.services.conduct.decisions import add_decision_point
from app.services.conduct.queries import live_meeting
from app.services.conduct.voting import cast_ballot, close_voting
from app.services.demo import create_demo
from app.services.demo_meeting import create_demo_meeting
from app.services.meetings.mark_held import mark_held
from app.services.meetings.notify_members import notify_members
from app.services.protocols.actions import create_protocol
from app.services.protocols.documents import protocol_docx, protocol_pdf, protocol_snapshot
from tests.services.conduct_helpers import ME
from tests.services.protocols.language_check import (
    docx_text,
    foreign_words,
    key,
    pdf_text,
    squash,
    strip_allowed,
)
from tests.services.quorum_helpers import quorum_meeting

LANGS = ("kk", "ru", "en")
CITATION = {
    "kk": "Ереженің 15-тармағы",
    "ru": "п. 15 Положения",
    "en": "paragraph 15 of the Regulation",
}
ACT_NAMED = {
    "kk": "№ 690 қаулысымен бекітілген",
    "ru": "утвержденное постановлением Правительства Республики Казахстан от 31 октября "
    "2017 года № 690 (далее – Положение)",
    "en": "approved by Decree of the Government of the Republic of Kazakhstan No. 690 of "
    "31 October 2017 (the Regulation)",
}
ANNEX = {
    "kk": "2024 жылғы 14 наурыздағы № 1 хаттамаға 1-қосымша",
    "ru": "Приложение 1 к протоколу № 1 от 14 марта 2024 года",
    "en": "Annex 1 to Minutes No. 1 of 14 March 2024",
}
SECRETARY = {"kk": "Хатшы", "ru": "Секретарь", "en": "Secretary"}
LANGUAGE_TAGS = {"kk": "kk-KZ", "ru": "ru-RU", "en": "en-GB"}


@dataclass(frozen=True)
class Issued:
    """One protocol in one language: its snapshot and both documents, read back."""

    snapshot: ProtocolSnapshot
    pdf: bytes
    docx: bytes
    names: tuple[str, ...]  # every part of every person's name: proper names a text may hold

    def texts(self) -> dict[str, str]:
        return {"pdf": squash(pdf_text(self.pdf)), "docx": squash(docx_text(self.docx))}


def _names(db: Database) -> tuple[str, ...]:
    with db.reading() as session:
        parts = [
            part
            for p in session.scalars(select(Person))
            for part in (p.surname, p.given_name, p.patronymic, p.latin_name, *p.latin_name.split())
        ]
    return tuple(part for part in parts if part)


def _issue(db: Database, protocol_id: int) -> dict[str, Issued]:
    names = _names(db)
    return {
        lang: Issued(
            protocol_snapshot(db, protocol_id, lang),
            protocol_pdf(db, protocol_id, lang),
            protocol_docx(db, protocol_id, lang),
            names,
        )
        for lang in LANGS
    }


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Issued]]:
    db = open_database(tmp_path_factory.mktemp("demo") / "kenes.sqlite3")
    try:
        create_demo(db, SYSTEM)
        create_demo_meeting(db, SYSTEM)
        yield _issue(db, 1)
    finally:
        db.close()


@pytest.fixture(scope="module")
def quorum(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Issued]]:
    db = open_database(tmp_path_factory.mktemp("quorum") / "kenes.sqlite3")
    try:
        board = quorum_meeting(db)
        live = live_meeting(db, board.meeting_id)
        for item in range(3):
            texts = {
                "kk": f"{item + 1}-мәселе бойынша ұсыныс мақұлдансын.",
                "ru": f"Одобрить предложение по вопросу {item + 1}.",
                "en": f"Approve the proposal on item {item + 1}.",
            }
            point = add_decision_point(db, ME, board.items[item], texts)
            for person in sorted(live.items[item].entitled):
                cast_ballot(db, ME, point.id, person, Choice.FOR)
            close_voting(db, ME, point.id, without_quorum=True)
        notify_members(db, ME, board.meeting_id, "kk", at=datetime(2024, 3, 1, 9, tzinfo=UTC))
        mark_held(db, ME, board.meeting_id, today=date(2024, 3, 15))
        yield _issue(db, create_protocol(db, ME, board.meeting_id).id)
    finally:
        db.close()


@pytest.mark.parametrize("lang", LANGS)
def test_no_internal_shorthand_and_the_act_cited_as_law(demo: dict[str, Issued], lang: str) -> None:
    for kind, text in demo[lang].texts().items():
        assert "§" not in text, (lang, kind)
        assert not re.search(r"\b00[0-4]\b", text), (lang, kind)
        assert CITATION[lang] in text, (lang, kind)
        assert text.count(squash(ACT_NAMED[lang])) == 1, (lang, kind)  # named in full once


@pytest.mark.parametrize("lang", LANGS)
def test_no_word_of_another_language_but_proper_names(
    demo: dict[str, Issued], quorum: dict[str, Issued], lang: str
) -> None:
    for issued in (demo[lang], quorum[lang]):
        # The members' own words are annexed as written; invited persons are named as listed.
        own_words = [d.text for d in issued.snapshot.dissents]
        own_words += [guest.name for guest in issued.snapshot.invited]
        for kind, text in issued.texts().items():
            stripped = strip_allowed(text, issued.names, own_words)
            assert foreign_words(stripped, lang) == [], (lang, kind)


def _heading(text: str, item: ItemSection) -> int:
    """Where the item's heading stands in the body (its second mention, after the agenda)."""
    mark = key(f"{item.number}. {item.title}")
    return text.index(mark, text.index(mark) + 1)


@pytest.mark.parametrize("lang", LANGS)
def test_departures_and_the_quorum_lost_at_their_item(quorum: dict[str, Issued], lang: str) -> None:
    issued = quorum[lang]
    second, third = issued.snapshot.items[1], issued.snapshot.items[2]
    assert second.attendance_notes and second.quorum_note and third.quorum_note
    for kind, flat in issued.texts().items():
        text = key(flat)
        item_2, item_3 = _heading(text, second), _heading(text, third)
        lost = text.index(key(second.quorum_note))
        assert item_2 < lost < item_3, (lang, kind)
        for note in second.attendance_notes:
            assert item_2 < text.index(key(note)) < lost, (lang, kind)
        assert item_3 < text.index(key(third.quorum_note)), (lang, kind)
        result = key(second.decisions[0].result)
        assert lost < text.index(result[-30:]) < item_3, (lang, kind)


@pytest.mark.parametrize("lang", LANGS)
def test_signatures_initials_first_and_the_secretary(demo: dict[str, Issued], lang: str) -> None:
    issued = demo[lang]
    blocks = issued.snapshot.signatures
    assert [b.role for b in blocks][1] == SECRETARY[lang]
    for block in blocks:
        assert re.fullmatch(r"(\w\.\u00a0)+\w[\w-]*", block.name), block.name
    for kind, text in issued.texts().items():
        for block in blocks:
            assert squash(block.name) in text, (lang, kind)
        assert SECRETARY[lang] in text, (lang, kind)


@pytest.mark.parametrize("lang", LANGS)
def test_annexes_are_headed_with_the_protocol_they_belong_to(
    demo: dict[str, Issued], lang: str
) -> None:
    for kind, text in demo[lang].texts().items():
        assert squash(ANNEX[lang]) in text, (lang, kind)
        assert squash(ANNEX[lang].replace("1", "2", 1) if lang != "kk" else "2-қосымша") in text


@pytest.mark.parametrize("lang", LANGS)
def test_document_properties(demo: dict[str, Issued], lang: str) -> None:
    issued = demo[lang]
    council = issued.snapshot.council_name
    meta = PdfReader(io.BytesIO(issued.pdf)).metadata
    assert meta is not None
    assert meta.author == council and council in (meta.title or "")
    assert issued.snapshot.number in (meta.title or "")
    assert not (meta.get("/CreationDate") or "").startswith("D:2000")
    properties = docx.Document(io.BytesIO(issued.docx)).core_properties
    assert properties.author == council and council in properties.title
    assert properties.language == LANGUAGE_TAGS[lang]
    assert properties.created is not None and properties.created.year != 2000


def test_the_documents_are_written_whole(demo: dict[str, Issued], tmp_path: Path) -> None:
    """The PDF ends with its trailer and the DOCX opens: what the checks above read is all."""
    for issued in demo.values():
        assert issued.pdf.rstrip().endswith(b"%%EOF")
        path = tmp_path / "copy.docx"
        path.write_bytes(issued.docx)
        assert docx.Document(str(path)).paragraphs
