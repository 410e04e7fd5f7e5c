"""Importing and exporting a composition from the composition view."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from app.models.database import Database
from app.services.base import SYSTEM
from app.services.compositions.export_composition_xlsx import export_composition_xlsx
from app.services.compositions.read_composition_file import read_composition_file
from app.services.demo import create_demo
from app.services.seats import composition
from app.views.composition_io_dialogs import export_composition
from app.views.composition_view import CompositionView
from tests.services.conduct_helpers import counts


@pytest.fixture
def view(qtbot: QtBot, database: Database):  # type: ignore[no-untyped-def]
    create_demo(database, SYSTEM)
    widget = CompositionView(database, SYSTEM)
    qtbot.addWidget(widget)
    widget.set_council(1)
    widget.set_date(date(2024, 1, 1))
    return widget


def test_a_broken_file_shows_each_bad_row_and_imports_nothing(
    view: CompositionView, database: Database, tmp_path: Path
) -> None:
    path = tmp_path / "broken.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Role", "Position (en)", "Surname", "Valid from"])
    sheet.append(["chair", "Prime Minister", "Abenov", "26.01.2022"])
    sheet.append(["emperor", "Minister", "Zhaksylykova", "26.01.2022"])
    sheet.append(["member", "", "", "26.01.2022"])
    sheet.append(["member", "Akim", "Kurmanov", "31.02.2024"])
    book.save(path)
    before = counts(database)
    dialog = view.import_file(read_composition_file(path))
    assert dialog is not None
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    problems = [dialog.model.index(r, 4).data() for r in range(dialog.model.rowCount())]
    assert problems[0] == ""
    assert "emperor" in problems[1] and "neither a position nor a person" in problems[2]
    assert "not a date" in problems[3]
    assert "3 with problems" in dialog.summary.text() or "3 rows" in dialog.summary.text()
    dialog.reject()
    assert counts(database) == before


def test_an_exported_file_imports_as_a_new_edition(
    view: CompositionView, database: Database, tmp_path: Path
) -> None:
    path = export_composition_xlsx(database, 1, date(2024, 1, 1), tmp_path / "c.xlsx", "en")
    dialog = view.import_file(read_composition_file(path))
    assert dialog is not None
    dialog.effective.set_day(date(2025, 1, 1))
    dialog.act.titles["en"].setText("Resolution of the Government")
    dialog.act.number.setText("15")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    lines = composition(database, 1, date(2025, 1, 1))
    assert len(lines) == 15 and lines[0].seat.valid_from == date(2025, 1, 1)
    assert lines[0].act.label("en").startswith("Resolution of the Government")
    assert view.model.rowCount() == 15


def test_export_xlsx_and_pdf_from_the_view(
    view: CompositionView, database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(
        "app.views.composition_io_dialogs.QMessageBox.information",
        lambda _p, _t, text: shown.append(text),
    )
    xlsx = export_composition(
        view, database, 1, date(2024, 1, 1), "xlsx", lang="ru", path=tmp_path / "c.xlsx"
    )
    pdf = export_composition(
        view, database, 1, date(2024, 1, 1), "pdf", lang="en", path=tmp_path / "c.pdf"
    )
    assert xlsx is not None and pdf is not None and len(shown) == 2
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Prime Minister of the Republic of Kazakhstan, chair" in text
    assert read_composition_file(xlsx).ok
