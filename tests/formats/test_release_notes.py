"""app/formats/release_notes.py: one JSON file per version, every language or nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.formats.release_notes import LANGUAGES, ReleaseNote, notes_file, read_release_notes
from app.paths import RESOURCES_DIR

NOTES = {
    "kk": {"title": " Kenes 0.2 ", "text": "Жаңа мүмкіндіктер.\n\nТүзетулер.\n"},
    "ru": {"title": "Kenes 0.2", "text": "Новые возможности."},
    "en": {"title": "Kenes 0.2", "text": "New features."},
}


def test_the_notes_of_a_version_read_in_every_language(tmp_path: Path) -> None:
    path = notes_file(tmp_path, "0.2.0")
    path.write_text(json.dumps({**NOTES, "de": "ignored"}, ensure_ascii=False), encoding="utf-8")

    notes = read_release_notes(path)

    assert path == tmp_path / "0.2.0.json"
    assert notes is not None and set(notes) == set(LANGUAGES)
    assert notes["kk"] == ReleaseNote("Kenes 0.2", "Жаңа мүмкіндіктер.\n\nТүзетулер.")


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\xff\xfe not text",
        json.dumps({"kk": NOTES["kk"], "ru": NOTES["ru"]}).encode(),
        json.dumps({**NOTES, "en": {"title": "Kenes", "text": "   "}}).encode(),
        json.dumps({**NOTES, "ru": {"title": 2, "text": "x"}}).encode(),
        json.dumps({**NOTES, "kk": "Kenes 0.2"}).encode(),
        json.dumps("Kenes 0.2").encode(),
    ],
)
def test_a_file_that_is_incomplete_or_damaged_is_nothing_to_tell(
    tmp_path: Path, data: bytes
) -> None:
    path = tmp_path / "0.2.0.json"
    path.write_bytes(data)
    assert read_release_notes(path) is None


def test_a_missing_file_is_nothing_to_tell(tmp_path: Path) -> None:
    assert read_release_notes(notes_file(tmp_path, "9.9.9")) is None


def test_every_shipped_notes_file_reads() -> None:
    files = sorted((RESOURCES_DIR / "release-notes").glob("*.json"))
    assert files
    for path in files:
        assert read_release_notes(path) is not None, path.name
