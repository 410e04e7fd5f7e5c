"""Materials are documents, never programs (issue 14, #5): checked by content, opened read-only."""

from __future__ import annotations

import hashlib
import stat
import sys
from pathlib import Path

import docx
import pytest
from sqlalchemy import text

from app.domain.errors import DomainError
from app.domain.meeting import MeetingState
from app.models.database import Database
from app.services.agenda.attach_material import attach_material
from app.services.material_files import save_material_copy
from tests.services.meeting_helpers import ME, counts, first_item, make_world, meeting_in_state

PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)
MZ_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48
ELF_BYTES = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 56


def files(path: Path) -> dict[str, bytes]:
    """The database file and its write-ahead log, byte for byte."""
    return {
        p.name: p.read_bytes() for p in (path, path.with_name(path.name + "-wal")) if p.exists()
    }


@pytest.fixture
def item_id(database: Database) -> int:
    world = make_world(database)
    return first_item(database, meeting_in_state(database, world, MeetingState.PLANNED))


@pytest.mark.parametrize(
    ("content", "what"), [(MZ_BYTES, "a Windows program"), (ELF_BYTES, "a Linux program")]
)
def test_a_program_disguised_by_a_right_to_left_override_is_refused(
    database: Database, db_path: Path, tmp_path: Path, item_id: int, content: bytes, what: str
) -> None:
    path = tmp_path / "Protocol_draft.pdf\u202egpj.exe"
    path.write_bytes(content)
    before = files(db_path)
    with pytest.raises(DomainError) as refused:
        attach_material(database, ME, item_id, path)
    assert refused.value.message() == (
        f"The file Protocol_draft.pdfgpj.exe is {what}, not a document, and cannot be attached. "
        "Materials may be PDF, Word, Excel or PowerPoint files (.docx, .xlsx, .pptx), "
        "OpenDocument files, images (PNG, JPEG, GIF, TIFF, BMP) or plain text."
    )
    assert files(db_path) == before


def test_a_pdf_a_docx_and_a_png_are_accepted_under_their_own_extension(
    database: Database, tmp_path: Path, item_id: int
) -> None:
    document = docx.Document()
    document.add_paragraph("Шешім жобасы")
    document.save(str(tmp_path / "шешім жобасы.docx"))
    (tmp_path / "анықтама.pdf").write_bytes(b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n")
    (tmp_path / "сурет.jpg").write_bytes(PNG_BYTES)  # a PNG named .jpg: named what it is
    (tmp_path / "Protocol.pdf\u202egpj.exe").write_bytes(b"%PDF-1.7 a real PDF after all")
    names = ["анықтама.pdf", "шешім жобасы.docx", "сурет.jpg", "Protocol.pdf\u202egpj.exe"]
    for name in names:
        change = attach_material(database, ME, item_id, tmp_path / name)
    stored = [(m.file_name, m.media_type) for m in change.agenda[0].materials]
    assert stored == [
        ("анықтама.pdf", "application/pdf"),
        (
            "шешім жобасы.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("сурет.png", "image/png"),
        ("Protocol.pdfgpj.exe.pdf", "application/pdf"),
    ]


def test_a_copy_is_opened_read_only_in_a_folder_for_the_user_alone(
    database: Database, tmp_path: Path, item_id: int
) -> None:
    (tmp_path / "анықтама.pdf").write_bytes(b"%PDF-1.4 reference")
    material_id = attach_material(database, ME, item_id, tmp_path / "анықтама.pdf").created_id
    assert material_id is not None
    folder = tmp_path / "open"
    copy = save_material_copy(database, material_id, folder)
    assert copy == folder / "анықтама.pdf"
    assert copy.read_bytes() == b"%PDF-1.4 reference"
    assert save_material_copy(database, material_id, folder) == copy  # reused, still read-only
    if sys.platform != "win32":
        assert stat.S_IMODE(copy.stat().st_mode) == 0o400
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_a_stored_material_whose_content_does_not_match_its_name_is_never_opened(
    database: Database, tmp_path: Path, item_id: int
) -> None:
    """A material stored before types were checked: a program under a document's name."""
    (tmp_path / "a.pdf").write_bytes(b"%PDF-1.4 placeholder")
    material_id = attach_material(database, ME, item_id, tmp_path / "a.pdf").created_id
    sha = hashlib.sha256(MZ_BYTES).hexdigest()
    with database.engine.begin() as conn:  # as an older Kenes would have stored it
        conn.execute(
            text(
                "INSERT INTO material_blobs (sha256, size, data, created_at) "
                "SELECT :s, :n, :d, created_at FROM material_blobs LIMIT 1"
            ),
            {"s": sha, "n": len(MZ_BYTES), "d": MZ_BYTES},
        )
        conn.execute(
            text("UPDATE materials SET sha256 = :s, file_name = :f, size = :n WHERE id = :i"),
            {
                "s": sha,
                "f": "Protocol_draft.pdf\u202egpj.exe",
                "n": len(MZ_BYTES),
                "i": material_id,
            },
        )
    before = counts(database)
    folder = tmp_path / "open"
    assert material_id is not None
    with pytest.raises(DomainError) as refused:
        save_material_copy(database, material_id, folder)
    assert refused.value.message() == (
        "The file Protocol_draft.pdfgpj.exe is a Windows program, which does not match its "
        "name; Kenes does not open it. Remove it from the item and attach the document again."
    )
    assert not folder.exists() or list(folder.iterdir()) == []
    assert counts(database) == before
