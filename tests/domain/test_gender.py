"""A person's gender from the patronymic, and the stored value checked."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.errors import DomainError
from app.domain.gender import FEMALE, MALE, UNKNOWN, check_gender, gender_from_patronymic


@pytest.mark.parametrize(
    ("patronymic", "gender"),
    [
        ("Серікұлы", MALE),
        ("Ерланұлы", MALE),
        ("Серикулы", MALE),  # written without Kazakh letters
        ("Серік ұлы", MALE),  # written apart
        ("Асқарқызы", FEMALE),
        ("Ерболқызы", FEMALE),
        ("Аскаркызы", FEMALE),
        ("Асқар қызы", FEMALE),
        ("Петрович", MALE),
        ("Сергеевич", MALE),
        ("Ильич", MALE),
        ("Кузьмич", MALE),
        ("Петровна", FEMALE),
        ("Сергеевна", FEMALE),
        ("Ильинична", FEMALE),
        ("Никитична", FEMALE),
        ("Фоминична", FEMALE),
        ("ПЕТРОВНА", FEMALE),
        ("  Петрович  ", MALE),
        ("Serikuly", MALE),
        ("", UNKNOWN),
        ("Smith", UNKNOWN),
        ("Nurlanovich", MALE),
    ],
)
def test_the_patronymic_tells_the_gender(patronymic: str, gender: str) -> None:
    assert gender_from_patronymic(patronymic) == gender


@given(st.text(max_size=40))
def test_any_text_gives_one_of_the_three(text: str) -> None:
    assert gender_from_patronymic(text) in (MALE, FEMALE, UNKNOWN)


def test_a_chosen_gender_wins_over_the_patronymic() -> None:
    assert check_gender(FEMALE, "Петрович") == FEMALE
    assert check_gender(None, "Петровна") == FEMALE
    assert check_gender("", "Серікұлы") == MALE
    assert check_gender(UNKNOWN, "Серікұлы") == UNKNOWN


def test_an_unknown_value_is_refused() -> None:
    with pytest.raises(DomainError, match="is not a gender"):
        check_gender("m", "")
