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
from enum import IntEnum, StrEnum

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


class ReadLevel(IntEnum):
    """How much of a council's record a role may read, from the least to the most."""

    NONE = 0
    ARCHIVE = 1  # the archive: signed protocols and the meetings they record
    MEMBER = 2  # the council's meetings and materials, and its signed protocols
    FULL = 3  # everything, protocol drafts included


#: What each role may read in a council where it is held (the issue's "member reads the
#: council's meetings, materials, signed protocols; reader the archive only").
READ_LEVELS: dict[Role, ReadLevel] = {
    Role.ADMINISTRATOR: ReadLevel.FULL,
    Role.SECRETARY: ReadLevel.FULL,
    Role.CHAIR: ReadLevel.FULL,
    Role.MEMBER: ReadLevel.MEMBER,
    Role.READER: ReadLevel.ARCHIVE,
}


def read_level(held: Iterable[Role]) -> ReadLevel:
    """The most that one of ``held`` may read (NONE when no role is held)."""
    return max((READ_LEVELS[role] for role in held), default=ReadLevel.NONE)


class ReadRefused(DomainError):
    """An account asked for a record its roles do not let it read."""


MSG_NOT_READABLE = N_("The account “{login}” may not read this record: its roles do not allow it.")


#: The audit action (the permission) each step a view offers records: a view disables the
#: step with the refusal of this action, so it never states a rule of its own.
#: Keys are ``MeetingAction`` and ``ProtocolAction`` values (``app/domain/meeting.py``,
#: ``app/domain/protocol_states.py``).
MEETING_STEPS: dict[str, str] = {
    "approve_agenda": "meeting.approve_agenda",
    "notify": "meeting.notify",
    "mark_held": "meeting.hold",
    "close": "meeting.close",
    "postpone": "meeting.postpone",
    "cancel": "meeting.cancel",
    "replan": "meeting.replan",
    "edit_details": "meeting.update",
    "edit_agenda": "agenda_item.update",
}
PROTOCOL_STEPS: dict[str, str] = {
    "edit": "protocol.update",
    "record_agreement": "protocol.agreement",
    "mark_agreed": "protocol.agreed",
    "sign": "protocol.sign",
    "record_copy": "protocol.copy",
    "mark_copies_sent": "protocol.copies_sent",
    "revise": "protocol.revise",
}
