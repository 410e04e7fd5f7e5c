"""Who may do what: the roles of a secretariat and the one table of action → roles.

A database without accounts is a single secretary's desk and nothing here applies.  Once
the administrator creates accounts, every action that changes the record is checked
against this table in the service's own transaction (``app/services/accounts/authorize``),
so a refusal leaves the database as it was, whatever view or command asked.

Roles are held per council; a role held without a council applies to every council.
The actions are the audit trail's names (``"meeting.plan"``, ``"protocol.sign"``): each
write already records one, so the table cannot miss a write the audit trail sees.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from app.domain.errors import DomainError, Term
from app.domain.translation import N_


class Role(StrEnum):
    """A role in a secretariat, from the most to the least powerful over the record."""

    ADMINISTRATOR = "administrator"
    SECRETARY = "secretary"
    CHAIR = "chair"
    MEMBER = "member"
    READER = "reader"


ROLE_LABELS: dict[Role, str] = {
    Role.ADMINISTRATOR: N_("administrator"),
    Role.SECRETARY: N_("secretary"),
    Role.CHAIR: N_("chair"),
    Role.MEMBER: N_("member"),
    Role.READER: N_("reader"),
}

_SECRETARY = frozenset({Role.SECRETARY})
_CHAIR_TOO = frozenset({Role.SECRETARY, Role.CHAIR})
_ADMIN = frozenset({Role.ADMINISTRATOR})
_ADMIN_OR_SECRETARY = frozenset({Role.ADMINISTRATOR, Role.SECRETARY})

#: Actions that are not the secretary's alone.  Every other write to the record is
#: the secretary's: "everything in the council's record".
SPECIAL: dict[str, frozenset[Role]] = {
    # The chair approves the agenda and agrees and signs the protocol.
    "meeting.approve_agenda": _CHAIR_TOO,
    "agenda_approval.create": _CHAIR_TOO,
    "meeting.approval_revoked": _CHAIR_TOO,
    "protocol.agreement": _CHAIR_TOO,
    "protocol.agreed": _CHAIR_TOO,
    "protocol.sign": _CHAIR_TOO,
    "protocol.esign": _CHAIR_TOO,
    "review.return": _CHAIR_TOO,
}

#: Whole kinds of action by the part before the dot: the administrator's (accounts,
#: copying the database, trust, the demo), or shared with the secretary (the calendar;
#: archive exchange, which writes many councils at once).
BY_ENTITY: dict[str, frozenset[Role]] = {
    "account": _ADMIN,
    "database": _ADMIN,
    "trust": _ADMIN,
    "demo": _ADMIN,
    "calendar_override": _ADMIN_OR_SECRETARY,
    "exchange": _ADMIN_OR_SECRETARY,
}

#: Actions every account may take on itself.
OWN: frozenset[str] = frozenset({"account.password"})


def roles_for(action: str) -> frozenset[Role]:
    """The roles that may take ``action``; the secretary's alone unless the table says."""
    if action in SPECIAL:
        return SPECIAL[action]
    return BY_ENTITY.get(action.partition(".")[0], _SECRETARY)


def may(held: Iterable[Role], action: str) -> bool:
    """Whether someone holding ``held`` (in the council concerned) may take ``action``."""
    return action in OWN or bool(roles_for(action) & frozenset(held))


class PermissionRefused(DomainError):
    """An account tried an action its roles do not allow."""


def check_permission(login: str, held: Iterable[Role], action: str) -> None:
    """Refuse ``action`` unless one of ``held`` allows it, naming the roles that would."""
    if may(held, action):
        return
    allowed = sorted(roles_for(action), key=list(Role).index)
    if len(allowed) == 1:
        raise PermissionRefused(
            N_("The account “{login}” may not do this here: only the {role} may."),
            login=login,
            role=Term(ROLE_LABELS[allowed[0]]),
        )
    raise PermissionRefused(
        N_("The account “{login}” may not do this here: only the {role} or the {other} may."),
        login=login,
        role=Term(ROLE_LABELS[allowed[0]]),
        other=Term(ROLE_LABELS[allowed[1]]),
    )
