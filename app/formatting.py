"""Dates, times, numbers and plural categories in Kazakh, Russian and English.

One place decides how Kenes writes a date, so the screen, the PDF protocol and
the exports agree.  Everything goes through Babel (CLDR) with these locales:

* ``kk`` -> ``kk_KZ`` and ``ru`` -> ``ru_RU``: day-first dates, ``22.11.2026``.
* ``en`` -> ``en_GB``: the English legal style "22 November 2026" is the
  British day-month-year order (``en_US`` would write "November 22, 2026"
  and 11/22/26), and day-first short dates do not confuse readers used to
  ``22.11.2026``.

Official documents use the legal date style, which CLDR does not have for
Kazakh.  A Kazakh date takes the case its role in the sentence asks for, on
the month name, with vowel harmony and voicing:

* the date line of a document, :func:`legal_date_plain`: ``2026 жылғы 22 қараша``;
* before a noun ("the protocol of ..."), :func:`legal_date`: the attributive
  ``2026 жылғы 22 қарашадағы`` (-дағы/-дегі/-тағы/-тегі), only before a noun;
* a deadline, :func:`deadline_date`: the dative and дейін,
  ``2026 жылғы 22 қарашаға дейін`` (-ға/-ге/-қа/-ке);
* "on" a date ("received on ..."), :func:`date_on`: the locative
  ``2026 жылғы 22 қарашада`` (-да/-де/-та/-те).

Russian uses the genitive month and ``года`` (``22 ноября 2026 года``) and
English ``22 November 2026`` in every role.  The words of a legal date are
joined by no-break spaces (U+00A0), so a date never breaks across lines.

Every string returned has U+202F (narrow no-break space, which CLDR puts in
Kazakh and Russian dates and which the PDF fonts lack) replaced by U+00A0.

No Qt here: the views, reports and the CLI all use these functions.
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from functools import cache
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date as _babel_format_date
from babel.dates import format_datetime as _babel_format_datetime
from babel.dates import format_time as _babel_format_time
from babel.dates import get_month_names
from babel.numbers import format_decimal

LANGUAGES = ("kk", "ru", "en")
BABEL_LOCALES = {"kk": "kk_KZ", "ru": "ru_RU", "en": "en_GB"}
DEFAULT_TIMEZONE = "Asia/Almaty"

_NARROW_NBSP = "\u202f"
_NBSP = "\u00a0"

_SHORT_DATE = {"kk": "dd.MM.y", "ru": "dd.MM.y", "en": "dd/MM/y"}
_TIME = "HH:mm"

# Kazakh vowel harmony: the last back or front vowel picks -дағы or -дегі.
# у, и, ю can be either and are skipped (маусым is back by its ы).
_KK_BACK_VOWELS = frozenset("аоұыя")
_KK_FRONT_VOWELS = frozenset("әөүіеэё")
# After a voiceless consonant the suffix starts with т: қыркүйек -> қыркүйектегі.
_KK_VOICELESS = frozenset("кқпстфхцчшщһ")


def _clean(text: str) -> str:
    """Swap U+202F for U+00A0: the PDF fonts have no glyph for the narrow one."""
    return text.replace(_NARROW_NBSP, _NBSP)


def _check(lang: str) -> str:
    """The Babel locale id for ``lang``, refusing languages Kenes does not ship."""
    try:
        return BABEL_LOCALES[lang]
    except KeyError:
        raise ValueError(f"unsupported language {lang!r}; expected one of {LANGUAGES}") from None


@cache
def babel_locale(lang: str) -> Locale:
    """The Babel :class:`~babel.Locale` Kenes uses for ``lang`` ("kk", "ru", "en")."""
    return Locale.parse(_check(lang))


@cache
def _month_names(lang: str) -> tuple[str, ...]:
    """Wide month names in the format context (genitive in Russian), January first."""
    names = get_month_names("wide", "format", locale=babel_locale(lang))
    return tuple(str(names[m]) for m in range(1, 13))


def _kazakh_front(word: str) -> bool:
    """Whether ``word`` takes front-vowel suffixes (its last back or front vowel decides)."""
    for letter in reversed(word.lower()):
        if letter in _KK_BACK_VOWELS:
            return False
        if letter in _KK_FRONT_VOWELS:
            return True
    return False


def _kazakh_suffix(word: str, voiced: str, voiceless: str) -> str:
    """``word`` + a case suffix: ``voiced``/``voiceless`` are the back forms ("да"/"та").

    The consonant of the suffix is the voiceless one after a voiceless
    consonant, the voiced one otherwise (vowels, voiced and sonorant
    consonants); the vowel follows the word's vowel harmony (а -> е).
    """
    lower = word.lower()
    if not lower:
        raise ValueError("an empty word takes no suffix")
    suffix = voiceless if lower[-1] in _KK_VOICELESS else voiced
    if _kazakh_front(lower):
        suffix = suffix.translate(_KK_FRONT_SUFFIX)
    return word + suffix


# Back to front forms of the suffixes: а -> е, ы -> і, ғ -> г, қ -> к.
_KK_FRONT_SUFFIX = str.maketrans("аығқ", "еігк")


def kazakh_locative_attributive(word: str) -> str:
    """``word`` with the suffix -дағы/-дегі/-тағы/-тегі ("which is in/of"): қараша -> қарашадағы."""
    return _kazakh_suffix(word, "дағы", "тағы")


def kazakh_locative(word: str) -> str:
    """``word`` in the locative case, -да/-де/-та/-те: қараша -> қарашада."""
    return _kazakh_suffix(word, "да", "та")


def kazakh_dative(word: str) -> str:
    """``word`` in the dative case, -ға/-ге/-қа/-ке: маусым -> маусымға, қыркүйек -> қыркүйекке."""
    return _kazakh_suffix(word, "ға", "қа")


def _kk_date(d: date, month: str, wrap: bool) -> str:
    year = _NBSP.join((str(d.year), "жылғы"))
    return (" " if wrap else _NBSP).join((year, _NBSP.join((str(d.day), month))))


def legal_date(d: date, lang: str, *, wrap: bool = False) -> str:
    """The date before a noun: "2026 жылғы 22 қарашадағы (хаттама)",
    "22 ноября 2026 года", "22 November 2026".

    The Kazakh form is attributive ("the protocol of 22 November 2026"): use it
    only where a noun follows; :func:`legal_date_plain` is the date line,
    :func:`deadline_date` a deadline and :func:`date_on` "on the date".
    """
    _check(lang)
    if lang == "kk":
        return _kk_date(d, kazakh_locative_attributive(_month_names("kk")[d.month - 1]), wrap)
    return legal_date_plain(d, lang, wrap=wrap)


def legal_date_plain(d: date, lang: str, *, wrap: bool = False) -> str:
    """The legal date without a Kazakh case suffix: "2026 жылғы 22 қараша".

    For the date line at the head of a document and a table cell headed by
    what the date is.  Russian and English have no such distinction, so this
    equals :func:`legal_date` for them.

    Every form keeps the date on one line.  With ``wrap`` (a narrow table
    cell) it may break once, between the year and the day and month, never
    inside either: "2026 жылғы | 22 қараша", "22 ноября | 2026 года".
    """
    _check(lang)
    month = _month_names(lang)[d.month - 1]
    if lang == "kk":
        return _kk_date(d, month, wrap)
    gap = " " if wrap else _NBSP
    if lang == "ru":
        return gap.join((_NBSP.join((str(d.day), month)), _NBSP.join((str(d.year), "года"))))
    day_month = _clean(_babel_format_date(d, "d MMMM", locale=babel_locale(lang)))
    return gap.join((day_month.replace(" ", _NBSP), str(d.year)))


def deadline_date(d: date, lang: str, *, wrap: bool = False) -> str:
    """A deadline: "2026 жылғы 22 қарашаға дейін" (dative and дейін, "until").

    Russian and English write the plain legal date ("22 ноября 2026 года",
    "22 November 2026"): the column or the sentence says that it is a deadline.
    """
    _check(lang)
    if lang == "kk":
        month = kazakh_dative(_month_names("kk")[d.month - 1])
        return _NBSP.join((_kk_date(d, month, wrap), "дейін"))
    return legal_date_plain(d, lang, wrap=wrap)


def date_on(d: date, lang: str, *, wrap: bool = False) -> str:
    """"On" a date, as in "received on ...": "2026 жылғы 22 қарашада" (locative).

    Russian and English write the plain legal date; the sentence carries the
    preposition if it needs one.
    """
    _check(lang)
    if lang == "kk":
        return _kk_date(d, kazakh_locative(_month_names("kk")[d.month - 1]), wrap)
    return legal_date_plain(d, lang, wrap=wrap)


def short_date(d: date, lang: str) -> str:
    """A compact date for tables: 22.11.2026 (kk, ru), 22/11/2026 (en)."""
    _check(lang)
    return _clean(_babel_format_date(d, _SHORT_DATE[lang], locale=babel_locale(lang)))


def format_time(t: time, lang: str) -> str:
    """A 24-hour clock time, "14:30", in every language (no time-zone conversion)."""
    return _clean(_babel_format_time(t, _TIME, locale=babel_locale(lang)))


def format_datetime(dt: datetime, lang: str, tz: str = DEFAULT_TIMEZONE) -> str:
    """Date and time in ``tz``: "22.11.2026 14:30".

    A naive ``dt`` is taken as wall-clock time in ``tz``: Babel alone would
    read it as UTC and shift it by five hours.  An aware ``dt`` is converted
    to ``tz``.
    """
    locale = babel_locale(lang)
    zone = ZoneInfo(tz)
    local = dt.replace(tzinfo=zone) if dt.tzinfo is None else dt.astimezone(zone)
    pattern = f"{_SHORT_DATE[lang]} {_TIME}"
    return _clean(_babel_format_datetime(local, pattern, tzinfo=zone, locale=locale))


def format_number(n: int | float | Decimal, lang: str) -> str:
    """A number with the language's separators: 1 234 567,5 (kk, ru), 1,234,567.5 (en)."""
    return _clean(format_decimal(n, locale=babel_locale(lang)))


