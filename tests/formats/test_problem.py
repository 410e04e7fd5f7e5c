"""A problem of a file: data until shown, then translated in the language asked for."""

from __future__ import annotations

from app import i18n
from app.domain.errors import DomainError
from app.formats.problem import Problem


def test_a_problem_keeps_its_place_and_translates_when_shown() -> None:
    problem = Problem.of("{name} is empty.", name="list.csv").at(row=4, column="role")
    assert (problem.row, problem.column, problem.pointer) == (4, "role", "")
    assert problem.params == (("name", "list.csv"),)
    assert str(problem) == "list.csv is empty."
    ru = i18n.translations("ru")
    assert problem.message(ru) == DomainError("{name} is empty.", name="list.csv").message(ru)
    assert problem.message(ru) != str(problem)


def test_at_keeps_what_it_is_not_given() -> None:
    problem = Problem.of("x").at(column="surname").at(row=7)
    assert (problem.row, problem.column) == (7, "surname")
    assert Problem.of("x").at(pointer="/tables/seats/3").pointer == "/tables/seats/3"


def test_a_refusal_becomes_a_problem_with_its_parameters() -> None:
    refusal = DomainError("The date {day} is out of range.", day="1800-01-01")
    problem = Problem.from_error(refusal)
    assert problem.msgid == refusal.msgid and dict(problem.params) == {"day": "1800-01-01"}
    assert problem.message() == refusal.message()
