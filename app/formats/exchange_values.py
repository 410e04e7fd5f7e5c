"""The values of the exchange format: moments, canonical JSON, record hashes, and checks.

A record's content hash (:func:`record_hash`) is taken over its canonical JSON
with nested records in a fixed order, so the same content always hashes the
same whatever database wrote it: a meeting package compares records by it.
:func:`check_record` checks one record of a file against its table's layout,
collecting every problem with its place (a JSON pointer).

>>> pointer("tables", "seats", 3, "role")
'/tables/seats/3/role'
>>> canonical({"b": 1, "a": "ә"})
'{"a":"ә","b":1}'
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, date, datetime, time
from typing import Any

from app.domain.errors import DomainError
from app.domain.text import clean_text
from app.domain.translation import N_
from app.formats.exchange_schema import (
    BOOL,
    DATE,
    DATETIME,
    ENUM,
    INT,
    JSON,
    LIST,
    REF,
    SHA,
    SHA256_PATTERN,
    TEXT,
    TIME,
    UID,
    UID_PATTERN,
    FieldSpec,
    TableSpec,
)
from app.formats.problem import Problem


def problem_at(where: str, msgid: str, /, **params: Any) -> Problem:
    """A problem of the document at ``where`` (a JSON pointer or a ZIP entry)."""
    return Problem.of(msgid, **params).at(pointer=where)


def utc_text(moment: datetime) -> str:
    """A moment as ISO 8601 in UTC (SQLite hands moments back without a zone: they are UTC)."""
    aware = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    return aware.isoformat()


def parse_moment(text: str) -> datetime:
    """The moment ``text`` names, in UTC; ValueError when it names none (or none in UTC:
    the first hours of year 1 east of Greenwich)."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError("no time zone")
    try:
        return moment.astimezone(UTC)
    except OverflowError as exc:
        raise ValueError("out of range") from exc


def canonical(value: Any) -> str:
    """The canonical JSON text of a value: sorted keys, no spaces, UTF-8 characters kept."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _key_text(value: Any) -> str:
    return "" if value is None else str(value)


# Nested records have no identifier: they are kept in this order, which does not depend on
# any database's ids, so the same content is always the same JSON.
NESTED_SORT: dict[str, Callable[[Mapping[str, Any]], tuple[str, ...]]] = {
    "ballots": lambda r: (_key_text(r.get("person")),),
    "voting_reopenings": lambda r: (
        _key_text(r.get("reopened_at")),
        _key_text(r.get("reopened_by")),
    ),
    "protocol_narratives": lambda r: (_key_text(r.get("item")), _key_text(r.get("lang"))),
    "protocol_agreements": lambda r: (
        _key_text(r.get("recorded_at")),
        _key_text(r.get("agreed_by")),
    ),
    "protocol_signatures": lambda r: (_key_text(r.get("role")), _key_text(r.get("person"))),
    "protocol_copies": lambda r: (
        _key_text(r.get("sent_on")),
        _key_text(r.get("person")),
        _key_text(r.get("recipient")),
        _key_text(r.get("channel")),
    ),
    "issued_documents": lambda r: (_key_text(r.get("lang")),),
}


def normalized(spec: TableSpec, record: Mapping[str, Any]) -> dict[str, Any]:
    """The record with its nested records in their canonical order."""
    out = dict(record)
    for fspec in spec.fields:
        if (
            fspec.kind == LIST
            and fspec.nested is not None
            and isinstance(out.get(fspec.name), list)
        ):
            rows = [r for r in out[fspec.name] if isinstance(r, dict)]
            out[fspec.name] = _sorted_nested(rows, NESTED_SORT[fspec.nested.name])
    return out


def _sorted_nested(
    rows: list[dict[str, Any]], order: Callable[[Mapping[str, Any]], tuple[str, ...]]
) -> list[dict[str, Any]]:
    """Rows by their order key, then by content; the content is written out only for ties.

    (A sort by the order key alone is stable, so where no two keys are equal it is
    the sort by both; 600,000 ballots need no canonical text each.)
    """
    keys = [order(row) for row in rows]
    if len(set(keys)) == len(keys):
        return [row for _key, row in sorted(zip(keys, rows, strict=True), key=_first)]
    return [
        row
        for _key, _text, row in sorted(
            ((key, canonical(row), row) for key, row in zip(keys, rows, strict=True)),
            key=_two,
        )
    ]


def _first(pair: tuple[tuple[str, ...], Any]) -> tuple[str, ...]:
    return pair[0]


def _two(triple: tuple[tuple[str, ...], str, Any]) -> tuple[tuple[str, ...], str]:
    return triple[0], triple[1]


def record_hash(record: Mapping[str, Any], spec: TableSpec | None = None) -> str:
    """SHA-256 of a record's content; its own ``uid`` is left out (it names, it is not content)."""
    content = {k: v for k, v in record.items() if k != "uid"}
    if spec is not None:
        content = normalized(spec, content)
    return hashlib.sha256(canonical(content).encode("utf-8")).hexdigest()


