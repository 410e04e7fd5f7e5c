"""The protocol's path and the decision point's voting: every (action, state) pair."""

from __future__ import annotations

import itertools

import pytest

from app import i18n
from app.domain.errors import DomainError
from app.domain.protocol import ProtocolState
from app.domain.protocol_states import (
    EDITABLE,
    LOCKED,
    POINT_TRANSITIONS,
    TRANSITIONS,
    PointAction,
    PointState,
    ProtocolAction,
    allowed_actions,
    allowed_point_actions,
    guard,
    guard_point,
    point_refusal,
    refusal,
)

S = ProtocolState
A = ProtocolAction
P = PointState
V = PointAction

# The protocol's path, written out as the regulation reads: (state, action) -> the state after.
EXPECTED = {
    (S.DRAFT, A.EDIT): S.DRAFT,
    (S.DRAFT, A.RECORD_AGREEMENT): S.DRAFT,
    (S.DRAFT, A.MARK_AGREED): S.AGREED,
    (S.DRAFT, A.SIGN): S.SIGNED,
    (S.AGREED, A.EDIT): S.AGREED,
    (S.AGREED, A.SIGN): S.SIGNED,
    (S.SIGNED, A.RECORD_COPY): S.SIGNED,
    (S.SIGNED, A.MARK_COPIES_SENT): S.COPIES_SENT,
    (S.SIGNED, A.REVISE): S.SIGNED,
    (S.COPIES_SENT, A.RECORD_COPY): S.COPIES_SENT,
    (S.COPIES_SENT, A.REVISE): S.COPIES_SENT,
}

# Why each refused pair is refused (English), whatever else the state is.
REASONS = {
    A.EDIT: "Protocol No. 7 is signed and cannot change; make a correction as a new revision.",
    A.RECORD_AGREEMENT: "Agreement rounds are recorded while the protocol is a draft.",
    A.SIGN: "Protocol No. 7 is already signed.",
    A.RECORD_COPY: "Copies are sent once the protocol is signed.",
    A.REVISE: "Only a signed protocol is corrected by a new revision; edit the draft instead.",
}
LABELS = {S.DRAFT: "Draft", S.AGREED: "Agreed", S.SIGNED: "Signed", S.COPIES_SENT: "Copies sent"}

PAIRS = list(itertools.product(S, A))


@pytest.mark.parametrize(("state", "action"), PAIRS)
def test_every_protocol_pair(state: ProtocolState, action: ProtocolAction) -> None:
    refused = refusal(action, state, number="7")
    if (state, action) in EXPECTED:
        assert refused is None
        assert action in allowed_actions(state)
        assert guard(action, state, number="7") is EXPECTED[(state, action)]
        assert guard(action, state.value, number="7") is EXPECTED[(state, action)]
        return
    assert isinstance(refused, DomainError)
    assert action not in allowed_actions(state)
    if action is A.MARK_AGREED:
        expected = f"Only a draft protocol can be marked as agreed (it is “{LABELS[state]}”)."
    elif action is A.MARK_COPIES_SENT:
        expected = (
            "The copies of protocol No. 7 are already marked as sent."
            if state is S.COPIES_SENT
            else "Copies are marked as sent for a signed protocol."
        )
    else:
        expected = REASONS[action]
    assert refused.message() == expected
    with pytest.raises(DomainError) as raised:
        guard(action, state.value, number="7")
    assert raised.value.message() == expected


def test_table_and_expectations_agree() -> None:
    table = {(s, a): t for s, moves in TRANSITIONS.items() for a, t in moves.items()}
    assert table == EXPECTED
    assert set(TRANSITIONS) == set(S)


def test_locked_and_editable_split_the_states() -> None:
    assert frozenset({S.SIGNED, S.COPIES_SENT}) == LOCKED
    assert frozenset({S.DRAFT, S.AGREED}) == EDITABLE
    for state in S:
        assert (A.EDIT in allowed_actions(state)) is (state in EDITABLE)
        assert (A.REVISE in allowed_actions(state)) is (state in LOCKED)


def test_a_refusal_names_the_state_in_the_users_language() -> None:
    """Never the stored state string: its label, translated with the message."""
    refused = refusal(A.MARK_AGREED, S.SIGNED, number="1")
    assert refused is not None
    kk = i18n.translations("kk")
    assert "signed" not in refused.message(kk)
    assert kk.gettext("Signed") in refused.message(kk)


def test_an_unknown_state_is_a_bug_not_a_refusal() -> None:
    with pytest.raises(ValueError):
        guard(A.SIGN, "frozen", number="1")


# -- the decision point -------------------------------------------------------------------------

POINT_EXPECTED = {
    (P.OPEN, V.EDIT): P.OPEN,
    (P.OPEN, V.CAST_BALLOT): P.OPEN,
    (P.OPEN, V.RECORD_COUNTS): P.OPEN,
    (P.OPEN, V.CLOSE): P.CLOSED,
    (P.OPEN, V.DISSENT): P.OPEN,
    (P.CLOSED, V.REOPEN): P.OPEN,
    (P.CLOSED, V.DISSENT): P.CLOSED,
}


@pytest.mark.parametrize(("state", "action"), list(itertools.product(P, V)))
def test_every_decision_point_pair(state: PointState, action: PointAction) -> None:
    refused = point_refusal(action, state, number=2)
    if (state, action) in POINT_EXPECTED:
        assert refused is None
        assert action in allowed_point_actions(state)
        assert guard_point(action, state.value, number=2) is POINT_EXPECTED[(state, action)]
        return
    assert isinstance(refused, DomainError)
    expected = (
        "Voting on decision point 2 is open already."
        if action is V.REOPEN
        else "Voting on decision point 2 is closed; reopen it first."
    )
    assert refused.message() == expected
    with pytest.raises(DomainError, match="decision point 2"):
        guard_point(action, state, number=2)


def test_point_table_and_expectations_agree() -> None:
    table = {(s, a): t for s, moves in POINT_TRANSITIONS.items() for a, t in moves.items()}
    assert table == POINT_EXPECTED
