"""Members take part without the right of substitution (000 §14; 004 §22).

An invited person, or a deputy who came instead of an absent member, is
listed in the protocol but never counts for the quorum and never votes.  The
refusals live here once, each citing the council's own act when its profile
names the paragraph, and the services, the importer and the live meeting's
view all raise them from here.
"""

from __future__ import annotations

from app.domain.citation import Citation
from app.domain.errors import DomainError
from app.domain.translation import N_

_NOT_A_MEMBER = (
    N_(
        "{name} is not a member of the council and cannot vote: members take part "
        "without the right of substitution and may not hand their powers to anyone."
    ),
    N_(
        "{name} is not a member of the council and cannot vote: members take part "
        "without the right of substitution and may not hand their powers to anyone "
        "({source})."
    ),
)
_SUBSTITUTE = (
    N_(
        "{name} is absent, and the person who came instead of them cannot vote for "
        "them: members take part without the right of substitution."
    ),
    N_(
        "{name} is absent, and the person who came instead of them cannot vote for them: "
        "members take part without the right of substitution ({source})."
    ),
)
_INVITED = (
    N_(
        "{name} is an invited person: never counted for the quorum and never "
        "votes, since members take part without the right of substitution."
    ),
    N_(
        "{name} is an invited person: never counted for the quorum and never "
        "votes, since members take part without the right of substitution "
        "({source})."
    ),
)


def _refusal(messages: tuple[str, str], name: str, source: Citation | None) -> DomainError:
    if source is None:
        return DomainError(messages[0], name=name)
    return DomainError(messages[1], name=name, source=source)


def not_a_member_cannot_vote(name: str, source: Citation | None) -> DomainError:
    """Someone outside the composition (an invited person, a stranger) tried to vote."""
    return _refusal(_NOT_A_MEMBER, name, source)


def substitute_cannot_vote(name: str, source: Citation | None) -> DomainError:
    """A vote for an absent member whose deputy came instead."""
    return _refusal(_SUBSTITUTE, name, source)


def invited_cannot_vote(name: str, source: Citation | None) -> DomainError:
    """A vote for a person invited by name only (not even in the people register)."""
    return _refusal(_INVITED, name, source)
