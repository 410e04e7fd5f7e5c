"""Rows of a composition file as data: every bad cell a problem at its row and column."""

from __future__ import annotations

from datetime import date

import pytest

from app import i18n
from app.domain.composition import Role, SeatKind, Side
from app.domain.errors import DomainError
from app.formats.composition_columns import Vocabulary
from app.formats.composition_rows import (
    DATE_PROBLEM,
    ROLE_PROBLEM,
    TWICE_PROBLEM,
    FieldRules,
    FileColumn,
    ImportRow,
    cell_text,
    cross_check,
    parse_row,
)


def refuse_long(value: str, field: str, limit: int) -> str:
    if len(value) > limit:
        raise DomainError("The field “{field}” is too long.", field=field)
    return value


def refuse_old(value: date, field: str) -> date:
    if value.year < 1900:
        raise DomainError("The date {day} is out of range.", day=value.isoformat())
    return value


RULES = FieldRules(text=refuse_long, day=refuse_old)
HEADER = ("Role", "Position (en)", "Surname", "Name", "Valid from", "Side")
COLUMNS = {
    index: FileColumn(key, header)
    for index, (key, header) in enumerate(
        zip(
            ("role", "position_en", "surname", "given_name", "valid_from", "side"),
            HEADER,
            strict=True,
        )
    )
}


@pytest.fixture(scope="module")
def words() -> Vocabulary:
    return Vocabulary.build(i18n.translations)


def parse(number: int, cells: list[object], words: Vocabulary) -> ImportRow:
    return parse_row(number, cells, COLUMNS, words, RULES)


def test_a_good_row_is_parsed_into_values(words: Vocabulary) -> None:
    row = parse(2, ["Төраға", "  Minister   of  finance ", "", "", "01.03.2024", "KZ"], words)
    assert row.ok and row.row == 2
    values = row.values
    assert (values.role, values.kind, values.side) == (Role.CHAIR, SeatKind.EX_OFFICIO, Side.KAZAKH)
    assert values.position_en == "Minister of finance" and values.valid_from == date(2024, 3, 1)


def test_every_bad_cell_is_a_problem_at_its_row_and_column(words: Vocabulary) -> None:
    row = parse(5, ["emperor", "x" * 1001, "Ахметов", "", "1.1.1800", ""], words)
    assert [(p.msgid, p.row, p.column) for p in row.problems] == [
        (ROLE_PROBLEM, 5, "role"),
        ("The field “{field}” is too long.", 5, "position_en"),
        ("The date {day} is out of range.", 5, "valid_from"),
    ]
    assert row.values.role is Role.MEMBER and row.values.position_en == ""
    assert dict(row.problems[0].params) == {"value": "emperor", "column": "Role"}


def test_a_date_that_is_not_one_names_the_cell(words: Vocabulary) -> None:
    [problem] = parse(3, ["member", "Akim", "", "", "31.02.2024", ""], words).problems
    assert (problem.msgid, problem.column) == (DATE_PROBLEM, "valid_from")
    assert "“31.02.2024”" in problem.message() and "“Valid from”" in problem.message()


def test_the_rules_are_those_handed_in(words: Vocabulary) -> None:
    strict = FieldRules(
        text=lambda value, field, limit: refuse_long(value, field, 3), day=refuse_old
    )
    row = parse_row(2, ["member", "Akim of the city"], COLUMNS, words, strict)
    assert [p.column for p in row.problems] == ["position_en"]


def test_rows_are_cross_checked(words: Vocabulary) -> None:
    rows = [
        parse(2, ["chair", "Minister", "", "", "", ""], words),
        parse(3, ["chair", "Akim", "Ахметов", "Серік", "", ""], words),
        parse(4, ["member", "", "АХМЕТОВ", "серік", "", ""], words),
        parse(5, ["member", "Minister", "", "", "", ""], words),
    ]
    checked = cross_check(rows)
    found = [[(p.row, p.column, p.msgid) for p in row.problems] for row in checked]
    assert found[0] == [] and found[1][0][:2] == (3, "role")
    assert found[2] == [(4, "surname", TWICE_PROBLEM)]
    assert found[3][0][:2] == (5, "position_kk") and "row {first}" in found[3][0][2]


@pytest.mark.parametrize(
    ("value", "text"),
    [(None, ""), (True, "1"), (12.0, "12"), (12.5, "12.5"), (date(2024, 1, 2), "2024-01-02")],
)
def test_cells_as_text(value: object, text: str) -> None:
    assert cell_text(value) == text


def test_a_refused_date_is_written_in_the_readers_language(words: Vocabulary) -> None:
    """The rule's date goes into the row's problem as a date, not as ISO text."""

    def refuse_as_services_do(value: date, field: str) -> date:
        raise DomainError("The date {day} is out of range.", day=value)

    rules = FieldRules(text=refuse_long, day=refuse_as_services_do)
    [problem] = parse_row(
        4, ["member", "Akim", "", "", "01.01.1800", ""], COLUMNS, words, rules
    ).problems
    assert dict(problem.params)["day"] == date(1800, 1, 1)
    assert "1800-01-01" not in problem.message() and "01/01/1800" in problem.message()
