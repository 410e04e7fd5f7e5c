"""User actions on people and positions, and who holds which position when."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.domain.absence import language_of
from app.domain.collation import sort_key
from app.domain.composition import Period, check_holdings
from app.domain.council import LANGS, pick
from app.domain.errors import DomainError, Term
from app.domain.gender import UNKNOWN, check_gender
from app.domain.person_name import full_name
from app.domain.translation import N_
from app.i18n import interface_language
from app.models.collation import kazakh
from app.models.composition import Act, Person, Position, PositionHolding, Seat, fold
from app.models.database import Database
from app.services.base import (
    Actor,
    audit,
    check_date,
    check_flag,
    check_version,
    clean_text,
    expect,
    get,
    snapshot,
)
from app.services.composition_check import (
    check_councils_of_position,
    holding_facts,
    person_names,
)

# -- people --------------------------------------------------------------------


@dataclass(frozen=True)
class PersonData:
    surname: str
    given_name: str = ""
    patronymic: str = ""
    latin_name: str = ""
    email: str = ""
    phone: str = ""
    note: str = ""
    is_demo: bool = False
    # "male", "female" or "unknown"; None: taken from the patronymic (a new person)
    # or kept as it is (an edited one, unless it is unknown).
    gender: str | None = None


@dataclass(frozen=True)
class PersonInfo:
    id: int
    uid: str
    surname: str
    given_name: str
    patronymic: str
    latin_name: str
    email: str
    phone: str
    note: str
    is_demo: bool
    archived: bool
    version: int
    gender: str = UNKNOWN  # "male", "female" or "unknown": Russian verbs agree with it

    def initials_name(self, lang: str = "kk") -> str:
        """ "Н. С. Әбенов": initials then surname, as signature blocks and lists write it."""
        if lang == "en" and self.latin_name:
            return self.latin_name
        initials = " ".join(f"{p[0]}." for p in (self.given_name, self.patronymic) if p)
        return f"{initials} {self.surname}".strip().replace(". ", ".\u00a0")

    def full_name(self, lang: str = "kk") -> str:
        """ "Surname Name Patronymic"; the Latin spelling in English documents when known."""
        if lang == "en" and self.latin_name:
            return self.latin_name
        return full_name(self.surname, self.given_name, self.patronymic)

    def short_name(self, lang: str = "kk") -> str:
        """ "Surname N. P." as protocols list people."""
        if lang == "en" and self.latin_name:
            return self.latin_name
        initials = " ".join(f"{p[0]}." for p in (self.given_name, self.patronymic) if p)
        return f"{self.surname} {initials}".strip()


def person_info(person: Person) -> PersonInfo:
    return PersonInfo(
        person.id,
        person.uid,
        person.surname,
        person.given_name,
        person.patronymic,
        person.latin_name,
        person.email,
        person.phone,
        person.note,
        person.is_demo,
        person.archived,
        person.version,
        person.gender or UNKNOWN,
    )


def _apply_person(person: Person, data: PersonData) -> None:
    expect(data, PersonData, N_("Person"))
    person.surname = clean_text(data.surname, N_("Surname"), required=True, limit=200)
    person.given_name = clean_text(data.given_name, N_("Name"), limit=200)
    person.patronymic = clean_text(data.patronymic, N_("Patronymic"), limit=200)
    person.latin_name = clean_text(data.latin_name, N_("Name in Latin letters"), limit=300)
    email = clean_text(data.email, N_("E-mail"), limit=300)
    if email and ("@" not in email or " " in email):
        raise DomainError(N_("“{email}” is not an e-mail address."), email=email)
    person.email = email
    person.phone = clean_text(data.phone, N_("Phone"), limit=100)
    person.note = clean_text(data.note, N_("Note"), limit=5000, multiline=True)
    person.is_demo = check_flag(data.is_demo, N_("Demo data"))
    if data.gender is None and person.gender not in (None, "", UNKNOWN):
        return  # an edit that does not choose keeps the gender chosen before
    person.gender = check_gender(data.gender, person.patronymic)


def create_person(db: Database, actor: Actor, data: PersonData) -> PersonInfo:
    with db.transaction() as session:
        person = Person()
        _apply_person(person, data)
        session.add(person)
        audit(session, actor, "person.create", person)
        return person_info(person)


def update_person(
    db: Database,
    actor: Actor,
    person_id: int,
    data: PersonData,
    expected_version: int | None = None,
) -> PersonInfo:
    with db.transaction() as session:
        person = get(session, Person, person_id, N_("Person"))
        check_version(person, expected_version)
        before = snapshot(person)
        _apply_person(person, data)
        audit(session, actor, "person.update", person, before=before)
        return person_info(person)


def person_in_use(session: Session, person_id: int) -> bool:
    seats = session.scalar(
        select(func.count()).select_from(Seat).where(Seat.person_id == person_id)
    )
    held = session.scalar(
        select(func.count())
        .select_from(PositionHolding)
        .where(PositionHolding.person_id == person_id)
    )
    return bool(seats or held)


def archive_person(db: Database, actor: Actor, person_id: int, archived: bool = True) -> PersonInfo:
    """Archive a person: kept in every record, hidden from pick lists."""
    with db.transaction() as session:
        person = get(session, Person, person_id, N_("Person"))
        before = snapshot(person)
        person.archived = check_flag(archived, N_("Archived"))
        audit(
            session,
            actor,
            "person.archive" if archived else "person.restore",
            person,
            before=before,
        )
        return person_info(person)


def delete_person(db: Database, actor: Actor, person_id: int) -> None:
    """Delete a person entered by mistake; one who appears in any record is archived instead."""
    with db.transaction() as session:
        person = get(session, Person, person_id, N_("Person"))
        if person_in_use(session, person.id):
            raise DomainError(
                N_(
                    "{name} appears in the council records and cannot be deleted; archive the "
                    "person instead."
                ),
                name=person_info(person).full_name(),
            )
        before = snapshot(person)
        session.delete(person)
        audit(
            session,
            actor,
            "person.delete",
            entity="people",
            entity_id=person_id,
            before=before,
            after=None,
        )


def list_people(
    db: Database, search: str = "", *, include_archived: bool = False
) -> list[PersonInfo]:
    with db.reading() as session:
        query = select(Person).order_by(
            kazakh(Person.surname), kazakh(Person.given_name), kazakh(Person.patronymic), Person.id
        )
        if not include_archived:
            query = query.where(Person.archived.is_(False))
        if search.strip():
            query = query.where(Person.search_text.contains(fold(search.strip()), autoescape=True))
        return [person_info(p) for p in session.scalars(query)]



def get_person(db: Database, person_id: int) -> PersonInfo:
    """One person as saved now (what an editor compares with when its save met a newer one)."""
    with db.reading() as session:
        return person_info(get(session, Person, person_id, N_("Person")))


# -- positions -----------------------------------------------------------------


@dataclass(frozen=True)
class PositionData:
    title_kk: str = ""
    title_ru: str = ""
    title_en: str = ""
    organisation_kk: str = ""
    organisation_ru: str = ""
    organisation_en: str = ""
    is_demo: bool = False


@dataclass(frozen=True)
class PositionInfo:
    id: int
    uid: str
    titles: dict[str, str]
    organisations: dict[str, str]
    is_demo: bool
    archived: bool
    version: int

    def title(self, lang: str) -> str:
        return pick(self.titles, lang)

    def organisation(self, lang: str) -> str:
        return pick(self.organisations, lang)


def position_info(position: Position) -> PositionInfo:
    return PositionInfo(
        position.id,
        position.uid,
        {"kk": position.title_kk, "ru": position.title_ru, "en": position.title_en},
        {
            "kk": position.organisation_kk,
            "ru": position.organisation_ru,
            "en": position.organisation_en,
        },
        position.is_demo,
        position.archived,
        position.version,
    )


def _apply_position(position: Position, data: PositionData) -> None:
    expect(data, PositionData, N_("Position"))
    titles = {
        lang: clean_text(getattr(data, f"title_{lang}"), N_("Title"), limit=1000)
        for lang in ("kk", "ru", "en")
    }
    if not any(titles.values()):
        raise DomainError(N_("A position needs a title in at least one language."))
    for lang in ("kk", "ru", "en"):
        setattr(position, f"title_{lang}", titles[lang])
        setattr(
            position,
            f"organisation_{lang}",
            clean_text(getattr(data, f"organisation_{lang}"), N_("Organisation"), limit=1000),
        )
    position.is_demo = check_flag(data.is_demo, N_("Demo data"))


def create_position(db: Database, actor: Actor, data: PositionData) -> PositionInfo:
    with db.transaction() as session:
        position = Position()
        _apply_position(position, data)
        session.add(position)
        audit(session, actor, "position.create", position)
        return position_info(position)


def update_position(
    db: Database,
    actor: Actor,
    position_id: int,
    data: PositionData,
    expected_version: int | None = None,
) -> PositionInfo:
    with db.transaction() as session:
        position = get(session, Position, position_id, N_("Position"))
        check_version(position, expected_version)
        before = snapshot(position)
        _apply_position(position, data)
        audit(session, actor, "position.update", position, before=before)
        return position_info(position)


def archive_position(
    db: Database, actor: Actor, position_id: int, archived: bool = True
) -> PositionInfo:
    with db.transaction() as session:
        position = get(session, Position, position_id, N_("Position"))
        before = snapshot(position)
        position.archived = check_flag(archived, N_("Archived"))
        audit(
            session,
            actor,
            "position.archive" if archived else "position.restore",
            position,
            before=before,
        )
        return position_info(position)


def delete_position(db: Database, actor: Actor, position_id: int) -> None:
    """Delete a position entered by mistake; one used in any record is archived instead."""
    with db.transaction() as session:
        position = get(session, Position, position_id, N_("Position"))
        used = session.scalar(
            select(func.count()).select_from(Seat).where(Seat.position_id == position.id)
        )
        held = session.scalar(
            select(func.count())
            .select_from(PositionHolding)
            .where(PositionHolding.position_id == position.id)
        )
        if used or held:
            raise DomainError(
                N_(
                    "The position “{title}” appears in the council records and cannot be "
                    "deleted; archive it instead."
                ),
                title=position_info(position).title("kk"),
            )
        before = snapshot(position)
        session.delete(position)
        audit(
            session,
            actor,
            "position.delete",
            entity="positions",
            entity_id=position_id,
            before=before,
            after=None,
        )


def list_positions(
    db: Database, search: str = "", *, include_archived: bool = False, lang: str | None = None
) -> list[PositionInfo]:
    """Positions in Kazakh alphabetical order of their titles in ``lang`` (the interface's)."""
    lang = lang or interface_language()
    with db.reading() as session:
        query = select(Position).order_by(Position.id)
        if not include_archived:
            query = query.where(Position.archived.is_(False))
        if search.strip():
            query = query.where(
                Position.search_text.contains(fold(search.strip()), autoescape=True)
            )
        found = [position_info(p) for p in session.scalars(query)]
    return sorted(found, key=lambda p: (sort_key(p.title(lang)), sort_key(p.organisation(lang))))


# -- holdings ------------------------------------------------------------------


@dataclass(frozen=True)
class ActData:
    """The act behind a change: title (per language), number, date.

    ``titles`` holds the title in each language a document may print it in;
    ``title`` alone (an older caller, a one-language field) is filed under the
    language its letters show.
    """

    title: str = ""
    number: str = ""
    act_date: date | None = None
    titles: Mapping[str, str] = field(default_factory=dict)

    def all_titles(self) -> dict[str, str]:
        """The title per language, ``title`` filed under its own language when alone.

        Refuses data of the wrong shape (a view or an import sent something else).
        """
        if not isinstance(self.titles, Mapping) or not isinstance(self.title, str):
            raise DomainError(N_("The data for “{what}” is not valid."), what=Term(N_("Act")))
        titles = {lang: text for lang, text in self.titles.items() if text and lang in LANGS}
        if not titles and self.title.strip():
            titles[language_of(self.title) or "ru"] = self.title
        return titles



def get_position(db: Database, position_id: int) -> PositionInfo:
    """One position as saved now (what an editor compares with when its save met a newer one)."""
    with db.reading() as session:
        return position_info(get(session, Position, position_id, N_("Position")))


def make_act(session: Session, act: ActData | None, council_id: int | None = None) -> Act | None:
    if act is None:
        return None
    expect(act, ActData, N_("Act"))
    titles = {
        lang: clean_text(text, N_("Act"), limit=1000) for lang, text in act.all_titles().items()
    }
    if not (titles or act.number or act.act_date):
        return None
    record = Act(
        council_id=council_id,
        title=next((titles[lang] for lang in LANGS if titles.get(lang)), ""),
        title_kk=titles.get("kk", ""),
        title_ru=titles.get("ru", ""),
        title_en=titles.get("en", ""),
        number=clean_text(act.number, N_("Act number"), limit=64),
        act_date=check_date(act.act_date, N_("Act date"), required=False),
    )
    session.add(record)
    session.flush()
    return record


@dataclass(frozen=True)
class HoldingInfo:
    id: int
    position_id: int
    person_id: int
    valid_from: date
    valid_to: date | None
    act_id: int | None


def appoint_to_position(
    db: Database,
    actor: Actor,
    position_id: int,
    person_id: int,
    valid_from: date,
    act: ActData | None = None,
) -> HoldingInfo:
    """A person takes a position from a date; the previous holder's term ends the day before.

    Every ex officio seat bound to the position passes to the new holder from
    that date, and the history is kept.
    """
    start = check_date(valid_from, N_("From"))
    assert start is not None
    with db.transaction() as session:
        position = get(session, Position, position_id, N_("Position"))
        person = get(session, Person, person_id, N_("Person"))
        if person.archived or position.archived:
            raise DomainError(N_("Archived people and positions cannot be appointed."))
        current = session.scalars(
            select(PositionHolding).where(
                PositionHolding.position_id == position.id,
                or_(PositionHolding.valid_to.is_(None), PositionHolding.valid_to >= start),
            )
        ).all()
        for holding in current:
            if holding.valid_from >= start:
                raise DomainError(
                    N_(
                        "The position already has a holder from {day}; change that "
                        "appointment instead."
                    ),
                    day=holding.valid_from,
                )
            before = snapshot(holding)
            holding.valid_to = start - timedelta(days=1)
            audit(session, actor, "holding.end", holding, before=before)
        act_record = make_act(session, act)
        holding = PositionHolding(
            position_id=position.id,
            person_id=person.id,
            valid_from=start,
            valid_to=None,
            act_id=act_record.id if act_record else None,
        )
        session.add(holding)
        session.flush()
        facts = holding_facts(session, {position.id})
        check_holdings(facts, person_names(session))
        check_councils_of_position(session, position.id)
        audit(session, actor, "holding.create", holding)
        return HoldingInfo(
            holding.id,
            holding.position_id,
            holding.person_id,
            holding.valid_from,
            holding.valid_to,
            holding.act_id,
        )


def end_holding(db: Database, actor: Actor, holding_id: int, valid_to: date) -> HoldingInfo:
    """A person leaves a position; its ex officio seats stay vacant until the next holder."""
    end = check_date(valid_to, N_("To"))
    with db.transaction() as session:
        holding = get(session, PositionHolding, holding_id, N_("Appointment"))
        before = snapshot(holding)
        holding.valid_to = end
        Period(holding.valid_from, end)  # refuses an end before the start
        audit(session, actor, "holding.end", holding, before=before)
        return HoldingInfo(
            holding.id,
            holding.position_id,
            holding.person_id,
            holding.valid_from,
            holding.valid_to,
            holding.act_id,
        )


def holders(db: Database, position_id: int) -> list[HoldingInfo]:
    with db.reading() as session:
        rows = session.scalars(
            select(PositionHolding)
            .where(PositionHolding.position_id == position_id)
            .order_by(PositionHolding.valid_from)
        )
        return [
            HoldingInfo(h.id, h.position_id, h.person_id, h.valid_from, h.valid_to, h.act_id)
            for h in rows
        ]
