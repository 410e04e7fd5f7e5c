"""When a meeting's conduct (attendance, votes, opinions) may be recorded.

Conduct is recorded from the approved agenda on; a closed meeting's record is
final, except that dissenting opinions may still come in after the meeting,
until the protocol is signed (000 §16).  The conduct services and the importer
ask the same function, so the rule and its wording exist once.
"""

from __future__ import annotations

from collections.abc import Collection

from app.domain.errors import DomainError, Term
from app.domain.meeting import MEETING_STATE_LABELS, MeetingState
from app.domain.translation import N_

CONDUCT_STATES = frozenset({MeetingState.AGENDA_APPROVED, MeetingState.NOTIFIED, MeetingState.HELD})
DISSENT_STATES = CONDUCT_STATES | {MeetingState.CLOSED}

NOT_IN_CONDUCT = N_(
    "Attendance and votes of meeting No. {number} cannot be recorded in the state "
    "“{state}”: record them once the agenda is approved, until the meeting is "
    "closed."
)


def conduct_refusal(
    state: str, number: object, allowed: Collection[MeetingState] = CONDUCT_STATES
) -> DomainError | None:
    """Why the conduct of meeting ``number`` cannot be recorded in ``state`` (None: it can)."""
    meeting_state = MeetingState(state)
    if meeting_state in allowed:
        return None
    return DomainError(
        NOT_IN_CONDUCT, number=number, state=Term(MEETING_STATE_LABELS[meeting_state])
    )
