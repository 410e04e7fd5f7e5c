"""Closing a vote on an item without a quorum.

When members leave and those present with a vote fall below the profile's
quorum, a vote taken after that is not a decision of the council.  The
regulation profile names what closing such a vote does
(:class:`~app.domain.regulation.NoQuorumVote`):

* ``NOT_CONSIDERED``: the vote is closed once the secretary confirms it, and
  recorded as not considered for lack of a quorum (its counts are kept, it is
  never adopted: :func:`app.domain.voting.not_considered`);
* ``REFUSE``: the vote cannot be closed while there is no quorum; the item
  stays without a decision (members may come back, or it goes to a later
  meeting).

The service, the exchange importer and the live meeting all ask
:func:`closing_without_quorum` (or :func:`closing_question`), so the rule and
its messages exist once.
"""

from __future__ import annotations

import gettext

from app.domain import translation
from app.domain.errors import DomainError
from app.domain.quorum import QuorumStatus
from app.domain.regulation import NoQuorumVote, RegulationProfile
from app.domain.translation import N_

NO_QUORUM_REFUSED = N_(
    "There is no quorum on item {item}: {explanation} Under the council's regulation a vote "
    "without a quorum cannot be closed; the item stays without a decision until members "
    "with a vote return."
)
NO_QUORUM_CONFIRM = N_(
    "There is no quorum on item {item}: {explanation} Confirm to record the decision point "
    "as not considered for lack of a quorum."
)
NO_QUORUM_QUESTION = N_(
    "There is no quorum on item {item}: {explanation} The decision point will be recorded as "
    "not considered for lack of a quorum, not as a decision of the council. Close the voting?"
)


def closing_without_quorum(
    profile: RegulationProfile, quorum: QuorumStatus, item: int, *, confirmed: bool
) -> bool:
    """Whether closing the vote on item ``item`` (numbered from 1) records it as not considered.

    False when the item has its quorum (an ordinary close).  Without a quorum:
    refuses under ``REFUSE``; under ``NOT_CONSIDERED`` refuses until
    ``confirmed``, then returns True.
    """
    if quorum.has_quorum:
        return False
    explanation = quorum.explain()
    if profile.no_quorum_vote is NoQuorumVote.REFUSE:
        raise DomainError(NO_QUORUM_REFUSED, item=item, explanation=explanation)
    if not confirmed:
        raise DomainError(NO_QUORUM_CONFIRM, item=item, explanation=explanation)
    return True


def closing_question(
    profile: RegulationProfile,
    quorum: QuorumStatus,
    item: int,
    translations: gettext.NullTranslations | None = None,
) -> str | None:
    """What to ask before closing the vote on item ``item``: None when nothing is to confirm.

    None both when the item has its quorum and when the profile refuses the
    close outright (the action itself then says why).
    """
    if quorum.has_quorum or profile.no_quorum_vote is NoQuorumVote.REFUSE:
        return None
    t = translations if translations is not None else translation.current()
    return t.gettext(NO_QUORUM_QUESTION).format(item=item, explanation=quorum.explain(t))
