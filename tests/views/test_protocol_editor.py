"""The protocol editor: details, the narrative per item and language, the record, the gaps.

Kazakh text is set on the widgets directly (``keyClicks`` aborts on "Ә").
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from app.domain.errors import KenesError
from app.i18n import _
from app.models.database import Database
from app.services.protocols.actions import (
    Narrative,
    ProtocolDetails,
    Signing,
    missing_texts,
    set_narrative,
    sign_protocol,
    update_protocol,
)
from app.services.protocols.common import ProtocolInfo
from app.services.protocols.documents import protocol_snapshot
from app.services.protocols.read_protocol import read_protocol
from app.views import operations, protocol_editor
from app.views.protocol_editor import ProtocolEditor, item_texts
from app.views.qt_i18n import apply_language
from tests.services.conduct_helpers import ME
from tests.services.protocol_helpers import HeldMeeting
from tests.views.view_helpers import answering

CITIES = {"kk": "Астана", "ru": "Астана", "en": "Astana"}


@pytest.fixture(autouse=True)
def refusals(monkeypatch: pytest.MonkeyPatch) -> list[KenesError]:
    """Refusals the editor would show (captured: a modal box would block the test)."""
    seen: list[KenesError] = []
    monkeypatch.setattr(operations, "show_refusal", lambda _p, e: seen.append(e))
    return seen


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Questions asked; each is answered no (keep editing)."""
    return answering(monkeypatch, False, protocol_editor)


@pytest.fixture
def editor(qtbot: QtBot, database: Database, protocol: ProtocolInfo) -> Iterator[ProtocolEditor]:
    dialog = ProtocolEditor(database, ME, protocol.id)
    qtbot.addWidget(dialog)
    yield dialog
    apply_language("en")


def narrative_gap(lang: str, number: int) -> str:
    """A gap is named in the interface language (English here), whatever the protocol's."""
    del lang
    return _("Narrative of item {number}").format(number=number)


def test_the_editor_shows_the_details_the_items_and_the_record(
    editor: ProtocolEditor, protocol: ProtocolInfo
) -> None:
    assert editor.number.text() == "1" and editor.main_language.value() == "kk"
    assert editor.items.count() == 3 and editor.items.item(0).text() == "1. Item 1"
    assert editor.current_item_id() is not None
    assert editor.tabs.count() == 3
    assert [editor.tabs.tabText(i) for i in range(3)] == ["Қазақша", "Русский", "English"]
    # The record, in each tab's language: the decision, how it was reached, the instruction.
    kk = editor.panes["kk"].record.toPlainText()
    assert "Жоспар бекітілсін." in kk and "Шешті:" in kk
    assert "Жол картасын әзірлеу." in kk and "ЦДИАӨМ" in kk
    ru = editor.panes["ru"].record.toPlainText()
    assert "Утвердить план." in ru and "14 из 15" in ru and "14 марта 2024 года" in ru
    editor.items.setCurrentRow(1)
    en = editor.panes["en"].record.toPlainText()
    assert "Approve the funding." in en and "2. Item 2" in en
    assert "dissenting opinion" in en  # the dissent on the tie is mentioned


def test_missing_texts_are_listed_per_language_and_follow_the_saves(
    editor: ProtocolEditor, database: Database, protocol: ProtocolInfo, held: HeldMeeting
) -> None:
    # No city in any language yet: each language misses it.
    for code in ("kk", "ru", "en"):
        assert editor.missing(code) == missing_texts(database, protocol.id, code)
        assert editor.panes[code].missing_texts() == list(editor.missing(code))
        assert editor.panes[code].missing_texts()
        assert not editor.panes[code].missing.isHidden()
        assert editor.panes[code].nothing_missing.isHidden()
    for code, city in CITIES.items():
        editor.cities[code].setText(city)
    assert editor.is_dirty()
    assert editor.save()
    assert not editor.is_dirty()
    assert read_protocol(database, protocol.id).cities == CITIES
    for code in ("kk", "ru", "en"):
        assert editor.panes[code].missing_texts() == []
        assert not editor.panes[code].nothing_missing.isHidden()

    # A narrative in Kazakh only: Russian and English would take it, and say so.
    first = held.board.items[0]
    editor.select_item(first)
    editor.panes["kk"].heard.setPlainText("Әлиев Ә. баяндамасы тыңдалды.")
    editor.panes["kk"].spoke.setPlainText("Бекова Ә., министр\nСейітов Қ., директор")
    assert editor.narrative(first, "kk").spoke.count("\n") == 1
    assert editor.save()
    assert editor.missing("kk") == ()
    assert editor.missing("ru") == (narrative_gap("ru", 1),)
    assert editor.panes["en"].missing_texts() == [narrative_gap("en", 1)]
    assert editor.tabs.tabIcon(1).isNull() is False and editor.tabs.tabIcon(0).isNull()
    # The untranslated fields show the Kazakh text that would be used, as a hint.
    assert editor.panes["ru"].heard.toPlainText() == ""
    assert editor.panes["ru"].heard.placeholderText() == "Әлиев Ә. баяндамасы тыңдалды."

    # Translating it empties the lists.
    editor.panes["ru"].heard.setPlainText("Заслушан доклад Алиева А.")
    editor.panes["en"].heard.setPlainText("A report by A. Aliyev was heard.")
    assert editor.save()
    for code in ("kk", "ru", "en"):
        assert editor.missing(code) == ()
    snapshot = protocol_snapshot(database, protocol.id, "ru")
    assert snapshot.items[0].heard_summary == "Заслушан доклад Алиева А."
    assert snapshot.gaps == ()


