"""What the account actions share: the login rule, roles, the public view, the last admin."""

from __future__ import annotations

import pytest

from app.domain.errors import DomainError, NotFoundError
from app.domain.permissions import Role
from app.models.accounts import Account, AccountRole
from app.models.database import Database
from app.services.accounts.common import (
    RoleGrant,
    account_info,
    check_council,
    check_login,
    check_role,
    find_account,
    keep_an_administrator,
    public,
)
from tests.services.meeting_helpers import make_world


def add(
    database: Database, login: str, *grants: tuple[str, int | None], disabled: bool = False
) -> int:
    with database.transaction() as session:
        account = Account(login=login, password_hash="$argon2id$secret", disabled=disabled)
        session.add(account)
        session.flush()
        for role, council_id in grants:
            session.add(AccountRole(account_id=account.id, council_id=council_id, role=role))
        return account.id


@pytest.mark.parametrize("login", ["ab", "seitov", "m.seitov@gov.kz", "сейітов_м", "a-b", "x" * 64])
def test_a_login_of_letters_digits_and_signs_is_accepted(login: str) -> None:
    assert check_login(f"  {login} ") == login


@pytest.mark.parametrize("login", ["a", "", "two words", "x" * 65, "semi;colon", None, 7])
def test_a_login_that_breaks_the_rule_is_refused(login: object) -> None:
    with pytest.raises(DomainError, match="2 to 64 letters"):
        check_login(login)


def test_only_a_known_role_is_accepted() -> None:
    assert check_role("chair") is Role.CHAIR
    for wrong in ("Chair", "owner", "", None):
        with pytest.raises(DomainError, match="no such role"):
            check_role(wrong)


def test_the_account_as_shown_and_audited_never_carries_the_password_hash(
    database: Database,
) -> None:
    council_id = make_world(database).council_id
    add(database, "seitov", ("secretary", council_id), ("reader", None), ("member", council_id))
    with database.reading() as session:
        account = find_account(session, "seitov")
        info = account_info(session, account)
        audited = public(account)
    # By council (every council first on SQLite), then by role.
    assert info.roles == (
        RoleGrant(Role.READER, None),
        RoleGrant(Role.MEMBER, council_id),
        RoleGrant(Role.SECRETARY, council_id),
    )
    assert "$argon2id$secret" not in repr(info)
    assert audited == {
        "login": "seitov",
        "display_name": "",
        "disabled": False,
        "must_change_password": False,
    }


def test_an_unknown_account_or_council_is_named(database: Database) -> None:
    with database.reading() as session:
        with pytest.raises(NotFoundError, match="no account “nobody”"):
            find_account(session, "nobody")
        assert check_council(session, None) is None
        with pytest.raises(NotFoundError):
            check_council(session, 99)


def test_the_last_enabled_administrator_for_every_council_is_kept(database: Database) -> None:
    council_id = make_world(database).council_id
    admin = add(database, "admin", ("administrator", None))
    add(database, "local", ("administrator", council_id))  # one council only: does not count
    add(database, "former", ("administrator", None), disabled=True)  # disabled: does not count
    with database.reading() as session:
        keep_an_administrator(session)
        with pytest.raises(DomainError, match="last administrator"):
            keep_an_administrator(session, without_account=admin)
    add(database, "second", ("administrator", None))
    with database.reading() as session:
        keep_an_administrator(session, without_account=admin)
