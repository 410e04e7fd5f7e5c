"""Accounts on a real SQLite file: who may do what, and every refusal writes nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from app.domain.meeting import MeetingState
from app.domain.permissions import PermissionRefused
from app.models.database import Database
from app.services.accounts.add_account import add_account
from app.services.accounts.disable_account import disable_account
from app.services.accounts.list_accounts import has_accounts, list_accounts
from app.services.accounts.set_role import set_role
from app.services.base import Actor
from app.services.councils import CouncilData, archive_council, create_council
from app.services.meetings.approve_agenda import approve_agenda
from tests.services.meeting_helpers import ME, make_world, meeting_in_state, plan

ADMIN = Actor("admin")
PASSWORD = "correct horse battery"


def files(path: Path) -> dict[str, bytes]:
    """The database file and its write-ahead log, byte for byte."""
    return {
        p.name: p.read_bytes() for p in (path, path.with_name(path.name + "-wal")) if p.exists()
    }


def refused_unchanged(db_path: Path, action: Callable[[], Any]) -> PermissionRefused:
    before = files(db_path)
    with pytest.raises(PermissionRefused) as caught:
        action()
    assert files(db_path) == before
    return caught.value


@dataclass(frozen=True)
class Office:
    database: Database
    council: int
    other_council: int
    meeting: int


def staff(database: Database, council_id: int) -> None:
    """Accounts: an administrator, then the council's secretary, chair, member and reader."""
    add_account(database, ME, "admin", PASSWORD, role="administrator")
    for login, role in (
        ("seitov", "secretary"),
        ("abenov", "chair"),
        ("omarova", "member"),
        ("reader", "reader"),
    ):
        add_account(database, ADMIN, login, PASSWORD, role=role, council_id=council_id)


@pytest.fixture
def office(database: Database) -> Office:
    """The test council with a planned meeting and a second council, then the accounts."""
    world = make_world(database)
    meeting = meeting_in_state(database, world, MeetingState.PLANNED)
    other = create_council(database, ME, CouncilData(name_kk="Басқа кеңес", name_ru="Другой совет"))
    staff(database, world.council_id)
    return Office(database, world.council_id, other.id, meeting)


def test_a_database_without_accounts_lets_everyone_act(database: Database) -> None:
    world = make_world(database)
    assert not has_accounts(database)
    assert plan(database, world) > 0


def test_the_first_account_must_be_an_administrator_for_every_council(
    database: Database, db_path: Path
) -> None:
    world = make_world(database)
    before = files(db_path)
    with pytest.raises(Exception, match="first account must be an administrator"):
        add_account(database, ME, "seitov", PASSWORD, role="secretary")
    with pytest.raises(Exception, match="first account must be an administrator"):
        add_account(
            database, ME, "admin", PASSWORD, role="administrator", council_id=world.council_id
        )
    assert files(db_path) == before
    add_account(database, ME, "admin", PASSWORD, role="administrator")
    assert has_accounts(database)
    assert [a.login for a in list_accounts(database)] == ["admin"]


def test_once_accounts_exist_an_unknown_actor_changes_nothing(
    office: Office, db_path: Path
) -> None:
    error = refused_unchanged(db_path, lambda: plan_for(office, office.council, ME))
    assert "sign in" in error.message()


def plan_for(office: Office, council_id: int, actor: Actor) -> int:
    from app.services.meetings.plan_meeting import plan_meeting
    from tests.services.meeting_helpers import meeting_data

    return plan_meeting(office.database, actor, council_id, meeting_data()).meeting.id


@pytest.mark.parametrize("login", ["abenov", "omarova", "reader", "admin"])
def test_only_the_secretary_plans_meetings(office: Office, db_path: Path, login: str) -> None:
    error = refused_unchanged(db_path, lambda: plan_for(office, office.council, Actor(login)))
    assert "only the secretary may" in error.message()
    assert plan_for(office, office.council, Actor("seitov")) > 0


def test_the_chair_approves_the_agenda_the_member_may_not(office: Office, db_path: Path) -> None:
    for login in ("omarova", "reader", "admin"):
        error = refused_unchanged(
            db_path, lambda who=login: approve_agenda(office.database, Actor(who), office.meeting)
        )
        assert "only the secretary or the chair may" in error.message()
    approve_agenda(office.database, Actor("abenov"), office.meeting)


def test_a_role_in_one_council_gives_nothing_in_another(office: Office, db_path: Path) -> None:
    def archive() -> object:
        return archive_council(office.database, Actor("seitov"), office.other_council)

    refused_unchanged(db_path, archive)
    set_role(office.database, ADMIN, "seitov", "secretary", council_id=office.other_council)
    archive()


def test_only_the_administrator_manages_accounts(office: Office, db_path: Path) -> None:
    for login in ("seitov", "abenov", "omarova", "reader"):
        refused_unchanged(
            db_path,
            lambda who=login: add_account(
                office.database, Actor(who), "new", PASSWORD, role="reader"
            ),
        )
        refused_unchanged(
            db_path,
            lambda who=login: set_role(office.database, Actor(who), who, "administrator"),
        )


def test_a_disabled_account_can_no_longer_act(office: Office, db_path: Path) -> None:
    disable_account(office.database, ADMIN, "seitov")
    error = refused_unchanged(db_path, lambda: plan_for(office, office.council, Actor("seitov")))
    assert "sign in" in error.message()
    disable_account(office.database, ADMIN, "seitov", disabled=False)
    assert plan_for(office, office.council, Actor("seitov")) > 0


def test_the_last_administrator_stays(office: Office, db_path: Path) -> None:
    before = files(db_path)
    with pytest.raises(Exception, match="last administrator"):
        disable_account(office.database, ADMIN, "admin")
    with pytest.raises(Exception, match="last administrator"):
        set_role(office.database, ADMIN, "admin", "administrator", granted=False)
    assert files(db_path) == before
    add_account(office.database, ADMIN, "second", PASSWORD, role="administrator")
    disable_account(office.database, Actor("second"), "admin")
    refused_unchanged(
        db_path, lambda: add_account(office.database, ADMIN, "third", PASSWORD, role="reader")
    )


def test_the_views_learn_what_the_account_may_do(office: Office) -> None:
    from app.services.accounts.abilities import abilities

    chair = abilities(office.database, Actor("abenov"))
    assert chair.may("meeting.approve_agenda", office.council)
    assert not chair.may("meeting.plan", office.council)
    refusal = chair.refusal("meeting.plan", office.council)
    assert refusal is not None and "only the secretary may" in refusal.message()
    assert not chair.may("meeting.approve_agenda", office.other_council)
    nobody = abilities(office.database, Actor("stranger"))
    assert not nobody.may("meeting.plan", office.council)


def test_without_accounts_everything_is_possible(database: Database) -> None:
    from app.services.accounts.abilities import abilities

    assert abilities(database, Actor("anyone")).may("account.create", None)
