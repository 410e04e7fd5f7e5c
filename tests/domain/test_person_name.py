"""A person's full name: surname first, the parts there are."""

from __future__ import annotations

from app.domain.person_name import full_name


def test_surname_name_patronymic() -> None:
    assert full_name("Әбенов", "Нұрлан", "Серікұлы") == "Әбенов Нұрлан Серікұлы"


def test_missing_parts_leave_no_gaps() -> None:
    assert full_name("Әбенов", "", "Серікұлы") == "Әбенов Серікұлы"
    assert full_name("Smith", "John", "") == "Smith John"
    assert full_name("", "", "") == ""
