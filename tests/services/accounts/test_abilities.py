"""What the signed-in account may do, read once for the views, with the service's reason."""

from __future__ import annotations

from app.domain.permissions import PermissionRefused, Role
from app.models.database import Database
from app.services.accounts.abilities import Abilities, abilities
from app.services.accounts.add_account import add_account
from app.services.accounts.disable_account import disable_account
from app.services.accounts.set_role import set_role
from app.services.base import Actor
from tests.services.accounts.account_helpers import ADMIN, PASSWORD, with_admin
from tests.services.meeting_helpers import make_world


def test_without_accounts_everything_is_possible(database: Database) -> None:
    found = abilities(database, Actor("anyone"))
    assert found == Abilities("anyone", accounts=False)
    assert found.may("account.create", None) and found.may("protocol.sign", 7)
    assert found.refusal("meeting.plan", 7) is None


def test_roles_per_council_and_everywhere(database: Database) -> None:
    council = make_world(database).council_id
    with_admin(database)
    add_account(database, ADMIN, "abenov", PASSWORD, role="chair", council_id=council)
    set_role(database, ADMIN, "abenov", "reader")  # every council
    found = abilities(database, Actor("abenov"))
    assert found.held(council) == {Role.CHAIR, Role.READER}
    assert found.held(council + 1) == {Role.READER}
    assert found.held(None) == {Role.CHAIR, Role.READER}
    assert found.may("protocol.sign", council)
    assert not found.may("protocol.sign", council + 1)
    assert found.may("account.password", council + 1)  # every account's own


def test_the_reason_is_the_one_the_service_gives(database: Database) -> None:
    council = make_world(database).council_id
    with_admin(database)
    add_account(database, ADMIN, "omarova", PASSWORD, role="member", council_id=council)
    refusal = abilities(database, Actor("omarova")).refusal("meeting.approve_agenda", council)
    assert isinstance(refusal, PermissionRefused)
    assert str(refusal) == (
        "The account “omarova” may not do this here: only the secretary or the chair may."
    )


def test_an_unknown_or_disabled_account_may_do_nothing(database: Database) -> None:
    with_admin(database)
    add_account(database, ADMIN, "seitov", PASSWORD, role="secretary")
    disable_account(database, ADMIN, "seitov")
    for login in ("seitov", "stranger"):
        found = abilities(database, Actor(login))
        assert found == Abilities(login, accounts=True)
        assert found.held(None) == frozenset()
        assert not found.may("meeting.plan", None)
