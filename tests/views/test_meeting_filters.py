"""The head of the Meetings page: filters as the query takes them, the years, the count."""

from __future__ import annotations

from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from app import i18n
from app.domain.meeting import MeetingKind, MeetingState
from app.models.database import Database
from app.services.meeting_queries import meeting_keys
from app.views.meeting_filters import MeetingFilters
from tests.services.meeting_helpers import World, drive_to, make_world, plan

TODAY = date(2026, 4, 10)


@pytest.fixture
def world(database: Database) -> World:
    world = make_world(database)
    plan(database, world, day=date(2025, 3, 5), number=1)
    cancelled = plan(database, world, day=date(2027, 3, 3), number=1)
    drive_to(database, cancelled, MeetingState.CANCELLED)
    return world


@pytest.fixture
def head(qtbot: QtBot, database: Database, world: World) -> MeetingFilters:
    widget = MeetingFilters(database, lambda: TODAY)
    qtbot.addWidget(widget)
    widget.reload_choices()
    return widget


def test_nothing_chosen_filters_nothing(head: MeetingFilters, database: Database) -> None:
    assert head.filters() == {"council_id": None, "year": None, "states": None, "kinds": None}
    assert len(meeting_keys(database, **head.filters())) == 2


def test_the_years_offered_have_meetings_and_include_this_year(
    head: MeetingFilters, world: World
) -> None:
    assert head.year_filter.values() == [None, 2027, 2026, 2025]
    assert head.council_filter.values() == [None, world.council_id]
    assert head.council_filter.label_of(world.council_id) == (
        "Council for the development of artificial intelligence"
    )

    head.set_values(None, None, MeetingState.CANCELLED, None)
    head.reload_choices()

    assert head.year_filter.values() == [None, 2027, 2026]  # 2025 has no cancelled meeting


def test_the_chosen_filters_are_what_the_query_takes(
    head: MeetingFilters, database: Database, world: World
) -> None:
    head.set_values(world.council_id, 2027, MeetingState.CANCELLED, MeetingKind.REGULAR)

    filters = head.filters()

    assert filters == {
        "council_id": world.council_id,
        "year": 2027,
        "states": (MeetingState.CANCELLED,),
        "kinds": (MeetingKind.REGULAR,),
    }
    assert [key.day for key in meeting_keys(database, **filters)] == [date(2027, 3, 3)]


def test_changed_is_told_for_a_user_s_pick_only(qtbot: QtBot, head: MeetingFilters) -> None:
    told: list[None] = []
    head.changed.connect(lambda: told.append(None))

    head.set_values(None, 2025, None, None)
    head.reload_choices()
    assert told == [] and head.year_filter.value() == 2025  # kept through the reload

    head.state_filter.setCurrentIndex(2)
    assert len(told) == 1


def test_the_count_and_labels_follow_the_language(head: MeetingFilters) -> None:
    head.show_count(1234)
    assert head.count_label.text() == "1,234 meetings shown"
    head.show_count(1)
    assert head.count_label.text() == "1 meeting shown"
    i18n.set_interface_language("ru")
    try:
        head.retranslate_ui()
        assert head.title.text() != "Meetings"
        assert head.state_filter.itemText(0) != "All states"
        assert "1" in head.count_label.text()
    finally:
        i18n.set_interface_language("en")
