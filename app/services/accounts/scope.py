"""What the account at work may read: the one place the read queries are limited by role.

A database without accounts reads everything, as before.  With accounts, each council is
read at the most its roles there allow (``app.domain.permissions.READ_LEVELS``): the
administrator, secretary and chair read everything; a member reads the council's meetings
and materials and its signed protocols, never a draft; a reader reads the archive only,
meetings whose protocol is signed.  A council where the account holds no role is not
listed at all, and someone who is not an enabled account reads nothing.

The list queries add :meth:`ReadScope.councils`, :meth:`ReadScope.meetings` or
:meth:`ReadScope.protocols` to their ``WHERE``; a query for one record calls a ``check_``
function, which refuses the way a missing record is refused, so a view or a command
cannot learn more than the list shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, false, or_, select, true
from sqlalchemy.orm import Session

from app.domain.permissions import (
    MSG_NOT_READABLE,
    ReadLevel,
    ReadRefused,
    Role,
    read_level,
)
from app.domain.protocol_states import LOCKED
from app.models.accounts import Account, AccountRole
from app.models.meeting import Meeting
from app.models.protocol import Protocol
from app.services.accounts.authorize import accounts_enabled
from app.services.base import Actor

#: The protocol states that are issued: what a member or a reader may read.
SIGNED_STATES = tuple(sorted(state.value for state in LOCKED))  # signed, copies sent


@dataclass(frozen=True)
class ReadScope:
    """The read level of one account per council; ``everywhere`` for councils not named."""

    login: str
    limited: bool = True
    everywhere: ReadLevel = ReadLevel.NONE
    levels: dict[int, ReadLevel] = field(default_factory=dict)

    def level(self, council_id: int) -> ReadLevel:
        if not self.limited:
            return ReadLevel.FULL
        return max(self.everywhere, self.levels.get(council_id, ReadLevel.NONE))

    def _at_least(self, minimum: ReadLevel) -> list[int]:
        return sorted(c for c, level in self.levels.items() if level >= minimum)

    def _councils_from(self, column: Any, minimum: ReadLevel) -> ColumnElement[bool]:
        """``column`` names a council read at ``minimum`` or more."""
        if not self.limited or self.everywhere >= minimum:
            return true()
        named = self._at_least(minimum)
        return column.in_(named) if named else false()

    def councils(self, column: Any) -> ColumnElement[bool]:
        """The councils where the account holds a role (``column``: a council id column)."""
        return self._councils_from(column, ReadLevel.ARCHIVE)

    def meetings(self) -> ColumnElement[bool]:
        """The meetings the account may read: its member councils' all, else the archive's."""
        if not self.limited:
            return true()
        return or_(
            self._councils_from(Meeting.council_id, ReadLevel.MEMBER),
            and_(self.councils(Meeting.council_id), _has_signed_protocol()),
        )

    def protocols(self) -> ColumnElement[bool]:
        """The meetings whose protocol the account may read (drafts: its full councils only)."""
        if not self.limited:
            return true()
        return or_(
            self._councils_from(Meeting.council_id, ReadLevel.FULL),
            and_(self.councils(Meeting.council_id), _has_signed_protocol()),
        )

    def may_read_protocol(self, council_id: int, state: str) -> bool:
        level = self.level(council_id)
        return level >= ReadLevel.FULL or (level > ReadLevel.NONE and state in SIGNED_STATES)


def _has_signed_protocol() -> ColumnElement[bool]:
    return exists().where(Protocol.meeting_id == Meeting.id, Protocol.state.in_(SIGNED_STATES))


def read_scope(session: Session, actor: Actor | None = None) -> ReadScope:
    """What ``actor`` (the account at work in this process by default) may read."""
    actor = actor or Actor.current_user()
    if not accounts_enabled(session):
        return ReadScope(actor.name, limited=False)
    account = session.scalar(
        select(Account).where(Account.login == actor.name, Account.disabled.is_(False))
    )
    if account is None:
        return ReadScope(actor.name)
    held: dict[int | None, set[Role]] = {}
    for council_id, value in session.execute(
        select(AccountRole.council_id, AccountRole.role).where(AccountRole.account_id == account.id)
    ):
        if value in set(Role):
            held.setdefault(council_id, set()).add(Role(value))
    everywhere = read_level(held.pop(None, set()))
    levels = {council: read_level(roles) for council, roles in held.items() if council is not None}
    return ReadScope(actor.name, everywhere=everywhere, levels=levels)


def refused(scope: ReadScope) -> ReadRefused:
    return ReadRefused(MSG_NOT_READABLE, login=scope.login)


def check_council(session: Session, council_id: int) -> None:
    """Refuse a council where the account holds no role."""
    scope = read_scope(session)
    if scope.level(council_id) is ReadLevel.NONE:
        raise refused(scope)


def check_meeting(session: Session, meeting: Meeting) -> None:
    """Refuse a meeting the account may not read."""
    scope = read_scope(session)
    if not scope.limited:
        return
    if not session.scalar(select(exists().where(Meeting.id == meeting.id, scope.meetings()))):
        raise refused(scope)


def check_protocol(session: Session, protocol: Protocol) -> None:
    """Refuse a protocol the account may not read (a draft, below the full level)."""
    scope = read_scope(session)
    if not scope.limited:
        return
    meeting = session.get(Meeting, protocol.meeting_id)
    if meeting is None or not scope.may_read_protocol(meeting.council_id, protocol.state):
        raise refused(scope)
