"""export_composition_pdf: the composition as a PDF file (the annex) or bytes (to print)."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.domain.errors import EnvironmentProblem
from app.models.database import Database
from app.services.compositions.export_composition_pdf import (
    composition_pdf_bytes,
    export_composition_pdf,
)
from app.services.demo_data import SEATS
from tests.services.compositions.composition_helpers import counts

ON = date(2024, 1, 1)
CHAIR_TITLE_RU = SEATS[0][2][1]
CHAIR_SURNAME = SEATS[0][3][0]
CHAIR_LATIN = SEATS[0][3][3]


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_the_annex_names_positions_not_people(
    database: Database, demo: int, tmp_path: Path
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    path = export_composition_pdf(database, demo, ON, folder / "құрам.pdf", "ru")
    text = pdf_text(path.read_bytes())
    assert CHAIR_TITLE_RU in text and "председатель" in text
    assert CHAIR_SURNAME not in text
    assert [p.name for p in folder.iterdir()] == ["құрам.pdf"]  # no temporary file left


def test_the_annex_with_names_and_an_own_heading(
    database: Database, demo: int, tmp_path: Path
) -> None:
    heading = "Қамқоршылық кеңестің жұмыс құрамы"
    path = export_composition_pdf(
        database, demo, ON, tmp_path / "list.pdf", "kk", with_names=True, heading=heading
    )
    text = pdf_text(path.read_bytes())
    assert heading in text and CHAIR_SURNAME in text


def test_the_printed_list_names_the_members_by_default(database: Database, demo: int) -> None:
    assert CHAIR_LATIN in pdf_text(composition_pdf_bytes(database, demo, ON, "en"))
    without = pdf_text(composition_pdf_bytes(database, demo, ON, "en", with_names=False))
    assert CHAIR_LATIN not in without and "Prime Minister" in without


def test_a_file_that_cannot_be_written_is_refused_and_nothing_recorded(
    database: Database, demo: int, tmp_path: Path
) -> None:
    before = counts(database)
    target = tmp_path / "no such folder" / "құрам.pdf"
    with pytest.raises(EnvironmentProblem, match="cannot be written"):
        export_composition_pdf(database, demo, ON, target, "kk")
    assert not target.parent.exists()
    assert counts(database) == before


def test_a_language_without_documents_is_refused(database: Database, demo: int) -> None:
    with pytest.raises(ValueError, match="unsupported language"):
        composition_pdf_bytes(database, demo, ON, "de")
