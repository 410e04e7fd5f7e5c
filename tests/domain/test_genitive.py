"""Council names in the genitive, as the heading of a composition list needs them."""

from __future__ import annotations

import pytest

from app.domain.genitive import council_genitive, kazakh_genitive, russian_genitive


@pytest.mark.parametrize(
    ("word", "genitive"),
    [
        ("кеңесі", "кеңесінің"),
        ("кеңес", "кеңестің"),
        ("комиссия", "комиссияның"),
        ("тобы", "тобының"),
        ("топ", "топтың"),
        ("орган", "органның"),
        ("штаб", "штабтың"),
        ("жол", "жолдың"),
        ("Кеңесі", "Кеңесінің"),
        ("КЕҢЕС", "КЕҢЕСТІҢ"),
        ("«Hub»", "«Hub»-тың"),
    ],
)
def test_kazakh_genitive(word: str, genitive: str) -> None:
    assert kazakh_genitive(word) == genitive


@pytest.mark.parametrize(
    ("name", "genitive"),
    [
        ("Попечительский совет кластера", "Попечительского совета кластера"),
        ("Экспертный совет", "Экспертного совета"),
        ("Рабочая группа по вопросам", "Рабочей группы по вопросам"),
        ("Межведомственная комиссия", "Межведомственной комиссии"),
        (
            "Совет по развитию искусственного интеллекта",
            "Совета по развитию искусственного интеллекта",
        ),
        ("Правление", "Правления"),
        ("Высший совет", "Высшего совета"),
        ("Общее собрание", "Общего собрания"),
        ("«Astana Hub»", None),
    ],
)
def test_russian_genitive(name: str, genitive: str | None) -> None:
    assert russian_genitive(name) == genitive


@pytest.mark.parametrize(
    ("name", "lang", "genitive"),
    [
        ("Қамқоршылық кеңес", "kk", "Қамқоршылық кеңестің"),
        ("Экспертный совет", "ru", "Экспертного совета"),
        ("«Astana Hub»", "ru", None),
        ("The Supervisory board", "en", "Supervisory board"),
        ("Expert council", "en", "Expert council"),
        ("", "kk", None),
        ("Кеңес", "de", None),
    ],
)
def test_a_councils_name_in_the_genitive(name: str, lang: str, genitive: str | None) -> None:
    assert council_genitive(name, lang) == genitive
