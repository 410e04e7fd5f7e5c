"""The Protocols page's documents: file names, print, save, a file verified against the record."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrintPreviewDialog
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from app.models.database import Database
from app.services.protocols.actions import Signing, create_protocol, revise_protocol, sign_protocol
from app.services.protocols.common import ProtocolInfo
from app.services.protocols.documents import protocol_pdf
from app.views import operations, protocol_documents
from app.views.protocol_documents import file_name
from app.views.protocols_page import ProtocolsPage
from app.views.qt_i18n import apply_language
from tests.services.conduct_helpers import ME
from tests.services.protocol_helpers import HeldMeeting

TODAY = date(2024, 3, 25)


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    messages: list[str] = []
    monkeypatch.setattr(protocol_documents, "inform", lambda _p, text: messages.append(text))
    monkeypatch.setattr(operations, "show_refusal", lambda _p, e: messages.append(e.message()))
    return messages


@pytest.fixture
def signed(database: Database, held: HeldMeeting) -> ProtocolInfo:
    draft = create_protocol(database, ME, held.board.meeting_id)
    signing = Signing(date(2024, 3, 20), languages=("kk", "ru"), accept_gaps=True)
    return sign_protocol(database, ME, draft.id, signing)


@pytest.fixture
def page(
    qtbot: QtBot, database: Database, signed: ProtocolInfo, held: HeldMeeting
) -> Iterator[ProtocolsPage]:
    widget = ProtocolsPage(database, ME, today=TODAY)
    qtbot.addWidget(widget)
    assert widget.select_meeting(held.board.meeting_id)
    yield widget
    apply_language("en")


def test_a_saved_protocol_is_named_by_what_it_holds(page: ProtocolsPage) -> None:
    row = page.selected()
    assert row is not None

    assert file_name(row, "kk", ".pdf") == "Хаттама-1-2024-03-14-kk.pdf"
    assert file_name(row, "ru", ".docx") == "Протокол-1-2024-03-14-ru.docx"
    assert file_name(row, "en", ".pdf") == "Protocol-1-2024-03-14-en.pdf"


def test_an_issued_pdf_is_recognised_and_a_changed_one_is_not(
    page: ProtocolsPage, database: Database, signed: ProtocolInfo, told: list[str], tmp_path: Path
) -> None:
    issued = tmp_path / "хаттама.pdf"
    issued.write_bytes(protocol_pdf(database, signed.id, "kk"))
    changed = tmp_path / "changed.pdf"
    changed.write_bytes(issued.read_bytes().replace(b"%%EOF", b"%%EOF\n% changed", 1))

    found = page.verify_path(issued)
    assert found is not None and found.matches and found.lang == "kk"
    assert told[-1].startswith(
        "хаттама.pdf is protocol No. 1, revision 1, of meeting No. 1 of 14/03/2024"
    )

    other = page.verify_path(changed)
    assert other is not None and not other.matches
    assert told[-1] == (
        "changed.pdf matches no protocol issued by Kenes in this database: it is not a signed "
        "protocol, or it was changed after it was issued."
    )


def test_a_replaced_revision_is_said_to_be_replaced(
    page: ProtocolsPage, database: Database, signed: ProtocolInfo, told: list[str], tmp_path: Path
) -> None:
    issued = tmp_path / "протокол.pdf"
    issued.write_bytes(protocol_pdf(database, signed.id, "ru"))
    revise_protocol(database, ME, signed.id, "Исправлена ошибка в итогах голосования.")

    found = page.verify_path(issued)

    assert found is not None and found.matches and found.superseded
    assert told[-1].endswith("A newer revision of this protocol replaces it.")


def test_saving_asks_where_and_nothing_is_written_when_cancelled(
    page: ProtocolsPage, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    asked: list[str] = []

    def cancel(_parent: object, _caption: str, suggested: str, _filters: str) -> tuple[str, str]:
        asked.append(suggested)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", cancel)

    assert page.save_document(".pdf") is None
    assert Path(asked[0]).name == "Хаттама-1-2024-03-14-kk.pdf"  # the chosen language, kk
    assert page.tasks == [] and page.last_saved is None


def test_printing_opens_the_print_preview_of_the_chosen_language(
    qtbot: QtBot, page: ProtocolsPage, monkeypatch: pytest.MonkeyPatch, told: list[str]
) -> None:
    opened: list[QPrintPreviewDialog] = []

    def record(dialog: QPrintPreviewDialog) -> None:  # shown window-modal, never blocking
        opened.append(dialog)

    monkeypatch.setattr(QPrintPreviewDialog, "open", record)
    page.document_language.set_value("ru")

    task = page.print_protocol()
    assert task is not None
    qtbot.waitUntil(lambda: bool(opened), timeout=30_000)

    assert opened[0].windowTitle() == "Protocol No. 1 (Русский)"
    assert page.print_dialog is opened[0] and told == []
