"""The seal's canonical form, its per-row comparison, and the audit hash chain."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from app.domain.seal import (
    ADDED,
    ALTERED,
    CHANGED,
    CUT,
    GENESIS,
    MISSING,
    REMOVED,
    UNCHAINED,
    ChainBreak,
    ChainedEvent,
    Seal,
    SealRow,
    canonical,
    chain_breaks,
    compare,
    event_hash,
    make_seal,
    plain,
)


def ballot(person: str, choice: str, point: int = 2, item: int = 3) -> SealRow:
    return SealRow(
        f"ballot:p{point}:{person}",
        "ballot",
        {"item": item, "point": point, "person": person},
        {"choice": choice},
    )


def text(point: int, words: str, item: int = 3) -> SealRow:
    return SealRow(f"point:p{point}", "point", {"item": item, "point": point}, {"text_kk": words})


ROWS = [text(1, "Бекітілсін."), text(2, "Мақұлдансын."), ballot("a", "for"), ballot("b", "against")]


def test_the_same_value_read_anywhere_gives_the_same_bytes() -> None:
    aware = datetime(2024, 3, 20, 15, 0, tzinfo=timezone(timedelta(hours=5)))
    naive_utc = datetime(2024, 3, 20, 10, 0)
    assert canonical({"at": aware}) == canonical({"at": naive_utc})
    assert canonical({"b": (1, 2), "a": date(2024, 3, 1)}) == canonical(
        {"a": "2024-03-01", "b": [1, 2]}
    )
    assert plain({1: time(10, 30)}) == {"1": "10:30:00"}
    assert canonical({"x": "Әбенов"}) == '{"x":"Әбенов"}'.encode()


def test_an_untouched_record_matches_its_seal() -> None:
    seal = make_seal(ROWS)
    assert compare(seal, ROWS) == []
    assert seal.consistent()
    assert make_seal(reversed(ROWS)).digest == seal.digest  # order of reading is no matter


def test_each_change_is_named_with_its_place() -> None:
    seal = make_seal(ROWS)
    now = [text(1, "Бекітілсін."), text(2, "Қабылданбасын."), ballot("a", "abstained")]
    now.append(ballot("c", "for"))
    changes = compare(seal, now)
    assert [(c.change, c.kind, dict(c.where)) for c in changes] == [
        (CHANGED, "point", {"item": 3, "point": 2}),
        (CHANGED, "ballot", {"item": 3, "point": 2, "person": "a"}),
        (REMOVED, "ballot", {"item": 3, "point": 2, "person": "b"}),
        (ADDED, "ballot", {"item": 3, "point": 2, "person": "c"}),
    ]


def test_only_the_kinds_asked_for_are_compared() -> None:
    seal = make_seal(ROWS)
    assert compare(seal, ROWS[:2], frozenset({"point"})) == []
    assert [c.change for c in compare(seal, ROWS[:2])] == [REMOVED, REMOVED]


def test_a_second_row_with_the_same_key_is_reported_as_added() -> None:
    seal = make_seal(ROWS)
    changes = compare(seal, [*ROWS, ballot("a", "for")])
    assert [(c.change, c.kind) for c in changes] == [(ADDED, "ballot")]


def test_a_stored_seal_reads_back_and_an_edited_one_is_told() -> None:
    seal = make_seal(ROWS)
    stored = seal.to_json()
    again = Seal.from_json(seal.digest, stored)
    assert again.consistent() and compare(again, ROWS) == []
    key = next(iter(stored))
    stored[key] = {**stored[key], "digest": "0" * 64}
    assert not Seal.from_json(seal.digest, stored).consistent()
    assert not Seal.from_json(seal.digest, {"x": "not a row"}).consistent()


@given(
    st.dictionaries(
        st.text(min_size=1, max_size=5),
        st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=10)),
        max_size=6,
    ),
    st.text(min_size=1, max_size=5),
    st.one_of(st.booleans(), st.integers(), st.text(max_size=10)),
)
def test_any_change_of_a_value_changes_the_digest(
    values: dict[str, object], name: str, new: object
) -> None:
    row = SealRow("k", "meeting", {}, values)
    changed = SealRow("k", "meeting", {}, {**values, name: new})
    same = values.get(name, object()) == new and type(values.get(name)) is type(new)
    assert (row.digest() == changed.digest()) == same


# -- the chain ---------------------------------------------------------------------------


def chain(n: int) -> list[ChainedEvent]:
    events, prev = [], GENESIS
    for seq in range(1, n + 1):
        fields = {"at": datetime(2024, 1, 1, tzinfo=UTC), "action": f"a{seq}", "after": {"n": seq}}
        digest = event_hash(seq, prev, fields)
        events.append(ChainedEvent(seq, seq, prev, digest, fields))
        prev = digest
    return events


def test_an_untouched_chain_has_no_breaks() -> None:
    events = chain(8)
    assert chain_breaks(events) == []
    assert chain_breaks(events, {8: events[-1].hash or ""}) == []


def test_deleted_events_leave_a_gap() -> None:
    events = [e for e in chain(10) if e.seq not in (4, 5, 6)]
    assert chain_breaks(events) == [ChainBreak(MISSING, 4, 6)]


def test_an_edited_event_breaks_its_hash() -> None:
    events = chain(6)
    e = events[2]
    events[2] = ChainedEvent(e.id, e.seq, e.prev_hash, e.hash, {**e.fields, "after": {"n": 99}})
    assert chain_breaks(events) == [ChainBreak(ALTERED, 3, 3)]


def test_an_event_rewritten_with_its_hash_breaks_the_next_link() -> None:
    events = chain(6)
    e = events[2]
    fields = {**e.fields, "after": {"n": 99}}
    events[2] = ChainedEvent(
        e.id, e.seq, e.prev_hash, event_hash(3, e.prev_hash or "", fields), fields
    )
    assert chain_breaks(events) == [ChainBreak(ALTERED, 3, 3)]


def test_events_cut_from_the_end_are_found_by_a_seal_anchored_later() -> None:
    events = chain(10)
    anchors = {10: events[-1].hash or ""}
    assert chain_breaks(events[:7], anchors) == [ChainBreak(CUT, 8, 10)]


def test_a_row_written_without_a_place_in_the_chain_is_told() -> None:
    events = [*chain(3), ChainedEvent(99, None, None, None, {"action": "forged"})]
    assert chain_breaks(events) == [ChainBreak(UNCHAINED, 99, 99)]


@given(st.integers(min_value=2, max_value=30), st.data())
def test_any_deleted_run_is_reported_exactly(n: int, data: st.DataObject) -> None:
    first = data.draw(st.integers(min_value=1, max_value=n - 1))
    last = data.draw(st.integers(min_value=first, max_value=n - 1))
    events = [e for e in chain(n) if not first <= (e.seq or 0) <= last]
    assert chain_breaks(events) == [ChainBreak(MISSING, first, last)]
