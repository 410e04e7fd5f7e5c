"""How the meetings widgets word a meeting: title, time, countdown, warnings and their colours."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, time

import pytest
from PySide6.QtGui import QColor

from app import i18n
from app.domain.meeting import (
    AlertKind,
    MeetingKind,
    MeetingState,
    YearTally,
    materials_alert,
    minimum_alert,
)
from app.models.database import Database
from app.services.meeting_detail import meeting_detail
from app.views.meetings_wording import (
    Level,
    alert_level,
    alert_text,
    countdown,
    kind_label,
    level_brushes,
    meeting_title,
    meeting_when,
    state_label,
)
from tests.services.meeting_helpers import make_world, plan

TODAY = date(2026, 4, 10)


@pytest.fixture
def ru() -> Iterator[None]:
    i18n.set_interface_language("ru")
    yield
    i18n.set_interface_language("en")


def test_a_planned_meeting_is_titled_and_dated_as_the_tables_write_it(database: Database) -> None:
    meeting_id = plan(database, make_world(database), number=3, ends_at=time(12, 30))
    meeting = meeting_detail(database, meeting_id).meeting

    assert meeting_title(meeting) == "Regular meeting No. 3"
    assert meeting_when(meeting) == "15/04/2026 10:00–12:30"


def test_without_an_end_only_the_start_is_shown(database: Database, ru: None) -> None:
    meeting_id = plan(database, make_world(database), ends_at=None)
    meeting = meeting_detail(database, meeting_id).meeting

    assert meeting_when(meeting) == "15.04.2026 10:00"
    assert meeting_title(meeting).endswith(" 1")
    assert kind_label(MeetingKind.REGULAR) in meeting_title(meeting)


@pytest.mark.parametrize(
    ("days", "english"),
    [
        (5, "in 5 days"),
        (1, "in 1 day"),
        (0, "today"),
        (-1, "1 day overdue"),
        (-3, "3 days overdue"),
    ],
)
def test_countdown_words_both_sides_of_the_deadline(days: int, english: str) -> None:
    assert countdown(days) == english


def test_countdown_uses_russian_plural_forms(ru: None) -> None:
    assert [countdown(n) for n in (1, 2, 5, 21, 0, -2)] == [
        "через 1 день",
        "через 2 дня",
        "через 5 дней",
        "через 21 день",
        "сегодня",
        "просрочено на 2 дня",
    ]


def test_labels_follow_the_language(ru: None) -> None:
    assert state_label(MeetingState.PLANNED) != "Planned"
    assert kind_label(MeetingKind.REGULAR) != "Regular meeting"


def test_a_warning_writes_its_due_date_as_the_tables_do() -> None:
    alert = materials_alert(TODAY, date(2026, 4, 8), 2)
    assert alert is not None and alert.kind is AlertKind.MATERIALS_OVERDUE

    text = alert_text(alert)

    assert "08/04/2026" in text and "2026-04-08" not in text
    assert text.endswith(": 2.")


def test_overdue_is_red_soon_is_yellow_nothing_is_plain() -> None:
    overdue = materials_alert(TODAY, date(2026, 4, 8), 1)
    soon = materials_alert(TODAY, date(2026, 4, 12), 1)
    behind = minimum_alert(YearTally(2026, required=4, held=0, planned=1), TODAY)
    assert overdue and soon and behind

    assert alert_level([soon, overdue]) == Level.OVERDUE
    assert alert_level([soon]) == alert_level([behind]) == Level.SOON
    assert alert_level([]) == Level.NONE
    assert level_brushes(Level.NONE) is None
    red = level_brushes(Level.OVERDUE)
    yellow = level_brushes(Level.SOON)
    assert red and yellow
    assert red[0].color() == QColor("#f8d7da") and yellow[0].color() == QColor("#fff3cd")
    assert "{" not in alert_text(behind)
