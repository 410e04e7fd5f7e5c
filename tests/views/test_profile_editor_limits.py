"""The profile editor offers only the values the services accept: the same domain limits."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from app.domain.regulation import (
    DEADLINE_LIMITS,
    MAX_CO_CHAIRS,
    MAX_DEPUTY_CHAIRS,
    MAX_MEETINGS_PER_YEAR,
    MAX_SHARE_DENOMINATOR,
    SUPERVISORY_BOARD_690,
    DayCount,
    check_profile,
)
from app.views.profile_editor import CUSTOM, ProfileEditor
from app.views.qt_i18n import apply_language


@pytest.fixture
def editor(qtbot: QtBot) -> Iterator[ProfileEditor]:
    widget = ProfileEditor()
    qtbot.addWidget(widget)
    yield widget
    apply_language("en")


def test_the_spin_boxes_end_at_the_domain_limits(editor: ProfileEditor) -> None:
    assert (editor.min_meetings.minimum(), editor.min_meetings.maximum()) == (
        0,
        MAX_MEETINGS_PER_YEAR,
    )
    assert editor.max_deputy_chairs.maximum() == MAX_DEPUTY_CHAIRS
    assert editor.max_co_chairs.maximum() == MAX_CO_CHAIRS
    for share in (editor.quorum, editor.threshold):
        assert share.denominator.minimum() == 1
        assert share.denominator.maximum() == MAX_SHARE_DENOMINATOR


@pytest.mark.parametrize("unit", list(DayCount))
def test_a_deadline_ends_at_its_unit_s_limit(editor: ProfileEditor, unit: DayCount) -> None:
    deadline = editor.deadlines["copies_deadline"]
    deadline.unit.set_value(unit)
    assert deadline.amount.minimum() == 0
    assert deadline.amount.maximum() == DEADLINE_LIMITS[unit]
    deadline.amount.setValue(10_000)
    assert deadline.amount.value() == DEADLINE_LIMITS[unit]


def test_whatever_the_editor_builds_at_its_limits_passes_the_check(editor: ProfileEditor) -> None:
    editor.apply_preset(SUPERVISORY_BOARD_690.key)
    for spin in (editor.min_meetings, editor.max_deputy_chairs, editor.max_co_chairs):
        spin.setValue(10**6)
    editor.threshold.choice.set_value(CUSTOM)
    editor.threshold.denominator.setValue(10**6)
    editor.threshold.numerator.setValue(10**6)
    for deadline in editor.deadlines.values():
        deadline.unit.set_value(DayCount.MONTHS)
        deadline.amount.setValue(10**6)
    profile = editor.profile()
    assert check_profile(profile) is profile
    assert profile.threshold.denominator == MAX_SHARE_DENOMINATOR
    assert profile.min_meetings_per_year == MAX_MEETINGS_PER_YEAR
