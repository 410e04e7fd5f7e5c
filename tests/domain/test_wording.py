"""Positions inside a sentence, and the city said once."""

from __future__ import annotations

import pytest

from app.domain.wording import place_without_city, position_in_sentence


@pytest.mark.parametrize(
    ("position", "lang", "expected"),
    [
        (
            "Председатель правления АО «Самрук-Қазына»",
            "ru",
            "председатель правления АО «Самрук-Қазына»",
        ),
        ("Заместитель председателя совета", "ru", "заместитель председателя совета"),
        ("Министр цифрового развития", "ru", "министр цифрового развития"),
        ("Президент Республики Казахстан", "ru", "Президент Республики Казахстан"),
        ("Төраға", "kk", "төраға"),
        (
            "Қазақстан Республикасының Цифрлық даму министрі",
            "kk",
            "Қазақстан Республикасының Цифрлық даму министрі",
        ),
        ("«Астана Хаб» басқарма төрағасы", "kk", "«Астана Хаб» басқарма төрағасы"),
        ("Minister of Digital Development", "en", "Minister of Digital Development"),
        ("ЕАЭС эксперт", "ru", "ЕАЭС эксперт"),
        ("", "ru", ""),
    ],
)
def test_positions_in_a_sentence(position: str, lang: str, expected: str) -> None:
    assert position_in_sentence(position, lang) == expected


@pytest.mark.parametrize(
    ("place", "city", "expected"),
    [
        ("Астана, Үкімет үйі", "Астана", "Үкімет үйі"),
        ("г. Астана, Дом Правительства", "Астана", "Дом Правительства"),
        ("Astana, Government House", "Astana", "Government House"),
        ("Астана қ., Үкімет үйі", "Астана қ.", "Үкімет үйі"),
        ("Алматы, Дом министерств", "Астана", "Алматы, Дом министерств"),
        ("Астана", "Астана", "Астана"),
        ("Үкімет үйі", "", "Үкімет үйі"),
    ],
)
def test_the_city_is_not_repeated(place: str, city: str, expected: str) -> None:
    assert place_without_city(place, city) == expected


def test_state_offices_and_council_roles() -> None:
    assert position_in_sentence("Президент Республики Казахстан", "ru") == (
        "Президент Республики Казахстан"
    )
    assert position_in_sentence("Президент ТОО «Fincraft group»", "ru") == (
        "президент ТОО «Fincraft group»"
    )
    assert position_in_sentence("Кеңес төрағасы", "kk") == "кеңес төрағасы"
    assert position_in_sentence("Председатель совета", "ru") == "председатель совета"
