"""Every public write service x every role, on a real SQLite file (issue 17).

Each service has a valid call in a prepared world (``matrix_world``, ``matrix_recipes``);
an account the permission table refuses gets ``PermissionRefused`` and the database file
is byte-identical; an account the table allows is not refused.  A service discovered in
``app/services`` without a recipe (and not listed as read-only or not yet written) fails.
"""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path
from typing import Any

import pytest

from app.models.database import Database, open_database
from tests.services.accounts.account_helpers import files
from tests.services.accounts.matrix_body import check_service, coverage_gaps, report
from tests.services.accounts.matrix_recipes import NO_RECIPE_YET, RECIPES
from tests.services.accounts.matrix_world import World, build_world, held_for, roles_by_login


class FileCopies:
    """Copies of the world's SQLite file; a snapshot is the file and its log, byte for byte."""

    def __init__(self, template: Path, folder: Path) -> None:
        self.template, self.folder = template, folder
        self.paths: dict[int, Path] = {}
        self.counter = itertools.count()

    def fresh(self) -> Database:
        path = self.folder / f"copy-{next(self.counter)}.sqlite3"
        shutil.copyfile(self.template, path)
        db = open_database(path)
        self.paths[id(db)] = path
        return db

    def snapshot(self, db: Database) -> Any:
        return files(self.paths[id(db)])


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, World]:
    folder = tmp_path_factory.mktemp("matrix")
    template = folder / "world.sqlite3"
    db = open_database(template)
    built = build_world(db, folder)
    db.close()
    return template, built


def test_every_service_has_a_recipe_or_a_reason(capsys: pytest.CaptureFixture[str]) -> None:
    missing, stale = coverage_gaps()
    assert missing == [], f"services without a recipe in the role matrix: {missing}"
    assert stale == [], f"listed in the role matrix but not services: {stale}"
    with capsys.disabled():
        report(print)
    assert len(NO_RECIPE_YET) <= 2  # lower it as recipes are written; never raise it


@pytest.mark.parametrize("name", sorted(RECIPES))
def test_each_role_is_refused_or_allowed_as_the_table_says(
    name: str, world: tuple[Path, World], tmp_path: Path
) -> None:
    template, built = world
    allowed = check_service(FileCopies(template, tmp_path), name, built)
    assert any(allowed.values()), f"{name}: no role may make the call"


def test_the_accounts_hold_the_roles_the_matrix_expects(world: tuple[Path, World]) -> None:
    from sqlalchemy import select

    from app.models.accounts import Account
    from app.services.accounts.authorize import held_roles

    template, built = world
    db = open_database(template)
    try:
        with db.reading() as session:
            for login, roles in roles_by_login(built).items():
                account = session.scalars(select(Account).where(Account.login == login)).one()
                for council in (None, built.board, built.council, built.elsewhere):
                    assert held_roles(session, account.id, council) == held_for(roles, council)
    finally:
        db.close()
