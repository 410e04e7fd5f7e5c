"""The short ways of ``plain`` give the bytes of the long way: seals stay byte for byte.

An import seals hundreds of thousands of rows, so ``plain`` takes dictionaries, lists and
tuples without a call per plain value; the reference below is the long way alone.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta, timezone
from enum import StrEnum
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from app.domain.seal import SealRow, canonical, make_seal, plain


class Choice(StrEnum):
    FOR = "for"


def long_way(value: object) -> Any:
    """``plain`` as it was before its short ways (scheme 1's canonical form)."""
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value.isoformat(timespec="microseconds")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): long_way(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [long_way(v) for v in value]
    if isinstance(value, bytes):
        return hashlib.sha256(value).hexdigest()
    return value


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=8),
    st.binary(max_size=8),
    st.dates(),
    st.times(),
    st.datetimes(timezones=st.sampled_from([None, UTC, timezone(timedelta(hours=5))])),
    st.just(Choice.FOR),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.lists(inner, max_size=4).map(tuple),
        st.dictionaries(st.one_of(st.text(max_size=4), st.integers()), inner, max_size=4),
    ),
    max_leaves=20,
)


@given(VALUES)
def test_plain_gives_what_the_long_way_gives(value: object) -> None:
    assert plain(value) == long_way(value)
    assert type(plain(value)) is type(long_way(value))


def test_a_seal_of_typical_rows_is_the_same_bytes() -> None:
    row = SealRow(
        "ballot:p:a",
        "ballot",
        {"item": 1, "point": 2, "person": "a"},
        {"choice": Choice.FOR, "at": datetime(2026, 1, 2, 3, 4, tzinfo=UTC), 3: (1, [2])},
    )
    expected = {"key": row.key, "kind": row.kind, "values": long_way(row.values)}
    assert canonical({"key": row.key, "kind": row.kind, "values": row.values}) == canonical(
        expected
    )
    assert make_seal([row]).rows["ballot:p:a"].digest == row.digest()
