"""The Protocols page: the overview, and a protocol's whole path through the UI.

On the held meeting of the demo board (seed 000: votes, a 7–7 tie, a dissent,
an instruction): create the protocol, write its narrative in three
languages, sign it in Kazakh and Russian, preview it, save PDF and DOCX,
verify the saved PDF, record a copy, mark the copies sent, and correct it by
a new revision.  Refusals go to ``show_refusal`` (through the operation runner) and change nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from app.domain.errors import KenesError
from app.domain.regulation import AI_COUNCIL_881
from app.models.database import Database
from app.models.protocol import Protocol, ProtocolCopy
from app.services.councils import get_council
from app.services.protocols.actions import Narrative, ProtocolDetails, set_narrative
from app.services.protocols.actions import create_protocol as create_in_service
from app.services.protocols.actions import update_protocol as update_in_service
from app.services.protocols.documents import protocol_pdf
from app.views import operations, protocol_documents
from app.views.operations import PROTOCOLS, announce
from app.views.pdf_preview import KEPT_PAGES, ZOOM_STEPS, PdfPreview
from app.views.protocol_editor import ProtocolEditor
from app.views.protocols_page import AgreementDialog, CopyDialog, ProtocolsPage, RevisionDialog
from app.views.qt_i18n import apply_language
from app.views.sign_dialog import SignDialog
from tests.services.conduct_helpers import ME, board_meeting
from tests.services.protocol_helpers import HeldMeeting, held_meeting

TODAY = date(2024, 3, 15)
CITIES = {"kk": "Астана", "ru": "Астана", "en": "Astana"}
HEADERS = ["Meeting date", "Council", "Meeting No.", "Protocol", "Draft due", "Copies due"]
STATE_COLUMN = 3


@dataclass
class Seen:
    refusals: list[KenesError]
    messages: list[str]


@pytest.fixture(autouse=True)
def seen(monkeypatch: pytest.MonkeyPatch) -> Seen:
    """Refusals and messages the page would show, captured (a modal box would block)."""
    found = Seen([], [])
    monkeypatch.setattr(operations, "show_refusal", lambda _p, e: found.refusals.append(e))
    monkeypatch.setattr(protocol_documents, "inform", lambda _p, text: found.messages.append(text))
    return found


@pytest.fixture
def page(qtbot: QtBot, database: Database, held: HeldMeeting) -> Iterator[ProtocolsPage]:
    widget = ProtocolsPage(database, ME, today=TODAY)
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    yield widget
    apply_language("en")


def row_texts(page: ProtocolsPage, row: int = 0) -> list[str]:
    model = page.model
    return [model.data(model.index(row, c)) for c in range(model.columnCount())]


def state_text(page: ProtocolsPage, meeting_id: int) -> str:
    for row, item in enumerate(page.rows()):
        if item.due.meeting_id == meeting_id:
            return str(page.model.data(page.model.index(row, STATE_COLUMN)))
    raise AssertionError("meeting not listed")


def protocol_count(db: Database) -> int:
    with db.reading() as session:
        return session.scalar(select(func.count()).select_from(Protocol)) or 0


def save_as(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[tuple[Any, ...]]:
    asked: list[tuple[Any, ...]] = []

    def answer(*args: Any, **_kwargs: Any) -> tuple[str, str]:
        asked.append(args)
        return str(path), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    return asked


def write_everything(editor: ProtocolEditor) -> None:
    """Fill the city and every item's narrative in every language, typed into the widgets."""
    for code, city in CITIES.items():
        editor.cities[code].setText(city)
    words = {
        "kk": ("Баяндама тыңдалды: Әлиев Ә. Ә.", "Әлиев Ә. Ә., министр", "Талқыланды."),
        "ru": ("Заслушан доклад.", "Алиев А. А., министр", "Обсуждение."),
        "en": ("A report was heard.", "Aliyev A. A., minister", "Discussion."),
    }
    for row in range(editor.items.count()):
        editor.items.setCurrentRow(row)
        for code, (heard, spoke, discussion) in words.items():
            pane = editor.panes[code]
            pane.heard.setPlainText(f"{heard} ({row + 1})")
            pane.spoke.setPlainText(spoke)
            pane.discussion.setPlainText(discussion)


def sign_in(qtbot: QtBot, page: ProtocolsPage, languages: tuple[str, ...]) -> SignDialog:
    dialog = page.sign()
    assert isinstance(dialog, SignDialog)
    dialog.set_languages(languages)
    dialog.signed_on.set_day(date(2024, 3, 20))
    return dialog


