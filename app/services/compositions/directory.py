"""Positions and people already recorded, found as an import names them.

A position is found by its title in any language (spaces and Unicode forms
do not matter, case does: "Министр" and "министр" may be different posts);
a person by surname, given name and patronymic regardless of case, and by
the name in Latin letters when two people share a name.
"""

from __future__ import annotations

import unicodedata

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.council import LANGS
from app.domain.errors import DomainError
from app.domain.translation import N_
from app.formats.composition_rows import CompositionRow
from app.models.composition import Person, Position


def _title_key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


class Directory:
    """Positions and people already recorded, found by title or by name."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.positions: dict[tuple[str, str], list[int]] = {}
        self.people: dict[tuple[str, str, str], list[Person]] = {}
        for position in session.scalars(
            select(Position).where(Position.archived.is_(False)).order_by(Position.id)
        ):
            self.add_position(position)
        for person in session.scalars(
            select(Person).where(Person.archived.is_(False)).order_by(Person.id)
        ):
            self.add_person(person)

    def add_position(self, position: Position) -> None:
        for lang in LANGS:
            title = _title_key(getattr(position, f"title_{lang}"))
            if title:
                self.positions.setdefault((lang, title), []).append(position.id)

    def add_person(self, person: Person) -> None:
        key = (
            person.surname.casefold(),
            person.given_name.casefold(),
            person.patronymic.casefold(),
        )
        self.people.setdefault(key, []).append(person)

    def position_for(self, row: CompositionRow) -> int | None:
        found: list[int] = []
        for lang, title in row.titles.items():
            ids = self.positions.get((lang, _title_key(title)), []) if title else []
            if ids and ids[0] not in found:
                found.append(ids[0])
        if len(found) > 1:
            a, b = (self.session.get(Position, i) for i in found[:2])
            raise DomainError(
                N_(
                    "The titles in the row match two different recorded positions: “{first}” "
                    "and “{second}”; make the titles agree."
                ),
                first=position_title(a),
                second=position_title(b),
            )
        return found[0] if found else None

    def person_for(self, row: CompositionRow) -> Person | None:
        candidates = self.people.get(row.person_key(), [])
        if len(candidates) > 1 and row.latin_name:
            same = [p for p in candidates if p.latin_name.casefold() == row.latin_name.casefold()]
            candidates = same or candidates
        return candidates[0] if candidates else None


def position_title(position: Position | None) -> str:
    if position is None:
        return ""
    return position.title_kk or position.title_ru or position.title_en


def person_name(person: Person | None) -> str:
    if person is None:
        return ""
    return " ".join(p for p in (person.surname, person.given_name, person.patronymic) if p)
