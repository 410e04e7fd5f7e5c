"""Who may state a dissenting opinion, when, and how many: the refusals the services share."""

from __future__ import annotations

from datetime import date

from app.domain.citation import Citation
from app.domain.dissent import (
    ALREADY_STATED,
    NOT_A_PARTICIPANT,
    NOT_A_PARTICIPANT_CITED,
    RECEIVED_BEFORE_MEETING,
    already_stated,
    not_a_participant,
    received_too_early,
    took_part_in_closed_vote,
)

DAY = date(2026, 6, 10)


def test_an_opinion_is_received_at_the_meeting_or_after_it() -> None:
    assert received_too_early(DAY, DAY) is None
    assert received_too_early(date(2026, 6, 11), DAY) is None
    refusal = received_too_early(date(2026, 6, 9), DAY)
    assert refusal is not None and refusal.msgid == RECEIVED_BEFORE_MEETING
    assert refusal.params == {"day": DAY}


def test_a_second_opinion_of_the_same_member_is_refused_by_name() -> None:
    refusal = already_stated("Ахметов Асқар")
    assert refusal.msgid == ALREADY_STATED and refusal.params == {"name": "Ахметов Асқар"}


def test_who_took_part_is_read_from_the_frozen_record() -> None:
    frozen = {"entitled_present": [1, 2], "ballots": {"1": "for"}}
    assert took_part_in_closed_vote(frozen, 2, "counts")
    assert not took_part_in_closed_vote(frozen, 2, "roll_call")
    assert took_part_in_closed_vote(frozen, 1, "roll_call")


def test_the_refusal_cites_the_act_only_when_there_is_one() -> None:
    assert not_a_participant("A", 3, None).msgid == NOT_A_PARTICIPANT
    cited = not_a_participant("A", 3, Citation("16"))
    assert cited.msgid == NOT_A_PARTICIPANT_CITED
