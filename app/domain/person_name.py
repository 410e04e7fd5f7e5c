"""How Kenes writes a person's full name: one rule for lists, records and refusals.

Kazakh and Russian official texts write the surname first, then the given
name and the patronymic, leaving out the parts a person does not have
("Әбенов Нұрлан Серікұлы", "Smith John").
"""

from __future__ import annotations


def full_name(surname: str, given_name: str, patronymic: str) -> str:
    """ "Surname Name Patronymic", the parts there are.

    >>> full_name("Әбенов", "Нұрлан", "")
    'Әбенов Нұрлан'
    """
    return " ".join(p for p in (surname, given_name, patronymic) if p)
