"""app/formats/exchange_writer.py: the same content gives the same bytes, written whole or not."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from app.domain.errors import EnvironmentProblem
from app.formats import atomic
from app.formats.exchange_schema import BLOB_PREFIX, DOCUMENT_ENTRY
from app.formats.exchange_writer import (
    document_bytes,
    stream_document,
    write_file,
    write_streamed,
)

HEAD: dict[str, Any] = {
    "format": "kenes-exchange",
    "version": 1,
    "kind": "archive",
    "created_at": "2026-11-22T10:00:00+00:00",
    "scope": {"councils": "all", "note": '«Кеңес» "x"\n', "n": [1, True, None]},
}
TABLES: list[tuple[str, list[dict[str, Any]]]] = [
    ("councils", [{"uid": "a" * 32, "name_kk": "Ұлттық кеңес", "profile": {"b": 1, "a": []}}]),
    ("people", []),
    ("seats", [{"uid": "b" * 32, "sort_order": -3}, {"uid": "c" * 32, "sort_order": 2**40}]),
]


def whole() -> dict[str, Any]:
    return {**HEAD, "tables": {name: records for name, records in TABLES}}


@pytest.mark.parametrize("tables", [TABLES, [], [("people", [])]])
def test_streaming_writes_the_bytes_of_the_whole_document(
    tables: list[tuple[str, list[dict[str, Any]]]],
) -> None:
    stream = io.BytesIO()
    stream_document(HEAD, iter(tables), stream)

    document = {**HEAD, "tables": dict(tables)}
    assert stream.getvalue() == document_bytes(document)
    assert json.loads(stream.getvalue()) == document


@pytest.mark.parametrize("zipped", [False, True])
def test_a_file_written_twice_is_the_same_bytes(tmp_path: Path, zipped: bool) -> None:
    pdf = b"%PDF-1.7"
    blobs = [("d" * 64, lambda: pdf), ("d" * 64, lambda: pdf)]
    first, second, streamed = tmp_path / "1", tmp_path / "2", tmp_path / "3"

    size = write_file(first, whole(), blobs, zipped=zipped)
    write_file(second, whole(), blobs, zipped=zipped)
    write_streamed(streamed, HEAD, iter(TABLES), blobs, zipped=zipped)

    assert size == first.stat().st_size
    assert first.read_bytes() == second.read_bytes() == streamed.read_bytes()
    if zipped:
        with zipfile.ZipFile(first) as archive:
            assert archive.namelist() == [DOCUMENT_ENTRY, BLOB_PREFIX + "d" * 64]
            assert {i.date_time for i in archive.infolist()} == {(2000, 1, 1, 0, 0, 0)}
            assert json.loads(archive.read(DOCUMENT_ENTRY)) == whole()


def test_texts_are_kept_readable_in_utf8() -> None:
    text = document_bytes(whole()).decode("utf-8")
    assert "Ұлттық кеңес" in text and "«Кеңес»" in text and "\\u" not in text


def test_a_failed_write_keeps_the_previous_file(tmp_path: Path) -> None:
    target = tmp_path / "out.kenes.zip"
    target.write_bytes(b"the previous export")

    def broken() -> bytes:
        raise OSError(28, "No space left on device")

    with pytest.raises(EnvironmentProblem, match="No space left on device"):
        write_file(target, whole(), [("e" * 64, broken)], zipped=True)

    assert target.read_bytes() == b"the previous export"
    assert not list(tmp_path.glob(atomic.PREFIX + "*"))
