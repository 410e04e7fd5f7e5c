"""``kenes protocol verify``, through the real command line, on a real database file.

An issued PDF is named (protocol, revision, language, meeting); a DOCX Kenes wrote is
an editable copy of a protocol, never the issued record (and not a forgery); any other
file matches nothing.  Messages come in the interface language.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app.cli import main
from app.models.database import Database
from app.services.protocols.actions import Signing, create_protocol, sign_protocol
from app.services.protocols.documents import export_protocol, verify_file
from tests.services.conduct_helpers import ME
from tests.services.protocol_helpers import held_meeting


def verify(
    db_path: Path, file: Path, lang: str, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str]:
    code = main(["--db", str(db_path), "--lang", lang, "protocol", "verify", str(file)])
    return code, " ".join(capsys.readouterr().out.split())


@pytest.fixture
def files(database: Database, tmp_path: Path) -> dict[str, Path]:
    """A draft's DOCX, then the signed protocol's PDF and DOCX (Russian), and a stranger."""
    held = held_meeting(database)
    meeting = held.board.meeting_id
    protocol = create_protocol(database, ME, meeting)
    draft = export_protocol(database, meeting, "ru", tmp_path / "draft.docx")
    sign_protocol(
        database, ME, protocol.id, Signing(date(2024, 3, 20), languages=("ru",), accept_gaps=True)
    )
    pdf = export_protocol(database, meeting, "ru", tmp_path / "protocol.pdf")
    docx = export_protocol(database, meeting, "ru", tmp_path / "protocol.docx")
    other = tmp_path / "other.pdf"
    other.write_bytes(pdf.read_bytes() + b"\n%changed")
    return {
        "draft": draft,
        "pdf": pdf,
        "docx": docx,
        "other": other,
        "number": Path(protocol.number),
    }


def test_an_issued_pdf_is_named_with_its_revision_language_and_meeting(
    db_path: Path, files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    number = str(files["number"])
    code, out = verify(db_path, files["pdf"], "en", capsys)
    assert code == 0
    assert f"is the issued protocol No. {number} (revision 1; Russian)" in out
    assert "of meeting No. 1 of 14 March 2024, Supervisory board" in out
    code, out = verify(db_path, files["pdf"], "ru", capsys)
    assert code == 0
    assert f"выпущенный протокол № {number} (редакция 1; русский); заседание № 1," in out
    assert "заседание № 1, 14 марта 2024 года; Попечительский совет" in out
    code, out = verify(db_path, files["pdf"], "kk", capsys)
    assert code == 0 and f"шығарылған № {number} хаттама (1-редакция; орыс тілі)" in out


def test_a_docx_is_an_editable_copy_never_the_record(
    db_path: Path, files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    number = str(files["number"])
    code, out = verify(db_path, files["docx"], "en", capsys)
    assert code == 1  # not the issued record, but not a forgery either
    assert f"is an editable copy (DOCX) of protocol No. {number} (revision 1; Russian)" in out
    assert "made from the protocol as issued" in out and "its signed PDF" in out
    assert "does not match" not in out
    code, out = verify(db_path, files["docx"], "ru", capsys)
    assert code == 1 and f"редактируемая копия (DOCX) протокола № {number}" in out
    code, out = verify(db_path, files["docx"], "kk", capsys)
    assert code == 1 and f"№ {number} хаттаманың (1-редакция; орыс тілі)" in out


def test_a_draft_docx_says_it_may_differ_from_the_issued_protocol(
    db_path: Path, files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    number = str(files["number"])
    code, out = verify(db_path, files["draft"], "en", capsys)
    assert code == 1
    assert f"editable copy (DOCX) of a draft of protocol No. {number} (revision 1; Russian)" in out
    assert "may differ from the protocol as issued" in out


def test_any_other_file_matches_nothing(
    database: Database, db_path: Path, files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = verify(db_path, files["other"], "en", capsys)
    assert code == 1 and "does not match any protocol issued by Kenes" in out
    assert not verify_file(database, files["other"]).working_copy
    # A DOCX not written by Kenes (no identity) is no working copy either.
    stranger = files["other"].with_suffix(".docx")
    data = files["docx"].read_bytes()
    import io
    import zipfile

    out_zip = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out_zip, "w") as target:
        for info in source.infolist():
            if info.filename != "docProps/custom.xml":
                target.writestr(info, source.read(info))
    stranger.write_bytes(out_zip.getvalue())
    found = verify_file(database, stranger)
    assert not found.matches and not found.working_copy
