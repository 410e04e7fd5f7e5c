"""app/formats/exchange_json.py: the parser both exchange readers use."""

from __future__ import annotations

import json

import pytest

from app.formats.exchange_json import DuplicateKey, decoder


def test_a_key_named_twice_is_refused_with_its_name() -> None:
    with pytest.raises(DuplicateKey) as refused:
        decoder().decode('{"rows": [{"uid": "a", "uid": "b"}]}')
    assert refused.value.key == "uid"


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_numbers_json_does_not_know_are_refused(constant: str) -> None:
    with pytest.raises(ValueError):
        decoder().decode(f'{{"count": {constant}}}')


def test_one_parser_shares_equal_short_texts_across_the_values_it_parses() -> None:
    """The record-at-a-time reader parses each record apart, with one parser."""
    parse = decoder()
    uid = "ab" * 16
    first, _end = parse.raw_decode(json.dumps({"person": uid}))
    second, _end = parse.raw_decode(json.dumps([{"person": uid, "note": "x" * 100}]))
    assert first["person"] is second[0]["person"]
    assert second == [{"person": uid, "note": "x" * 100}]


def test_one_parser_shares_equal_keys_across_the_values_it_parses() -> None:
    parse = decoder()
    first, _end = parse.raw_decode('{"recorded_at": 1}')
    second, _end = parse.raw_decode('[{"recorded_at": 2}]')
    assert next(iter(first)) is next(iter(second[0]))