def plural_category(n: int, lang: str) -> str:
    """CLDR plural category of ``n``: "one"/"other" in kk and en, also "few"/"many" in ru."""
    return str(babel_locale(lang).plural_form(n))


# The Kazakh possessive of a number ("14 мүшенің 14-і"): the suffix follows the last word
# read aloud (он төрт -> төрті), -ы/-і after a consonant, -сы/-сі after a vowel.
_KK_UNITS = {1: "і", 2: "сі", 3: "і", 4: "і", 5: "і", 6: "сы", 7: "сі", 8: "і", 9: "ы"}
_KK_TENS = {1: "ы", 2: "сы", 3: "ы", 4: "ы", 5: "і", 6: "ы", 7: "і", 8: "і", 9: "ы"}


def kazakh_numeral_possessive(n: int) -> str:
    """``n`` with the possessive suffix, as in «15 мүшенің 14-і қатысты»: 14-і, 10-ы, 6-сы."""
    if n < 0:
        raise ValueError("a count is never negative")
    if n == 0:
        suffix = "і"  # нөлі
    elif n % 10:
        suffix = _KK_UNITS[n % 10]
    elif n % 100:
        suffix = _KK_TENS[(n % 100) // 10]
    elif n % 1000:
        suffix = "і"  # жүзі
    elif n % 1_000_000:
        suffix = "ы"  # мыңы
    else:
        suffix = "ы"  # миллионы
    return f"{n}-{suffix}"
