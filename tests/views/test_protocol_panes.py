"""One language of the protocol editor: the narrative read back, the record shown, the gaps."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from app import i18n
from app.models.database import Database
from app.services.protocols.actions import Narrative, create_protocol, set_narrative
from app.services.protocols.common import ProtocolInfo
from app.services.protocols.documents import protocol_snapshot
from app.views.protocol_panes import LanguagePane, item_texts, record_html
from tests.services.conduct_helpers import ME
from tests.services.protocol_helpers import HeldMeeting

KAZAKH = Narrative("Жоспар туралы баяндама.", "Әбенов Н., министр\nОмарова Г.", "Талқыланды.")


@pytest.fixture
def protocol(database: Database, held: HeldMeeting) -> ProtocolInfo:
    info = create_protocol(database, ME, held.board.meeting_id)
    set_narrative(database, ME, info.id, held.board.items[0], "kk", KAZAKH)
    return info


def test_a_saved_narrative_is_read_back_as_saved(
    database: Database, protocol: ProtocolInfo
) -> None:
    snapshot = protocol_snapshot(database, protocol.id, "kk")

    texts = item_texts(snapshot, snapshot.items[0])

    assert texts.saved == KAZAKH and texts.fallback is None


def test_a_missing_narrative_is_a_fallback_not_this_language_s_text(
    database: Database, protocol: ProtocolInfo
) -> None:
    snapshot = protocol_snapshot(database, protocol.id, "ru")

    texts = item_texts(snapshot, snapshot.items[0])

    assert texts.saved == Narrative()
    assert texts.fallback == KAZAKH  # what the Russian protocol would show


def test_the_record_of_an_item_shows_its_decisions_and_instructions(
    database: Database, protocol: ProtocolInfo
) -> None:
    snapshot = protocol_snapshot(database, protocol.id, "en")

    shown = record_html(snapshot, 1)

    assert "Approve the plan." in shown and "Draft a roadmap." in shown
    assert "<h3>1. " in shown
    assert record_html(snapshot, 99).count("<h3>") == 0  # no such item: the head only


def test_the_pane_shows_a_narrative_and_the_fallback_as_placeholders(qtbot: QtBot) -> None:
    pane = LanguagePane("ru")
    qtbot.addWidget(pane)

    pane.show_narrative(Narrative(), KAZAKH)

    assert pane.narrative() == Narrative()
    assert [e.placeholderText() for e in pane.editors()] == [
        KAZAKH.heard,
        KAZAKH.spoke,
        KAZAKH.discussion,
    ]
    pane.show_narrative(Narrative("Заслушали.", "", ""), None)
    assert pane.narrative() == Narrative("Заслушали.", "", "")
    assert pane.heard.placeholderText() == "" and pane.heard.objectName() == "heard_ru"


def test_gaps_are_listed_and_read_only_locks_every_text(qtbot: QtBot) -> None:
    pane = LanguagePane("en")
    qtbot.addWidget(pane)
    pane.show()

    pane.show_missing(("City", "Narrative of item 2"))
    assert pane.missing_texts() == ["City", "Narrative of item 2"]
    assert pane.missing.isVisible() and not pane.nothing_missing.isVisible()
    pane.show_missing(())
    assert pane.nothing_missing.isVisible() and not pane.missing.isVisible()

    pane.set_read_only(True)
    assert all(editor.isReadOnly() for editor in pane.editors())
    i18n.set_interface_language("kk")
    try:
        pane.retranslate_ui()
        assert pane.nothing_missing.text() != "Nothing is missing in this language."
    finally:
        i18n.set_interface_language("en")
