"""File names that say what a file holds, safe on every system."""

from __future__ import annotations

import doctest
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain import file_names
from app.domain.file_names import (
    DocumentKind,
    document_file_name,
    person_file_name,
    safe_part,
    unique_names,
)

DAY = date(2026, 3, 14)
UNSAFE = set('<>:"/\\|?*') | {chr(c) for c in range(32)}


def test_doctests() -> None:
    assert doctest.testmod(file_names).failed == 0


@pytest.mark.parametrize(
    ("kind", "lang", "expected"),
    [
        (DocumentKind.PROTOCOL, "kk", "Хаттама-1-2026-03-14-kk.pdf"),
        (DocumentKind.PROTOCOL, "ru", "Протокол-1-2026-03-14-ru.pdf"),
        (DocumentKind.PROTOCOL, "en", "Protocol-1-2026-03-14-en.pdf"),
        (DocumentKind.NOTICE, "kk", "Хабарлама-1-2026-03-14-kk.pdf"),
        (DocumentKind.NOTICE, "ru", "Уведомление-1-2026-03-14-ru.pdf"),
        (DocumentKind.NOTICE, "en", "Notice-1-2026-03-14-en.pdf"),
        (DocumentKind.AGENDA, "kk", "Күн тәртібі-1-2026-03-14-kk.pdf"),
        (DocumentKind.AGENDA, "ru", "Повестка-1-2026-03-14-ru.pdf"),
        (DocumentKind.AGENDA, "en", "Agenda-1-2026-03-14-en.pdf"),
    ],
)
def test_the_kind_word_is_in_the_document_language(
    kind: DocumentKind, lang: str, expected: str
) -> None:
    assert document_file_name(kind, 1, DAY, lang) == expected


def test_other_suffixes_and_protocol_numbers_with_letters() -> None:
    assert document_file_name(DocumentKind.PROTOCOL, "3/К", DAY, "ru", ".docx") == (
        "Протокол-3К-2026-03-14-ru.docx"
    )
    assert document_file_name(DocumentKind.PROTOCOL, "3 a", DAY, "en", "docx") == (
        "Protocol-3-a-2026-03-14-en.docx"
    )


def test_an_unknown_language_uses_english_words() -> None:
    assert document_file_name(DocumentKind.NOTICE, 2, DAY, "de") == "Notice-2-2026-03-14-de.pdf"


def test_person_names() -> None:
    assert person_file_name("Әбенов Әсет Серікұлы", ".ics") == "Әбенов Әсет Серікұлы.ics"
    assert person_file_name('Иванов "Ваня" / И.', ".ics") == "Иванов Ваня И.ics"
    assert person_file_name("  ...  ", ".ics", fallback="person-12") == "person-12.ics"
    assert person_file_name("Әбенов Ә.", ".ics", number=3, day=DAY) == "Әбенов Ә-3-2026-03-14.ics"


def test_windows_device_names_and_trailing_dots_are_avoided() -> None:
    assert safe_part("CON") == "file"
    assert safe_part("nul.txt", "x") == "x"
    assert safe_part("Report. ") == "Report"
    assert safe_part("a\tb\nc") == "abc"
    assert safe_part("a   b") == "a b"


def test_repeated_names_are_told_apart() -> None:
    assert unique_names(["А.ics", "Б.ics", "а.ics", "А.ics", "noext", "noext"]) == [
        "А.ics",
        "Б.ics",
        "а (2).ics",
        "А (3).ics",
        "noext",
        "noext (2)",
    ]


@given(st.text(max_size=400))
def test_any_text_gives_a_safe_short_name(text: str) -> None:
    name = person_file_name(text, ".ics")
    stem = name.removesuffix(".ics")
    assert stem and not (set(stem) & UNSAFE)
    assert stem == stem.strip(" .")
    assert stem.split(".")[0].upper() not in {"CON", "PRN", "AUX", "NUL"}
    assert len(name) <= 255
