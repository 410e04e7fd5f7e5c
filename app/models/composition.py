"""Councils, people, positions, who holds which position, and the seats of a composition."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, Text, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base
from app.models.common import Identified, Timestamped


class Act(Identified, Timestamped, Base):
    """An official act: creates a council, changes its composition, appoints a person."""

    __tablename__ = "acts"

    council_id: Mapped[int | None] = mapped_column(ForeignKey("councils.id"), index=True)
    # The title as first entered, in whatever language (older files and exchange readers);
    # documents print the title in their own language, or none (migration 0009).
    title: Mapped[str] = mapped_column(Text, default="")
    title_kk: Mapped[str] = mapped_column(Text, default="", server_default="")
    title_ru: Mapped[str] = mapped_column(Text, default="", server_default="")
    title_en: Mapped[str] = mapped_column(Text, default="", server_default="")
    number: Mapped[str] = mapped_column(String(64), default="")
    act_date: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")


class Council(Identified, Timestamped, Base):
    __tablename__ = "councils"

    name_kk: Mapped[str] = mapped_column(Text, default="")
    name_ru: Mapped[str] = mapped_column(Text, default="")
    name_en: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[str] = mapped_column(String(32))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("councils.id"), index=True)
    act_title: Mapped[str] = mapped_column(Text, default="")
    act_number: Mapped[str] = mapped_column(String(64), default="")
    act_date: Mapped[date | None] = mapped_column(Date)
    working_body_kk: Mapped[str] = mapped_column(Text, default="")
    working_body_ru: Mapped[str] = mapped_column(Text, default="")
    working_body_en: Mapped[str] = mapped_column(Text, default="")
    preset_key: Mapped[str] = mapped_column(String(64), default="")
    profile: Mapped[dict[str, Any]] = mapped_column(JSON)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)

    seats: Mapped[list[Seat]] = relationship(back_populates="council")


class Person(Identified, Timestamped, Base):
    __tablename__ = "people"

    surname: Mapped[str] = mapped_column(String(200))
    given_name: Mapped[str] = mapped_column(String(200), default="")
    patronymic: Mapped[str] = mapped_column(String(200), default="")
    # "male", "female" or "unknown" (app/domain/gender.py): Russian verbs agree with it.
    gender: Mapped[str] = mapped_column(String(16), default="unknown", server_default="unknown")
    latin_name: Mapped[str] = mapped_column(String(300), default="")
    email: Mapped[str] = mapped_column(String(300), default="")
    phone: Mapped[str] = mapped_column(String(100), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    # Case-folded names for search: SQLite's LIKE folds ASCII only, not Kazakh or Russian.
    search_text: Mapped[str] = mapped_column(Text, default="")


class Position(Identified, Timestamped, Base):
    __tablename__ = "positions"

    title_kk: Mapped[str] = mapped_column(Text, default="")
    title_ru: Mapped[str] = mapped_column(Text, default="")
    title_en: Mapped[str] = mapped_column(Text, default="")
    organisation_kk: Mapped[str] = mapped_column(Text, default="")
    organisation_ru: Mapped[str] = mapped_column(Text, default="")
    organisation_en: Mapped[str] = mapped_column(Text, default="")
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    search_text: Mapped[str] = mapped_column(Text, default="")


class PositionHolding(Identified, Timestamped, Base):
    """A person holds a position from a date (until a date)."""

    __tablename__ = "position_holdings"

    position_id: Mapped[int] = mapped_column(ForeignKey("positions.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    act_id: Mapped[int | None] = mapped_column(ForeignKey("acts.id"))


class Seat(Identified, Timestamped, Base):
    """A seat in a council's composition, ex officio (a position) or personal (a person)."""

    __tablename__ = "seats"

    council_id: Mapped[int] = mapped_column(ForeignKey("councils.id"), index=True)
    role: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(32))
    position_id: Mapped[int | None] = mapped_column(ForeignKey("positions.id"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), index=True)
    voting: Mapped[bool] = mapped_column(Boolean, default=True)
    by_agreement: Mapped[bool] = mapped_column(Boolean, default=False)
    side: Mapped[str] = mapped_column(String(16), default="")
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    act_id: Mapped[int | None] = mapped_column(ForeignKey("acts.id"))
    end_act_id: Mapped[int | None] = mapped_column(ForeignKey("acts.id"))
    note: Mapped[str] = mapped_column(Text, default="")

    council: Mapped[Council] = relationship(back_populates="seats")


def fold(*parts: str) -> str:
    """Text folded for case-insensitive search in any language."""
    return " ".join(p for p in parts if p).casefold()


@event.listens_for(Person, "before_insert")
@event.listens_for(Person, "before_update")
def _person_search_text(_mapper: object, _conn: object, person: Person) -> None:
    person.search_text = fold(
        person.surname, person.given_name, person.patronymic, person.latin_name
    )


@event.listens_for(Position, "before_insert")
@event.listens_for(Position, "before_update")
def _position_search_text(_mapper: object, _conn: object, position: Position) -> None:
    position.search_text = fold(
        position.title_kk,
        position.title_ru,
        position.title_en,
        position.organisation_kk,
        position.organisation_ru,
        position.organisation_en,
    )
