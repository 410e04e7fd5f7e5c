"""Every file Kenes writes is written whole or not at all (app/formats/atomic.py)."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

import pytest

from app.formats import atomic


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(atomic.PREFIX))


def test_the_file_is_written_whole_and_for_the_user_alone(tmp_path: Path) -> None:
    target = tmp_path / "protocol.pdf"
    assert atomic.write_bytes(target, b"%PDF-1.7 whole") == len(b"%PDF-1.7 whole")
    assert target.read_bytes() == b"%PDF-1.7 whole"
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert leftovers(tmp_path) == []


def test_a_disk_full_midway_leaves_the_previous_file_intact(tmp_path: Path) -> None:
    target = tmp_path / "protocol.pdf"
    target.write_bytes(b"the previous protocol")

    def fills_the_disk(stream: BinaryIO) -> None:
        stream.write(b"%PDF-1.7 half of a new prot")
        stream.flush()
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with pytest.raises(OSError) as caught:
        atomic.write_stream(target, fills_the_disk)
    assert caught.value.errno == errno.ENOSPC
    assert target.read_bytes() == b"the previous protocol"
    assert leftovers(tmp_path) == []


def test_a_disk_full_midway_leaves_no_file_at_all(tmp_path: Path) -> None:
    target = tmp_path / "new.kenes.zip"

    def fills_the_disk(temporary: Path) -> None:
        temporary.write_bytes(b"PK\x03\x04 a torn archive")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with pytest.raises(OSError):
        atomic.write_path(target, fills_the_disk)
    assert list(tmp_path.iterdir()) == []


def test_any_failure_of_the_writer_removes_the_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "list.xlsx"
    target.write_bytes(b"previous")

    def breaks(stream: BinaryIO) -> None:
        stream.write(b"x" * 10_000)
        raise KeyboardInterrupt  # even an interruption leaves nothing torn

    with pytest.raises(KeyboardInterrupt):
        atomic.write_stream(target, breaks)
    assert target.read_bytes() == b"previous"
    assert leftovers(tmp_path) == []


def test_a_failing_rename_leaves_the_target_and_no_temporary(tmp_path: Path) -> None:
    """The rename itself fails (the target is a folder): the written bytes go away."""
    target = tmp_path / "notice.pdf"
    target.mkdir()
    (target / "inside.txt").write_text("kept")
    with pytest.raises(OSError):
        atomic.write_bytes(target, b"%PDF")
    assert (target / "inside.txt").read_text() == "kept"
    assert leftovers(tmp_path) == []


def test_a_missing_folder_is_an_error_before_anything_is_written(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        atomic.write_bytes(tmp_path / "absent" / "protocol.pdf", b"%PDF")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(
    os.name != "posix" or os.geteuid() == 0, reason="root writes into read-only folders"
)
def test_a_folder_made_read_only_after_the_temporary_file_keeps_the_previous_file(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    target = folder / "protocol.pdf"
    target.write_bytes(b"previous")

    def lock_the_folder(stream: BinaryIO) -> None:
        stream.write(b"%PDF new")
        folder.chmod(0o500)

    try:
        with pytest.raises(OSError):
            atomic.write_stream(target, lock_the_folder)
        assert target.read_bytes() == b"previous"
    finally:
        folder.chmod(0o700)
