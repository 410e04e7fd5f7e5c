"""Finding 14.5 at import: a material in an exchange file is judged by its content again."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest

from app.domain.errors import KenesError
from app.i18n import translations
from app.models.database import open_database
from app.services.agenda.attach_material import attach_material
from app.services.base import SYSTEM
from app.services.exchange.apply_import import apply_import
from app.services.exchange.export_archive import export_archive
from app.services.exchange.plan_import import plan_import
from app.services.exchange.read_archive import read_archive
from tests.services.conduct_helpers import ME, board_meeting
from tests.services.exchange.test_read_archive_hostile import fingerprint

PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200


def _exported(tmp_path: Path) -> Path:
    source = open_database(tmp_path / "s.sqlite3")
    board = board_meeting(source)
    material = tmp_path / "draft.pdf"
    material.write_bytes(b"%PDF-1.4 the draft decision")
    attach_material(source, ME, board.items[0], material)
    path = tmp_path / "a.kenes.zip"
    export_archive(source, path)
    source.close()
    return path


def _forged(tmp_path: Path, exported: Path, name: str, data: bytes) -> Path:
    """The exported file with its one material replaced by ``data`` named ``name``."""
    with zipfile.ZipFile(exported) as archive:
        document = json.loads(archive.read("kenes-exchange.json"))
    sha = hashlib.sha256(data).hexdigest()
    for record in document["tables"]["materials"]:
        record.update(file_name=name, sha256=sha, size=len(data))
    forged = tmp_path / "forged.kenes.zip"
    with zipfile.ZipFile(forged, "w") as archive:
        archive.writestr("kenes-exchange.json", json.dumps(document, ensure_ascii=False))
        archive.writestr(f"blobs/{sha}", data)
    return forged


def _refusal(tmp_path: Path, forged: Path) -> str:
    db = open_database(tmp_path / "t.sqlite3")
    before = fingerprint(db)
    with pytest.raises(KenesError) as caught:
        apply_import(db, SYSTEM, plan_import(db, read_archive(forged)))
    assert fingerprint(db) == before
    db.close()
    assert caught.value.message(translations("ru"))
    assert caught.value.message(translations("kk"))
    problems = getattr(caught.value, "problems", ())
    return " ".join(p.message() for p in problems) or caught.value.message()


def test_a_program_disguised_as_a_pdf_is_refused(tmp_path: Path) -> None:
    forged = _forged(tmp_path, _exported(tmp_path), "Protocol_draft.pdf\u202egpj.exe", PROGRAM)
    text = _refusal(tmp_path, forged)
    assert "a Windows program, not a document" in text
    assert "\u202e" not in text


def test_a_document_under_a_programs_name_is_refused(tmp_path: Path) -> None:
    forged = _forged(tmp_path, _exported(tmp_path), "report.exe", b"%PDF-1.4 harmless")
    text = _refusal(tmp_path, forged)
    assert "does not fit what it is: a PDF document" in text


def test_a_sound_material_still_imports(tmp_path: Path) -> None:
    exported = _exported(tmp_path)
    db = open_database(tmp_path / "t.sqlite3")
    apply_import(db, SYSTEM, plan_import(db, read_archive(exported)))
    db.close()
