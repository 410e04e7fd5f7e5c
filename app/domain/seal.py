"""Tamper evidence for the record: seals of signed meetings and the audit hash chain.

A *seal* is a SHA-256 over a signed meeting's record rows in a canonical form.  Each row
(a ballot, a decision point's text and result, a signature ...) has its own digest, kept
in the seal beside the seal's digest over all of them, so that a later check can say
which row was changed, removed or added rather than only "something differs".

The *audit chain* links every audit event to the one before: an event's hash covers
its place in the sequence (``seq``, 1, 2, 3 ... without gaps), its content and the
previous event's hash.  Editing an event breaks its own hash; deleting events leaves a
gap in the sequence; rewriting an event and its hash breaks the next event's link.

This is scheme 1.  The canonical form below is a contract: a seal or a chain written
under scheme 1 is verified with exactly this code, years later, so it never changes.  A
new canonical form is a new scheme, and the stored seals say which scheme made them.

What it does not do: someone who rewrites the whole chain from a point on, and the
seals with it, with this very code, leaves a consistent record behind.  The chain
proves that the record was not changed *behind Kenes's back by a tool that does not
know the chain*; a copy kept elsewhere (a backup, an exchange file, a printed hash)
proves the rest (see docs/security.md).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from functools import lru_cache
from typing import Any

SCHEME = 1
GENESIS = "0" * 64  # the "previous hash" of the first audit event

CHANGED, REMOVED, ADDED = "changed", "removed", "added"


# Values that are JSON data as they are (their exact types: a subclass takes the long way).
_AS_IS = frozenset({str, int, float, bool, type(None)})


def plain(value: object) -> Any:
    """``value`` as JSON data, the same whichever database or session it was read from.

    A date-time is told in UTC without an offset (SQLite gives it back naive, PostgreSQL
    in the session's zone); tuples are lists; mapping keys are text.
    """
    # Short ways for what a seal holds most (an import seals hundreds of thousands of
    # rows); each gives what the checks below give.
    kind = type(value)
    if kind in _AS_IS:
        return value
    if kind is dict:  # a value as it is needs no call (str(k) of a text is the text)
        return {
            k if type(k) is str else str(k): v if type(v) in _AS_IS else plain(v)
            for k, v in value.items()  # type: ignore[attr-defined]
        }
    if kind is list or kind is tuple:
        return [v if type(v) in _AS_IS else plain(v) for v in value]  # type: ignore[attr-defined]
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value.isoformat(timespec="microseconds")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, bytes):
        return hashlib.sha256(value).hexdigest()
    return value


# The encoder ``json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))``
# makes for each call, made once (it keeps no state between calls).
_TEXT = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode


def canonical(value: object) -> bytes:
    """Canonical JSON: sorted keys, no spaces, UTF-8 (two equal values give equal bytes)."""
    return _TEXT(plain(value)).encode("utf-8")


def sha256(value: object) -> str:
    return hashlib.sha256(canonical(value)).hexdigest()


# -- seals ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SealRow:
    """One row of a signed meeting's record, as the seal sees it.

    ``key`` names the row by stable identifiers (uids), so it is the same in every
    database the record travels to; ``where`` locates it for a reader (item 3, decision
    point 2, the member's uid, the language); ``values`` are what the record says.
    """

    key: str
    kind: str
    where: Mapping[str, Any]
    values: Mapping[str, Any]

    def digest(self) -> str:
        """``sha256({"key": key, "kind": kind, "values": values})``, written out.

        The three keys stand in their sorted order, so the text is the canonical form of
        that mapping, without making it (a seal has a row per ballot).  A kind, and values
        of one text field (a ballot's choice), are encoded once per distinct value: an
        import seals 600,000 ballots of three choices.
        """
        kind, values = self.kind, self.values
        kind_text = _text_of(kind) if type(kind) is str else _TEXT(plain(kind))
        if type(values) is dict and len(values) == 1:
            ((name, value),) = values.items()
            if type(name) is str and type(value) is str:
                values_text = _one_field(name, value)
            else:
                values_text = _TEXT(plain(values))
        else:
            values_text = _TEXT(plain(values))
        text = f'{{"key":{_TEXT(plain(self.key))},"kind":{kind_text},"values":{values_text}}}'
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


@lru_cache(maxsize=256)
def _text_of(text: str) -> str:
    return _TEXT(text)


@lru_cache(maxsize=256)
def _one_field(name: str, value: str) -> str:
    """The canonical text of ``{name: value}``, both texts (what ``_TEXT(plain(...))`` gives)."""
    return _TEXT({name: value})


@dataclass(frozen=True)
class SealedRow:
    kind: str
    where: Mapping[str, Any]
    digest: str


@dataclass(frozen=True)
class Seal:
    """A seal: the digest over the per-row digests, and those digests."""

    digest: str
    rows: Mapping[str, SealedRow]
    scheme: int = SCHEME

    def to_json(self) -> dict[str, Any]:
        """The rows as stored beside the digest (the digest itself is its own column)."""
        return {
            key: {"kind": row.kind, "where": plain(row.where), "digest": row.digest}
            for key, row in self.rows.items()
        }

    @classmethod
    def from_json(cls, digest: str, rows: object, scheme: int = SCHEME) -> Seal:
        """Read a stored seal; a row without the stored shape is kept without a digest.

        A seal whose rows were edited is then told by :meth:`consistent`.
        """
        found: dict[str, SealedRow] = {}
        if isinstance(rows, Mapping):
            for key, row in rows.items():
                if (
                    isinstance(row, Mapping)
                    and isinstance(row.get("kind"), str)
                    and isinstance(row.get("where"), Mapping)
                    and isinstance(row.get("digest"), str)
                ):
                    found[str(key)] = SealedRow(row["kind"], dict(row["where"]), row["digest"])
                else:  # kept with no digest: the seal no longer adds up
                    found[str(key)] = SealedRow("", {}, "")
        return cls(digest, found, scheme)

    def consistent(self) -> bool:
        """The stored per-row digests still give the stored seal digest."""
        return _seal_digest({k: r.digest for k, r in self.rows.items()}) == self.digest


def _seal_digest(digests: Mapping[str, str]) -> str:
    """``sha256({"scheme": SCHEME, "rows": sorted(digests.items())})``.

    Keys and digests are text, and JSON writes the (key, digest) pairs as arrays, as
    :func:`plain` makes them: the data is encoded as it is.
    """
    data = {"scheme": SCHEME, "rows": sorted(digests.items())}
    return hashlib.sha256(_TEXT(data).encode("utf-8")).hexdigest()


def make_seal(rows: Iterable[SealRow]) -> Seal:
    """The seal of a record (rows with one key each; a repeated key is a programming error)."""
    sealed: dict[str, SealedRow] = {}
    for row in rows:
        assert row.key not in sealed, f"two rows with the key {row.key}"
        sealed[row.key] = SealedRow(row.kind, dict(row.where), row.digest())
    return Seal(_seal_digest({k: r.digest for k, r in sealed.items()}), sealed)


def stored_seal(rows: Iterable[SealRow]) -> tuple[str, dict[str, Any]]:
    """``make_seal(rows)``'s digest and its :meth:`Seal.to_json`, made in one pass.

    For sealing many records at once (an import): each row is read once and no
    :class:`SealedRow` is made for it.
    """
    stored: dict[str, Any] = {}
    digests: dict[str, str] = {}
    for row in rows:
        assert row.key not in stored, f"two rows with the key {row.key}"
        digest = digests[row.key] = row.digest()
        stored[row.key] = {"kind": row.kind, "where": plain(row.where), "digest": digest}
    return _seal_digest(digests), stored


@dataclass(frozen=True)
class RowChange:
    """A row of the sealed record that was changed, removed, or added since sealing."""

    change: str  # CHANGED, REMOVED or ADDED
    kind: str
    where: Mapping[str, Any] = field(default_factory=dict)


KIND_ORDER = (
    "meeting",
    "protocol",
    "item",
    "attendance",
    "invited",
    "point",
    "result",
    "ballot",
    "dissent",
    "instruction",
    "narrative",
    "signature",
    "issued",
)


def _order(change: RowChange) -> tuple[int, int, int, str, str]:
    kind = KIND_ORDER.index(change.kind) if change.kind in KIND_ORDER else len(KIND_ORDER)
    item = change.where.get("item")
    point = change.where.get("point")
    return (
        item if isinstance(item, int) else -1,
        point if isinstance(point, int) else -1,
        kind,
        str(change.where.get("person", "")),
        str(change.where.get("lang", "")),
    )


def compare(
    seal: Seal, rows: Iterable[SealRow], kinds: frozenset[str] | None = None
) -> list[RowChange]:
    """Each row that differs from the seal, in the order of the record.

    ``kinds``: compare only rows of these kinds (a seal of a revision that a correction
    replaced still vouches for its own protocol's rows, not for the meeting's record).
    """
    now: dict[str, SealRow] = {}
    found: list[RowChange] = []
    for row in rows:
        if kinds is not None and row.kind not in kinds:
            continue
        if row.key in now:  # a second row where the record allows one (written by a tool)
            found.append(RowChange(ADDED, row.kind, row.where))
        now.setdefault(row.key, row)
    for key, sealed in seal.rows.items():
        if kinds is not None and sealed.kind not in kinds:
            continue
        current = now.get(key)
        if current is None:
            found.append(RowChange(REMOVED, sealed.kind, sealed.where))
        elif current.digest() != sealed.digest:
            found.append(RowChange(CHANGED, current.kind, current.where))
    for key, row in now.items():
        if key not in seal.rows:
            found.append(RowChange(ADDED, row.kind, row.where))
    return sorted(found, key=_order)


# -- the audit chain --------------------------------------------------------------------

CHAINED_FIELDS = (
    "at",
    "actor",
    "action",
    "entity",
    "entity_id",
    "council_id",
    "before",
    "after",
)


def event_hash(seq: int, prev_hash: str, fields: Mapping[str, Any]) -> str:
    """The hash of an audit event: its place, its content and the previous event's hash."""
    content = {name: fields.get(name) for name in CHAINED_FIELDS}
    return sha256({"scheme": SCHEME, "seq": seq, "prev": prev_hash, "event": content})


@dataclass(frozen=True)
class ChainedEvent:
    """An audit event as stored: its row id, place in the chain, links and content."""

    id: int
    seq: int | None
    prev_hash: str | None
    hash: str | None
    fields: Mapping[str, Any]


MISSING, ALTERED, UNCHAINED, CUT = "missing", "altered", "unchained", "cut"


@dataclass(frozen=True)
class ChainBreak:
    """What is wrong with the chain: events ``first``–``last`` missing, or event ``first``
    altered, or a row (``first`` = its id) that has no place in the chain."""

    kind: str
    first: int
    last: int


def chain_breaks(
    events: Iterable[ChainedEvent], anchors: Mapping[int, str] | None = None
) -> list[ChainBreak]:
    """Every break of the chain, in order; ``events`` in the order of ``seq``.

    Read in one pass, so a trail of any length is checked in little memory.  ``anchors``
    (seq → hash) are events whose hash was recorded elsewhere (in a seal): when the chain
    now ends before one of them, the events up to it were removed from the end, which the
    chain alone cannot show.
    """
    anchors = anchors or {}
    found: list[ChainBreak] = []
    altered: set[int] = set()
    anchored_now: dict[int, str | None] = {}
    expected, previous = 1, GENESIS
    for event in events:
        if event.seq is None:
            found.append(ChainBreak(UNCHAINED, event.id, event.id))
            continue
        if event.seq in anchors:
            anchored_now[event.seq] = event.hash
        if event.seq > expected:
            found.append(ChainBreak(MISSING, expected, event.seq - 1))
        elif event.prev_hash != previous and event.seq - 1 not in altered and event.seq > 1:
            # The event before was rewritten, its own hash included.
            found.append(ChainBreak(ALTERED, event.seq - 1, event.seq - 1))
            altered.add(event.seq - 1)
        broken = event.hash != event_hash(event.seq, event.prev_hash or "", event.fields)
        if (broken or (event.seq == 1 and event.prev_hash != GENESIS)) and (
            event.seq not in altered
        ):
            found.append(ChainBreak(ALTERED, event.seq, event.seq))
            altered.add(event.seq)
        expected, previous = event.seq + 1, event.hash or ""
    last = expected - 1
    for seq, anchored in sorted(anchors.items()):
        if seq > last:
            found.append(ChainBreak(CUT, last + 1, max(anchors)))
            break
        if anchored_now.get(seq) not in (None, anchored) and seq not in altered:
            found.append(ChainBreak(ALTERED, seq, seq))
            altered.add(seq)
    return sorted(found, key=lambda b: (b.kind == UNCHAINED, b.first, b.kind))
