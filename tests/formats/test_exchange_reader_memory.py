"""The reader refuses too many values before parsing them, and keeps repeated texts once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.formats import exchange_reader
from app.formats.exchange_archive import DEFAULT_LIMITS, MEGABYTE, ArchiveFileError, Limits
from app.formats.exchange_reader import _loads, checked_text, parse_json


def test_too_many_values_are_refused_before_the_parser_builds_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = json.dumps([[1, 2, 3]] * 100).encode()

    def never(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("parsed")

    monkeypatch.setattr(exchange_reader, "decoder", never)
    with pytest.raises(ArchiveFileError, match="too many records"):
        parse_json(data, Path("many.json"), Limits(max_records=5))  # 5 × 64 < 401 values


def test_empty_and_blank_documents_are_refused() -> None:
    for data in (b"", b" \r\n\t\x0b\x0c "):
        with pytest.raises(ArchiveFileError, match="is empty"):
            checked_text(data, Path("blank.json"), DEFAULT_LIMITS)


def test_equal_short_texts_share_one_string_and_the_document_is_unchanged() -> None:
    uid = "".join(["ab"] * 16)
    text = json.dumps({"rows": [{"person": uid, "choice": "for"} for _ in range(3)]})
    parsed = _loads(text, Path("a.json"))
    assert parsed == json.loads(text)
    people = [row["person"] for row in parsed["rows"]]
    assert all(p is people[0] for p in people)
    long_text = "x" * 100
    rows = _loads(json.dumps([{"t": long_text}, {"t": long_text}]), Path("b.json"))
    assert rows[0]["t"] == rows[1]["t"] == long_text


def test_the_document_may_be_a_gigabyte() -> None:
    """The 2× archive's document (630 MB) is read; a larger one is refused unread."""
    assert DEFAULT_LIMITS.max_json_bytes == 1024 * MEGABYTE
    assert DEFAULT_LIMITS.max_json_bytes < DEFAULT_LIMITS.max_unpacked_bytes
