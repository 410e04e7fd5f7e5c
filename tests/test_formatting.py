"""Legal dates, short dates, times, numbers and plural categories in kk, ru, en."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.formatting import (
    BABEL_LOCALES,
    LANGUAGES,
    babel_locale,
    date_on,
    deadline_date,
    format_datetime,
    format_number,
    format_time,
    kazakh_dative,
    kazakh_locative,
    kazakh_locative_attributive,
    kazakh_numeral_possessive,
    legal_date,
    legal_date_plain,
    plural_category,
    short_date,
)

KK_LEGAL = [
    "2026 жылғы 22 қаңтардағы",
    "2026 жылғы 22 ақпандағы",
    "2026 жылғы 22 наурыздағы",
    "2026 жылғы 22 сәуірдегі",
    "2026 жылғы 22 мамырдағы",
    "2026 жылғы 22 маусымдағы",
    "2026 жылғы 22 шілдедегі",
    "2026 жылғы 22 тамыздағы",
    "2026 жылғы 22 қыркүйектегі",
    "2026 жылғы 22 қазандағы",
    "2026 жылғы 22 қарашадағы",
    "2026 жылғы 22 желтоқсандағы",
]
KK_PLAIN = [
    "2026 жылғы 22 қаңтар",
    "2026 жылғы 22 ақпан",
    "2026 жылғы 22 наурыз",
    "2026 жылғы 22 сәуір",
    "2026 жылғы 22 мамыр",
    "2026 жылғы 22 маусым",
    "2026 жылғы 22 шілде",
    "2026 жылғы 22 тамыз",
    "2026 жылғы 22 қыркүйек",
    "2026 жылғы 22 қазан",
    "2026 жылғы 22 қараша",
    "2026 жылғы 22 желтоқсан",
]
RU_LEGAL = [
    "22 января 2026 года",
    "22 февраля 2026 года",
    "22 марта 2026 года",
    "22 апреля 2026 года",
    "22 мая 2026 года",
    "22 июня 2026 года",
    "22 июля 2026 года",
    "22 августа 2026 года",
    "22 сентября 2026 года",
    "22 октября 2026 года",
    "22 ноября 2026 года",
    "22 декабря 2026 года",
]
EN_LEGAL = [
    "22 January 2026",
    "22 February 2026",
    "22 March 2026",
    "22 April 2026",
    "22 May 2026",
    "22 June 2026",
    "22 July 2026",
    "22 August 2026",
    "22 September 2026",
    "22 October 2026",
    "22 November 2026",
    "22 December 2026",
]


KK_DEADLINE = [
    "2026 жылғы 22 қаңтарға дейін",
    "2026 жылғы 22 ақпанға дейін",
    "2026 жылғы 22 наурызға дейін",
    "2026 жылғы 22 сәуірге дейін",
    "2026 жылғы 22 мамырға дейін",
    "2026 жылғы 22 маусымға дейін",
    "2026 жылғы 22 шілдеге дейін",
    "2026 жылғы 22 тамызға дейін",
    "2026 жылғы 22 қыркүйекке дейін",
    "2026 жылғы 22 қазанға дейін",
    "2026 жылғы 22 қарашаға дейін",
    "2026 жылғы 22 желтоқсанға дейін",
]
KK_ON = [
    "2026 жылғы 22 қаңтарда",
    "2026 жылғы 22 ақпанда",
    "2026 жылғы 22 наурызда",
    "2026 жылғы 22 сәуірде",
    "2026 жылғы 22 мамырда",
    "2026 жылғы 22 маусымда",
    "2026 жылғы 22 шілдеде",
    "2026 жылғы 22 тамызда",
    "2026 жылғы 22 қыркүйекте",
    "2026 жылғы 22 қазанда",
    "2026 жылғы 22 қарашада",
    "2026 жылғы 22 желтоқсанда",
]


def _spaces(text: str) -> str:
    """The date as a reader sees it: its no-break spaces as plain spaces."""
    return text.replace("\u00a0", " ")


@pytest.mark.parametrize("month", range(1, 13))
def test_legal_dates_for_all_twelve_months(month: int) -> None:
    d = date(2026, month, 22)
    assert _spaces(legal_date(d, "kk")) == KK_LEGAL[month - 1]
    assert _spaces(legal_date_plain(d, "kk")) == KK_PLAIN[month - 1]
    assert _spaces(deadline_date(d, "kk")) == KK_DEADLINE[month - 1]
    assert _spaces(date_on(d, "kk")) == KK_ON[month - 1]
    for form in (legal_date, legal_date_plain, deadline_date, date_on):
        assert _spaces(form(d, "ru")) == RU_LEGAL[month - 1]
        assert _spaces(form(d, "en")) == EN_LEGAL[month - 1]


@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)),
    st.sampled_from(LANGUAGES),
    st.sampled_from([legal_date, legal_date_plain, deadline_date, date_on]),
)
def test_a_legal_date_never_breaks_across_lines(
    d: date, lang: str, form: Callable[[date, str], str]
) -> None:
    text = form(d, lang)
    assert " " not in text and "\u202f" not in text
    assert len(text.split("\u00a0")) >= 3
    # In a narrow cell it may break once, between the year and the day and month.
    narrow = form(d, lang, wrap=True)  # type: ignore[call-arg]
    assert narrow.replace(" ", "\u00a0") == text
    assert narrow.count(" ") == 1


def test_legal_dates_have_no_leading_zero_in_the_day() -> None:
    # The decree of 004: "2025 жылғы 19 мамырдағы", "от 19 мая 2025 года".
    assert _spaces(legal_date(date(2025, 5, 19), "kk")) == "2025 жылғы 19 мамырдағы"
    assert _spaces(legal_date(date(2025, 5, 19), "ru")) == "19 мая 2025 года"
    assert _spaces(legal_date(date(2017, 10, 31), "kk")) == "2017 жылғы 31 қазандағы"
    assert _spaces(legal_date(date(2026, 3, 1), "ru")) == "1 марта 2026 года"
    assert _spaces(legal_date(date(2026, 3, 1), "en")) == "1 March 2026"
    assert _spaces(deadline_date(date(2024, 6, 1), "kk")) == "2024 жылғы 1 маусымға дейін"
    assert _spaces(date_on(date(2024, 3, 15), "kk")) == "2024 жылғы 15 наурызда"


@pytest.mark.parametrize(
    ("word", "dative", "locative"),
    [
        ("қараша", "қарашаға", "қарашада"),  # vowel, back
        ("шілде", "шілдеге", "шілдеде"),  # vowel, front
        ("қаңтар", "қаңтарға", "қаңтарда"),  # sonorant, back
        ("сәуір", "сәуірге", "сәуірде"),  # sonorant, front
        ("маусым", "маусымға", "маусымда"),  # nasal, back
        ("наурыз", "наурызға", "наурызда"),  # voiced, back
        ("қыркүйек", "қыркүйекке", "қыркүйекте"),  # voiceless, front
        ("кітап", "кітапқа", "кітапта"),  # voiceless, back (а is the last vowel)
        ("мектеп", "мектепке", "мектепте"),  # voiceless, front
        ("Қазан", "Қазанға", "Қазанда"),  # the case is kept
    ],
)
def test_kazakh_dative_and_locative(word: str, dative: str, locative: str) -> None:
    assert kazakh_dative(word) == dative
    assert kazakh_locative(word) == locative


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("қараша", "қарашадағы"),  # vowel, back
        ("шілде", "шілдедегі"),  # vowel, front
        ("қаңтар", "қаңтардағы"),  # sonorant, back
        ("сәуір", "сәуірдегі"),  # sonorant, front
        ("наурыз", "наурыздағы"),  # voiced, back (у skipped, ы decides)
        ("маусым", "маусымдағы"),
        ("қыркүйек", "қыркүйектегі"),  # voiceless, front
        ("кітап", "кітаптағы"),  # voiceless, back
        ("мектеп", "мектептегі"),  # voiceless, front
        ("Қазан", "Қазандағы"),  # the case is kept
    ],
)
def test_kazakh_locative_attributive(word: str, expected: str) -> None:
    assert kazakh_locative_attributive(word) == expected


def test_short_dates() -> None:
    d = date(2026, 11, 2)
    assert short_date(d, "kk") == "02.11.2026"
    assert short_date(d, "ru") == "02.11.2026"
    assert short_date(d, "en") == "02/11/2026"


def test_times_are_24_hour() -> None:
    for lang in LANGUAGES:
        assert format_time(time(14, 30), lang) == "14:30"
        assert format_time(time(9, 5), lang) == "09:05"


def test_naive_datetimes_are_almaty_wall_clock() -> None:
    naive = datetime(2026, 11, 22, 14, 30)
    assert format_datetime(naive, "kk") == "22.11.2026 14:30"
    assert format_datetime(naive, "ru") == "22.11.2026 14:30"
    assert format_datetime(naive, "en") == "22/11/2026 14:30"


def test_aware_datetimes_are_converted_to_almaty() -> None:
    # Asia/Almaty is UTC+5 since 1 March 2024.
    utc = datetime(2026, 11, 22, 9, 30, tzinfo=UTC)
    assert format_datetime(utc, "ru") == "22.11.2026 14:30"
    late = datetime(2026, 11, 22, 21, 15, tzinfo=UTC)
    assert format_datetime(late, "kk") == "23.11.2026 02:15"
    assert format_datetime(utc, "en", tz="Europe/London") == "22/11/2026 09:30"
    almaty = datetime(2026, 11, 22, 14, 30, tzinfo=ZoneInfo("Asia/Almaty"))
    assert format_datetime(almaty, "kk") == "22.11.2026 14:30"


def test_numbers() -> None:
    assert format_number(1234567, "ru") == "1\u00a0234\u00a0567"
    assert format_number(1234567.5, "kk") == "1\u00a0234\u00a0567,5"
    assert format_number(Decimal("1234567.5"), "en") == "1,234,567.5"
    assert format_number(-42, "ru") == "-42"


@pytest.mark.parametrize(
    ("n", "category"),
    [
        (0, "many"),
        (1, "one"),
        (2, "few"),
        (4, "few"),
        (5, "many"),
        (11, "many"),
        (12, "many"),
        (14, "many"),
        (21, "one"),
        (22, "few"),
        (25, "many"),
        (101, "one"),
        (111, "many"),
        (112, "many"),
        (122, "few"),
    ],
)
def test_russian_plural_categories(n: int, category: str) -> None:
    assert plural_category(n, "ru") == category


def test_kazakh_and_english_plural_categories() -> None:
    assert plural_category(1, "kk") == "one"
    for n in (0, 2, 5, 11, 21, 111):
        assert plural_category(n, "kk") == "other"
    assert plural_category(1, "en") == "one"
    assert plural_category(2, "en") == "other"


def test_locales() -> None:
    assert BABEL_LOCALES == {"kk": "kk_KZ", "ru": "ru_RU", "en": "en_GB"}
    assert str(babel_locale("kk")) == "kk_KZ"


@pytest.mark.parametrize(
    "call",
    [
        lambda: legal_date(date(2026, 1, 1), "de"),
        lambda: legal_date_plain(date(2026, 1, 1), "kk_KZ"),
        lambda: short_date(date(2026, 1, 1), "fr"),
        lambda: format_time(time(1, 2), "uk"),
        lambda: format_datetime(datetime(2026, 1, 1), "tr"),
        lambda: format_number(1, "EN"),
        lambda: plural_category(1, ""),
    ],
)
def test_unsupported_languages_are_refused(call: Callable[[], object]) -> None:
    with pytest.raises(ValueError, match="unsupported language"):
        call()


@given(
    st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 12, 31)),
    st.sampled_from(LANGUAGES),
    st.integers(min_value=-(10**12), max_value=10**12),
)
def test_no_narrow_no_break_space_anywhere(dt: datetime, lang: str, n: int) -> None:
    outputs = [
        legal_date(dt.date(), lang),
        legal_date_plain(dt.date(), lang),
        deadline_date(dt.date(), lang),
        date_on(dt.date(), lang),
        short_date(dt.date(), lang),
        format_time(dt.time(), lang),
        format_datetime(dt, lang),
        format_number(n, lang),
        format_number(n / 7, lang),
    ]
    for text in outputs:
        assert "\u202f" not in text


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, "0-і"),
        (1, "1-і"),
        (2, "2-сі"),
        (3, "3-і"),
        (4, "4-і"),
        (5, "5-і"),
        (6, "6-сы"),
        (7, "7-сі"),
        (8, "8-і"),
        (9, "9-ы"),
        (10, "10-ы"),
        (14, "14-і"),
        (20, "20-сы"),
        (30, "30-ы"),
        (40, "40-ы"),
        (50, "50-і"),
        (60, "60-ы"),
        (70, "70-і"),
        (80, "80-і"),
        (90, "90-ы"),
        (100, "100-і"),
        (1000, "1000-ы"),
        (126, "126-сы"),
    ],
)
def test_kazakh_numeral_possessive(n: int, expected: str) -> None:
    # «15 мүшенің 14-і қатысты»: the suffix of the last word read aloud.
    assert kazakh_numeral_possessive(n) == expected
