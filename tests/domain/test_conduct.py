"""When conduct may be recorded: the refusal names the state as the user reads it."""

from __future__ import annotations

import gettext

import pytest

from app.domain.conduct import CONDUCT_STATES, DISSENT_STATES, NOT_IN_CONDUCT, conduct_refusal
from app.domain.meeting import MeetingState


@pytest.mark.parametrize("state", list(MeetingState))
def test_conduct_is_recorded_from_the_approved_agenda_until_the_meeting_closes(
    state: MeetingState,
) -> None:
    refusal = conduct_refusal(state.value, 4)
    assert (refusal is None) == (state in CONDUCT_STATES)
    late = conduct_refusal(state.value, 4, DISSENT_STATES)
    assert (late is None) == (state in CONDUCT_STATES or state is MeetingState.CLOSED)


def test_the_refusal_shows_the_state_label_not_its_code() -> None:
    refusal = conduct_refusal(MeetingState.PLANNED.value, 7)
    assert refusal is not None and refusal.msgid == NOT_IN_CONDUCT
    text = refusal.message(gettext.NullTranslations())
    assert "No. 7" in text and "“Planned”" in text and "planned”" not in text