def test_texts_are_kept_per_item_and_read_back_when_reopened(
    qtbot: QtBot,
    editor: ProtocolEditor,
    database: Database,
    protocol: ProtocolInfo,
    held: HeldMeeting,
) -> None:
    first, second = held.board.items[:2]
    editor.select_item(first)
    editor.panes["kk"].heard.setPlainText("Бірінші мәселе бойынша баяндама.")
    editor.select_item(second)
    assert editor.panes["kk"].heard.toPlainText() == ""
    editor.panes["kk"].discussion.setPlainText("Екінші мәселе талқыланды.")
    editor.select_item(first)
    assert editor.panes["kk"].heard.toPlainText() == "Бірінші мәселе бойынша баяндама."
    assert editor.save()

    again = ProtocolEditor(database, ME, protocol.id)
    qtbot.addWidget(again)
    assert again.narrative(first, "kk") == Narrative("Бірінші мәселе бойынша баяндама.", "", "")
    assert again.narrative(second, "kk").discussion == "Екінші мәселе талқыланды."
    assert again.narrative(first, "ru") == Narrative()  # missing, not the Kazakh fallback
    again.select_item(first)
    assert again.panes["kk"].heard.toPlainText() == "Бірінші мәселе бойынша баяндама."
    assert not again.is_dirty()


def test_item_texts_tell_a_fallback_from_a_text(
    database: Database, protocol: ProtocolInfo, held: HeldMeeting
) -> None:
    set_narrative(database, ME, protocol.id, held.board.items[0], "ru", Narrative("Слушали."))
    ru = protocol_snapshot(database, protocol.id, "ru")
    kk = protocol_snapshot(database, protocol.id, "kk")
    assert item_texts(ru, ru.items[0]).saved == Narrative("Слушали.")
    assert item_texts(ru, ru.items[0]).fallback is None
    assert item_texts(kk, kk.items[0]).saved == Narrative()
    assert item_texts(kk, kk.items[0]).fallback == Narrative("Слушали.")


def test_details_are_saved_and_a_refusal_keeps_the_input(
    editor: ProtocolEditor, database: Database, protocol: ProtocolInfo, refusals: list[KenesError]
) -> None:
    editor.number.setText("1/2024")
    editor.main_language.set_value("ru")
    assert editor.save()
    saved = read_protocol(database, protocol.id)
    assert saved.number == "1/2024" and saved.main_language == "ru"
    assert editor.windowTitle() == "Protocol No. 1/2024"
    editor.number.setText("   ")
    assert not editor.save()
    assert len(refusals) == 1
    assert editor.number.text() == "   " and editor.is_dirty()
    assert read_protocol(database, protocol.id).number == "1/2024"


def test_closing_with_unsaved_changes_asks_first(
    qtbot: QtBot, editor: ProtocolEditor, answers: list[str]
) -> None:
    editor.open()
    editor.reject()  # nothing changed: closes without asking
    assert answers == [] and not editor.isVisible()
    editor.open()
    editor.panes["en"].discussion.setPlainText("Unsaved words.")
    editor.reject()
    assert len(answers) == 1 and editor.isVisible()  # answered no: stays open
    assert editor.panes["en"].discussion.toPlainText() == "Unsaved words."
    editor.accept()  # OK saves and closes
    assert not editor.isVisible() and not editor.is_dirty()


def test_a_signed_protocol_is_shown_read_only(
    qtbot: QtBot, database: Database, protocol: ProtocolInfo, refusals: list[KenesError]
) -> None:
    update_protocol(database, ME, protocol.id, ProtocolDetails("1", CITIES, "kk"))
    sign_protocol(database, ME, protocol.id, Signing(date(2024, 3, 20), languages=("kk",)))
    dialog = ProtocolEditor(database, ME, protocol.id)
    qtbot.addWidget(dialog)
    assert dialog.panes["kk"].heard.isReadOnly() and dialog.number.isReadOnly()
    assert not dialog.save_button.isEnabled()
    assert not dialog.locked_note.isHidden()
    assert not dialog.save()
    assert refusals == []
    assert "Жоспар бекітілсін." in dialog.panes["kk"].record.toPlainText()  # as issued
    assert dialog.panes["ru"].record.toPlainText() == ""  # not issued in Russian


def test_the_editor_follows_the_interface_language(editor: ProtocolEditor) -> None:
    apply_language("kk")
    assert editor.items.item(0).text() == "1. 1-мәселе"
    assert editor.tabs.tabText(0) == "Қазақша"  # languages are named in themselves
    apply_language("ru")
    assert editor.items.item(0).text() == "1. Вопрос 1"
    apply_language("en")
    assert editor.items.item(0).text() == "1. Item 1"
