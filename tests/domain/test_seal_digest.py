"""The short ways of sealing give the bytes of the long way: seals stay byte for byte.

An import seals hundreds of thousands of rows, so ``canonical`` keeps one encoder, a row's
digest writes its three keys out, the seal's digest encodes its pairs as they are, and
``stored_seal`` makes a stored seal in one pass.  The reference below is scheme 1 as it
was written first (``long_way`` is ``plain`` as it was).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from app.domain.seal import SCHEME, Seal, SealRow, canonical, make_seal, stored_seal
from tests.domain.test_seal_plain import VALUES, long_way


def old_canonical(value: object) -> bytes:
    return json.dumps(
        long_way(value), sort_keys=True, ensure_ascii=False, separators=(",", ":")
    ).encode("utf-8")


def old_sha256(value: object) -> str:
    return hashlib.sha256(old_canonical(value)).hexdigest()


def old_digest(row: SealRow) -> str:
    return old_sha256({"key": row.key, "kind": row.kind, "values": row.values})


def old_seal(rows: list[SealRow]) -> tuple[str, dict[str, Any]]:
    """``make_seal(rows)`` and ``Seal.to_json`` as they were: the digest and stored rows."""
    sealed: dict[str, tuple[str, dict[str, Any], str]] = {}
    for row in rows:
        sealed[row.key] = (row.kind, dict(row.where), old_digest(row))
    digests = {key: digest for key, (_, _, digest) in sealed.items()}
    digest = old_sha256({"scheme": SCHEME, "rows": sorted(digests.items())})
    stored = {
        key: {"kind": kind, "where": long_way(where), "digest": row_digest}
        for key, (kind, where, row_digest) in sealed.items()
    }
    return digest, stored


TEXT = st.text(max_size=12)
ROWS = st.lists(
    st.builds(
        SealRow,
        key=TEXT,
        kind=st.sampled_from(["ballot", "point", "result", "narrative"]) | TEXT,
        where=st.dictionaries(st.sampled_from(["item", "point", "person", "lang"]), VALUES),
        values=st.dictionaries(TEXT, VALUES, max_size=5) | VALUES,
    ),
    max_size=6,
    unique_by=lambda row: row.key,
)


@given(VALUES)
def test_canonical_gives_the_bytes_of_the_long_way(value: object) -> None:
    assert canonical(value) == old_canonical(value)


@given(ROWS)
def test_a_row_digest_is_the_digest_of_its_mapping(rows: list[SealRow]) -> None:
    for row in rows:
        assert row.digest() == old_digest(row)


# Rows shaped as ballots: one text field, any texts (quotes, controls, non-Latin letters).
BALLOTS = st.builds(
    SealRow,
    key=TEXT,
    kind=st.sampled_from(["ballot"]) | TEXT,
    where=st.just({}),
    values=st.dictionaries(TEXT, TEXT | st.none() | st.integers(), min_size=1, max_size=1),
)


@given(st.lists(BALLOTS, max_size=20))
def test_a_ballot_row_encoded_once_per_choice_gives_the_digest_of_its_mapping(
    rows: list[SealRow],
) -> None:
    for row in rows:
        assert row.digest() == old_digest(row) == row.digest()


@given(ROWS)
def test_a_stored_seal_is_the_seal_made_the_long_way(rows: list[SealRow]) -> None:
    digest, stored = stored_seal(rows)
    expected_digest, expected_rows = old_seal(rows)
    assert digest == expected_digest == make_seal(rows).digest
    # Stored as the database stores JSON: the same text, keys in the same order.
    assert json.dumps(stored) == json.dumps(expected_rows) == json.dumps(make_seal(rows).to_json())
    assert Seal.from_json(digest, stored).consistent()


def test_typical_rows_keep_their_digests() -> None:
    """Digests written by scheme 1 before the short ways (a ballot and a decision's text)."""
    where = {"item": 1, "point": 2}
    ballot = SealRow("ballot:p:a", "ballot", {**where, "person": "a"}, {"choice": "for"})
    text = SealRow("point:p", "point", where, {"text_kk": "Бекітілсін.", "n": None})
    assert ballot.digest() == "f7c1c435f469953f4bf9885a01cb2507cf58ca65a6c60469aaf4a4d4d1dcc9fe"
    assert text.digest() == "fec6dfaf7f19c618e2fa575977b19a0c655e7d804539858204dbeb5a240b37f6"
    digest, stored = stored_seal([ballot, text])
    assert digest == "d579c347fafa593afb6387d638b2e36552b1de1947649d4ac88a2a4f31b8acd3"
    assert (digest, stored) == old_seal([ballot, text])
