"""Who may state a dissenting opinion on a decision (000 §16).

A member who took part in the decision and disagrees may state a dissenting
opinion; it is recorded and annexed to the protocol.  The service that records
an opinion and the importer that checks one share this refusal, so the rule
and its wording exist once.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from app.domain.citation import Citation
from app.domain.errors import DomainError
from app.domain.translation import N_

NOT_A_PARTICIPANT = N_(
    "{name} did not take part in the decision on point {number}; only a member "
    "who voted may state a dissenting opinion on it."
)
NOT_A_PARTICIPANT_CITED = N_(
    "{name} did not take part in the decision on point {number}; only a member "
    "who voted may state a dissenting opinion on it ({source})."
)


def not_a_participant(name: str, number: int | str, source: Citation | None) -> DomainError:
    """The refusal of an opinion by someone who did not vote, citing the council's own act."""
    if source is None:
        return DomainError(NOT_A_PARTICIPANT, name=name, number=number)
    return DomainError(NOT_A_PARTICIPANT_CITED, name=name, number=number, source=source)


def took_part_in_closed_vote(frozen: Mapping[str, object], person_id: int, mode: str) -> bool:
    """Whether ``person_id`` voted in a closed vote, read from its frozen record.

    Only a member who took part may file a dissenting opinion: in a roll call the
    one whose ballot is recorded, in a vote by counts one entitled and present.
    """
    if mode == "counts":
        present = frozen.get("entitled_present")
        return isinstance(present, list) and person_id in present
    ballots = frozen.get("ballots")
    return isinstance(ballots, dict) and str(person_id) in ballots


ALREADY_STATED = N_(
    "{name} has already stated a dissenting opinion on this decision; change that one instead."
)
RECEIVED_BEFORE_MEETING = N_("An opinion cannot be received before the meeting ({day}).")


def already_stated(name: str) -> DomainError:
    """One opinion per member and decision: a second one changes the first."""
    return DomainError(ALREADY_STATED, name=name)


def received_too_early(received: date, day: date) -> DomainError | None:
    """An opinion on a decision is received at the meeting or later, never before it."""
    return DomainError(RECEIVED_BEFORE_MEETING, day=day) if received < day else None
