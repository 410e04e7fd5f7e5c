"""Queries the planning dialog and the banner use: the materials deadline of a date not yet
planned, the yearly minimum of a council entered today, the notice PDF to preview."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pypdfium2 as pdfium
import pytest

from app.domain.errors import DomainError
from app.domain.meeting import MeetingKind, MeetingState
from app.domain.regulation import AI_COUNCIL_881
from app.formatting import DEFAULT_TIMEZONE
from app.models.database import Database
from app.services.council_minimum import council_alerts
from app.services.meeting_facts import planning_deadline
from app.services.notice_pdf import notice_pdf
from tests.services.meeting_helpers import make_world, meeting_in_state

AI = AI_COUNCIL_881.profile.with_changes(max_deputy_chairs=1)
TODAY = date(2026, 4, 1)


def test_the_deadline_of_a_date_not_yet_planned(database: Database) -> None:
    world = make_world(database, AI)  # materials two months before (004 §27)
    late = planning_deadline(
        database, world.council_id, MeetingKind.REGULAR, date(2026, 4, 15), today=TODAY
    )
    assert late.due is not None and late.due < TODAY and late.passed
    early = planning_deadline(
        database, world.council_id, MeetingKind.REGULAR, date(2026, 7, 1), today=TODAY
    )
    assert early.due is not None and early.due >= TODAY and not early.passed
    # The due day itself is still in time.
    on_the_day = planning_deadline(
        database, world.council_id, MeetingKind.REGULAR, date(2026, 7, 1), today=early.due
    )
    assert not on_the_day.passed


@pytest.mark.parametrize(
    ("council", "kind", "day"),
    [
        (0, MeetingKind.REGULAR, TODAY),
        (99, MeetingKind.REGULAR, TODAY),
        (1, "weekly", TODAY),
        (1, MeetingKind.REGULAR, "2026-04-01"),
    ],
)
def test_planning_deadline_refuses_what_is_not_there(
    database: Database, council: int, kind: object, day: object
) -> None:
    make_world(database, AI)
    with pytest.raises(DomainError):
        planning_deadline(database, council, kind, day, today=TODAY)  # type: ignore[arg-type]


def test_a_council_entered_today_is_behind_nothing(database: Database) -> None:
    world = make_world(database, AI)
    today = datetime.now(ZoneInfo(DEFAULT_TIMEZONE)).date()
    assert council_alerts(database, today=today) == []
    tomorrow = date.fromordinal(today.toordinal() + 1)
    assert [a.council_id for a in council_alerts(database, today=tomorrow)] == [world.council_id]


def test_the_notice_to_preview_is_a_pdf_with_the_agenda(database: Database) -> None:
    world = make_world(database, AI)
    meeting_id = meeting_in_state(database, world, MeetingState.PLANNED)
    data = notice_pdf(database, meeting_id, "kk")
    document = pdfium.PdfDocument(data)
    try:
        text = "".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    finally:
        document.close()
    assert "Күн тәртібі" in text
    with pytest.raises(DomainError):
        notice_pdf(database, meeting_id, "de")
