"""Names in the Russian genitive, declined only where Kenes is sure."""

from __future__ import annotations

import pytest

from app.domain.russian_names import (
    full_name_genitive,
    given_name_genitive,
    patronymic_genitive,
    surname_genitive,
)
from app.domain.translation import FEMALE, MALE, UNKNOWN


@pytest.mark.parametrize(
    ("surname", "gender", "genitive"),
    [
        ("Әбенов", MALE, "Әбенова"),
        ("Иванов", MALE, "Иванова"),
        ("Пушкин", MALE, "Пушкина"),
        ("Достоевский", MALE, "Достоевского"),
        ("Ким", MALE, "Кима"),
        ("Шевченко", MALE, "Шевченко"),
        ("Омарова", FEMALE, "Омаровой"),
        ("Сейткалиева", FEMALE, "Сейткалиевой"),
        ("Ким", FEMALE, "Ким"),
        ("Достоевская", FEMALE, "Достоевской"),
        ("Әбенов", UNKNOWN, "Әбенов"),
        ("Әбенов-Сейітов", MALE, "Әбенова-Сейітова"),
    ],
)
def test_surnames(surname: str, gender: str, genitive: str) -> None:
    assert surname_genitive(surname, gender) == genitive


@pytest.mark.parametrize(
    ("name", "gender", "genitive"),
    [
        ("Нұрлан", MALE, "Нұрлана"),
        ("Сергей", MALE, "Сергея"),
        ("Игорь", MALE, "Игоря"),
        ("Динара", FEMALE, "Динары"),
        ("Ольга", FEMALE, "Ольги"),
        ("Мария", FEMALE, "Марии"),
        ("Айгүл", FEMALE, "Айгүл"),
        ("Нұрлан", UNKNOWN, "Нұрлан"),
    ],
)
def test_given_names(name: str, gender: str, genitive: str) -> None:
    assert given_name_genitive(name, gender) == genitive


def test_patronymics() -> None:
    assert patronymic_genitive("Петрович", MALE) == "Петровича"
    assert patronymic_genitive("Петровна", FEMALE) == "Петровны"
    assert patronymic_genitive("Серікұлы", MALE) == "Серікұлы"
    assert patronymic_genitive("Ерболқызы", FEMALE) == "Ерболқызы"


def test_full_names() -> None:
    assert full_name_genitive("Әбенов", "Нұрлан", "Серікұлы", MALE) == "Әбенова Нұрлана Серікұлы"
    assert full_name_genitive("Омарова", "Гүлнар", "Ерболқызы", FEMALE) == (
        "Омаровой Гүлнар Ерболқызы"
    )
    assert full_name_genitive("Иванова", "Ольга", "Петровна", FEMALE) == ("Ивановой Ольги Петровны")
    assert full_name_genitive("Smith", "John", "", UNKNOWN) == "Smith John"
