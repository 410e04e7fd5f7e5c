"""The words of the composition layout: every header in three languages, none ambiguous."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app import i18n
from app.formats.composition_columns import (
    COLUMNS,
    KIND_WORDS,
    ROLE_WORDS,
    SIDE_WORDS,
    Vocabulary,
    word_key,
)


def test_headers_are_recognised_in_every_language_and_spelling() -> None:
    words = Vocabulary.build(i18n.translations)
    for header, key in [
        ("ROLE", "role"),
        ("Роль", "role"),
        ("рөлі", "role"),
        ("position_kk", "position_kk"),
        ("Должность (каз.)", "position_kk"),
        ("Должность", "position_ru"),
        ("Лауазымы", "position_kk"),
        ("Position (en)", "position_en"),
        ("Title", "position_en"),
        ("Организация (англ.)", "organisation_en"),
        ("Фамилия", "surname"),
        ("Тегі", "surname"),
        ("Имя", "given_name"),
        ("Отчество", "patronymic"),
        ("По согласованию", "by_agreement"),
        ("Valid from", "valid_from"),
        ("Право голоса", "voting"),
        ("Тарап", "side"),
    ]:
        assert words.headers.get(word_key(header)) == key, header
    for lang in ("kk", "ru", "en"):
        t = i18n.translations(lang)
        for column in COLUMNS:
            assert words.headers[word_key(t.gettext(column.label))] == column.key


def test_no_word_of_the_format_means_two_things() -> None:
    tables: list[tuple[str, Mapping[Any, tuple[str, ...]]]] = [
        ("headers", {c.key: (c.key, *c.aliases) for c in COLUMNS}),
        ("roles", ROLE_WORDS),
        ("kinds", KIND_WORDS),
        ("sides", SIDE_WORDS),
    ]
    for key, table in tables:
        seen: dict[str, object] = {}
        for value, aliases in table.items():
            for alias in aliases:
                assert seen.setdefault(word_key(alias), value) == value, (key, alias)
