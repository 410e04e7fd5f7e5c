"""The body of the role matrix, shared by the SQLite and PostgreSQL test modules.

For one service: the probe (every role, everywhere) makes the call in a fresh copy of the
world, which tells the audit actions (and councils) the call records; the table
(``app.domain.permissions.may``) then says which accounts may make it.  Each account the
table refuses gets ``PermissionRefused`` and the database is unchanged; each account it
allows makes the same call in its own fresh copy without being refused.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

import pytest
from sqlalchemy import func, select

from app.domain.permissions import PermissionRefused, may
from app.models.audit import AuditEvent
from app.models.database import Database
from app.services.base import Actor
from tests.reliability.test_fuzz_services import entry_points
from tests.services.accounts.matrix_recipes import (
    NO_RECIPE_YET,
    NOT_CHECKED,
    RECIPES,
    Recipe,
    short,
)
from tests.services.accounts.matrix_world import LOGINS, PROBE, World, held_for, roles_by_login

SERVICES = sorted(short(name) for name, _ in entry_points())


class Copies(Protocol):
    """Fresh copies of the prepared world, and a snapshot of a copy's whole content."""

    def fresh(self) -> Database: ...

    def snapshot(self, db: Database) -> Any: ...


def coverage_gaps() -> tuple[list[str], list[str]]:
    """(services with neither a recipe nor an exemption, names listed but not services)."""
    missing = [
        s for s in SERVICES if s not in RECIPES and s not in NOT_CHECKED and s not in NO_RECIPE_YET
    ]
    stale = sorted((set(RECIPES) | set(NOT_CHECKED) | set(NO_RECIPE_YET)) - set(SERVICES))
    return missing, stale


def _last_event(db: Database) -> int:
    with db.reading() as session:
        return session.scalar(select(func.max(AuditEvent.id))) or 0


def _events_after(db: Database, last: int) -> list[tuple[str, int | None]]:
    with db.reading() as session:
        rows = session.execute(
            select(AuditEvent.action, AuditEvent.council_id)
            .where(AuditEvent.id > last)
            .order_by(AuditEvent.id)
        ).all()
    return [(action, council) for action, council in rows]


def _prepared(copies: Copies, recipe: Recipe, world: World) -> tuple[Database, Any]:
    db = copies.fresh()
    prepared = recipe.prepare(db, world) if recipe.prepare is not None else None
    return db, prepared


def probe(copies: Copies, name: str, world: World) -> list[tuple[str, int | None]]:
    """The audit actions the call records, made by the probe; it must write something."""
    recipe = RECIPES[name]
    db, prepared = _prepared(copies, recipe, world)
    before, last = copies.snapshot(db), _last_event(db)
    recipe.call(db, PROBE, world, prepared)
    events = _events_after(db, last)
    changed = copies.snapshot(db) != before
    db.close()
    assert changed, f"{name}: the recipe's call wrote nothing"
    assert events, f"{name}: the call wrote without an audit event, so unchecked"
    return events


def expected_allowed(world: World, events: list[tuple[str, int | None]]) -> dict[str, bool]:
    roles = roles_by_login(world)
    return {
        login: all(may(held_for(roles[login], council), action) for action, council in events)
        for login in LOGINS
    }


def check_service(copies: Copies, name: str, world: World) -> dict[str, bool]:
    """The whole row of ``name``: refused accounts change nothing, allowed ones act."""
    recipe = RECIPES[name]
    allowed = expected_allowed(world, probe(copies, name, world))
    db, prepared = _prepared(copies, recipe, world)
    for login in (lo for lo in LOGINS if not allowed[lo]):
        before = copies.snapshot(db)
        with pytest.raises(PermissionRefused):
            recipe.call(db, Actor(login), world, prepared)
        assert copies.snapshot(db) == before, f"{name}: refused {login} changed the database"
    db.close()
    for login in (lo for lo in LOGINS if allowed[lo]):
        _allowed_acts(copies, recipe, world, name, login)
    return allowed


def _allowed_acts(copies: Copies, recipe: Recipe, world: World, name: str, login: str) -> None:
    db, prepared = _prepared(copies, recipe, world)
    try:
        recipe.call(db, Actor(login), world, prepared)
    except PermissionRefused as refused:
        pytest.fail(f"{name}: {login} is allowed by the table but refused: {refused}")
    finally:
        db.close()


def report(printer: Callable[[str], None]) -> None:
    printer(
        f"role matrix: {len(RECIPES)} services with a recipe, "
        f"{len(NOT_CHECKED)} not checked, {len(NO_RECIPE_YET)} with no recipe yet:"
    )
    for name, why in sorted(NO_RECIPE_YET.items()):
        printer(f"  no recipe yet: {name} ({why})")
