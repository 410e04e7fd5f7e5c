"""Kazakh alphabetical order (issue 15): the alphabet, case, and a total order."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from app.domain.collation import KAZAKH_ALPHABET, compare, sort_key

ALPHABET = "А Ә Б В Г Ғ Д Е Ё Ж З И Й К Қ Л М Н Ң О Ө П Р С Т У Ұ Ү Ф Х Һ Ц Ч Ш Щ Ъ Ы І Ь Э Ю Я"


def test_the_alphabet_is_the_kazakh_one() -> None:
    letters = ALPHABET.split()
    assert "".join(letters).lower() == KAZAKH_ALPHABET
    shuffled = sorted(letters, key=ord)
    assert sorted(shuffled, key=sort_key) == letters


def test_added_letters_sit_beside_the_letters_they_extend() -> None:
    names = ["Тоқтаров", "Әбенов", "Абаев", "Бекова", "ғалымов", "Гаухар", "Іргебаев", "Ыбыраев"]
    assert sorted(names, key=sort_key) == [
        "Абаев",
        "Әбенов",
        "Бекова",
        "Гаухар",
        "ғалымов",
        "Тоқтаров",
        "Ыбыраев",
        "Іргебаев",
    ]


def test_case_is_ignored_and_russian_order_is_kept() -> None:
    assert sorted(["яков", "Борис", "анна", "Ёлкин", "Егоров"], key=sort_key) == [
        "анна",
        "Борис",
        "Егоров",
        "Ёлкин",
        "яков",
    ]
    assert compare("Әбенов", "әбенов") != 0  # case breaks ties only
    assert sort_key("Әбенов")[0] == sort_key("ӘБЕНОВ")[0]


def test_cyrillic_before_latin_and_digits_first() -> None:
    assert sorted(["Smith", "Ахметов", "1-ші топ"], key=sort_key) == [
        "1-ші топ",
        "Ахметов",
        "Smith",
    ]


@given(st.text(max_size=12), st.text(max_size=12), st.text(max_size=12))
def test_compare_is_a_total_order(a: str, b: str, c: str) -> None:
    assert compare(a, a) == 0
    assert compare(a, b) == -compare(b, a)
    assert (compare(a, b) == 0) == (a == b)
    if compare(a, b) <= 0 and compare(b, c) <= 0:
        assert compare(a, c) <= 0
