"""A profile's numbers within sense: the limits, the refusals naming the field."""

from __future__ import annotations

from typing import Any

import pytest

from app.domain.errors import DomainError
from app.domain.regulation import (
    AI_COUNCIL_881,
    PRESETS,
    SUPERVISORY_BOARD_690,
    DayCount,
    Deadline,
    RegulationProfile,
    Share,
    check_profile,
    profile_from_data,
    profile_to_dict,
)
from app.i18n import translations


@pytest.mark.parametrize("key", sorted(PRESETS))
def test_the_presets_pass_and_survive_the_round_trip(key: str) -> None:
    profile = PRESETS[key].profile
    assert check_profile(profile) is profile
    assert profile_from_data(profile_to_dict(profile)) == profile


def test_the_limits_themselves_pass() -> None:
    profile = RegulationProfile(
        quorum=Share(100, 100, inclusive=True),
        threshold=Share(0, 1),
        min_meetings_per_year=365,
        max_deputy_chairs=20,
        max_co_chairs=20,
        materials_deadline=Deadline(366, DayCount.CALENDAR_DAYS),
        materials_deadline_interim=Deadline(366, DayCount.WORKING_DAYS),
        protocol_draft_deadline=Deadline(24, DayCount.MONTHS),
        copies_deadline=Deadline(52, DayCount.WEEKS),
    )
    assert profile_from_data(profile_to_dict(check_profile(profile))) == profile


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"min_meetings_per_year": 10**40},
            "The field “Meetings a year, at least” must be a whole number from 0 to 365.",
        ),
        ({"min_meetings_per_year": 366}, "“Meetings a year, at least”"),
        (
            {"max_deputy_chairs": -3},
            "The field “Deputy chairs, at most” must be a whole number from 0 to 20.",
        ),
        ({"max_co_chairs": 21}, "“Co-chairs, at most” must be a whole number from 0 to 20"),
        ({"max_co_chairs": True}, "“Co-chairs, at most”"),
        ({"max_co_chairs": "2"}, "“Co-chairs, at most”"),
        (
            {"threshold": {"numerator": 5, "denominator": 3, "inclusive": False}},
            "The value of “Decision threshold” must be a fraction of at most one, with a "
            "denominator from 1 to 100; 5/3 is not.",
        ),
        (
            {"quorum": {"numerator": 1, "denominator": 10**40, "inclusive": True}},
            "The value of “Quorum” must be a fraction of at most one, with a denominator from 1 "
            "to 100; 1/… is not.",
        ),
        ({"quorum": {"numerator": -1, "denominator": 2, "inclusive": True}}, "-1/2 is not"),
        ({"quorum": {"numerator": 1, "denominator": 0, "inclusive": True}}, "1/0 is not"),
        (
            {"copies_deadline": {"amount": -7, "unit": "calendar_days", "source": ""}},
            "The deadline “Copies to members, after signing” must be from 0 to 366 calendar days.",
        ),
        (
            {"materials_deadline": {"amount": 367, "unit": "working_days", "source": ""}},
            "“Materials, before a session” must be from 0 to 366 working days.",
        ),
        (
            {"protocol_draft_deadline": {"amount": 53, "unit": "weeks", "source": ""}},
            "“Draft protocol, after a session” must be from 0 to 52 weeks.",
        ),
        (
            {"protocol_draft_deadline_interim": {"amount": 25, "unit": "months", "source": ""}},
            "“Draft protocol, after an interim meeting” must be from 0 to 24 months.",
        ),
        (
            {"copies_deadline": {"amount": 10**40, "unit": "months", "source": ""}},
            "must be from 0 to 24 months",
        ),
        ({"copies_deadline": {"amount": 2, "unit": "fortnights"}}, "profile is not valid"),
        ({"decision_base": "everyone"}, "profile is not valid"),
    ],
)
def test_senseless_values_in_data_are_refused_by_name(
    changes: dict[str, Any], message: str
) -> None:
    data = {**profile_to_dict(AI_COUNCIL_881.profile), **changes}
    with pytest.raises(DomainError, match=message.replace("(", r"\(")) as caught:
        profile_from_data(data)
    assert caught.value.message(translations("kk")) != caught.value.message()
    assert caught.value.message(translations("ru")) != caught.value.message()


@pytest.mark.parametrize("data", [None, [], "profile", 5])
def test_data_that_is_no_profile_is_refused(data: object) -> None:
    with pytest.raises(DomainError, match=r"The regulation profile is not valid\."):
        profile_from_data(data)


@pytest.mark.parametrize(
    "profile",
    [
        SUPERVISORY_BOARD_690.profile.with_changes(max_deputy_chairs=-3),
        SUPERVISORY_BOARD_690.profile.with_changes(min_meetings_per_year=10**40),
        SUPERVISORY_BOARD_690.profile.with_changes(quorum=Share(2, 1000)),
        SUPERVISORY_BOARD_690.profile.with_changes(copies_deadline=Deadline(400, DayCount.WEEKS)),
        SUPERVISORY_BOARD_690.profile.with_changes(threshold=None),
        SUPERVISORY_BOARD_690.profile.with_changes(copies_deadline=(7, "weeks")),
    ],
)
def test_senseless_profiles_are_refused(profile: RegulationProfile) -> None:
    with pytest.raises(DomainError):
        check_profile(profile)
