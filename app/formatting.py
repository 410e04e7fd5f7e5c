"""Dates, times, numbers and plural categories in Kazakh, Russian and English.

One place decides how Kenes writes a date, so the screen, the PDF protocol and
the exports agree.  Everything goes through Babel (CLDR) with these locales:

* ``kk`` -> ``kk_KZ`` and ``ru`` -> ``ru_RU``: day-first dates, ``22.11.2026``.
* ``en`` -> ``en_GB``: the English legal style "22 November 2026" is the
  British day-month-year order (``en_US`` would write "November 22, 2026"
  and 11/22/26), and day-first short dates do not confuse readers used to
  ``22.11.2026``.

Official documents use the legal date style, which CLDR does not have for
Kazakh: ``2026 жылғы 22 қарашадағы`` ("of 22 November 2026", the month takes
the locative-attributive suffix -дағы/-дегі/-тағы/-тегі) and ``2026 жылғы
22 қараша`` for a bare date line.  Russian uses the genitive month and
``года``: ``22 ноября 2026 года``.

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


def kazakh_locative_attributive(word: str) -> str:
    """``word`` with the suffix -дағы/-дегі/-тағы/-тегі ("which is in/of"): қараша -> қарашадағы.

    The consonant is т after a voiceless consonant, д otherwise (vowels,
    voiced and sonorant consonants); the vowel follows the word's last back
    or front vowel.
    """
    lower = word.lower()
    if not lower:
        raise ValueError("an empty word takes no suffix")
    front = False
    for letter in reversed(lower):
        if letter in _KK_BACK_VOWELS:
            break
        if letter in _KK_FRONT_VOWELS:
            front = True
            break
    consonant = "т" if lower[-1] in _KK_VOICELESS else "д"
    return word + consonant + ("егі" if front else "ағы")


def legal_date(d: date, lang: str) -> str:
    """The date as official documents write it: "2026 жылғы 22 қарашадағы",
    "22 ноября 2026 года", "22 November 2026".

    The Kazakh form is attributive ("the protocol of 22 November 2026"), the
    usual form before a document number; see :func:`legal_date_plain` for a
    bare date line.
    """
    _check(lang)
    if lang == "kk":
        month = kazakh_locative_attributive(_month_names("kk")[d.month - 1])
        return f"{d.year} жылғы {d.day} {month}"
    return legal_date_plain(d, lang)


def legal_date_plain(d: date, lang: str) -> str:
    """The legal date without the Kazakh attributive suffix: "2026 жылғы 22 қараша".

    For the date line at the head of a protocol.  Russian and English have no
    such distinction, so this equals :func:`legal_date` for them.
    """
    _check(lang)
    month = _month_names(lang)[d.month - 1]
    if lang == "kk":
        return f"{d.year} жылғы {d.day} {month}"
    if lang == "ru":
        return f"{d.day} {month} {d.year} года"
    return _clean(_babel_format_date(d, "d MMMM y", locale=babel_locale(lang)))


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
