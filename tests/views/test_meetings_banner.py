"""The regulation banner: councils behind their yearly minimum, reloaded when meetings change."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app import i18n
from app.domain.regulation import SUPERVISORY_BOARD_690
from app.formatting import DEFAULT_TIMEZONE
from app.models.database import Database
from app.views.meetings_banner import RegulationBanner
from app.views.operations import Changes, Record, announce
from tests.services.meeting_helpers import World, make_world, plan

TODAY = date(2027, 3, 1)  # a later year than the council was entered in
FOUR_A_YEAR = replace(SUPERVISORY_BOARD_690.profile, min_meetings_per_year=4)


@pytest.fixture
def world(database: Database) -> World:
    return make_world(database, FOUR_A_YEAR)


@pytest.fixture
def page(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def plan_sessions(database: Database, world: World, count: int) -> None:
    for n in range(count):
        plan(database, world, day=date(2027, 4, 7) + timedelta(weeks=n), number=n + 1)


def test_a_council_behind_its_minimum_is_named_with_its_tally(
    database: Database, world: World, page: QWidget
) -> None:
    banner = RegulationBanner(database, lambda: TODAY, page)
    plan_sessions(database, world, 1)

    banner.set_scope(None, None)

    assert banner.text_shown() == (
        "⚠ Council for the development of artificial intelligence: The council is behind its "
        "regulation: sessions required a year: 4; in 2027 held: 0, planned: 1."
    )
    assert [a.council_id for a in banner.alerts] == [world.council_id]


def test_a_council_with_enough_sessions_planned_hides_the_banner(
    database: Database, world: World, page: QWidget
) -> None:
    plan_sessions(database, world, 4)
    banner = RegulationBanner(database, lambda: TODAY, page)

    banner.set_scope(world.council_id, 2027)

    assert banner.isHidden() and banner.text_shown() == ""


def test_the_banner_reloads_when_meetings_are_announced(
    database: Database, world: World, page: QWidget
) -> None:
    banner = RegulationBanner(database, lambda: TODAY, page)
    banner.set_scope(world.council_id, 2027)
    assert banner.alerts

    plan_sessions(database, world, 4)
    announce(Changes(Record.PROTOCOLS))
    assert banner.alerts  # not a change the banner counts

    announce(Changes(Record.MEETINGS))
    assert banner.alerts == [] and banner.isHidden()


def test_another_year_or_a_council_entered_today_is_not_warned_about(
    database: Database, world: World, page: QWidget
) -> None:
    plan_sessions(database, world, 4)
    banner = RegulationBanner(database, lambda: TODAY, page)

    banner.set_scope(world.council_id, 2028)
    assert "2028 held: 0, planned: 0" in banner.text_shown()

    def entered_day() -> date:  # the day the council was entered, in Kazakhstan
        return datetime.now(ZoneInfo(DEFAULT_TIMEZONE)).date()

    entered = RegulationBanner(database, entered_day, page)
    entered.set_scope(world.council_id, None)
    assert entered.text_shown() == ""


def test_an_unknown_council_leaves_the_banner_empty(
    database: Database, world: World, page: QWidget
) -> None:
    banner = RegulationBanner(database, lambda: TODAY, page)

    banner.set_scope(world.council_id + 100, 2027)

    assert banner.alerts == [] and banner.text_shown() == ""


def test_the_banner_is_worded_in_the_interface_language(
    database: Database, world: World, page: QWidget
) -> None:
    banner = RegulationBanner(database, lambda: TODAY, page)
    banner.set_scope(None, 2027)
    try:
        i18n.set_interface_language("ru")
        banner.retranslate_ui()
        text = banner.text_shown()
    finally:
        i18n.set_interface_language("en")

    assert text.startswith("⚠ Совет по развитию искусственного интеллекта: ")
    assert "2027" in text and "council" not in text
