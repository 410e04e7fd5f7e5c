"""Hostile or broken files get a clear error and change nothing."""

from __future__ import annotations

import json
import stat
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app.domain.errors import KenesError
from app.formats.exchange_archive import ArchiveFileError, ImportRefused, Limits
from app.i18n import translations
from app.models.database import Database, open_database
from app.services.base import SYSTEM
from app.services.demo import create_demo
from app.services.exchange.apply_import import apply_import
from app.services.exchange.export_archive import export_archive
from app.services.exchange.plan_import import plan_import
from app.services.exchange.read_archive import read_archive
from tests.services.exchange.exchange_helpers import fingerprint


@pytest.fixture(scope="module")
def valid(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("valid")
    db = open_database(folder / "demo.sqlite3")
    create_demo(db, SYSTEM)
    export_archive(db, folder / "demo.json", embed_materials=False)
    db.close()
    return dict(json.loads((folder / "demo.json").read_text("utf-8")))


@pytest.fixture
def target(tmp_path: Path) -> Database:
    db = open_database(tmp_path / "target.sqlite3")
    create_demo(db, SYSTEM)  # a database holding part of the archive already
    return db


def attempt(db: Database, path: Path, limits: Limits | None = None) -> KenesError:
    """Read, plan and apply as the user would; the refusal, with the database unchanged."""
    before = fingerprint(db)
    with pytest.raises(KenesError) as caught:
        archive = read_archive(path, limits) if limits else read_archive(path)
        plan = plan_import(db, archive)
        apply_import(db, SYSTEM, plan)
    assert fingerprint(db) == before
    error = caught.value
    assert error.message(translations("ru"))
    return error


def dump(tmp_path: Path, data: Any, name: str = "file.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return path


def test_malformed_json(target: Database, tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"format": "kenes-exchange", "version": 1, "tables": {', "utf-8")
    error = attempt(target, path)
    assert isinstance(error, ArchiveFileError) and "not valid JSON" in error.message()


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\x00\x01\x02 binary",
        "\ufeff[1, 2".encode(),
        b'{"a": NaN}',
        b'{"a": 1, "a": 2}',
        b"\xff\xfe{}",
    ],
)
def test_other_broken_files(target: Database, tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "broken.json"
    path.write_bytes(content)
    assert isinstance(attempt(target, path), ArchiveFileError)


def test_not_a_kenes_file(target: Database, tmp_path: Path) -> None:
    error = attempt(target, dump(tmp_path, {"hello": "world"}))
    assert "is not a Kenes exchange file" in error.message()


@pytest.mark.parametrize("version", [2, 99, 0, -1, "1", None, 1.0, True])
def test_unknown_or_newer_format_version(
    target: Database, tmp_path: Path, valid: dict[str, Any], version: object
) -> None:
    error = attempt(target, dump(tmp_path, {**valid, "version": version}))
    assert isinstance(error, ArchiveFileError)
    if version in (2, 99):
        assert "Install a newer Kenes" in error.message()


def test_wrong_types_are_listed_with_their_place(
    target: Database, tmp_path: Path, valid: dict[str, Any]
) -> None:
    data = json.loads(json.dumps(valid))
    data["tables"]["people"][0]["surname"] = 42
    data["tables"]["seats"][0]["valid_from"] = "yesterday"
    data["tables"]["seats"][1]["voting"] = "yes"
    data["tables"]["councils"][0]["kind"] = "parliament"
    data["tables"]["position_holdings"][0]["valid_to"] = 2024
    data["tables"]["people"][1]["created_at"] = "2024-01-01T00:00:00"  # no time zone
    data["tables"]["acts"] = {"not": "a list"}
    error = attempt(target, dump(tmp_path, data))
    assert isinstance(error, ImportRefused)
    locations = {p.pointer for p in error.problems}
    assert {
        "/tables/people/0/surname",
        "/tables/seats/0/valid_from",
        "/tables/seats/1/voting",
        "/tables/councils/0/kind",
        "/tables/position_holdings/0/valid_to",
        "/tables/people/1/created_at",
        "/tables/acts",
    } <= locations


def test_missing_and_unknown_fields(
    target: Database, tmp_path: Path, valid: dict[str, Any]
) -> None:
    data = json.loads(json.dumps(valid))
    del data["tables"]["people"][0]["surname"]
    data["tables"]["people"][1]["password"] = "x"
    data["tables"]["secrets"] = []
    error = attempt(target, dump(tmp_path, data))
    assert isinstance(error, ImportRefused)
    messages = {(p.pointer, p.message()) for p in error.problems}
    assert ("/tables/people/0", "The field “surname” is missing.") in messages
    assert ("/tables/people/1/password", "Unknown field “password”.") in messages
    assert any(loc == "/tables/secrets" for loc, _m in messages)


def test_duplicate_identifiers(target: Database, tmp_path: Path, valid: dict[str, Any]) -> None:
    data = json.loads(json.dumps(valid))
    data["tables"]["people"].append(dict(data["tables"]["people"][0]))
    error = attempt(target, dump(tmp_path, data))
    assert isinstance(error, ImportRefused)
    (problem,) = error.problems
    assert problem.pointer == f"/tables/people/{len(data['tables']['people']) - 1}/uid"
    assert "appears twice" in problem.message()


def test_bad_identifiers(target: Database, tmp_path: Path, valid: dict[str, Any]) -> None:
    data = json.loads(json.dumps(valid))
    data["tables"]["people"][0]["uid"] = "../../etc/passwd"
    error = attempt(target, dump(tmp_path, data))
    assert "not a stable identifier" in error.message() or isinstance(error, ImportRefused)


def test_very_long_strings(target: Database, tmp_path: Path, valid: dict[str, Any]) -> None:
    data = json.loads(json.dumps(valid))
    data["tables"]["people"][0]["surname"] = "Ә" * 201  # over the field's limit
    error = attempt(target, dump(tmp_path, data))
    assert isinstance(error, ImportRefused)
    assert error.problems[0].pointer == "/tables/people/0/surname"
    data["tables"]["people"][0]["note"] = "x" * 300_000  # over any string's limit
    error = attempt(target, dump(tmp_path, data, "long.json"))
    assert isinstance(error, ArchiveFileError)


def test_control_characters_and_broken_text(
    target: Database, tmp_path: Path, valid: dict[str, Any]
) -> None:
    data = json.loads(json.dumps(valid))
    data["tables"]["people"][0]["surname"] = "a\x07b"
    path = tmp_path / "s.json"
    text = json.dumps(data).replace('"Әбенов"', '"\\ud800"')
    path.write_text(text, "utf-8")
    assert isinstance(attempt(target, path), ImportRefused)


def test_deep_nesting(target: Database, tmp_path: Path, valid: dict[str, Any]) -> None:
    path = tmp_path / "deep.json"
    path.write_text(
        '{"format": "kenes-exchange", "version": 1, "scope": '
        + "[" * 100_000
        + "]" * 100_000
        + "}",
        "utf-8",
    )
    error = attempt(target, path)
    assert "deeper than" in error.message()
    profile = json.loads(json.dumps(valid))
    nested: Any = 1
    for _ in range(60):
        nested = {"x": nested}
    profile["tables"]["councils"][0]["profile"] = nested
    assert "deeper than" in attempt(target, dump(tmp_path, profile, "p.json")).message()


def test_too_many_records(target: Database, tmp_path: Path, valid: dict[str, Any]) -> None:
    path = dump(tmp_path, valid)
    error = attempt(target, path, Limits(max_records=10))
    assert "too many records" in error.message()


def test_too_large_a_file(target: Database, tmp_path: Path, valid: dict[str, Any]) -> None:
    path = dump(tmp_path, valid)
    assert "too large" in attempt(target, path, Limits(max_file_bytes=1000)).message()


def zip_with(
    tmp_path: Path,
    valid: dict[str, Any],
    extra: Callable[[zipfile.ZipFile], None],
    name: str = "z.kenes.zip",
) -> Path:
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("kenes-exchange.json", json.dumps(valid))
        extra(archive)
    return path


@pytest.mark.parametrize(
    "entry",
    ["/etc/passwd", "../evil", "blobs/../../evil", "C:/x", "blobs\\..\\x", "./kenes-exchange.json"],
)
def test_archive_entries_with_path_tricks(
    target: Database, tmp_path: Path, valid: dict[str, Any], entry: str
) -> None:
    path = zip_with(tmp_path, valid, lambda a: a.writestr(entry, b"x"))
    error = attempt(target, path)
    assert "unsafe name" in error.message()


def test_archive_entries_that_are_links(
    target: Database, tmp_path: Path, valid: dict[str, Any]
) -> None:
    def link(archive: zipfile.ZipFile) -> None:
        info = zipfile.ZipInfo("blobs/" + "a" * 64)
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(info, "/etc/passwd")

    assert "unsafe name" in attempt(target, zip_with(tmp_path, valid, link)).message()


def test_unexpected_entries(target: Database, tmp_path: Path, valid: dict[str, Any]) -> None:
    path = zip_with(tmp_path, valid, lambda a: a.writestr("run-me.sh", b"rm -rf /"))
    assert "unexpected entry" in attempt(target, path).message()


def test_an_unreasonable_unpacked_size(
    target: Database, tmp_path: Path, valid: dict[str, Any]
) -> None:
    bomb = zip_with(tmp_path, valid, lambda a: a.writestr("blobs/" + "b" * 64, b"\0" * 5_000_000))
    assert bomb.stat().st_size < 100_000
    error = attempt(target, bomb, Limits(max_unpacked_bytes=2 * 1024 * 1024))
    assert "would unpack to more than" in error.message()


def test_lying_size_headers_are_caught_while_unpacking(
    target: Database, tmp_path: Path, valid: dict[str, Any]
) -> None:
    """A bomb whose headers claim a small size is stopped by counting the bytes produced."""
    path = zip_with(tmp_path, valid, lambda a: a.writestr("blobs/" + "c" * 64, b"\0" * 4_000_000))
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("blobs/" + "c" * 64)
    # Patch the central directory's uncompressed size to 10 bytes.
    central = data.rfind(b"PK\x01\x02" + bytes(data[data.rfind(b"PK\x01\x02") + 4 :][:0]))
    offset = data.find(("blobs/" + "c" * 64).encode(), central) - 46
    data[offset + 24 : offset + 28] = (10).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    assert info.file_size == 4_000_000
    error = attempt(target, path, Limits(max_unpacked_bytes=2 * 1024 * 1024))
    assert isinstance(error, ArchiveFileError)


def test_too_many_entries(target: Database, tmp_path: Path, valid: dict[str, Any]) -> None:
    def many(archive: zipfile.ZipFile) -> None:
        for n in range(5):
            archive.writestr(f"blobs/{n:064x}", b"x")

    error = attempt(target, zip_with(tmp_path, valid, many), Limits(max_entries=3))
    assert "too many entries" in error.message()


def test_a_damaged_archive(target: Database, tmp_path: Path, valid: dict[str, Any]) -> None:
    path = zip_with(tmp_path, valid, lambda a: None)
    path.write_bytes(path.read_bytes()[:40])
    assert "damaged ZIP" in attempt(target, path).message()


def test_an_archive_without_the_document(target: Database, tmp_path: Path) -> None:
    path = tmp_path / "empty.kenes.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("blobs/" + "d" * 64, b"x")
    assert "holds no kenes-exchange.json" in attempt(target, path).message()


def test_a_blob_that_does_not_match_its_hash(tmp_path: Path) -> None:
    from tests.services.conduct_helpers import ME, board_meeting

    source = open_database(tmp_path / "s.sqlite3")
    board = board_meeting(source)
    material = tmp_path / "m.pdf"
    material.write_bytes(b"%PDF-1.4 material")
    from app.services.agenda.attach_material import attach_material

    attach_material(source, ME, board.items[0], material)
    export_archive(source, tmp_path / "a.kenes.zip")
    with zipfile.ZipFile(tmp_path / "a.kenes.zip") as archive:
        names = archive.namelist()
        document = archive.read("kenes-exchange.json")
    forged = tmp_path / "forged.kenes.zip"
    with zipfile.ZipFile(forged, "w") as archive:
        archive.writestr("kenes-exchange.json", document)
        for name in names:
            if name.startswith("blobs/"):
                archive.writestr(name, b"%PDF-1.4 something else")
    db = open_database(tmp_path / "t.sqlite3")
    error = attempt(db, forged)
    assert "does not match its SHA-256" in error.message() or isinstance(error, ImportRefused)
