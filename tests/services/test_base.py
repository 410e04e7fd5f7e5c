"""What every service shares: the actor, the checks of input, lookups, the audit trail."""

from __future__ import annotations

import getpass
from collections.abc import Iterator
from datetime import date, datetime

import pytest
from sqlalchemy import select

from app import i18n
from app.domain.errors import ChangedMeanwhile, DomainError, NotFoundError
from app.models.audit import AuditEvent
from app.models.composition import Act, Person
from app.models.database import Database
from app.services.base import (
    MAX_ID,
    SYSTEM,
    Actor,
    audit,
    check_date,
    check_flag,
    check_id,
    check_version,
    expect,
    get,
    snapshot,
    work_as,
)
from app.services.people import PersonData, create_person

ME = Actor("secretary")


@pytest.fixture
def signed_out() -> Iterator[None]:
    work_as(None)
    yield
    work_as(None)


def test_the_signed_in_account_acts_else_the_systems_user(
    signed_out: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(getpass, "getuser", lambda: "omarova")
    assert Actor.current_user() == Actor("omarova")
    work_as(Actor("abenov"))
    assert Actor.current_user() == Actor("abenov")
    work_as(None)

    def no_user() -> str:
        raise KeyError("uid 1000")

    monkeypatch.setattr(getpass, "getuser", no_user)
    assert Actor.current_user() == Actor("unknown")
    assert SYSTEM.name == "kenes"


def test_a_date_out_of_range_is_refused_in_the_users_date_form() -> None:
    assert check_date(date(2026, 4, 15), "Day") == date(2026, 4, 15)
    assert check_date(None, "Day", required=False) is None
    with pytest.raises(DomainError) as caught:
        check_date(date(1800, 1, 1), "Day")
    assert caught.value.message(i18n.translations("en")) == "The date 01/01/1800 is out of range."
    for lang in ("kk", "ru"):
        text = caught.value.message(i18n.translations(lang))
        assert "01.01.1800" in text and "1800-01-01" not in text
    for bad in (None, "2026-04-15", datetime(2026, 4, 15, 10, 0), date(2201, 1, 1)):
        with pytest.raises(DomainError):
            check_date(bad, "Day")


def test_data_of_the_wrong_shape_is_refused() -> None:
    assert expect("text", str, "Name") == "text"
    with pytest.raises(DomainError, match="“Name” is not valid"):
        expect(5, str, "Name")
    assert check_flag(True, "Voting") is True
    for bad in (None, 1, "yes"):
        with pytest.raises(DomainError, match="yes or no"):
            check_flag(bad, "Voting")


@pytest.mark.parametrize("bad", [0, -1, MAX_ID + 1, True, "5", 5.0, None])
def test_a_malformed_id_is_refused(bad: object) -> None:
    with pytest.raises(DomainError, match="must name an existing record"):
        check_id(bad, "Person")


def test_get_loads_a_record_or_says_it_does_not_exist(database: Database) -> None:
    created = create_person(database, ME, PersonData(surname="Әбенов"))
    with database.reading() as session:
        assert get(session, Person, created.id, "Person").surname == "Әбенов"
        with pytest.raises(NotFoundError) as caught:
            get(session, Person, created.id + 1, "Person")
    assert str(caught.value) == f"Person #{created.id + 1} does not exist."
    with database.reading() as session:
        row = session.get(Person, created.id)
        assert row is not None
        check_version(row, None)
        check_version(row, row.version)
        with pytest.raises(ChangedMeanwhile):
            check_version(row, row.version + 1)


def test_an_audit_event_records_who_what_and_the_values_as_json(database: Database) -> None:
    with database.transaction() as session:
        person = Person(surname="Исаев", given_name="Болат")
        session.add(person)
        session.flush()
        audit(session, ME, "person.create", person, council_id=7)
        before = snapshot(person)
        person.given_name = "Бекзат"
        audit(session, SYSTEM, "person.update", person, before=before)
    with database.reading() as session:
        first, second = session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
        session.expunge_all()
    assert (first.actor, first.action, first.entity) == ("secretary", "person.create", "people")
    assert first.entity_id == second.entity_id and first.council_id == 7
    assert first.before is None and first.after is not None
    assert first.after["given_name"] == "Болат"
    assert second.before == first.after and second.after is not None
    assert second.after["given_name"] == "Бекзат"
    assert second.prev_hash == first.hash and first.seq is not None and second.seq is not None
    assert second.seq == first.seq + 1


def test_a_snapshot_holds_every_column_with_dates_as_text() -> None:
    act = Act(title_kk="Қаулы", number="27", act_date=date(2022, 1, 26))
    values = snapshot(act)
    assert values["act_date"] == "2022-01-26" and values["number"] == "27"
    assert set(values) >= {"id", "title_kk", "title_ru", "title_en", "note"}
