"""What a protocol instruction needs: someone responsible, and a deadline after the meeting.

An instruction of a decision names who carries it out (a person from the
register or an organisation) and, where set, a deadline that cannot come
before the meeting that gave it.  The conduct service and the importer ask
these functions, so each rule and its message exist once.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from app.domain.errors import DomainError
from app.domain.translation import N_

DEADLINE_BEFORE_MEETING = N_("The deadline {deadline} is before the meeting.")
NO_EXECUTOR = N_("An instruction needs a responsible executor (a person or an organisation).")


def deadline_refusal(deadline: date | None, meeting_day: date) -> DomainError | None:
    """A deadline, where set, is on or after the meeting's day."""
    if deadline is not None and deadline < meeting_day:
        return DomainError(DEADLINE_BEFORE_MEETING, deadline=deadline)
    return None


def executor_refusal(person_id: int | None, organisations: Iterable[str]) -> DomainError | None:
    """A person from the register, or an organisation named in at least one language."""
    if person_id is None and not any(organisations):
        return DomainError(NO_EXECUTOR)
    return None
