"""What the signed-in account may do, for the views to disable actions and say why.

The services check every write themselves (``authorize``); this is only so that a view
can grey out an action before the user tries it, with the same reason the service would
give.  Read once after sign-in: roles change rarely, and a stale answer is still caught
by the service.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from app.domain.errors import DomainError
from app.domain.permissions import Role, check_permission
from app.models.accounts import Account, AccountRole
from app.models.database import Database
from app.services.accounts.authorize import accounts_enabled
from app.services.base import Actor


@dataclass(frozen=True)
class Abilities:
    """The roles of one account per council (``None``: every council)."""

    login: str
    accounts: bool  # False: a database without accounts, where everyone may do everything
    roles: dict[int | None, frozenset[Role]] = field(default_factory=dict)

    def held(self, council_id: int | None) -> frozenset[Role]:
        everywhere = self.roles.get(None, frozenset())
        if council_id is None:
            return frozenset().union(*self.roles.values()) if self.roles else frozenset()
        return everywhere | self.roles.get(council_id, frozenset())

    def refusal(self, action: str, council_id: int | None) -> DomainError | None:
        """Why ``action`` would be refused in ``council_id``, or None if it is allowed."""
        if not self.accounts:
            return None
        try:
            check_permission(self.login, self.held(council_id), action)
        except DomainError as refused:
            return refused
        return None

    def may(self, action: str, council_id: int | None) -> bool:
        return self.refusal(action, council_id) is None


def abilities(db: Database, actor: Actor) -> Abilities:
    """What ``actor`` may do in this database."""
    with db.reading() as session:
        if not accounts_enabled(session):
            return Abilities(actor.name, accounts=False)
        account = session.scalar(
            select(Account).where(Account.login == actor.name, Account.disabled.is_(False))
        )
        if account is None:
            return Abilities(actor.name, accounts=True)
        roles: dict[int | None, set[Role]] = {}
        for grant in session.scalars(
            select(AccountRole).where(AccountRole.account_id == account.id)
        ):
            if grant.role in set(Role):
                roles.setdefault(grant.council_id, set()).add(Role(grant.role))
        return Abilities(
            actor.name, accounts=True, roles={k: frozenset(v) for k, v in roles.items()}
        )
