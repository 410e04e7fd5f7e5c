"""A workbook that unpacks to gigabytes is refused before openpyxl opens it (issue 14, #9)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

from app.domain.errors import DomainError
from app.formats.composition_sheet_reader import ImportFileError
from app.models.database import Database
from app.services.base import SYSTEM
from app.services.compositions.read_composition_file import read_composition_file
from app.services.demo import create_demo


def bomb(tmp_path: Path, shared_strings: bytes) -> Path:
    """A real workbook whose sharedStrings.xml is replaced by ``shared_strings``."""
    plain = tmp_path / "plain.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Рөлі", "Тегі"])
    book.save(plain)
    path = tmp_path / "Құрам.xlsx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for entry in source.infolist():
            if entry.filename != "xl/sharedStrings.xml":
                out.writestr(entry, source.read(entry))
        out.writestr("xl/sharedStrings.xml", shared_strings)
    return path


def test_shared_strings_that_expand_hugely_are_refused_and_nothing_changes(
    database: Database, db_path: Path, tmp_path: Path
) -> None:
    assert create_demo(database, SYSTEM)
    database.engine.dispose()
    before = db_path.read_bytes()
    text = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    text += b"<si><t>" + b"A" * 4_000_000 + b"</t></si></sst>"
    path = bomb(tmp_path, text)
    assert path.stat().st_size < 100_000
    with pytest.raises(ImportFileError) as refused:
        read_composition_file(path)
    message = str(refused.value)
    assert message.startswith("Құрам.xlsx cannot be read safely: its part xl/sharedStrings.xml")
    assert "exhaust the computer's memory" in message
    assert db_path.read_bytes() == before


def test_an_ordinary_workbook_still_reads(tmp_path: Path) -> None:
    path = bomb(
        tmp_path, b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'
    )
    with pytest.raises(DomainError) as refused:  # no columns Kenes knows, but it was read
        read_composition_file(path)
    assert "cannot be read safely" not in str(refused.value)
