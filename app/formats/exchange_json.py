"""The JSON rules both exchange readers apply: no duplicate keys, no NaN, short texts once.

The whole-document reader (:mod:`app.formats.exchange_reader`) and the record-at-a-time
reader (:mod:`app.formats.exchange_stream`) parse with the same :func:`decoder`, so a
file gives the same objects, and the same refusals, whichever reads it.
"""

from __future__ import annotations

import json
from typing import Any

# Values (texts, numbers, nested rows) a record holds at most, on average: a document with
# more values than ``max_records`` times this is refused before it is built.
VALUES_PER_RECORD = 64
MAX_KEY = 200  # characters of a key of any object
_SHARED_LENGTH = 64  # texts up to this length are kept once per document (see Pairs)


class DuplicateKey(ValueError):
    """An object names the same key twice: which value is meant is ambiguous."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


class Pairs:
    """Builds each object, refusing a duplicate key; equal keys and short texts share one string.

    An archive repeats the same identifiers, dates and choices hundreds of thousands of
    times (a member's uid in every ballot); the parser makes a new string for each, so
    one copy is kept instead: a large document holds about a tenth less.  Keys too: the
    parser shares a key only within the value it parses, and the record-at-a-time reader
    parses each record apart, so the archive of fifteen years held 1.7 million copies of
    a few hundred keys (read: 629 → 495 MB resident, bench 13, 2026-12-05).
    """

    def __init__(self) -> None:
        self.shared: dict[str, str] = {}

    def __call__(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        shared = self.shared
        result: dict[str, Any] = {}
        for key, value in pairs:
            if key in result:
                raise DuplicateKey(key)
            short = type(value) is str and len(value) <= _SHARED_LENGTH
            name = shared.setdefault(key, key)
            result[name] = shared.setdefault(value, value) if short else value
        return result


def _no_constant(name: str) -> Any:
    raise ValueError(name)


def decoder() -> json.JSONDecoder:
    """A parser for one document: NaN and Infinity refused, duplicate keys refused."""
    return json.JSONDecoder(object_pairs_hook=Pairs(), parse_constant=_no_constant)
