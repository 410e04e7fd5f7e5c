"""app/formats/exchange_values.py: each kind of value checked and normalised, records hashed."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.errors import DomainError
from app.formats import exchange_schema as schema
from app.formats.exchange_schema import BALLOTS, FieldSpec
from app.formats.exchange_values import (
    check_record,
    check_value,
    is_moment,
    parse_moment,
    pointer,
    record_hash,
    utc_text,
)
from app.formats.problem import Problem

UID_A, UID_B = "a" * 32, "b" * 32
DECISION = schema.TABLE_BY_NAME["decision_points"]


def checked(spec: FieldSpec, value: Any) -> Any:
    problems: list[Problem] = []
    result = check_value(spec, value, ("tables", "t", 0, spec.name), problems)
    assert problems == []
    return result


@pytest.mark.parametrize(
    ("spec", "value", "expected"),
    [
        (FieldSpec("n", schema.TEXT, limit=20), "  Кеңес  ", "Кеңес"),
        (FieldSpec("n", schema.INT), -(2**62), -(2**62)),
        (FieldSpec("n", schema.BOOL), False, False),
        (FieldSpec("n", schema.DATE), "2026-11-22", "2026-11-22"),
        (FieldSpec("n", schema.DATETIME), "2026-11-22T15:00:00+05:00", "2026-11-22T10:00:00+00:00"),
        (FieldSpec("n", schema.TIME), "09:30", "09:30:00"),
        (FieldSpec("n", schema.REF), UID_A, UID_A),
        (FieldSpec("n", schema.SHA), "0" * 64, "0" * 64),
        (FieldSpec("n", schema.ENUM, choices=("open", "closed")), "open", "open"),
        (FieldSpec("n", schema.JSON), {"a": [1, "ә", None]}, {"a": [1, "ә", None]}),
        (FieldSpec("n", schema.INT, nullable=True), None, None),
    ],
)
def test_a_good_value_of_every_kind_is_kept_normalised(
    spec: FieldSpec, value: Any, expected: Any
) -> None:
    assert checked(spec, value) == expected


@pytest.mark.parametrize(
    ("spec", "value", "message"),
    [
        (FieldSpec("n", schema.INT), None, "is null"),
        (FieldSpec("n", schema.TEXT, limit=20), "a\ud800", "invalid characters"),
        (FieldSpec("n", schema.INT), True, "must be a number"),
        (FieldSpec("n", schema.INT), 2**62 + 1, "must be a number"),
        (FieldSpec("n", schema.BOOL), 1, "yes or no"),
        (FieldSpec("n", schema.DATE), "2026-1-2", "must be a date"),
        (FieldSpec("n", schema.DATE), "1899-12-31", "out of range"),
        (FieldSpec("n", schema.DATETIME), "2026-11-22T10:00:00", "with a time zone"),
        (FieldSpec("n", schema.DATETIME), "2201-01-01T10:00:00+00:00", "out of range"),
        (FieldSpec("n", schema.TIME), "09:30+05:00", "time of day"),
        (FieldSpec("n", schema.UID), "A" * 32, "stable identifier"),
        (FieldSpec("n", schema.SHA), "0" * 63, "SHA-256"),
        (FieldSpec("n", schema.ENUM, choices=("open",)), "shut", "allowed values"),
        (FieldSpec("n", schema.JSON), {"share": 0.5}, "not valid"),
        (FieldSpec("n", schema.JSON), {"\udfff": 1}, "invalid characters"),
        (FieldSpec("n", schema.LIST, nested=BALLOTS), {}, "not valid"),
    ],
)
def test_a_bad_value_is_refused_with_its_reason(spec: FieldSpec, value: Any, message: str) -> None:
    with pytest.raises(DomainError) as refused:
        check_value(spec, value, ("tables", "t", 0, "n"), [])
    assert message in str(refused.value)


def test_every_kind_the_layout_uses_has_a_check() -> None:
    for table in schema.TABLES:
        for spec in table.fields:
            if spec.kind not in (schema.LIST, schema.JSON):
                # A list fits none of the other kinds: each has a check that says so.
                with pytest.raises(DomainError):
                    check_value(spec, [[]], ("x",), [])


def test_every_problem_of_a_record_is_collected_at_its_place() -> None:
    ballots = [
        {"person": UID_A, "choice": "for", "recorded_at": "2026-11-22T10:00:00+00:00"},
        {"person": "nobody", "choice": "maybe", "recorded_at": "2026-11-22T10:00:00Z", "x": 1},
        "not a record",
    ]
    problems: list[Problem] = []

    clean = check_value(DECISION.field("ballots"), ballots, ("tables", "d", 4, "ballots"), problems)

    assert clean[0]["person"] == UID_A and clean[2] == {}
    assert sorted(p.pointer for p in problems) == [
        "/tables/d/4/ballots/1/choice",
        "/tables/d/4/ballots/1/person",
        "/tables/d/4/ballots/1/x",
        "/tables/d/4/ballots/2",
    ]


def test_a_missing_field_is_reported_and_a_later_optional_one_takes_its_default() -> None:
    row = {name: None for name in DECISION.names if name not in ("frozen", "number")}
    problems: list[Problem] = []

    clean = check_record(DECISION, row, ("tables", "decision_points", 0), problems)

    assert clean["frozen"] is None
    missing = [p for p in problems if p.pointer == "/tables/decision_points/0"]
    assert [dict(p.params) for p in missing] == [{"field": "number"}]


def test_a_record_hash_ignores_uid_and_the_order_of_nested_records() -> None:
    first = {"person": UID_A, "choice": "for", "recorded_at": "t"}
    second = {"person": UID_B, "choice": "against", "recorded_at": "t"}
    one = {"uid": UID_A, "number": 1, "ballots": [first, second]}
    other = {"uid": UID_B, "number": 1, "ballots": [second, first]}

    assert record_hash(one, DECISION) == record_hash(other, DECISION)
    assert record_hash(one) != record_hash(other)  # without the layout the order counts
    assert record_hash({**one, "number": 2}, DECISION) != record_hash(one, DECISION)


def test_a_pointer_escapes_its_parts() -> None:
    assert pointer("tables", "a/b", "c~d", 0) == "/tables/a~1b/c~0d/0"


def _moment_the_long_way(value: Any) -> tuple[str, ...]:
    """What a moment's check gave before moments were read once (the oracle)."""
    if not isinstance(value, str) or not is_moment(value):
        return ("refused", "The moment of an action must be a date and time with a time zone.")
    moment = parse_moment(value)
    if not (1900 <= moment.year <= 2200):
        return ("refused", "The date {day} is out of range.", value[:30])
    return ("kept", utc_text(moment))


