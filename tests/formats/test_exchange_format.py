"""The exchange format as pure code: written, read back, and refused, without a database."""

from __future__ import annotations

import doctest
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from app.formats import (
    exchange_archive,
    exchange_reader,
    exchange_schema,
    exchange_values,
    exchange_writer,
)
from app.formats.exchange_archive import ArchiveFileError, ImportRefused, Limits
from app.formats.exchange_reader import read_archive_file
from app.formats.exchange_schema import FORMAT_NAME, FORMAT_VERSION, TABLE_BY_NAME
from app.formats.exchange_values import record_hash
from app.formats.exchange_writer import write_file
from app.formats.problem import Problem

UID = "0123456789abcdef0123456789abcdef"
NOW = "2026-11-22T10:00:00+00:00"


def calendar_day(uid: str = UID, **changes: Any) -> dict[str, Any]:
    record = {
        "uid": uid,
        "created_at": NOW,
        "day": "2026-12-16",
        "is_working_day": False,
        "note": "  Тәуелсіздік күні ",
    }
    return {**record, **changes}


def document(*records: dict[str, Any]) -> dict[str, Any]:
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "kind": "archive",
        "created_at": NOW,
        "generator": "Kenes test",
        "scope": {"councils": "all"},
        "tables": {"calendar_overrides": list(records)},
    }


@pytest.mark.parametrize("zipped", [False, True])
def test_a_written_file_reads_back_with_its_texts_normalised(tmp_path: Path, zipped: bool) -> None:
    path = tmp_path / ("out.kenes.zip" if zipped else "out.json")
    blob = b"%PDF-1.4 material"
    sha = "a" * 64
    write_file(path, document(calendar_day()), [(sha, lambda: blob)] * 2, zipped=zipped)
    archive = read_archive_file(path)
    assert archive.zipped is zipped
    assert archive.records("calendar_overrides")[0]["note"] == "Тәуелсіздік күні"
    assert archive.has_blob(sha) is zipped


def test_the_same_content_is_written_as_the_same_bytes(tmp_path: Path) -> None:
    first, second = tmp_path / "a.kenes.zip", tmp_path / "b.kenes.zip"
    for path in (first, second):
        write_file(path, document(calendar_day()), [("b" * 64, lambda: b"x")], zipped=True)
    assert first.read_bytes() == second.read_bytes()


def test_every_problem_of_the_records_is_reported_at_its_place(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    bad = calendar_day(day="2026-02-30", extra=1)
    twice = calendar_day(day="2026-12-17")
    path.write_text(json.dumps(document(bad, twice)), "utf-8")
    with pytest.raises(ImportRefused) as refused:
        read_archive_file(path)
    places = [p.pointer for p in refused.value.problems]
    assert places == [
        "/tables/calendar_overrides/0/extra",
        "/tables/calendar_overrides/0/day",
        "/tables/calendar_overrides/1/uid",
    ]
    assert all(isinstance(p, Problem) for p in refused.value.problems)
    assert refused.value.report()[1] == (
        "/tables/calendar_overrides/0/day",
        "The field “day” must be a date.",
    )


def test_a_zip_entry_outside_the_archive_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "evil.kenes.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("kenes-exchange.json", json.dumps(document(calendar_day())))
        archive.writestr("../outside", b"x")
    with pytest.raises(ArchiveFileError, match="unsafe name"):
        read_archive_file(path)


def test_nesting_and_duplicate_keys_are_refused_before_the_layout(tmp_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text('{"format": ' + "[" * 50 + "]" * 50 + "}", "utf-8")
    with pytest.raises(ArchiveFileError, match="deeper than 40"):
        read_archive_file(deep)
    twice = tmp_path / "twice.json"
    twice.write_text('{"format": "kenes-exchange", "format": "x"}', "utf-8")
    with pytest.raises(ArchiveFileError, match="appears twice"):
        read_archive_file(twice)
    small = tmp_path / "small.json"
    small.write_text(json.dumps(document(calendar_day(), calendar_day("f" * 32))), "utf-8")
    with pytest.raises(ArchiveFileError, match="too many records"):
        read_archive_file(small, Limits(max_records=1))


def test_a_record_hash_names_the_content_not_the_record_nor_the_order_of_its_parts() -> None:
    spec = TABLE_BY_NAME["protocols"]
    signatures = [
        {"person": UID, "role": "secretary", "signed_on": "2026-01-01", "method": "paper"},
        {"person": UID, "role": "presiding", "signed_on": "2026-01-01", "method": "paper"},
    ]
    one = {"uid": UID, "number": "1", "signatures": signatures}
    other = {"uid": "f" * 32, "number": "1", "signatures": signatures[::-1]}
    assert record_hash(one, spec) == record_hash(other, spec)
    assert record_hash(one, spec) != record_hash({**one, "number": "2"}, spec)


@pytest.mark.parametrize(
    "module",
    [exchange_archive, exchange_reader, exchange_schema, exchange_values, exchange_writer],
    ids=lambda m: m.__name__,
)
def test_the_examples_in_the_docstrings_hold(module: Any) -> None:
    assert doctest.testmod(module).failed == 0
