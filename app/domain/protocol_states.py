"""The protocol's path and the decision point's voting, as transitions tables.

A protocol goes draft → agreed → signed → copies sent; a signed one is
corrected by a new revision (a new draft that refers to it; the signed one
stays as it was issued).  A decision point's voting is open or closed; a
closed one is reopened explicitly, with a reason.

Services guard each action with :func:`guard` / :func:`guard_point`, and views
ask :func:`refusal` / :func:`point_refusal` which actions are possible now, and
show the reason of the others (as a tool tip), so the rule is written once
(OpenSlides' ``poll/start.py`` guard, as :mod:`app.domain.meeting` does for
meetings).

A refusal is a :class:`DomainError` that is not (yet) raised: a service raises
it, a view shows its message.  ``refusal`` is not called ``can`` on purpose:
``meeting.can`` answers a bool, and a ``can`` that returned a truthy refusal
would read backwards.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from app.domain.errors import DomainError, Term
from app.domain.protocol import PROTOCOL_STATE_LABELS, ProtocolState
from app.domain.translation import N_

Refusal = DomainError
"""Why an action is not possible now: an error the service raises, a view shows."""


class ProtocolAction(StrEnum):
    """What a user can do to a protocol; each is one service."""

    EDIT = "edit"  # number, city, language, the narrative of each item
    RECORD_AGREEMENT = "record_agreement"
    MARK_AGREED = "mark_agreed"
    SIGN = "sign"
    RECORD_COPY = "record_copy"
    MARK_COPIES_SENT = "mark_copies_sent"
    REVISE = "revise"  # a new draft revision; the signed one keeps its state


_S = ProtocolState
_A = ProtocolAction

TRANSITIONS: Mapping[ProtocolState, Mapping[ProtocolAction, ProtocolState]] = {
    _S.DRAFT: {
        _A.EDIT: _S.DRAFT,
        _A.RECORD_AGREEMENT: _S.DRAFT,
        _A.MARK_AGREED: _S.AGREED,
        _A.SIGN: _S.SIGNED,
    },
    _S.AGREED: {_A.EDIT: _S.AGREED, _A.SIGN: _S.SIGNED},
    _S.SIGNED: {
        _A.RECORD_COPY: _S.SIGNED,
        _A.MARK_COPIES_SENT: _S.COPIES_SENT,
        _A.REVISE: _S.SIGNED,
    },
    _S.COPIES_SENT: {_A.RECORD_COPY: _S.COPIES_SENT, _A.REVISE: _S.COPIES_SENT},
}

# Why an action is refused, whatever the state; {number} and {state} are filled in.
_REFUSALS = {
    _A.EDIT: N_(
        "Protocol No. {number} is signed and cannot change; make a correction as a new revision."
    ),
    _A.RECORD_AGREEMENT: N_("Agreement rounds are recorded while the protocol is a draft."),
    _A.MARK_AGREED: N_("Only a draft protocol can be marked as agreed (it is “{state}”)."),
    _A.SIGN: N_("Protocol No. {number} is already signed."),
    _A.RECORD_COPY: N_("Copies are sent once the protocol is signed."),
    _A.MARK_COPIES_SENT: N_("Copies are marked as sent for a signed protocol."),
    _A.REVISE: N_("Only a signed protocol is corrected by a new revision; edit the draft instead."),
}

# Clearer words for a few refusals than the general ones above.
_SPECIFIC_REFUSALS = {
    (_A.MARK_COPIES_SENT, _S.COPIES_SENT): N_(
        "The copies of protocol No. {number} are already marked as sent."
    ),
}

# Where the record is frozen: the protocol is signed (a correction is a new revision).
LOCKED = frozenset({_S.SIGNED, _S.COPIES_SENT})
EDITABLE = frozenset(_S) - LOCKED


def allowed_actions(state: ProtocolState) -> frozenset[ProtocolAction]:
    """The actions a protocol in ``state`` allows (for enabling buttons)."""
    return frozenset(TRANSITIONS[state])


def refusal(action: ProtocolAction, state: ProtocolState, *, number: str = "") -> Refusal | None:
    """Why ``action`` is not possible on protocol ``number`` in ``state``; None when it is."""
    if action in TRANSITIONS[state]:
        return None
    message = _SPECIFIC_REFUSALS.get((action, state), _REFUSALS[action])
    return DomainError(message, number=number, state=Term(PROTOCOL_STATE_LABELS[state]))


def guard(action: ProtocolAction, state: ProtocolState | str, *, number: str) -> ProtocolState:
    """The state ``action`` leads to from ``state``, or the refusal raised."""
    current = ProtocolState(state)
    refused = refusal(action, current, number=number)
    if refused is not None:
        raise refused
    return TRANSITIONS[current][action]


# -- the decision point's voting ---------------------------------------------------------------


class PointState(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class PointAction(StrEnum):
    """What can be done to a decision point, as far as its voting's state decides."""

    EDIT = "edit"  # its text, its voting mode, removing it
    CAST_BALLOT = "cast_ballot"
    RECORD_COUNTS = "record_counts"
    CLOSE = "close"
    REOPEN = "reopen"
    DISSENT = "dissent"  # a dissenting opinion: during the voting or after it


_P = PointState
_V = PointAction

POINT_TRANSITIONS: Mapping[PointState, Mapping[PointAction, PointState]] = {
    _P.OPEN: {
        _V.EDIT: _P.OPEN,
        _V.CAST_BALLOT: _P.OPEN,
        _V.RECORD_COUNTS: _P.OPEN,
        _V.CLOSE: _P.CLOSED,
        _V.DISSENT: _P.OPEN,
    },
    _P.CLOSED: {_V.REOPEN: _P.OPEN, _V.DISSENT: _P.CLOSED},
}

_CLOSED = N_("Voting on decision point {number} is closed; reopen it first.")
_POINT_REFUSALS = {
    _V.EDIT: _CLOSED,
    _V.CAST_BALLOT: _CLOSED,
    _V.RECORD_COUNTS: _CLOSED,
    _V.CLOSE: _CLOSED,
    _V.REOPEN: N_("Voting on decision point {number} is open already."),
}


def allowed_point_actions(state: PointState) -> frozenset[PointAction]:
    return frozenset(POINT_TRANSITIONS[state])


def point_refusal(action: PointAction, state: PointState, *, number: int) -> Refusal | None:
    """Why ``action`` is not possible on decision point ``number`` in ``state``; None when it is."""
    if action in POINT_TRANSITIONS[state]:
        return None
    return DomainError(_POINT_REFUSALS[action], number=number)


def guard_point(action: PointAction, state: PointState | str, *, number: int) -> PointState:
    """The state ``action`` leads the voting to, or the refusal raised."""
    current = PointState(state)
    refused = point_refusal(action, current, number=number)
    if refused is not None:
        raise refused
    return POINT_TRANSITIONS[current][action]