_MOMENT = FieldSpec("closed_at", schema.DATETIME)


def _moment_now(value: Any) -> tuple[str, ...]:
    try:
        return ("kept", check_value(_MOMENT, value, ("m",), []))
    except DomainError as exc:
        return ("refused", exc.msgid, *(str(v) for v in exc.params.values()))


@settings(max_examples=400)
@given(
    st.one_of(
        st.datetimes(timezones=st.timezones()).map(lambda m: m.isoformat()),
        st.datetimes().map(lambda m: m.isoformat()),
        st.text(max_size=30),
        st.integers(),
        st.sampled_from(["2026-11-22T15:00:00+05:00", "1899-12-31T23:00:00-05:00", "x"]),
    )
)
def test_a_moment_read_once_is_checked_as_it_always_was(value: Any) -> None:
    assert _moment_now(value) == _moment_the_long_way(value)
    assert _moment_now(value) == _moment_now(value)  # read again, from what was kept


@pytest.mark.parametrize("value", ["0001-01-01T00:00:00+05:00", "9999-12-31T23:59:59-05:00"])
def test_a_moment_beyond_what_utc_can_tell_is_refused_not_a_crash(value: str) -> None:
    with pytest.raises(DomainError, match="date and time with a time zone"):
        check_value(_MOMENT, value, ("m",), [])
