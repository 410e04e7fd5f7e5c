"""The snapshot a protocol is rendered from: what the record says, worded in one language."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.protocol import ProtocolSnapshot
from app.models.database import Database
from app.models.protocol import Protocol
from app.services.protocols.actions import (
    Narrative,
    ProtocolDetails,
    Signing,
    create_protocol,
    revise_protocol,
    set_narrative,
    sign_protocol,
    update_protocol,
)
from app.services.protocols.snapshot import build_snapshot
from tests.services.conduct_helpers import ME
from tests.services.protocol_helpers import HeldMeeting, held_meeting

CITIES = {"kk": "Астана", "ru": "Астана", "en": "Astana"}


@pytest.fixture
def held(database: Database) -> HeldMeeting:
    return held_meeting(database)


def snapshot_of(database: Database, protocol_id: int, lang: str) -> ProtocolSnapshot:
    with database.reading() as session:
        row = session.get(Protocol, protocol_id)
        assert row is not None
        return build_snapshot(session, row, lang)


def test_the_roll_call_names_every_present_member_with_the_worded_choice(
    database: Database, held: HeldMeeting
) -> None:
    protocol = create_protocol(database, ME, held.board.meeting_id)
    russian = snapshot_of(database, protocol.id, "ru")
    kazakh = snapshot_of(database, protocol.id, "kk")
    first = russian.roll_calls[0]
    assert first.decision_number == "1.1"
    assert len(first.rows) == 14  # the absent member has no row
    assert [r.presiding for r in first.rows].count(True) == 1 and first.rows[0].presiding
    assert sorted({r.choice for r in first.rows}) == ["за", "против"]
    assert {r.choice for r in kazakh.roll_calls[0].rows} >= {"жақтап"}
    assert [len(s.decisions) for s in russian.items][:2] == [1, 1]
    assert russian.agenda == ("Вопрос 1", "Вопрос 2", "Вопрос 3")
    assert kazakh.agenda == ("1-мәселе", "2-мәселе", "3-мәселе")


def test_a_narrative_missing_in_a_language_is_taken_from_another_and_named_a_gap(
    database: Database, held: HeldMeeting
) -> None:
    protocol = create_protocol(database, ME, held.board.meeting_id)
    update_protocol(database, ME, protocol.id, ProtocolDetails("3", CITIES, "ru"))
    set_narrative(
        database,
        ME,
        protocol.id,
        held.board.items[0],
        "ru",
        Narrative("Заслушан доклад.", "Иванов И.\nПетров П.", "Обсуждение."),
    )
    russian = snapshot_of(database, protocol.id, "ru")
    first = russian.items[0]
    assert (first.heard_summary, first.spoke, first.spoke_summary) == (
        "Заслушан доклад.",
        ("Иванов И.", "Петров П."),
        "Обсуждение.",
    )
    assert russian.gaps == () and russian.city == "Астана"
    assert russian.title == "ПРОТОКОЛ № 3"
    kazakh = snapshot_of(database, protocol.id, "kk")
    assert kazakh.items[0].heard_summary == "Заслушан доклад."
    assert kazakh.gaps == ("Narrative of item 1",)  # named in the interface language


def test_a_draft_built_twice_is_the_same_and_survives_its_dictionary(
    database: Database, held: HeldMeeting
) -> None:
    protocol = create_protocol(database, ME, held.board.meeting_id)
    once, twice = (snapshot_of(database, protocol.id, "en") for _ in range(2))
    assert once == twice and once.digest() == twice.digest()
    assert ProtocolSnapshot.from_dict(once.to_dict()) == once
    assert once.gaps  # no city in English yet
    assert [s.role for s in once.signatures] == ["Chair", "Secretary"]


def test_a_revision_says_what_it_replaces_and_why(database: Database, held: HeldMeeting) -> None:
    protocol = create_protocol(database, ME, held.board.meeting_id)
    update_protocol(database, ME, protocol.id, ProtocolDetails("3", CITIES, "kk"))
    sign_protocol(
        database, ME, protocol.id, Signing(date(2024, 3, 20), languages=("en",), accept_gaps=True)
    )
    assert snapshot_of(database, protocol.id, "en").revision_note == ""
    revision = revise_protocol(database, ME, protocol.id, "The place was misspelt.")
    note = snapshot_of(database, revision.id, "en").revision_note
    assert "2" in note and "The place was misspelt." in note
