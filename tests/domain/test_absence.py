"""Reasons of absence: a translated list, "other" per language, and old texts read once."""

from __future__ import annotations

import pytest

from app import i18n
from app.domain.absence import (
    ABSENCE_IN_PROTOCOL,
    ABSENCE_KINDS,
    BUSINESS_TRIP,
    ILLNESS,
    OTHER,
    VACATION,
    absence_text,
    check_kind,
    classify_reason,
    language_of,
)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("kk", "іссапарда"), ("ru", "в командировке"), ("en", "on a business trip")],
)
def test_a_listed_reason_is_printed_in_the_protocols_language(lang: str, expected: str) -> None:
    assert absence_text(BUSINESS_TRIP, {}, lang, i18n.translations(lang)) == (expected, False)


def test_every_listed_reason_is_translated() -> None:
    for lang in ("kk", "ru"):
        t = i18n.translations(lang)
        for msgid in (*ABSENCE_KINDS.values(), *ABSENCE_IN_PROTOCOL.values()):
            assert t.gettext(msgid) != msgid, (lang, msgid)


def test_other_is_the_text_of_the_language_or_a_gap() -> None:
    ru = i18n.translations("ru")
    texts = {"kk": "халықаралық форумда", "ru": "участие в международном форуме"}
    assert absence_text(OTHER, texts, "ru", ru) == ("участие в международном форуме", False)
    # No English text: another language fills in, and the gap is reported.
    assert absence_text(OTHER, texts, "en", i18n.translations("en")) == (
        "халықаралық форумда",
        True,
    )
    assert absence_text("", {}, "ru", ru) == ("", False)


@pytest.mark.parametrize(
    ("text", "kind", "texts"),
    [
        ("іссапар", BUSINESS_TRIP, {}),
        ("Іссапарда", BUSINESS_TRIP, {}),
        ("командировка", BUSINESS_TRIP, {}),
        ("в командировке", BUSINESS_TRIP, {}),
        ("business trip", BUSINESS_TRIP, {}),
        ("болезнь", ILLNESS, {}),
        ("денсаулығына байланысты ауру", ILLNESS, {}),
        ("отпуск", VACATION, {}),
        ("демалыста", VACATION, {}),
        ("участие в форуме", OTHER, {"ru": "участие в форуме"}),
        ("халықаралық форумда", OTHER, {"kk": "халықаралық форумда"}),
        ("at a forum abroad", OTHER, {"en": "at a forum abroad"}),
        ("", "", {}),
    ],
)
def test_an_old_text_is_read_as_a_kind(text: str, kind: str, texts: dict[str, str]) -> None:
    assert classify_reason(text) == (kind, texts)


def test_language_of_a_text() -> None:
    assert language_of("Қазақ") == "kk"
    assert language_of("Русский") == "ru"
    assert language_of("English") == "en"
    assert language_of("123") == ""


def test_check_kind() -> None:
    assert check_kind(ILLNESS) == ILLNESS
    assert check_kind("holiday") == ""
    assert check_kind(None) == ""
