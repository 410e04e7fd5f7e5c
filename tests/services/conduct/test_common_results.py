"""Results as plain data: the shallow construction gives what ``dataclasses.asdict`` gave."""

from __future__ import annotations

import dataclasses
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.regulation import ActKind, DecisionBase, TieBreak, TieReading
from app.domain.voting import Reason, TallyResult
from app.services.conduct.common import result_data, result_from_data

COUNTS = st.integers(min_value=0, max_value=500)
RESULTS = st.builds(
    TallyResult,
    adopted=st.booleans(),
    for_=COUNTS,
    against=COUNTS,
    abstained=COUNTS,
    did_not_vote=COUNTS,
    base=st.sampled_from(DecisionBase),
    base_count=COUNTS,
    required=COUNTS,
    tie=st.booleans(),
    tie_break_applied=st.none() | st.sampled_from(TieBreak),
    deciding_voter_id=st.none() | st.integers(min_value=1, max_value=10**6),
    reason=st.sampled_from(Reason),
    tie_reading=st.none() | st.sampled_from(TieReading),
    recommendation=st.booleans(),
    threshold_source=st.text(max_size=8),
    tie_break_source=st.text(max_size=8),
    recommendation_source=st.text(max_size=8),
    act_kind=st.sampled_from([kind.value for kind in ActKind]) | st.sampled_from(ActKind),
)


def deep_result_data(result: TallyResult) -> dict[str, Any]:
    """The former construction, through ``dataclasses.asdict``."""
    data = dataclasses.asdict(result)
    data["base"] = result.base.value
    data["tie_break_applied"] = result.tie_break_applied.value if result.tie_break_applied else None
    data["reason"] = result.reason.value
    data["tie_reading"] = result.tie_reading.value if result.tie_reading else None
    return data


@settings(max_examples=300, deadline=None)
@given(RESULTS)
def test_result_data_is_what_asdict_gave(result: TallyResult) -> None:
    data, former = result_data(result), deep_result_data(result)
    assert data == former
    assert list(data) == list(former)  # the same key order: the same frozen JSON text
    assert [type(v) for v in data.values()] == [type(v) for v in former.values()]
    assert result_from_data(data) == result
