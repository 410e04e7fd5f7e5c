"""Quorum: a share of the composition present with a vote, or none at all (both seed presets)."""

from __future__ import annotations

import gettext

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.errors import DomainError
from app.domain.quorum import MORE_PRESENT_THAN_COMPOSITION, NEGATIVE_COUNT, quorum_status
from app.domain.regulation import (
    AI_COUNCIL_881,
    AT_LEAST_HALF,
    AT_LEAST_THREE_QUARTERS,
    AT_LEAST_TWO_THIRDS,
    MORE_THAN_HALF,
    SUPERVISORY_BOARD_690,
    RegulationProfile,
    Share,
)

EN = gettext.NullTranslations()

shares = st.one_of(
    st.sampled_from([MORE_THAN_HALF, AT_LEAST_HALF, AT_LEAST_TWO_THIRDS, AT_LEAST_THREE_QUARTERS]),
    st.builds(
        lambda d, n, inclusive: Share(min(n, d), d, inclusive),
        st.integers(1, 12),
        st.integers(0, 12),
        st.booleans(),
    ),
)


@st.composite
def counts(draw: st.DrawFn) -> tuple[int, int]:
    """(present, composition size) with present <= size."""
    size = draw(st.integers(0, 60))
    return draw(st.integers(0, size)), size


def test_seed_presets_set_no_quorum() -> None:
    for preset in (SUPERVISORY_BOARD_690, AI_COUNCIL_881):
        status = quorum_status(1, 15, preset.profile)
        assert status.has_quorum and status.required is None
        assert (
            status.explain(EN) == "The regulation sets no quorum; 1 member with a vote is present."
        )


def test_more_than_half_of_fifteen() -> None:
    profile = RegulationProfile(quorum=MORE_THAN_HALF, sources={"quorum": "7"})
    missing = quorum_status(7, 15, profile)
    assert not missing.has_quorum and missing.required == 8
    assert missing.explain(EN) == (
        "No quorum: 7 members with a vote are present; at least 8 were needed "
        "out of 15 members of the composition (paragraph 7 of the Regulation)."
    )
    reached = quorum_status(8, 15, profile)
    assert reached.has_quorum
    assert reached.explain(EN) == (
        "Quorum is present: 8 members with a vote are present; at least 8 were needed "
        "out of 15 members of the composition (paragraph 7 of the Regulation)."
    )


def test_singular_and_no_source() -> None:
    status = quorum_status(1, 1, RegulationProfile(quorum=AT_LEAST_HALF))
    assert status.explain(EN) == (
        "Quorum is present: 1 member with a vote is present; at least 1 was needed "
        "out of 1 member of the composition."
    )


@pytest.mark.parametrize(
    ("present", "size", "msgid"),
    [
        (-1, 5, NEGATIVE_COUNT),
        (0, -1, NEGATIVE_COUNT),
        (6, 5, MORE_PRESENT_THAN_COMPOSITION),
    ],
)
def test_impossible_counts_are_refused(present: int, size: int, msgid: str) -> None:
    with pytest.raises(DomainError) as info:
        quorum_status(present, size, RegulationProfile(quorum=MORE_THAN_HALF))
    assert info.value.msgid == msgid


@given(counts(), shares)
def test_required_is_the_share_minimum_and_decides(case: tuple[int, int], share: Share) -> None:
    present, size = case
    status = quorum_status(present, size, RegulationProfile(quorum=share))
    assert status.required == share.minimum(size)
    assert status.has_quorum == share.is_met(present, size) == (present >= status.required)
    assert (status.present, status.base) == (present, size)


@given(counts(), shares)
def test_quorum_is_monotone_in_the_members_present(case: tuple[int, int], share: Share) -> None:
    present, size = case
    profile = RegulationProfile(quorum=share)
    if present < size and quorum_status(present, size, profile).has_quorum:
        assert quorum_status(present + 1, size, profile).has_quorum
    if present > 0 and not quorum_status(present, size, profile).has_quorum:
        assert not quorum_status(present - 1, size, profile).has_quorum


@given(counts())
def test_no_quorum_rule_always_has_quorum(case: tuple[int, int]) -> None:
    status = quorum_status(*case, RegulationProfile(quorum=None))
    assert status.has_quorum and status.required is None
    assert "The regulation sets no quorum" in status.explain(EN)


@given(counts(), st.one_of(st.none(), shares))
def test_explanation_always_reads_as_a_sentence(case: tuple[int, int], share: Share | None) -> None:
    text = quorum_status(*case, RegulationProfile(quorum=share)).explain(EN)
    assert text.endswith(".") and "{" not in text
    assert f"{case[0]} member" in text


def test_the_protocol_states_the_quorum_without_counting_again() -> None:
    profile = RegulationProfile(quorum=MORE_THAN_HALF, sources={"quorum": "7"})
    assert quorum_status(8, 15, profile).statement(EN) == (
        "Quorum is present: at least 8 were needed out of 15 members of the composition "
        "(paragraph 7 of the Regulation)."
    )
    assert quorum_status(7, 15, profile).statement(EN).startswith("No quorum: at least 8")
    assert quorum_status(14, 15, SUPERVISORY_BOARD_690.profile).statement(EN) == ""