# -- the overview ------------------------------------------------------------------------------


def test_the_overview_lists_the_held_meeting(
    page: ProtocolsPage, database: Database, held: HeldMeeting
) -> None:
    model = page.model
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)] == HEADERS
    assert model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.FontRole) is None
    assert model.headerData(0, Qt.Orientation.Vertical) is None
    council = get_council(database, 1).name("en")
    assert page.rows()[0].due.meeting_id == held.board.meeting_id
    # Seed 000's board sets no draft deadline; its copies are due 7 days after signing.
    assert row_texts(page) == ["14/03/2024", council, "1", "No protocol yet", "", ""]
    assert page.create_action.isEnabled() and not page.edit_action.isEnabled()
    assert not page.sign_action.isEnabled() and not page.preview_action.isEnabled()
    assert model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole) is None
    assert "has no protocol yet" in page.details.text()


@pytest.mark.parametrize(
    ("today", "expected", "overdue"),
    [
        (date(2024, 3, 15), "15/04/2024 (31 days left)", False),
        (date(2024, 4, 15), "15/04/2024 (due today)", False),
        (date(2024, 4, 17), "15/04/2024 (2 days overdue)", True),
    ],
)
def test_the_draft_deadline_counts_down_and_an_overdue_draft_is_highlighted(
    qtbot: QtBot, database: Database, today: date, expected: str, overdue: bool
) -> None:
    # 004 §30: the draft within a month; 14 April 2024 is a Sunday, so Monday the 15th.
    held_meeting(database, preset=AI_COUNCIL_881.key)
    late = ProtocolsPage(database, ME, today=today)
    qtbot.addWidget(late)
    model = late.model
    assert model.data(model.index(0, 4)) == expected
    assert late.rows()[0].overdue is overdue
    background = model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole)
    assert (background is not None) is overdue
    font = model.data(model.index(0, 4), Qt.ItemDataRole.FontRole)
    assert (font is not None and font.bold()) is overdue
    tooltip = model.data(model.index(0, 4), Qt.ItemDataRole.ToolTipRole)
    assert ("overdue" in str(tooltip)) is overdue


def test_the_model_passes_the_model_tester(
    qtmodeltester: ModelTester, page: ProtocolsPage, database: Database, held: HeldMeeting
) -> None:
    qtmodeltester.check(page.model)  # type: ignore[no-untyped-call]
    create_in_service(database, ME, held.board.meeting_id)
    page.refresh()
    qtmodeltester.check(page.model)  # type: ignore[no-untyped-call]
    assert state_text(page, held.board.meeting_id) == "Draft"


def test_the_steps_the_domain_refuses_are_disabled_and_say_why(
    page: ProtocolsPage, database: Database, held: HeldMeeting
) -> None:
    create_in_service(database, ME, held.board.meeting_id)
    page.refresh()
    assert page.select_meeting(held.board.meeting_id)
    assert page.agreed_action.isEnabled()
    assert page.agreed_action.toolTip() == "The draft is agreed and ready for signing"
    assert not page.copies_action.isEnabled()
    assert page.copies_action.toolTip() == "Copies are marked as sent for a signed protocol."
    assert not page.revise_action.isEnabled()
    assert page.revise_action.toolTip() == (
        "Only a signed protocol is corrected by a new revision; edit the draft instead."
    )
    apply_language("ru")
    assert page.copies_action.toolTip() != "Copies are marked as sent for a signed protocol."


def test_the_page_follows_what_other_views_change(
    qtbot: QtBot, page: ProtocolsPage, database: Database, held: HeldMeeting
) -> None:
    """A protocol started elsewhere (announced by the runner) shows when the page is on screen."""
    page.show()
    qtbot.waitExposed(page)
    create_in_service(database, ME, held.board.meeting_id)
    assert state_text(page, held.board.meeting_id) != "Draft"
    announce(PROTOCOLS, None)
    assert state_text(page, held.board.meeting_id) == "Draft"


# -- the whole path ------------------------------------------------------------------------------


