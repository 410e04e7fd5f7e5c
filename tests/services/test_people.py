"""People and positions: the register, appointments to positions, what cannot be deleted."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.domain.composition import Role, SeatKind
from app.domain.errors import ChangedMeanwhile, DomainError, NotFoundError
from app.models.database import Database
from app.services.councils import CouncilData, create_council
from app.services.people import (
    ActData,
    PersonData,
    appoint_to_position,
    archive_person,
    archive_position,
    create_person,
    delete_person,
    delete_position,
    end_holding,
    get_person,
    holders,
    list_people,
    list_positions,
    update_person,
)
from app.services.seats import SeatData, add_seat, composition
from tests.services.composition_helpers import (
    DECREE,
    ME,
    START,
    new_council,
    person,
    position,
)
from tests.services.helpers import audit_actions, counts


@pytest.fixture
def council_id(database: Database) -> int:
    return new_council(database)


def test_people_in_records_are_archived_never_deleted(database: Database, council_id: int) -> None:
    used = person(database, "Исаев", "Марат")
    add_seat(
        database, ME, council_id, SeatData(Role.MEMBER, SeatKind.PERSONAL, START, person_id=used)
    )
    with pytest.raises(DomainError, match="archive the person instead"):
        delete_person(database, ME, used)
    archive_person(database, ME, used)
    assert used not in [p.id for p in list_people(database)]
    assert composition(database, council_id, date(2023, 1, 1))[0].person.surname == "Исаев"
    with pytest.raises(DomainError, match="Archived"):
        add_seat(
            database,
            ME,
            create_council(database, ME, CouncilData(name_en="Other")).id,
            SeatData(Role.MEMBER, SeatKind.PERSONAL, START, person_id=used),
        )
    typo = person(database, "Қате")
    delete_person(database, ME, typo)
    assert typo not in [p.id for p in list_people(database, include_archived=True)]


def test_positions_in_records_are_not_deleted(database: Database, council_id: int) -> None:
    title = position(database, "Министр")
    add_seat(
        database,
        ME,
        council_id,
        SeatData(Role.MEMBER, SeatKind.EX_OFFICIO, START, position_id=title),
    )
    with pytest.raises(DomainError, match="archive it instead"):
        delete_position(database, ME, title)
    delete_position(database, ME, position(database, "Unused"))


def test_person_fields_are_checked(database: Database) -> None:
    with pytest.raises(DomainError, match="must not be empty"):
        create_person(database, ME, PersonData(surname="  "))
    with pytest.raises(DomainError, match="e-mail"):
        create_person(database, ME, PersonData(surname="Исаев", email="not an address"))
    pid = person(database, "Исаев")
    updated = update_person(
        database,
        ME,
        pid,
        PersonData(
            surname="Исаев", given_name="Марат", patronymic="Бекұлы", latin_name="Marat Issayev"
        ),
    )
    assert updated.full_name("ru") == "Исаев Марат Бекұлы"
    assert updated.full_name("en") == "Marat Issayev"
    assert updated.short_name("kk") == "Исаев М. Б."
    assert [p.id for p in list_people(database, "исаев")] == [pid]
    assert [p.id for p in list_people(database, "ISSAYEV")] == [pid]
    assert list_people(database, "100%_") == []


def test_a_new_holder_ends_the_previous_term_the_day_before(database: Database) -> None:
    minister = position(database, "Министр")
    first, second = person(database, "Әбенов"), person(database, "Омарова")
    appoint_to_position(database, ME, minister, first, START, DECREE)
    later = START + timedelta(days=100)
    appoint_to_position(database, ME, minister, second, later)
    old, new = holders(database, minister)
    assert (old.person_id, old.valid_from, old.valid_to) == (
        first,
        START,
        later - timedelta(days=1),
    )
    assert (new.person_id, new.valid_to, new.act_id) == (second, None, None)
    assert old.act_id is not None
    assert audit_actions(database)[-2:] == ["holding.end", "holding.create"]
    ended = end_holding(database, ME, new.id, later + timedelta(days=30))
    assert ended.valid_to == later + timedelta(days=30)


def test_appointments_that_cannot_be_are_refused_and_nothing_written(
    database: Database,
) -> None:
    minister = position(database, "Министр")
    holder, other = person(database, "Әбенов"), person(database, "Омарова")
    holding = appoint_to_position(database, ME, minister, holder, START)
    archive_person(database, ME, other)
    before = counts(database)
    with pytest.raises(DomainError, match="already has a holder"):
        appoint_to_position(database, ME, minister, holder, START)
    with pytest.raises(DomainError, match="already has a holder"):
        appoint_to_position(database, ME, minister, holder, START - timedelta(days=1))
    with pytest.raises(DomainError, match="Archived people and positions"):
        appoint_to_position(database, ME, minister, other, START + timedelta(days=5))
    with pytest.raises(DomainError):
        end_holding(database, ME, holding.id, START - timedelta(days=1))  # before it began
    with pytest.raises(NotFoundError):
        appoint_to_position(database, ME, minister + 1, holder, START)
    assert counts(database) == before


def test_an_edit_over_a_newer_one_is_refused(database: Database) -> None:
    pid = person(database, "Исаев")
    seen = get_person(database, pid)
    update_person(database, ME, pid, PersonData(surname="Исаев", given_name="Марат"))
    before = counts(database)
    with pytest.raises(ChangedMeanwhile):
        update_person(
            database, ME, pid, PersonData(surname="Исаева"), expected_version=seen.version
        )
    assert counts(database) == before and get_person(database, pid).surname == "Исаев"


def test_the_gender_comes_from_the_patronymic_unless_chosen(database: Database) -> None:
    son = create_person(database, ME, PersonData(surname="Исаев", patronymic="Бекұлы"))
    daughter = create_person(database, ME, PersonData(surname="Исаева", patronymic="Бекқызы"))
    chosen = create_person(database, ME, PersonData(surname="Келлер", gender="female"))
    assert (son.gender, daughter.gender, chosen.gender) == ("male", "female", "female")
    kept = update_person(database, ME, chosen.id, PersonData(surname="Келлер", given_name="Анна"))
    assert kept.gender == "female"


def test_lists_are_in_kazakh_alphabetical_order(database: Database) -> None:
    for surname in ("Өмірзақов", "Оспанов", "Әбенов", "Абаев"):
        person(database, surname)
    assert [p.surname for p in list_people(database)] == ["Абаев", "Әбенов", "Оспанов", "Өмірзақов"]
    for title in ("Ұлттық банк төрағасы", "Аким", "Әкім"):
        position(database, title)
    archive_position(database, ME, position(database, "Бұрынғы лауазым"))
    titles = [p.title("kk") for p in list_positions(database, lang="kk")]
    assert titles == ["Аким", "Әкім", "Ұлттық банк төрағасы"]
    every = list_positions(database, include_archived=True, lang="kk")
    assert "Бұрынғы лауазым" in [p.title("kk") for p in every]
    assert [p.title("kk") for p in list_positions(database, "әкім", lang="kk")] == ["Әкім"]


def test_an_act_title_is_filed_under_its_language() -> None:
    assert ActData("Қаулы", "27").all_titles() == {"kk": "Қаулы"}
    assert ActData("Постановление").all_titles() == {"ru": "Постановление"}
    assert ActData("Decree", titles={"en": "Decree", "de": "Erlass"}).all_titles() == {
        "en": "Decree"
    }
    with pytest.raises(DomainError, match="not valid"):
        ActData(titles="Қаулы").all_titles()  # type: ignore[arg-type]
