"""People's names in the Russian genitive: «от имени члена совета Н. С. Абенова».

Russian declines surnames, given names and Russian patronymics; the form
depends on the person's gender (Абенов -> Абенова, Абенова -> Абеновой).
Kazakh patronymics with -ұлы/-улы/-қызы/-кызы and names Kenes cannot decline
with certainty (foreign, or of unknown gender) stay as written: a nominative
name is an acceptable fallback in an official text, a wrongly declined one is
not.
"""

from __future__ import annotations

from app.domain.translation import FEMALE, MALE

_VOWELS = frozenset("аеёиоуыэюяәөұүі")
_KAZAKH_PATRONYMIC = ("ұлы", "улы", "қызы", "кызы")


def surname_genitive(surname: str, gender: str) -> str:
    """The genitive of a surname: Абенов -> Абенова (male), Абенова -> Абеновой (female)."""
    word = surname
    low = word.lower()
    if "-" in word:  # double surnames decline in both parts
        return "-".join(surname_genitive(part, gender) for part in word.split("-"))
    if gender == MALE:
        if low.endswith(("ов", "ев", "ёв", "ин", "ын")):
            return word + "а"
        if low.endswith(("ский", "цкий")):
            return word[:-2] + "ого"
        if low.endswith("ий") or low.endswith("ой") or low.endswith("ый"):
            return word  # adjectival or foreign: not sure
        if low[-1:] not in _VOWELS and low[-1:] not in "ьй":
            return word + "а"
        return word
    if gender == FEMALE:
        if low.endswith(("ова", "ева", "ёва", "ина", "ына")):
            return word[:-1] + "ой"
        if low.endswith(("ская", "цкая")):
            return word[:-2] + "ой"
        return word  # other female surnames (Ким, Шевченко) do not decline
    return word


def given_name_genitive(name: str, gender: str) -> str:
    """The genitive of a given name: Нұрлан -> Нұрлана, Сергей -> Сергея, Айгүл -> Айгүл."""
    low = name.lower()
    if not low:
        return name
    if gender == MALE:
        if low.endswith("й"):
            return name[:-1] + "я"
        if low.endswith("ь"):
            return name[:-1] + "я"
        if low[-1] not in _VOWELS:
            return name + "а"
        return name
    if gender == FEMALE:
        if low.endswith("ия"):
            return name[:-1] + "и"
        if low.endswith("я"):
            return name[:-1] + "и"
        if low.endswith("а"):
            return name[:-1] + ("и" if low[-2:-1] in "гкхжчшщ" else "ы")
        return name  # Айгүл, Динара is handled above; consonant-final female names stay
    return name


def patronymic_genitive(patronymic: str, gender: str) -> str:
    """The genitive of a patronymic: Петрович -> Петровича, Петровна -> Петровны;
    Kazakh Серікұлы and Асқарқызы do not decline."""
    low = patronymic.lower()
    if not low or low.endswith(_KAZAKH_PATRONYMIC) or " " in low:
        return patronymic
    if gender == MALE and low.endswith("ич"):
        return patronymic + "а"
    if gender == FEMALE and low.endswith("на"):
        return patronymic[:-1] + "ы"
    return patronymic


def full_name_genitive(surname: str, given_name: str, patronymic: str, gender: str) -> str:
    """"Абенова Нұрлана Серікұлы": every part in the genitive where Kenes is sure."""
    parts = (
        surname_genitive(surname, gender) if surname else "",
        given_name_genitive(given_name, gender) if given_name else "",
        patronymic_genitive(patronymic, gender) if patronymic else "",
    )
    return " ".join(p for p in parts if p)