def test_a_protocol_goes_its_whole_path_through_the_page(
    qtbot: QtBot,
    page: ProtocolsPage,
    database: Database,
    held: HeldMeeting,
    seen: Seen,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    meeting = held.board.meeting_id
    editor = page.create_protocol()
    assert isinstance(editor, ProtocolEditor)
    assert state_text(page, meeting) == "Draft"
    assert editor.missing("kk")  # no city yet
    write_everything(editor)
    assert editor.save()
    for code in ("kk", "ru", "en"):
        assert editor.missing(code) == ()
        assert editor.panes[code].missing_texts() == []
        assert not editor.panes[code].nothing_missing.isHidden()
    editor.accept()
    assert seen.refusals == []

    agreement = page.record_agreement()
    assert isinstance(agreement, AgreementDialog)
    agreement.agreed_by.setText("Цифрлық даму министрлігі")
    agreement.agreed_on.set_day(date(2024, 3, 18))
    agreement.accept()
    assert page.mark_agreed()
    assert state_text(page, meeting) == "Agreed"

    dialog = sign_in(qtbot, page, ("kk", "ru"))
    assert not dialog.has_gaps() and dialog.can_sign()
    assert dialog.gap_lines() == []
    with qtbot.waitSignal(dialog.signed, timeout=20_000):
        dialog.accept()
    assert seen.refusals == []
    assert state_text(page, meeting) == "Signed"
    assert row_texts(page)[5] == "27/03/2024 (12 days left)"  # 000 §9.4: within 7 days
    info = page.selected()
    assert info is not None and info.protocol is not None
    assert [i.lang for i in info.protocol.issued] == ["kk", "ru"]
    assert not page.edit_action.isEnabled() and page.copy_action.isEnabled()
    # A signed protocol is offered in the languages it was issued in.
    assert page.document_language.values() == ["kk", "ru"]

    # Preview: as many pages as the issued PDF has.
    page.document_language.set_value("ru")
    preview = page.preview()
    assert preview is not None
    preview.show()
    pdf = protocol_pdf(database, info.protocol.id, "ru")
    pages = len(PdfReader(BytesIO(pdf)).pages)
    qtbot.waitUntil(lambda: preview.preview.page_count() == pages, timeout=20_000)
    qtbot.waitUntil(lambda: 0 in preview.preview.rendered_pages(), timeout=20_000)
    assert not preview.preview.page_image(0).isNull()
    assert preview.preview.pages_label.text() == (
        f"{pages} page" if pages == 1 else f"{pages} pages"
    )
    preview.preview.zoom_in()
    assert preview.preview.zoom() == 1.25
    qtbot.waitUntil(lambda: 0 in preview.preview.rendered_pages(), timeout=20_000)
    preview.reject()

    # Save as PDF and DOCX, off the GUI thread.
    pdf_path = tmp_path / "out" / "protocol"
    pdf_path.parent.mkdir()
    asked = save_as(monkeypatch, pdf_path)
    task = page.save_document(".pdf")
    assert task is not None and asked
    qtbot.waitUntil(lambda: page.last_saved is not None, timeout=20_000)
    saved_pdf = pdf_path.with_name("protocol.pdf")  # the extension is added
    assert page.last_saved == saved_pdf and saved_pdf.read_bytes() == pdf
    docx_path = tmp_path / "out" / "protocol.docx"
    save_as(monkeypatch, docx_path)
    page.last_saved = None
    page.save_document(".docx")
    qtbot.waitUntil(lambda: page.last_saved is not None, timeout=20_000)
    assert docx_path.read_bytes()[:2] == b"PK"
    assert str(docx_path) in page.status.text()

    # Verify: the saved PDF is the issued Russian protocol; the DOCX is not an issued PDF.
    result = page.verify_path(saved_pdf)
    assert result is not None and result.matches and result.lang == "ru"
    assert "is protocol No. 1, revision 1, of meeting No. 1 of 14/03/2024" in seen.messages[-1]
    assert "Русский" in seen.messages[-1]
    other = page.verify_path(docx_path)
    assert other is not None and not other.matches and other.working_copy
    assert "is an editable copy (DOCX) of protocol No. 1" in seen.messages[-1]
    assert "matches no protocol" not in seen.messages[-1]

    # A copy to a member, then the copies are sent.
    copy = page.record_copy()
    assert isinstance(copy, CopyDialog)
    assert copy.person.value() is not None  # the first member is proposed
    copy.sent_on.set_day(date(2024, 3, 22))
    copy.accept()
    with database.reading() as session:
        assert session.scalar(select(func.count()).select_from(ProtocolCopy)) == 1
    assert state_text(page, meeting) == "Signed"
    assert page.mark_copies_sent()
    assert state_text(page, meeting) == "Copies sent"
    assert page.revise_action.isEnabled() and not page.copies_action.isEnabled()

    # A correction: a new revision with a reason; the signed one stays.
    revision = page.new_revision()
    assert isinstance(revision, RevisionDialog)
    revision.reason.setPlainText("Қате түзетілді: дауыс беру нәтижесі.")
    revision.accept()
    assert state_text(page, meeting) == "Draft, revision 2"
    assert page.edit_action.isEnabled()
    assert "revision 2: Қате түзетілді" in page.details.text()
    assert protocol_count(database) == 2
    assert seen.refusals == []


def test_copies_sent_needs_a_copy_first(
    qtbot: QtBot, page: ProtocolsPage, database: Database, held: HeldMeeting, seen: Seen
) -> None:
    protocol = create_in_service(database, ME, held.board.meeting_id)
    update_in_service(database, ME, protocol.id, ProtocolDetails("1", CITIES, "kk"))
    page.refresh()
    dialog = sign_in(qtbot, page, ("kk",))
    with qtbot.waitSignal(dialog.signed, timeout=20_000):
        dialog.accept()
    assert not page.mark_copies_sent()
    assert len(seen.refusals) == 1 and "at least one copy" in seen.refusals[0].message()
    assert state_text(page, held.board.meeting_id) == "Signed"
    late = ProtocolsPage(database, ME, today=date(2024, 4, 1))
    qtbot.addWidget(late)
    assert late.rows()[0].due.copies_overdue
    assert row_texts(late)[5] == "27/03/2024 (5 days overdue)"
    assert late.model.data(late.model.index(0, 0), Qt.ItemDataRole.BackgroundRole) is not None


def test_signing_with_gaps_needs_the_confirmation(
    qtbot: QtBot, page: ProtocolsPage, database: Database, held: HeldMeeting, seen: Seen
) -> None:
    protocol = create_in_service(database, ME, held.board.meeting_id)
    update_in_service(database, ME, protocol.id, ProtocolDetails("1", CITIES, "kk"))
    set_narrative(database, ME, protocol.id, held.board.items[0], "kk", Narrative("Тыңдалды."))
    page.refresh()
    dialog = sign_in(qtbot, page, ("kk", "ru"))
    # Russian lacks the narrative of item 1 (it would come from Kazakh); Kazakh lacks nothing.
    assert dialog.gaps_of("kk") == () and dialog.gaps_of("ru")
    assert dialog.has_gaps() and not dialog.can_sign()
    assert not dialog.ok_button.isEnabled() and dialog.accept_gaps.isVisibleTo(dialog)
    assert dialog.gap_lines() and all(line.startswith("Русский: ") for line in dialog.gap_lines())
    dialog.accept()  # refused silently: nothing is signed without the tick
    assert dialog.task is None
    assert state_text(page, held.board.meeting_id) == "Draft"
    dialog.accept_gaps.setChecked(True)
    assert dialog.can_sign() and dialog.ok_button.isEnabled()
    assert dialog.signing().accept_gaps
    with qtbot.waitSignal(dialog.signed, timeout=20_000):
        dialog.accept()
    assert seen.refusals == []
    assert state_text(page, held.board.meeting_id) == "Signed"
    row = page.selected()
    assert row is not None and row.protocol is not None
    issued = {i.lang: i for i in row.protocol.issued}
    assert not issued["kk"].with_gaps and issued["ru"].with_gaps
    assert "issued with gaps" in page.details.text()


def test_without_gaps_the_confirmation_is_not_asked(
    qtbot: QtBot, page: ProtocolsPage, database: Database, held: HeldMeeting
) -> None:
    protocol = create_in_service(database, ME, held.board.meeting_id)
    update_in_service(database, ME, protocol.id, ProtocolDetails("1", CITIES, "kk"))
    page.refresh()
    dialog = sign_in(qtbot, page, ("kk", "ru", "en"))
    assert not dialog.has_gaps() and not dialog.accept_gaps.isVisibleTo(dialog)
    assert dialog.can_sign() and not dialog.signing().accept_gaps
    dialog.set_languages(())
    assert not dialog.can_sign() and not dialog.ok_button.isEnabled()
    dialog.reject()


# -- refusals ------------------------------------------------------------------------------------


def test_a_meeting_not_held_gets_no_protocol(qtbot: QtBot, database: Database, seen: Seen) -> None:
    board = board_meeting(database)  # planned, agenda approved: not held
    widget = ProtocolsPage(database, ME, today=TODAY)
    qtbot.addWidget(widget)
    assert widget.rows() == []  # only held meetings are listed
    assert widget.create_protocol(board.meeting_id) is None
    assert len(seen.refusals) == 1
    assert "has not been held yet" in seen.refusals[0].message()
    assert protocol_count(database) == 0
    assert widget.rows() == []


def test_an_agreement_before_the_meeting_is_refused_and_the_dialog_stays(
    qtbot: QtBot, page: ProtocolsPage, database: Database, held: HeldMeeting, seen: Seen
) -> None:
    create_in_service(database, ME, held.board.meeting_id)
    page.refresh()
    dialog = page.record_agreement()
    assert dialog is not None
    dialog.agreed_by.setText("Министрлік")
    dialog.agreed_on.set_day(date(2024, 3, 1))
    dialog.accept()
    assert len(seen.refusals) == 1 and "before the meeting" in seen.refusals[0].message()
    assert dialog.isVisible() and dialog.agreed_by.text() == "Министрлік"
    dialog.reject()
    assert state_text(page, held.board.meeting_id) == "Draft"


def test_a_revision_needs_a_reason(
    qtbot: QtBot, page: ProtocolsPage, database: Database, held: HeldMeeting, seen: Seen
) -> None:
    protocol = create_in_service(database, ME, held.board.meeting_id)
    update_in_service(database, ME, protocol.id, ProtocolDetails("1", CITIES, "kk"))
    page.refresh()
    dialog = sign_in(qtbot, page, ("kk",))
    with qtbot.waitSignal(dialog.signed, timeout=20_000):
        dialog.accept()
    revision = page.new_revision()
    assert revision is not None
    revision.accept()  # no reason
    assert len(seen.refusals) == 1
    assert protocol_count(database) == 1
    assert state_text(page, held.board.meeting_id) == "Signed"
    revision.reject()


def test_the_page_follows_the_interface_language(
    page: ProtocolsPage, database: Database, held: HeldMeeting
) -> None:
    create_in_service(database, ME, held.board.meeting_id)
    page.refresh()
    apply_language("kk")
    assert page.title.text() == "Хаттамалар"
    assert page.rows()[0].council_name() == get_council(database, 1).name("kk")
    assert page.model.data(page.model.index(0, 0)) == "14.03.2024"
    apply_language("en")
    assert page.title.text() == "Protocols"
    assert state_text(page, held.board.meeting_id) == "Draft"


# -- the PDF preview on its own ------------------------------------------------------------------


def long_pdf(pages: int) -> bytes:
    from reportlab.pdfgen import canvas

    buffer = BytesIO()
    drawing = canvas.Canvas(buffer)
    for number in range(pages):
        drawing.drawString(100, 700, f"Page {number + 1}")
        drawing.showPage()
    drawing.save()
    return buffer.getvalue()


def test_the_preview_renders_only_the_pages_in_view(qtbot: QtBot) -> None:
    preview = PdfPreview()
    qtbot.addWidget(preview)
    preview.resize(600, 500)
    preview.show()
    with qtbot.waitSignal(preview.loaded, timeout=20_000) as loaded:
        preview.load(long_pdf(30))
    assert loaded.args == [30] and preview.page_count() == 30
    assert preview.pages_label.text() == "30 pages"
    qtbot.waitUntil(lambda: 0 in preview.rendered_pages() and not preview.busy(), timeout=20_000)
    assert len(preview.rendered_pages()) < 5  # only what is in view
    preview.scroll_area.verticalScrollBar().setValue(
        preview.scroll_area.verticalScrollBar().maximum()
    )
    qtbot.waitUntil(lambda: 29 in preview.rendered_pages() and not preview.busy(), timeout=20_000)
    assert len(preview.rendered_pages()) <= KEPT_PAGES


def test_the_zoom_stays_within_its_steps(qtbot: QtBot) -> None:
    preview = PdfPreview()
    qtbot.addWidget(preview)
    for _step in range(20):
        preview.zoom_in()
    assert preview.zoom() == ZOOM_STEPS[-1]
    assert preview.zoom_label.text() == f"{round(ZOOM_STEPS[-1] * 100)}%"
    for _step in range(20):
        preview.zoom_out()
    assert preview.zoom() == ZOOM_STEPS[0]


def test_a_broken_pdf_is_explained_not_crashed_on(qtbot: QtBot) -> None:
    preview = PdfPreview()
    qtbot.addWidget(preview)
    preview.load(b"this is not a PDF")
    qtbot.waitUntil(lambda: bool(preview.error()), timeout=20_000)
    assert preview.page_count() == 0
    assert preview.status.text().startswith("The PDF cannot be shown")
    with qtbot.waitSignal(preview.loaded, timeout=20_000):
        preview.load(long_pdf(2))  # a good one after a bad one
    assert preview.page_count() == 2 and preview.error() == ""
    preview.release()
    assert preview.page_count() == 0
