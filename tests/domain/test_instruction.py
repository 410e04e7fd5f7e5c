"""A protocol instruction needs someone responsible and a deadline after the meeting."""

from __future__ import annotations

from datetime import date

from app.domain.instruction import (
    DEADLINE_BEFORE_MEETING,
    NO_EXECUTOR,
    deadline_refusal,
    executor_refusal,
)

DAY = date(2026, 4, 14)


def test_a_deadline_comes_on_or_after_the_meeting() -> None:
    assert deadline_refusal(None, DAY) is None
    assert deadline_refusal(DAY, DAY) is None
    early = date(2026, 4, 13)
    refusal = deadline_refusal(early, DAY)
    assert refusal is not None and refusal.msgid == DEADLINE_BEFORE_MEETING
    assert refusal.params == {"deadline": early}


def test_a_person_or_an_organisation_carries_it_out() -> None:
    assert executor_refusal(5, ("", "", "")) is None
    assert executor_refusal(None, ("", "Министерство", "")) is None
    refusal = executor_refusal(None, ("", "", ""))
    assert refusal is not None and refusal.msgid == NO_EXECUTOR
