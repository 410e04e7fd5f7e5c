"""The rows of a composition spreadsheet as plain data, each checked with its problems.

:func:`parse_row` turns the cells of one row into a :class:`CompositionRow`,
collecting a :class:`~app.formats.problem.Problem` for every cell it cannot
take (an unknown role, a date that is not one, a text too long); a bad cell
never stops the others from being read.  :func:`cross_check` then adds the
problems between rows (a second chair, a person twice).  The texts and dates
obey the same rules as everything Kenes stores; those rules are handed in
(:class:`FieldRules`) so they are written once, in the services.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any, TypeVar

from app.domain.composition import Role, SeatKind, Side
from app.domain.errors import DomainError
from app.domain.translation import N_
from app.formats.composition_columns import (
    NO_SYMBOLS,
    POSITION_KEYS,
    YES_SYMBOLS,
    Vocabulary,
    word_key,
)
from app.formats.problem import Problem

_W = TypeVar("_W")
TITLE_LIMIT = 1000  # as app.services.people checks them
NAME_LIMIT = 200
LATIN_LIMIT = 300
_DATE_FORMATS = ("%d.%m.%Y", "%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y")

ROLE_PROBLEM = N_(
    "Unknown role “{value}” in the column “{column}”; write chair, deputy chair, "
    "secretary, member or co-chair."
)
KIND_PROBLEM = N_(
    "Unknown kind of seat “{value}” in the column “{column}”; write ex officio or personal."
)
SIDE_PROBLEM = N_(
    "Unknown side “{value}” in the column “{column}”; write Kazakh side, "
    "Foreign side or leave it empty."
)
YES_NO_PROBLEM = N_("“{value}” in the column “{column}” is not yes or no.")
DATE_PROBLEM = N_("“{value}” in the column “{column}” is not a date; write it as 31.12.2024.")
TWICE_PROBLEM = N_("{person} is already in row {first}; a person holds one seat in a council.")


@dataclass(frozen=True)
class FieldRules:
    """The checks of every stored text and date, as the services write them.

    ``text(value, field, limit)`` returns the cleaned text and ``day(value,
    field)`` the checked date; both raise :class:`DomainError` to refuse
    (``field`` is the column's header as the file writes it).
    """

    text: Callable[[str, str, int], str]
    day: Callable[[date, str], date | None]


@dataclass(frozen=True)
class FileColumn:
    """A column the file has: the layout's key, and the header as written (for messages)."""

    key: str
    header: str


@dataclass(frozen=True)
class CompositionRow:
    """One seat as a file describes it (parsed; texts normalised)."""

    role: Role = Role.MEMBER
    kind: SeatKind = SeatKind.EX_OFFICIO
    position_kk: str = ""
    position_ru: str = ""
    position_en: str = ""
    organisation_kk: str = ""
    organisation_ru: str = ""
    organisation_en: str = ""
    surname: str = ""
    given_name: str = ""
    patronymic: str = ""
    latin_name: str = ""
    by_agreement: bool = False
    side: Side = Side.NONE
    voting: bool = True
    valid_from: date | None = None

    @property
    def titles(self) -> dict[str, str]:
        return {"kk": self.position_kk, "ru": self.position_ru, "en": self.position_en}

    @property
    def organisations(self) -> dict[str, str]:
        return {"kk": self.organisation_kk, "ru": self.organisation_ru, "en": self.organisation_en}

    @property
    def has_position(self) -> bool:
        return any(self.titles.values())

    @property
    def has_person(self) -> bool:
        return bool(self.surname or self.given_name or self.patronymic or self.latin_name)

    @property
    def full_name(self) -> str:
        name = " ".join(p for p in (self.surname, self.given_name, self.patronymic) if p)
        return name or self.latin_name

    def person_key(self) -> tuple[str, str, str]:
        return (self.surname.casefold(), self.given_name.casefold(), self.patronymic.casefold())


@dataclass(frozen=True)
class ImportRow:
    """A row of the file: its number in the file (the header is row 1), values, problems."""

    row: int
    values: CompositionRow
    problems: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class ImportPreview:
    """What a file holds, checked row by row, before anything is written."""

    source: str
    columns: tuple[str, ...]
    rows: tuple[ImportRow, ...]
    ignored_headers: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return bool(self.rows) and all(r.ok for r in self.rows)

    @property
    def row_count(self) -> int:
        return len(self.rows)

    @property
    def bad_rows(self) -> tuple[ImportRow, ...]:
        return tuple(r for r in self.rows if not r.ok)

    @property
    def bad_row_count(self) -> int:
        return len(self.bad_rows)

    @property
    def problem_count(self) -> int:
        return sum(len(r.problems) for r in self.rows)

    @property
    def role_counts(self) -> dict[Role, int]:
        counts = Counter(r.values.role for r in self.rows)
        return {role: counts[role] for role in Role if counts[role]}


def cell_text(value: object) -> str:
    """A cell's value as text ("1" for a true cell, "12" for 12.0, a date in ISO form)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


class _RowParser:
    """Parse the cells of one row, collecting a problem for every bad cell."""

    def __init__(
        self, cells: dict[str, tuple[str, object]], words: Vocabulary, rules: FieldRules
    ) -> None:
        self.cells = cells  # key -> (header as written, value)
        self.words = words
        self.rules = rules
        self.problems: list[Problem] = []

    def header(self, key: str) -> str:
        return self.cells[key][0] if key in self.cells else key

    def raw(self, key: str) -> object:
        return self.cells[key][1] if key in self.cells else None

    def problem(self, msgid: str, key: str, /, **params: str | int | date) -> None:
        self.problems.append(Problem.of(msgid, **params).at(column=key))

    def refuse(self, exc: DomainError, key: str) -> None:
        self.problem(exc.msgid, key, **_str_params(exc.params))

    def text(self, key: str, limit: int) -> str:
        value = cell_text(self.raw(key))
        try:
            return self.rules.text(" ".join(value.split()), self.header(key), limit)
        except DomainError as exc:
            self.refuse(exc, key)
            return ""

    def word(self, key: str, table: Mapping[str, _W], msgid: str) -> _W | None:
        value = " ".join(cell_text(self.raw(key)).split())
        if not value:
            return None
        found = table.get(word_key(value))
        if found is None:
            self.problem(msgid, key, value=value[:100], column=self.header(key))
        return found

    def yes_no(self, key: str, default: bool) -> bool:
        value = self.raw(key)
        if isinstance(value, bool):
            return value
        text = cell_text(value).strip()
        if not text:
            return default
        if text.casefold() in YES_SYMBOLS:
            return True
        if text in NO_SYMBOLS:
            return False
        found = self.words.yes_no.get(word_key(text))
        if found is None:
            self.problem(YES_NO_PROBLEM, key, value=text[:100], column=self.header(key))
            return default
        return found

    def day(self, key: str) -> date | None:
        value = self.raw(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        parsed: date | None = None
        if isinstance(value, datetime):
            parsed = value.date()
        elif isinstance(value, date):
            parsed = value
        elif isinstance(value, str):
            parsed = _parse_date(value.strip())
        if parsed is None:
            self.problem(DATE_PROBLEM, key, value=cell_text(value)[:100], column=self.header(key))
            return None
        try:
            return self.rules.day(parsed, self.header(key))
        except DomainError as exc:
            self.refuse(exc, key)
            return None


def _str_params(params: Mapping[str, Any]) -> dict[str, str | int | date]:
    """A refusal's parameters for a row's problem: numbers, texts and dates stay as they
    are, so the message writes a date in the reader's language, never as ISO text."""
    return {
        k: v if isinstance(v, int | str | date) and not isinstance(v, bool) else str(v)
        for k, v in params.items()
    }


def _parse_date(text: str) -> date | None:
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    if "T" in text:  # "2024-01-26T00:00:00", as a CSV saved from a date cell may hold
        try:
            return datetime.fromisoformat(text).date()
        except ValueError:
            return None
    return None


def parse_row(
    number: int,
    values: Sequence[object],
    columns: Mapping[int, FileColumn],
    words: Vocabulary,
    rules: FieldRules,
) -> ImportRow:
    """Row ``number`` of the file, its cells taken by ``columns`` (cell index -> column)."""
    cells = {
        column.key: (column.header, values[index] if index < len(values) else None)
        for index, column in columns.items()
    }
    p = _RowParser(cells, words, rules)
    role = p.word("role", words.roles, ROLE_PROBLEM)
    kind = p.word("kind", words.kinds, KIND_PROBLEM)
    side = p.word("side", words.sides, SIDE_PROBLEM)
    row = CompositionRow(
        role=role or Role.MEMBER,
        position_kk=p.text("position_kk", TITLE_LIMIT),
        position_ru=p.text("position_ru", TITLE_LIMIT),
        position_en=p.text("position_en", TITLE_LIMIT),
        organisation_kk=p.text("organisation_kk", TITLE_LIMIT),
        organisation_ru=p.text("organisation_ru", TITLE_LIMIT),
        organisation_en=p.text("organisation_en", TITLE_LIMIT),
        surname=p.text("surname", NAME_LIMIT),
        given_name=p.text("given_name", NAME_LIMIT),
        patronymic=p.text("patronymic", NAME_LIMIT),
        latin_name=p.text("latin_name", LATIN_LIMIT),
        by_agreement=p.yes_no("by_agreement", False),
        side=side or Side.NONE,
        voting=p.yes_no("voting", True),
        valid_from=p.day("valid_from"),
    )
    if kind is None:
        kind = SeatKind.EX_OFFICIO if row.has_position else SeatKind.PERSONAL
    row = replace(row, kind=kind)
    failed = {problem.column for problem in p.problems}
    if not row.has_position and not row.has_person:
        if not failed & {*POSITION_KEYS, "surname", "given_name", "patronymic", "latin_name"}:
            p.problem(N_("The row names neither a position nor a person."), "")
    elif kind is SeatKind.EX_OFFICIO and not row.has_position:
        p.problem(N_("An ex officio seat must name the position it belongs to."), "kind")
    elif kind is SeatKind.PERSONAL and not row.has_person:
        p.problem(N_("A personal seat must name the person who holds it."), "kind")
    if row.has_person and not row.surname and "surname" not in failed:
        p.problem(
            N_("The person's surname is missing; write it or leave the name cells empty."),
            "surname",
        )
    return ImportRow(number, row, tuple(problem.at(row=number) for problem in p.problems))


def _position_keys(row: CompositionRow) -> set[tuple[str, str]]:
    return {(lang, title) for lang, title in row.titles.items() if title}


def cross_check(rows: Sequence[ImportRow]) -> list[ImportRow]:
    """Problems between rows: a second chair or secretary, a person or position twice."""
    first_of_role: dict[Role, int] = {}
    person_rows: dict[tuple[str, str, str], int] = {}
    position_rows: dict[tuple[str, str], int] = {}
    single = {
        Role.CHAIR: N_("A second chair in the file (the first is in row {first})."),
        Role.SECRETARY: N_("A second secretary in the file (the first is in row {first})."),
    }
    result = []
    for row in rows:
        values, extra = row.values, []
        if values.role in single:
            if values.role in first_of_role:
                extra.append(
                    Problem.of(single[values.role], first=first_of_role[values.role]).at(
                        row=row.row, column="role"
                    )
                )
            else:
                first_of_role[values.role] = row.row
        if values.surname:
            key = values.person_key()
            if key in person_rows:
                extra.append(
                    Problem.of(TWICE_PROBLEM, person=values.full_name, first=person_rows[key]).at(
                        row=row.row, column="surname"
                    )
                )
            else:
                person_rows[key] = row.row
        if values.kind is SeatKind.EX_OFFICIO:
            keys = _position_keys(values)
            earlier = sorted({position_rows[k] for k in keys if k in position_rows})
            if earlier:
                extra.append(
                    Problem.of(
                        N_(
                            "The position is already in row {first}; an ex officio seat is listed "
                            "once."
                        ),
                        first=earlier[0],
                    ).at(row=row.row, column="position_kk")
                )
            for k in keys:
                position_rows.setdefault(k, row.row)
        result.append(ImportRow(row.row, values, row.problems + tuple(extra)))
    return result


def iter_problems(preview: ImportPreview) -> Iterator[tuple[int, Problem]]:
    """Every (row number, problem) of a preview, in file order."""
    for row in preview.rows:
        for problem in row.problems:
            yield row.row, problem
