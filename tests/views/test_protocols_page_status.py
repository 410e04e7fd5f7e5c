"""The Protocols page says why a step cannot be taken (status bar), names files, prints.

The reason of a refused step is the tool tip of its action and, for the
selected protocol, the message of the main window's status bar, in the
interface language (again after a switch).  A saved protocol is suggested a
name that says what it holds; Print… renders the protocol and opens the print
preview, whose Print button opens the system's print dialog.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog, QMainWindow
from pytestqt.qtbot import QtBot

from app.domain.errors import KenesError
from app.models.database import Database
from app.services.protocols.actions import Signing, create_protocol, sign_protocol
from app.views import operations, protocol_documents
from app.views.protocols_page import ProtocolsPage
from app.views.qt_i18n import apply_language
from tests.services.conduct_helpers import ME
from tests.services.protocol_helpers import HeldMeeting

TODAY = date(2024, 3, 15)


@pytest.fixture(autouse=True)
def refusals(monkeypatch: pytest.MonkeyPatch) -> list[KenesError]:
    seen: list[KenesError] = []
    monkeypatch.setattr(operations, "show_refusal", lambda _p, e: seen.append(e))
    monkeypatch.setattr(protocol_documents, "inform", lambda _p, _text: None)
    return seen


@pytest.fixture
def window(qtbot: QtBot, database: Database, held: HeldMeeting) -> Iterator[QMainWindow]:
    main = QMainWindow()
    qtbot.addWidget(main)
    main.setCentralWidget(ProtocolsPage(database, ME, today=TODAY))
    main.resize(1200, 760)
    main.show()
    yield main
    apply_language("en")


def page_of(window: QMainWindow) -> ProtocolsPage:
    page = window.centralWidget()
    assert isinstance(page, ProtocolsPage)
    return page


def test_a_meeting_without_a_protocol_says_how_to_start_one(window: QMainWindow) -> None:
    page = page_of(window)
    assert page.selected() is not None and page.selected().protocol is None  # type: ignore[union-attr]
    assert "has no protocol yet" in page.status_text
    assert window.statusBar().currentMessage() == page.status_text


def test_a_signed_protocol_says_why_it_cannot_be_edited_in_every_language(
    window: QMainWindow, database: Database, held: HeldMeeting
) -> None:
    page = page_of(window)
    info = create_protocol(database, ME, held.board.meeting_id)
    sign_protocol(
        database, ME, info.id, Signing(date(2024, 3, 20), languages=("kk",), accept_gaps=True)
    )
    page.refresh()
    assert not page.edit_action.isEnabled()
    reason = page.edit_action.toolTip()
    assert reason and page.status_text == reason
    assert window.statusBar().currentMessage() == reason
    apply_language("ru")
    assert page.status_text == page.edit_action.toolTip() != reason
    assert window.statusBar().currentMessage() == page.status_text
    assert not any("a" <= c <= "z" for c in page.status_text.lower())  # no English left


def test_the_save_dialog_suggests_a_name_that_says_what_the_file_holds(
    window: QMainWindow,
    database: Database,
    held: HeldMeeting,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    page = page_of(window)
    create_protocol(database, ME, held.board.meeting_id)
    page.refresh()
    asked: list[tuple[Any, ...]] = []

    def answer(*args: Any, **_kwargs: Any) -> tuple[str, str]:
        asked.append(args)
        return "", ""  # the user cancels

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    for lang, word in (("kk", "Хаттама"), ("ru", "Протокол"), ("en", "Protocol")):
        page.document_language.set_value(lang)
        assert page.save_document(".pdf") is None
        suggested = Path(asked[-1][2]).name
        day = page.selected().due.meeting_day.isoformat()  # type: ignore[union-attr]
        assert suggested == f"{word}-1-{day}-{lang}.pdf"


def test_print_opens_the_print_preview_of_the_protocol(
    qtbot: QtBot, window: QMainWindow, database: Database, held: HeldMeeting
) -> None:
    page = page_of(window)
    create_protocol(database, ME, held.board.meeting_id)
    page.refresh()
    assert page.print_action.isEnabled()
    assert page.print_action.text() == "Print…"
    task = page.print_protocol()
    assert task is not None
    qtbot.waitUntil(lambda: page.print_dialog is not None, timeout=20_000)
    dialog = page.print_dialog
    assert dialog is not None and dialog.objectName() == "printPreviewDialog"
    assert "Protocol No. 1" in dialog.windowTitle()
    dialog.reject()
