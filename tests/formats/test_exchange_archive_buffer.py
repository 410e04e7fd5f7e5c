"""read_entry unpacks into one buffer: the same bytes, the same refusal past the limit."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from app.formats.exchange_archive import MEGABYTE, ArchiveFileError, read_entry


def test_an_entry_of_several_chunks_comes_back_whole(tmp_path: Path) -> None:
    data = os.urandom(3 * MEGABYTE + 17)  # four reads of a megabyte
    path = tmp_path / "a.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("entry", data)
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("entry")
        got = read_entry(archive, info, len(data), "a.zip")
        assert type(got) is bytes and got == data
        with pytest.raises(ArchiveFileError):
            read_entry(archive, info, len(data) - 1, "a.zip")
