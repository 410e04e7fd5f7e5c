"""app/formats/exchange_reader.py: a file read and checked as a whole, or refused as a file."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from app.formats.exchange_archive import ArchiveFileError, ImportRefused, Limits
from app.formats.exchange_reader import check_depth, parse_json, read_archive_file
from app.formats.exchange_schema import BLOB_PREFIX, DOCUMENT_ENTRY, FORMAT_NAME, FORMAT_VERSION
from app.formats.exchange_writer import document_bytes

LIMITS = Limits()
DAY = {
    "uid": "0123456789abcdef0123456789abcdef",
    "created_at": "2026-11-22T15:00:00+05:00",
    "day": "2026-12-16",
    "is_working_day": False,
    "note": " Тәуелсіздік күні ",
}


def document(**tables: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "kind": "archive",
        "created_at": "2026-11-22T10:00:00+00:00",
        "generator": "Kenes test",
        "scope": {"councils": "all"},
        "tables": tables,
    }


def zip_file(path: Path, entries: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return path


def test_a_json_file_with_a_byte_order_mark_reads_normalised(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_bytes(b"\xef\xbb\xbf\n" + document_bytes(document(calendar_overrides=[DAY])))

    file = read_archive_file(path)

    assert not file.zipped and file.kind == "archive" and file.version == FORMAT_VERSION
    [day] = file.records("calendar_overrides")
    assert day["note"] == "Тәуелсіздік күні"
    assert day["created_at"] == "2026-11-22T10:00:00+00:00"


def test_a_zip_archive_names_its_blobs(tmp_path: Path) -> None:
    sha = "ab" * 32
    path = zip_file(
        tmp_path / "a.kenes.zip",
        {DOCUMENT_ENTRY: document_bytes(document()), BLOB_PREFIX + sha: b"%PDF"},
    )
    file = read_archive_file(str(path))
    assert file.zipped and file.blob_entries == {BLOB_PREFIX + sha} and file.source == str(path)


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ({"../" + DOCUMENT_ENTRY: b"{}"}, "unsafe name"),
        ({"/etc/passwd": b"x", DOCUMENT_ENTRY: b"{}"}, "unsafe name"),
        ({"C:/x": b"x", DOCUMENT_ENTRY: b"{}"}, "unsafe name"),
        ({"notes.txt": b"x", DOCUMENT_ENTRY: b"{}"}, "unexpected entry notes.txt"),
        ({BLOB_PREFIX + "xyz": b"x", DOCUMENT_ENTRY: b"{}"}, "unexpected entry"),
        ({BLOB_PREFIX + "ab" * 32: b"x"}, f"holds no {DOCUMENT_ENTRY}"),
    ],
)
def test_an_archive_with_wrong_entries_is_refused(
    tmp_path: Path, entries: dict[str, bytes], message: str
) -> None:
    path = zip_file(tmp_path / "a.kenes.zip", entries)
    with pytest.raises(ArchiveFileError, match=message):
        read_archive_file(path)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"<html></html>", "neither JSON nor a ZIP archive"),
        (b"PK\x03\x04broken", "damaged ZIP archive"),
        (b'{"a": 1, "a": 2}', "the key “a” appears twice"),
        (b'{"a": NaN}', "not valid JSON"),
        (b'{"a": "\xff"}', "not UTF-8 text"),
        (b'{"a": [1,\n 2', r"line 2, column"),
    ],
)
def test_a_file_that_is_no_exchange_file_is_refused(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "a.json"
    path.write_bytes(content)
    with pytest.raises(ArchiveFileError, match=message):
        read_archive_file(path)


def test_a_folder_or_a_missing_file_cannot_be_read(tmp_path: Path) -> None:
    with pytest.raises(ArchiveFileError, match="not a regular file"):
        read_archive_file(tmp_path)
    with pytest.raises(ArchiveFileError, match="cannot be read"):
        read_archive_file(tmp_path / "gone.json")


def test_the_depth_is_counted_on_brackets_outside_strings() -> None:
    assert check_depth(b'[[["[[[[", "\\"[[["]]]', 3)
    assert not check_depth(b"[[[[]]]]", 3)
    assert check_depth(json.dumps({"a": ["]]]]", {"b": "{{{{{"}]}).encode(), 3)

    with pytest.raises(ArchiveFileError, match="deeper than 3 levels"):
        parse_json(b"[[[[1]]]]", Path("deep.json"), Limits(max_depth=3))


def test_the_limits_are_those_of_the_reader(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_bytes(document_bytes(document(calendar_overrides=[DAY, {**DAY, "uid": "1" * 32}])))
    with pytest.raises(ArchiveFileError, match=r"too many records \(2; at most 1\)"):
        read_archive_file(path, Limits(max_records=1))
    with pytest.raises(ArchiveFileError, match="too large"):
        read_archive_file(path, Limits(max_file_bytes=100))


def test_a_moment_before_the_first_utc_hour_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    """Year 1, 00:00 at UTC+5 has no UTC time: the record is refused, with its place."""
    path = tmp_path / "early.json"
    path.write_bytes(
        document_bytes(
            document(calendar_overrides=[{**DAY, "created_at": "0001-01-01T00:00:00+05:00"}])
        )
    )
    with pytest.raises(ImportRefused) as refused:
        read_archive_file(path)
    assert [p.pointer for p in refused.value.problems] == [
        "/tables/calendar_overrides/0/created_at"
    ]
