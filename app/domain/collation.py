"""Kazakh alphabetical order, for every list of names Kenes shows.

Python's and SQLite's default order compares code points, which puts the
letters Kazakh adds to the Cyrillic alphabet (Ә, Ғ, Қ, Ң, Ө, Ұ, Ү, Һ, І) after
Я, so «Әбенов» would follow «Тоқтаров».  The Kazakh alphabet places each of
them beside the letter it extends:

    А Ә Б В Г Ғ Д Е Ё Ж З И Й К Қ Л М Н Ң О Ө П Р С Т У Ұ Ү Ф Х Һ Ц Ч Ш Щ Ъ Ы І Ь Э Ю Я

The Russian alphabet is this one without the added letters, so Russian names
keep their own order.  Case is ignored (it only breaks ties, so the order is
total); Cyrillic comes before Latin, as the ICU collation for Kazakh has it
(``kk-x-icu`` on PostgreSQL), and digits and punctuation before letters.

>>> sorted(["Тоқтаров", "Әбенов", "Абаев", "ғалымов", "Іргебаев", "Ыбыраев"], key=sort_key)
['Абаев', 'Әбенов', 'ғалымов', 'Тоқтаров', 'Ыбыраев', 'Іргебаев']
"""

from __future__ import annotations

KAZAKH_ALPHABET = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
_RANK = {letter: rank for rank, letter in enumerate(KAZAKH_ALPHABET)}
# Letters of other Cyrillic alphabets that office data holds (Ukrainian і is the Kazakh і).
_SIMILAR = {"є": "е", "ї": "і", "ў": "у", "ґ": "г"}

# Classes of characters, in order: separators and punctuation, digits, Cyrillic, Latin, others.
_PUNCTUATION, _DIGIT, _CYRILLIC, _LATIN, _OTHER = range(5)


def _char_key(ch: str) -> tuple[int, int]:
    base = _SIMILAR.get(ch, ch)
    rank = _RANK.get(base)
    if rank is not None:
        return (_CYRILLIC, rank * 2 + (base != ch))
    if ch.isdigit():
        return (_DIGIT, ord(ch))
    if "a" <= ch <= "z":
        return (_LATIN, ord(ch))
    if not ch.isalnum():
        return (_PUNCTUATION, ord(ch))
    return (_OTHER, ord(ch))


def sort_key(text: str) -> tuple[tuple[tuple[int, int], ...], str]:
    """A key that sorts ``text`` in Kazakh alphabetical order, case-insensitively.

    The text itself is the last part of the key, so names that differ only in
    case still have one order (lower case after upper case, as in code points).
    """
    return tuple(_char_key(ch) for ch in text.casefold()), text


def compare(left: str, right: str) -> int:
    """-1, 0 or 1 as ``left`` sorts before, with or after ``right`` (for SQLite's collation)."""
    a, b = sort_key(left), sort_key(right)
    return (a > b) - (a < b)
