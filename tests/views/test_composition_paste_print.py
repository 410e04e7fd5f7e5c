"""Pasting a table of members into the composition view, and printing the composition."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox
from pytestqt.qtbot import QtBot

from app.domain.errors import KenesError
from app.models.database import Database
from app.services.base import SYSTEM
from app.services.councils import CouncilData, create_council
from app.services.demo import create_demo
from app.services.seats import composition
from app.views.composition_io_dialogs import ImportDialog
from app.views.composition_view import CompositionView
from tests.formats.test_composition_paste import EXCEL_TSV, RESOLUTION_LIST, WORD_HTML, WORD_TEXT

DAY = date(2024, 1, 1)


def files(path: Path) -> dict[str, bytes]:
    return {
        p.name: p.read_bytes() for p in (path, path.with_name(path.name + "-wal")) if p.exists()
    }


@pytest.fixture
def view(qtbot: QtBot, database: Database) -> CompositionView:
    create_demo(database, SYSTEM)
    widget = CompositionView(database, SYSTEM)
    qtbot.addWidget(widget)
    widget.set_council(1)
    widget.set_date(DAY)
    return widget


def import_now(dialog: ImportDialog, day: date) -> None:
    dialog.effective.set_day(day)
    dialog.act.titles["kk"].setText("Үкіметтің қаулысы")
    dialog.act.number.setText("5")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_ctrl_v_with_a_word_table_opens_the_import_preview(
    qtbot: QtBot, view: CompositionView, database: Database, refusals: list[KenesError]
) -> None:
    mime = QMimeData()
    mime.setHtml(WORD_HTML)
    mime.setText(WORD_TEXT)
    QApplication.clipboard().setMimeData(mime)
    view.show()
    view.activateWindow()
    qtbot.waitActive(view)
    view.table.setFocus()
    qtbot.waitUntil(view.table.hasFocus)
    QTest.keyClick(view.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    (dialog,) = [d for d in view.findChildren(QDialog) if isinstance(d, ImportDialog)]
    assert refusals == [] and dialog.preview.row_count == 2 and dialog.preview.ok
    assert dialog.summary.text().startswith("The pasted table: 2 rows, no problems")
    import_now(dialog, date(2025, 1, 1))
    lines = composition(database, 1, date(2025, 1, 1))
    assert len(lines) == 2 and lines[0].person is not None
    assert lines[0].person.surname == "Жақсылықова" and lines[1].seat.by_agreement


def test_an_excel_selection_and_a_resolution_list_import_as_files_do(
    view: CompositionView, database: Database, refusals: list[KenesError]
) -> None:
    council = create_council(database, SYSTEM, CouncilData(name_ru="Совет")).id
    view.set_council(council)
    dialog = view.paste_members(EXCEL_TSV, "")
    assert dialog is not None and dialog.preview.ok
    import_now(dialog, date(2025, 1, 1))
    assert len(composition(database, council, date(2025, 1, 1))) == 3
    listed = view.paste_members(RESOLUTION_LIST, "")
    assert listed is not None and listed.preview.ok
    import_now(listed, date(2026, 1, 1))
    lines = composition(database, council, date(2026, 1, 1))
    assert [line.seat.by_agreement for line in lines] == [False, False, True]
    assert refusals == []


def test_refusals_leave_the_database_byte_identical(
    view: CompositionView, db_path: Path, refusals: list[KenesError]
) -> None:
    before = files(db_path)
    assert view.paste_members("", "") is None  # an empty clipboard
    assert view.paste_members("Name\tE-mail\nAbenov\ta@b.kz\n", "") is None
    assert refusals[0].message() == "The pasted table is empty."
    assert "has no column" in refusals[1].message()
    bad = view.paste_members("Role\tPosition\nemperor\tMinister\n", "")
    assert bad is not None and not bad.preview.ok
    assert not bad.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    bad.import_now()  # as if forced: the service refuses a preview with problems
    bad.reject()
    assert files(db_path) == before


def test_print_preview_shows_the_composition_list(
    qtbot: QtBot, view: CompositionView, tmp_path: Path
) -> None:
    assert view.print_action.isEnabled()
    dialog = view.print_preview()
    assert dialog is not None
    qtbot.waitUntil(lambda: bool(dialog.preview.pdf_bytes()), timeout=20_000)
    assert dialog.print_button.isEnabled()
    assert dialog.windowTitle() == "Council composition on 01/01/2024"
    data = dialog.preview.pdf_bytes()
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert "Prime Minister of the Republic of Kazakhstan" in text
    assert "Mukhamedzhanov" in text  # the akim of Almaty on that day, named
    dialog.grab().save(str(tmp_path / "composition_print.png"))
    dialog.reject()
