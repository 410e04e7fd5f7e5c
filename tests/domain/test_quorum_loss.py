"""Closing a vote without a quorum, and the profile's two new named options."""

from __future__ import annotations

import gettext

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.errors import DomainError
from app.domain.quorum import quorum_status
from app.domain.quorum_loss import (
    NO_QUORUM_CONFIRM,
    NO_QUORUM_REFUSED,
    closing_question,
    closing_without_quorum,
)
from app.domain.regulation import (
    AI_COUNCIL_881,
    MORE_THAN_HALF,
    PRESETS,
    SUPERVISORY_BOARD_690,
    NoQuorumVote,
    TieReading,
    profile_from_dict,
    profile_to_dict,
)

EN = gettext.NullTranslations()
BOARD = SUPERVISORY_BOARD_690.profile.with_changes(quorum=MORE_THAN_HALF)
REFUSING = BOARD.with_changes(no_quorum_vote=NoQuorumVote.REFUSE)


def test_presets_record_a_vote_without_a_quorum_as_not_considered() -> None:
    for preset in PRESETS.values():
        assert preset.profile.no_quorum_vote is NoQuorumVote.NOT_CONSIDERED
        assert preset.profile.quorum is None  # the seeds set none: the rule waits for one


def test_with_a_quorum_the_close_is_ordinary_whatever_the_profile() -> None:
    quorum = quorum_status(8, 15, BOARD)
    for profile in (BOARD, REFUSING):
        assert not closing_without_quorum(profile, quorum, 2, confirmed=False)
        assert closing_question(profile, quorum, 2, EN) is None


def test_not_considered_needs_a_confirmation() -> None:
    quorum = quorum_status(7, 15, BOARD)
    with pytest.raises(DomainError) as refused:
        closing_without_quorum(BOARD, quorum, 2, confirmed=False)
    assert refused.value.msgid == NO_QUORUM_CONFIRM
    assert closing_without_quorum(BOARD, quorum, 2, confirmed=True)
    question = closing_question(BOARD, quorum, 2, EN)
    assert question is not None
    assert question.startswith("There is no quorum on item 2: No quorum: 7 members")
    assert question.endswith("not as a decision of the council. Close the voting?")


def test_a_refusing_profile_refuses_even_when_confirmed() -> None:
    quorum = quorum_status(7, 15, REFUSING)
    for confirmed in (False, True):
        with pytest.raises(DomainError) as refused:
            closing_without_quorum(REFUSING, quorum, 2, confirmed=confirmed)
        assert refused.value.msgid == NO_QUORUM_REFUSED
    assert closing_question(REFUSING, quorum, 2, EN) is None  # nothing to ask: it is refused


@given(
    st.integers(0, 30),
    st.integers(0, 30),
    st.sampled_from(NoQuorumVote),
    st.booleans(),
)
def test_only_an_item_without_a_quorum_is_ever_not_considered(
    present: int, extra: int, rule: NoQuorumVote, confirmed: bool
) -> None:
    profile = BOARD.with_changes(no_quorum_vote=rule)
    quorum = quorum_status(present, present + extra, profile)
    try:
        lost = closing_without_quorum(profile, quorum, 1, confirmed=confirmed)
    except DomainError:
        assert not quorum.has_quorum
        assert rule is NoQuorumVote.REFUSE or not confirmed
        return
    assert lost == (not quorum.has_quorum)
    if lost:
        assert rule is NoQuorumVote.NOT_CONSIDERED and confirmed


def test_the_new_options_are_stored_and_old_profiles_read_with_the_defaults() -> None:
    profile = AI_COUNCIL_881.profile.with_changes(
        tie_reading=TieReading.FOR_EQUALS_AGAINST, no_quorum_vote=NoQuorumVote.REFUSE
    )
    data = profile_to_dict(profile)
    assert data["tie_reading"] == "for_equals_against" and data["no_quorum_vote"] == "refuse"
    assert profile_from_dict(data) == profile
    old = {k: v for k, v in data.items() if k not in ("tie_reading", "no_quorum_vote")}
    read = profile_from_dict(old)
    assert read.tie_reading is TieReading.EQUAL_DIVISION
    assert read.no_quorum_vote is NoQuorumVote.NOT_CONSIDERED
    with pytest.raises(ValueError):
        profile_from_dict({**data, "tie_reading": "whatever"})
