"""The services' exports are written whole or not at all (issue 14, finding 8).

A failing write (a full disk mid-way, a rename that cannot happen) leaves the
previous file as it was, or no file, and never a ``.kenes-*`` temporary file.
"""

from __future__ import annotations

import errno
import os
from datetime import date
from pathlib import Path

import pytest

from app.domain.errors import EnvironmentProblem
from app.formats import atomic
from app.formats.exchange_writer import write_file
from app.models.database import Database
from app.services.base import SYSTEM
from app.services.compositions.export_composition_pdf import export_composition_pdf
from app.services.compositions.export_composition_xlsx import export_composition_xlsx
from app.services.councils import list_councils
from app.services.demo import create_demo
from app.services.exchange.scope import header
from app.services.notice import save_files

ON = date(2024, 1, 1)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(atomic.PREFIX))


def disk_full() -> bytes:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize("existing", [True, False], ids=["over a file", "new file"])
def test_an_exchange_archive_failing_midway_is_not_left_torn(
    tmp_path: Path, existing: bool
) -> None:
    """The disk fills while the second material is packed: no half archive remains."""
    target = tmp_path / "archive.kenes.zip"
    if existing:
        target.write_bytes(b"the archive of yesterday")
    document = {**header("archive", {"councils": "all"}), "tables": {}}
    blobs = [("a" * 64, lambda: b"first material" * 1000), ("b" * 64, disk_full)]

    with pytest.raises(EnvironmentProblem) as caught:
        write_file(target, document, blobs, zipped=True)

    assert "cannot be written" in caught.value.message()
    if existing:
        assert target.read_bytes() == b"the archive of yesterday"
    else:
        assert not target.exists()
    assert leftovers(tmp_path) == []


def test_an_exchange_file_is_written_whole(tmp_path: Path) -> None:
    target = tmp_path / "archive.json"
    target.write_bytes(b"old")
    document = {**header("archive", {"councils": "all"}), "tables": {}}
    size = write_file(target, document, zipped=False)
    assert size == target.stat().st_size > 3
    assert target.read_bytes().startswith(b"{")
    assert leftovers(tmp_path) == []


def test_a_composition_export_that_cannot_be_put_in_place_leaves_nothing(
    database: Database, tmp_path: Path
) -> None:
    assert create_demo(database, SYSTEM)
    council = list_councils(database)[0].id
    for name, export in (
        ("board.xlsx", export_composition_xlsx),
        ("board.pdf", export_composition_pdf),
    ):
        blocked = tmp_path / name
        blocked.mkdir()  # the rename over a folder fails after the file is written
        with pytest.raises(EnvironmentProblem):
            export(database, council, ON, blocked, "kk")
        assert blocked.is_dir() and list(blocked.iterdir()) == []
        assert leftovers(tmp_path) == []
        written = export(database, council, ON, tmp_path / f"ok-{name}", "kk")
        assert written.stat().st_size > 0
    assert leftovers(tmp_path) == []


def test_notice_files_are_each_whole_or_absent(tmp_path: Path) -> None:
    (tmp_path / "notice.pdf").write_bytes(b"the notice of last week")
    (tmp_path / "person-2.ics").mkdir()  # this invitation cannot be put in place
    files = [
        ("notice.pdf", b"%PDF-1.7 the new notice"),
        ("person-1.ics", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"),
        ("person-2.ics", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"),
    ]
    with pytest.raises(OSError):
        save_files(tmp_path, files)
    # The files before the failure are complete; none is torn; no temporary file is left.
    assert (tmp_path / "notice.pdf").read_bytes() == b"%PDF-1.7 the new notice"
    assert (tmp_path / "person-1.ics").read_bytes().endswith(b"END:VCALENDAR\r\n")
    assert leftovers(tmp_path) == []

    (tmp_path / "person-2.ics").rmdir()
    written = save_files(tmp_path, files)
    assert [p.name for p in written] == ["notice.pdf", "person-1.ics", "person-2.ics"]


def test_notice_files_stay_in_their_folder(tmp_path: Path) -> None:
    folder = tmp_path / "notices"
    folder.mkdir()
    (written,) = save_files(folder, [("../escaped.ics", b"BEGIN:VCALENDAR")])
    assert written == folder / "escaped.ics"
    assert not (tmp_path / "escaped.ics").exists()
