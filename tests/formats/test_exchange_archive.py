"""app/formats/exchange_archive.py: blobs read from the archive only when needed, and checked."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest

from app import i18n
from app.formats.exchange_archive import (
    MEGABYTE,
    ArchiveFile,
    ArchiveFileError,
    ImportRefused,
    Limits,
    too_large,
)
from app.formats.exchange_schema import BLOB_PREFIX
from app.formats.exchange_values import problem_at

PDF = b"%PDF-1.7 a protocol " * 1000
SHA = hashlib.sha256(PDF).hexdigest()


def archive(path: Path, entries: dict[str, bytes], *, zipped: bool = True) -> ArchiveFile:
    if zipped:
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
            for name, data in entries.items():
                out.writestr(name, data)
    return ArchiveFile(
        source=str(path),
        kind="archive",
        version=1,
        created_at="2026-11-22T10:00:00+00:00",
        generator="Kenes test",
        scope={},
        package=None,
        tables={"people": [{"uid": "a" * 32}]},
        blob_entries=frozenset(entries),
        zipped=zipped,
    )


def test_a_carried_blob_is_read_and_its_hash_checked(tmp_path: Path) -> None:
    file = archive(tmp_path / "a.kenes.zip", {BLOB_PREFIX + SHA: PDF})

    assert file.has_blob(SHA) and not file.has_blob("0" * 64)
    assert file.read_blob(SHA) == PDF
    assert file.read_blob("0" * 64) is None
    assert file.records("people") == [{"uid": "a" * 32}] and file.records("seats") == []


def test_a_blob_that_is_not_what_its_name_says_is_refused(tmp_path: Path) -> None:
    file = archive(tmp_path / "a.kenes.zip", {BLOB_PREFIX + SHA: PDF + b"changed"})

    with pytest.raises(ImportRefused) as refused:
        file.read_blob(SHA)
    [(where, message)] = refused.value.report(i18n.translations("en"))
    assert where == BLOB_PREFIX + SHA and "does not match its SHA-256" in message


def test_a_blob_over_the_limit_is_refused_while_unpacking(tmp_path: Path) -> None:
    big = bytes(2 * MEGABYTE + 1)
    sha = hashlib.sha256(big).hexdigest()
    file = archive(tmp_path / "a.kenes.zip", {BLOB_PREFIX + sha: big})

    with pytest.raises(ArchiveFileError, match="more than 2 MB"):
        file.read_blob(sha, size_limit=2 * MEGABYTE)
    assert file.read_blob(sha) == big  # the archive's own limit is far larger


def test_a_json_file_carries_no_blobs_and_a_vanished_archive_is_said(tmp_path: Path) -> None:
    plain = archive(tmp_path / "a.json", {BLOB_PREFIX + SHA: PDF}, zipped=False)
    assert plain.read_blob(SHA) is None

    gone = archive(tmp_path / "b.kenes.zip", {BLOB_PREFIX + SHA: PDF})
    (tmp_path / "b.kenes.zip").unlink()
    with pytest.raises(ArchiveFileError, match=r"b\.kenes\.zip cannot be read"):
        gone.read_blob(SHA)


def test_a_refusal_counts_its_problems_and_reports_them_translated() -> None:
    problems = [
        problem_at("/tables/people/0/uid", "Unknown field “{field}”.", field="x"),
        problem_at("/tables/people/1", "The field “{field}” is missing.", field="uid"),
    ]
    refused = ImportRefused(problems)

    assert "Problems found: 2" in str(refused)
    report = refused.report(i18n.translations("ru"))
    assert [where for where, _ in report] == ["/tables/people/0/uid", "/tables/people/1"]
    assert all("«" in text for _, text in report), report


def test_the_limits_and_a_too_large_file() -> None:
    assert Limits().max_depth >= 12  # the layout itself nests about 12 deep
    error = too_large(Path("/x/big.kenes.zip"), 5 * MEGABYTE + 10, 4 * MEGABYTE)
    assert str(error) == "big.kenes.zip is too large (6 MB; at most 4 MB)."
