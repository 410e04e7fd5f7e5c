"""Who may state a dissenting opinion on a decision (000 §16).

A member who took part in the decision and disagrees may state a dissenting
opinion; it is recorded and annexed to the protocol.  The service that records
an opinion and the importer that checks one share this refusal, so the rule
and its wording exist once.
"""

from __future__ import annotations

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
