"""Who may be listed as an invited person at a meeting, and as whose substitute.

An invited person (a speaker, an expert, a guest, or someone who came instead
of a member) is listed in the protocol, "instead of N" where that applies, but
never counts for the quorum and never votes (000 §14, 004 §22).  A member is
never invited: their attendance is recorded instead.  The conduct service and
the importer ask these functions, so each rule and its message exist once.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import date
from enum import StrEnum

from app.domain.errors import DomainError
from app.domain.translation import N_


class InvitedRole(StrEnum):
    SPEAKER = "speaker"
    EXPERT = "expert"
    GUEST = "guest"
    SUBSTITUTE = "substitute"  # came instead of a member: listed, never counted, never votes


MEMBER_INVITED = N_(
    "{name} is a member of the council; record their attendance instead of inviting them."
)
NAMELESS = N_("An invited person needs a name.")
WHOSE_SUBSTITUTE = N_("Say which member this person came instead of.")
REPLACED_NOT_A_MEMBER = N_("The person replaced is not a member of the council on {day}.")
REPLACED_PRESENT = N_("The member is marked present in person; nobody can attend instead of them.")
NOT_A_SUBSTITUTE = N_("Only someone who came instead of a member names the member.")


def member_invited(
    person_id: int | None, members: Collection[int], name_of: Callable[[int], str]
) -> DomainError | None:
    """A member of the council on the meeting day cannot also be invited."""
    if person_id is None or person_id not in members:
        return None
    return DomainError(MEMBER_INVITED, name=name_of(person_id))


def nameless(name: str) -> DomainError | None:
    """An invited person is listed by name, from the register or typed."""
    return None if name else DomainError(NAMELESS)


def substitute_refusal(
    role: str,
    instead_of: int | None,
    *,
    members: Collection[int],
    present: Collection[int],
    day: date,
) -> DomainError | None:
    """Only a substitute names a member, one who is a member that day and is absent."""
    if role != InvitedRole.SUBSTITUTE:
        return None if instead_of is None else DomainError(NOT_A_SUBSTITUTE)
    if instead_of is None:
        return DomainError(WHOSE_SUBSTITUTE)
    if instead_of not in members:
        return DomainError(REPLACED_NOT_A_MEMBER, day=day)
    if instead_of in present:
        return DomainError(REPLACED_PRESENT)
    return None
