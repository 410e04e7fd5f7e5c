"""A person's grammatical gender, guessed from the patronymic and then edited by hand.

Russian past-tense verbs agree with the subject («выразил» / «выразила»), so
a protocol needs each person's gender; where it is unknown the wording is
neutral (see :func:`app.domain.translation.gendered`).  Kazakh and Russian
patronymics tell it in almost every case:

* Kazakh: -ұлы / -улы (son of) -> male; -қызы / -кызы (daughter of) -> female,
  written joined («Серікұлы») or apart («Серік ұлы»);
* Russian: -ович / -евич / -ич -> male; -овна / -евна / -ична / -инична -> female.

Anything else (no patronymic, a foreign name) is unknown; the secretary can
always set the gender in the person's dialog.
"""

from __future__ import annotations

from app.domain.errors import DomainError
from app.domain.translation import FEMALE, GENDERS, MALE, N_, UNKNOWN

__all__ = ["FEMALE", "GENDERS", "MALE", "UNKNOWN", "check_gender", "gender_from_patronymic"]

_MALE_ENDINGS = ("ұлы", "улы", "uly", "ovich", "evich", "ович", "евич", "ич")
_FEMALE_ENDINGS = ("қызы", "кызы", "kyzy", "ovna", "evna", "овна", "евна", "ична", "инична")


def gender_from_patronymic(patronymic: str) -> str:
    """``"male"``, ``"female"`` or ``"unknown"`` from the ending of ``patronymic``.

    >>> gender_from_patronymic("Серікұлы"), gender_from_patronymic("Асқарқызы")
    ('male', 'female')
    >>> gender_from_patronymic("Петрович"), gender_from_patronymic("Ильинична")
    ('male', 'female')
    >>> gender_from_patronymic("")
    'unknown'
    """
    words = patronymic.strip().lower().replace("ё", "е").split()
    if not words:
        return UNKNOWN
    word = words[-1].strip(".,;")
    if word.endswith(_FEMALE_ENDINGS):
        return FEMALE
    if word.endswith(_MALE_ENDINGS):
        return MALE
    return UNKNOWN


def check_gender(value: object, patronymic: str = "") -> str:
    """The gender to store: ``value`` if given, else the one the patronymic tells.

    ``None`` (or an empty string) means "not chosen": the patronymic decides.
    Anything but one of :data:`GENDERS` is refused.
    """
    if value is None or value == "":
        return gender_from_patronymic(patronymic)
    if value not in GENDERS:
        raise DomainError(N_("“{value}” is not a gender Kenes knows."), value=str(value)[:40])
    return str(value)
