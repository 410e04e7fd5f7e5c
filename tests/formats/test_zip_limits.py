"""Limits on what a workbook unpacks to, read from its directory (app/formats/zip_limits.py)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from app.formats.zip_limits import ZipLimits, ZipProblem, check_zip


def archive(tmp_path: Path, entries: dict[str, bytes]) -> Path:
    path = tmp_path / "book.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zipped:
        for name, data in entries.items():
            zipped.writestr(name, data)
    return path


def test_an_ordinary_archive_passes(tmp_path: Path) -> None:
    path = archive(tmp_path, {"xl/workbook.xml": b"<workbook/>", "xl/styles.xml": b"<s/>" * 1000})
    assert check_zip(path) is None


def test_a_part_beyond_the_limit_is_named(tmp_path: Path) -> None:
    path = archive(tmp_path, {"xl/sharedStrings.xml": bytes(range(256)) * 400})
    limits = ZipLimits(max_entry_bytes=100_000)
    assert check_zip(path, limits) == ZipProblem("entry", "xl/sharedStrings.xml", 102_400, 100_000)


def test_the_total_of_the_parts_is_limited(tmp_path: Path) -> None:
    entries = {f"xl/worksheets/sheet{n}.xml": bytes(range(256)) * 100 for n in range(5)}
    problem = check_zip(archive(tmp_path, entries), ZipLimits(max_total_bytes=100_000))
    assert problem is not None and problem.kind == "total" and problem.value > 100_000


def test_a_part_that_expands_too_many_times_is_refused(tmp_path: Path) -> None:
    path = archive(tmp_path, {"xl/sharedStrings.xml": b"<si><t>A</t></si>" * 200_000})
    problem = check_zip(path)
    assert problem is not None and problem.kind == "ratio" and problem.value > 100
    assert problem.entry == "xl/sharedStrings.xml"


def test_too_many_parts_and_a_damaged_archive_are_refused(tmp_path: Path) -> None:
    path = archive(tmp_path, {f"p{n}": b"" for n in range(20)})
    assert check_zip(path, ZipLimits(max_entries=10)) == ZipProblem("entries", value=20, limit=10)
    assert check_zip(io.BytesIO(b"PK\x03\x04 broken")) == ZipProblem("damaged")
