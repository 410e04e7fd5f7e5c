"""A protocol's documents: the draft previewed, the issued bytes kept, files exported and known."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.domain.errors import DomainError, EnvironmentProblem
from app.i18n import translations
from app.models.database import Database
from app.services.protocols.actions import (
    ProtocolDetails,
    Signing,
    create_protocol,
    revise_protocol,
    sign_protocol,
    update_protocol,
)
from app.services.protocols.common import ProtocolInfo
from app.services.protocols.documents import (
    export_protocol,
    protocol_pdf,
    protocol_snapshot,
    verify_file,
    working_copy_text,
)
from tests.services.conduct_helpers import ME
from tests.services.protocol_helpers import held_meeting

CITIES = {"kk": "Астана", "ru": "Астана", "en": "Astana"}


def drafted(database: Database) -> tuple[int, ProtocolInfo]:
    meeting_id = held_meeting(database).board.meeting_id
    protocol = create_protocol(database, ME, meeting_id)
    return meeting_id, update_protocol(database, ME, protocol.id, ProtocolDetails("3", CITIES))


def sign(database: Database, protocol_id: int, *languages: str) -> ProtocolInfo:
    return sign_protocol(
        database, ME, protocol_id, Signing(date(2024, 3, 20), languages=languages, accept_gaps=True)
    )


def test_a_draft_is_previewed_and_a_signed_protocol_is_its_issued_bytes(
    database: Database,
) -> None:
    _meeting, protocol = drafted(database)
    preview = protocol_pdf(database, protocol.id, "ru")
    assert "ПРОТОКОЛ № 3" in PdfReader(io.BytesIO(preview)).pages[0].extract_text()
    signed = sign(database, protocol.id, "ru")
    issued = protocol_pdf(database, protocol.id, "ru")
    assert protocol_pdf(database, protocol.id, "ru") == issued  # the same bytes every time
    assert issued != preview
    assert (
        protocol_snapshot(database, protocol.id, "ru").digest() == signed.issued[0].snapshot_sha256
    )
    with pytest.raises(DomainError, match="not issued in this language"):
        protocol_snapshot(database, protocol.id, "en")
    with pytest.raises(DomainError, match="Kazakh, Russian or English"):
        protocol_snapshot(database, protocol.id, "de")


def test_export_writes_the_newest_protocol_as_pdf_or_docx(
    database: Database, tmp_path: Path
) -> None:
    meeting_id, protocol = drafted(database)
    sign(database, protocol.id, "kk")
    pdf = export_protocol(database, meeting_id, "kk", tmp_path / "хаттама.PDF")
    assert pdf.read_bytes() == protocol_pdf(database, protocol.id, "kk")
    docx = export_protocol(database, meeting_id, "kk", tmp_path / "хаттама.docx")
    assert docx.read_bytes()[:2] == b"PK"
    with pytest.raises(DomainError, match=r"\.pdf or \.docx"):
        export_protocol(database, meeting_id, "kk", tmp_path / "хаттама.txt")
    with pytest.raises(EnvironmentProblem, match="cannot be written"):
        export_protocol(database, meeting_id, "kk", tmp_path / "missing" / "хаттама.pdf")
    assert not (tmp_path / "хаттама.txt").exists() and not (tmp_path / "missing").exists()


def test_a_meeting_without_protocol_has_nothing_to_export(
    database: Database, tmp_path: Path
) -> None:
    meeting_id = held_meeting(database).board.meeting_id
    output = tmp_path / "exports"
    output.mkdir()
    with pytest.raises(DomainError, match="has no protocol yet"):
        export_protocol(database, meeting_id, "kk", output / "хаттама.pdf")
    assert list(output.iterdir()) == []


def test_an_issued_pdf_is_known_and_a_revision_supersedes_it(
    database: Database, tmp_path: Path
) -> None:
    meeting_id, protocol = drafted(database)
    sign(database, protocol.id, "ru")
    path = export_protocol(database, meeting_id, "ru", tmp_path / "protocol.pdf")
    found = verify_file(database, path)
    assert found.matches and (found.protocol_id, found.lang, found.revision) == (
        protocol.id,
        "ru",
        1,
    )
    assert not found.superseded and found.meeting_day == date(2024, 3, 14)
    revise_protocol(database, ME, protocol.id, "Қате түзетілді.")
    assert verify_file(database, path).superseded
    path.write_bytes(path.read_bytes() + b"\n")
    changed = verify_file(database, path)
    assert not changed.matches and not changed.working_copy and changed.protocol_id is None


def test_a_docx_is_an_editable_copy_said_in_the_interface_language(
    database: Database, tmp_path: Path
) -> None:
    meeting_id, protocol = drafted(database)
    draft = verify_file(database, export_protocol(database, meeting_id, "ru", tmp_path / "d.docx"))
    assert draft.working_copy and not draft.matches and not draft.of_issued
    sign(database, protocol.id, "ru")
    issued = verify_file(database, export_protocol(database, meeting_id, "ru", tmp_path / "i.docx"))
    assert issued.working_copy and issued.of_issued and issued.protocol_id == protocol.id
    english = working_copy_text(issued, "i.docx", translations("en"))
    assert english.startswith("i.docx is an editable copy (DOCX) of protocol No. 3 (revision 1;")
    assert "Russian" in english and "made from the protocol as issued" in english
    russian = working_copy_text(draft, "d.docx", translations("ru"))
    assert "d.docx" in russian and "DOCX" in russian and "editable" not in russian


def test_an_unreadable_file_is_an_environment_problem(database: Database, tmp_path: Path) -> None:
    with pytest.raises(EnvironmentProblem, match="cannot be read"):
        verify_file(database, tmp_path / "missing.pdf")
