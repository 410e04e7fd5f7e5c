"""app/formats/exchange_document.py: a parsed document checked against the layout as a whole."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app.formats.exchange_archive import ArchiveFileError, ImportRefused, Limits
from app.formats.exchange_document import check_document, check_head
from app.formats.exchange_schema import FORMAT_NAME, FORMAT_VERSION, KIND_PACKAGE

PATH = Path("/exchange/region.json")
UID_A, UID_B = "a" * 32, "b" * 32


def day(uid: str) -> dict[str, Any]:
    return {
        "uid": uid,
        "created_at": "2026-11-22T10:00:00+00:00",
        "day": "2026-12-16",
        "is_working_day": False,
        "note": "",
    }


def document(**changes: Any) -> dict[str, Any]:
    base = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "kind": "archive",
        "created_at": "2026-11-22T10:00:00+00:00",
        "generator": "Kenes 0.1.0",
        "scope": {"councils": "all"},
        "tables": {"calendar_overrides": [day(UID_A)]},
    }
    return {**base, **changes}


def refused_at(doc: dict[str, Any]) -> list[str]:
    with pytest.raises(ImportRefused) as refused:
        check_document(doc, PATH)
    return [p.pointer for p in refused.value.problems]


def test_a_valid_document_becomes_an_archive_file() -> None:
    blobs = frozenset({"blobs/" + "c" * 64})
    file = check_document(document(), PATH, zipped=True, blobs=blobs)

    assert (file.kind, file.version, file.generator) == ("archive", 1, "Kenes 0.1.0")
    assert file.source == str(PATH) and file.zipped and file.blob_entries == blobs
    assert file.records("calendar_overrides") == [day(UID_A)]
    assert file.package is None


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        ([], "is not a Kenes exchange file"),
        (document(format="other"), "is not a Kenes exchange file"),
        (document(version=True), "names no format version"),
        (document(version=FORMAT_VERSION + 1), "Install a newer Kenes"),
    ],
)
def test_a_document_of_another_format_is_refused_at_once(doc: Any, message: str) -> None:
    with pytest.raises(ArchiveFileError, match=message) as refused:
        check_document(doc, PATH)
    assert "region.json" in str(refused.value)


def test_every_problem_of_the_top_level_is_collected() -> None:
    doc = document(kind="backup", created_at="yesterday", generator=5, extra=1, scope=[])
    del doc["tables"]

    assert refused_at(doc) == ["/extra", "", "/kind", "/created_at", "/generator", "/scope"]


def test_unknown_tables_and_twice_named_records_are_refused() -> None:
    tables = {"calendar_overrides": [day(UID_A), day(UID_B), day(UID_A)], "secrets": []}

    with pytest.raises(ImportRefused) as refused:
        check_document(document(tables=tables), PATH)

    [unknown, twice] = refused.value.problems
    assert unknown.pointer == "/tables/secrets"
    assert twice.pointer == "/tables/calendar_overrides/2/uid"
    assert dict(twice.params)["first"] == "/tables/calendar_overrides/0"


def test_a_meeting_package_needs_its_package_header() -> None:
    assert refused_at(document(kind=KIND_PACKAGE)) == [""]
    header = {"id": UID_A, "meeting": "m1", "made_at": "2026-11-22T10:00:00Z", "base": {}}
    assert refused_at(document(kind=KIND_PACKAGE, package=header)) == ["/package/meeting"]
    good = {**header, "meeting": UID_B, "base": {f"meetings/{UID_B}": "d" * 64}}
    assert check_document(document(kind=KIND_PACKAGE, package=good), PATH).package == good


def test_too_many_records_refuse_the_file_before_they_are_checked() -> None:
    tables = {"calendar_overrides": [day(UID_A), day(UID_B), "not even a record"]}
    with pytest.raises(ArchiveFileError, match=r"too many records \(3; at most 2\)"):
        check_document(document(tables=tables), PATH, Limits(max_records=2))


def test_the_head_read_before_the_tables_opens_the_file_on_the_tables_still_read() -> None:
    """``check_head``: a file whose tables are being read is known by what came before them;
    a head that is not good gives None (the check of the whole document says why)."""
    tables: dict[str, list[dict[str, Any]]] = {}
    head = {k: v for k, v in document().items() if k != "tables"}
    blobs = frozenset({"blobs/" + "c" * 64})

    file = check_head(head, tables, PATH, Limits(), zipped=True, blobs=blobs)

    assert file is not None and file.tables is tables
    assert (file.kind, file.generator, file.zipped, file.blob_entries) == (
        "archive",
        "Kenes 0.1.0",
        True,
        blobs,
    )
    tables["calendar_overrides"] = [day(UID_A)]
    assert file.records("calendar_overrides") == [day(UID_A)]
    for bad in ({**head, "version": FORMAT_VERSION + 1}, {**head, "kind": "what"}, {}):
        assert check_head(bad, tables, PATH, Limits(), zipped=False, blobs=frozenset()) is None