def pointer(*parts: str | int) -> str:
    """A JSON pointer (RFC 6901) to a place in the document."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def is_moment(text: str) -> bool:
    try:
        parse_moment(text)
    except ValueError:
        return False
    return True


def shape_problem(where: str, what: str) -> Problem:
    return problem_at(where, N_("The data for “{what}” is not valid."), what=what)


def choice_problem(where: str, name: str, value: object, choices: Sequence[str]) -> Problem:
    shown = value if isinstance(value, str) else json.dumps(value)[:60]
    return problem_at(
        where,
        N_("“{value}” is not one of the allowed values of “{field}”: {allowed}."),
        value=str(shown)[:60],
        field=name,
        allowed=", ".join(f"“{c}”" for c in choices),
    )


def check_record(
    spec: TableSpec, row: object, at: tuple[str | int, ...], problems: list[Problem]
) -> dict[str, Any]:
    """A record with its values checked and texts normalised; problems are appended."""
    if not isinstance(row, dict):
        problems.append(shape_problem(pointer(*at), spec.name))
        return {}
    clean: dict[str, Any] = {}
    names = _NAMES.get(id(spec))
    if names is None:
        names = _NAMES[id(spec)] = frozenset(spec.names)
    for key in row:
        if key not in names:
            problems.append(
                problem_at(pointer(*at, key), N_("Unknown field “{field}”."), field=key)
            )
    for fspec in spec.fields:
        if fspec.name not in row:
            if fspec.optional:
                clean[fspec.name] = fspec.default
                continue
            problems.append(
                problem_at(pointer(*at), N_("The field “{field}” is missing."), field=fspec.name)
            )
            continue
        try:
            clean[fspec.name] = check_value(fspec, row[fspec.name], (*at, fspec.name), problems)
        except DomainError as exc:
            problems.append(Problem.from_error(exc).at(pointer=pointer(*at, fspec.name)))
    return clean


# The field names of each table's layout (the layouts are module constants, never freed).
_NAMES: dict[int, frozenset[str]] = {}
_SURROGATE = re.compile("[\ud800-\udfff]")  # half of a pair: not a character


# Each kind of value has its own small check: ``(fspec, value, at, problems) -> value``;
# ``at`` is the place of the value, ``problems`` collects those of nested records.
_At = tuple[str | int, ...]
_Checker = Callable[[FieldSpec, Any, _At, list[Problem]], Any]


def _check_text(fspec: FieldSpec, value: Any, at: _At, problems: list[Problem]) -> str:
    return clean_field_text(value, fspec.name, limit=fspec.limit, multiline=fspec.multiline)


def _check_int(fspec: FieldSpec, value: Any, at: _At, problems: list[Problem]) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or abs(value) > 2**62:
        raise DomainError(N_("The field “{field}” must be a number."), field=fspec.name)
    return value


def _check_bool(fspec: FieldSpec, value: Any, at: _At, problems: list[Problem]) -> bool:
    if not isinstance(value, bool):
        raise DomainError(N_("The field “{field}” must be yes or no."), field=fspec.name)
    return value


def _check_date(fspec: FieldSpec, value: Any, at: _At, problems: list[Problem]) -> str:
    """A date as ISO 8601 text (exactly ``YYYY-MM-DD``) within 1900–2200."""
    if not isinstance(value, str):
        raise DomainError(N_("The field “{field}” must be a date."), field=fspec.name)
    try:
        day = date.fromisoformat(value)
    except ValueError as exc:
        raise DomainError(N_("The field “{field}” must be a date."), field=fspec.name) from exc
    if not (date(1900, 1, 1) <= day <= date(2200, 12, 31)) or len(value) != 10:
        raise DomainError(N_("The date {day} is out of range."), day=value[:20])
    return value


def _check_moment(fspec: FieldSpec, value: Any, at: _At, problems: list[Problem]) -> str:
    """A moment with a time zone within 1900–2200, kept in UTC."""
    if not isinstance(value, str):
        raise DomainError(N_("The moment of an action must be a date and time with a time zone."))
    return _moment_in_utc(value)


@functools.lru_cache(maxsize=4096)  # about 1 MB: the moments of a few hundred meetings
def _moment_in_utc(value: str) -> str:
    """The moment ``value`` names, as UTC text; raises :class:`DomainError`.

    An archive names the same moments again and again (every ballot of a vote was
    recorded when the vote was): each is read once, and equal moments share one text.
    """
    try:
        moment = parse_moment(value)
    except ValueError as exc:
        raise DomainError(
            N_("The moment of an action must be a date and time with a time zone.")
        ) from exc
    if not (1900 <= moment.year <= 2200):
        raise DomainError(N_("The date {day} is out of range."), day=value[:30])
    return utc_text(moment)


def _check_time(fspec: FieldSpec, value: Any, at: _At, problems: list[Problem]) -> str:
    """A time of day without a time zone, as ISO 8601 text."""
    try:
        if not isinstance(value, str) or len(value) > 15:
            raise ValueError(value)
        clock = time.fromisoformat(value)
    except ValueError as exc:
        raise DomainError(
            N_("The field “{field}” must be a time of day."), field=fspec.name
        ) from exc
    if clock.tzinfo is not None:
        raise DomainError(N_("The field “{field}” must be a time of day."), field=fspec.name)
    return clock.isoformat()


def _check_uid(fspec: FieldSpec, value: Any, at: _At, problems: list[Problem]) -> str:
    if not isinstance(value, str) or not UID_PATTERN.match(value):
        raise DomainError(
            N_("“{value}” is not a stable identifier (32 hexadecimal digits)."),
            value=str(value)[:60],
        )
    return value


def _check_sha(fspec: FieldSpec, value: Any, at: _At, problems: list[Problem]) -> str:
    if not isinstance(value, str) or not SHA256_PATTERN.match(value):
        raise DomainError(
            N_("“{value}” is not a SHA-256 digest (64 hexadecimal digits)."),
            value=str(value)[:80],
        )
    return value


def _check_enum(fspec: FieldSpec, value: Any, at: _At, problems: list[Problem]) -> str:
    if not isinstance(value, str) or value not in fspec.choices:
        problem = choice_problem(pointer(*at), fspec.name, value, fspec.choices)
        raise DomainError(problem.msgid, **dict(problem.params))
    return value


def _check_json(fspec: FieldSpec, value: Any, at: _At, problems: list[Problem]) -> Any:
    check_json_text(value, fspec.name)
    return value


def _check_list(
    fspec: FieldSpec, value: Any, at: _At, problems: list[Problem]
) -> list[dict[str, Any]]:
    """Nested records, each checked against the nested layout (problems are appended)."""
    assert fspec.nested is not None
    if not isinstance(value, list):
        raise DomainError(N_("The data for “{what}” is not valid."), what=fspec.name)
    return [
        check_record(fspec.nested, row, (*at, index), problems) for index, row in enumerate(value)
    ]


_CHECKERS: dict[str, _Checker] = {
    TEXT: _check_text,
    INT: _check_int,
    BOOL: _check_bool,
    DATE: _check_date,
    DATETIME: _check_moment,
    TIME: _check_time,
    REF: _check_uid,
    UID: _check_uid,
    SHA: _check_sha,
    ENUM: _check_enum,
    JSON: _check_json,
    LIST: _check_list,
}


def check_value(
    fspec: FieldSpec, value: Any, at: tuple[str | int, ...], problems: list[Problem]
) -> Any:
    """One value of the kind ``fspec`` names, normalised; raises :class:`DomainError`."""
    if value is None:
        if fspec.nullable:
            return None
        # A JSON null where a value is required: say so, not "empty" (the value is absent).
        raise DomainError(
            N_("The field “{field}” is null (it has no value), but a value is required."),
            field=fspec.name,
        )
    return _CHECKERS[fspec.kind](fspec, value, at, problems)


def clean_field_text(value: object, name: str, *, limit: int, multiline: bool) -> str:
    """A text field: what the services accept (``clean_text``), and no half of a surrogate pair."""
    if isinstance(value, str) and _SURROGATE.search(value):
        raise DomainError(N_("The field “{field}” contains invalid characters."), field=name)
    return clean_text(value, name, limit=limit, multiline=multiline)


def check_json_text(value: Any, name: str) -> None:
    """Free-form JSON (a profile, a snapshot): no numbers other than integers, valid text."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, float):
            raise DomainError(N_("The data for “{what}” is not valid."), what=name)
        if isinstance(item, str):
            if _SURROGATE.search(item):
                raise DomainError(
                    N_("The field “{field}” contains invalid characters."), field=name
                )
        elif isinstance(item, dict):
            stack.extend(item.values())
            for key in item:
                if _SURROGATE.search(key):
                    raise DomainError(
                        N_("The field “{field}” contains invalid characters."), field=name
                    )
        elif isinstance(item, list):
            stack.extend(item)
