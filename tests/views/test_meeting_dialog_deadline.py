"""The planning dialog warns at once when the materials deadline of the chosen date has passed."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from app.domain.meeting import MeetingKind
from app.models.database import Database
from app.services.meeting_facts import planning_deadline
from app.views.meeting_dialog import MeetingDialog
from tests.services.meeting_helpers import ME, make_world
from tests.views.test_meetings_page import AI

TODAY = date(2026, 4, 1)


def test_the_warning_follows_the_date(qtbot: QtBot, database: Database) -> None:
    world = make_world(database, AI)  # materials are due two months before (004 §27)
    dialog = MeetingDialog(
        database, ME, council_id=world.council_id, day=date(2026, 4, 15), today=TODAY
    )
    qtbot.addWidget(dialog)
    warning = dialog.deadline_warning
    assert not warning.isHidden()
    due = dialog.deadline.due
    assert due is not None and due < TODAY
    assert warning.text().startswith(
        f"Materials for a meeting on this date were due on {due:%d/%m/%Y}, which has passed"
    )
    # Two months and more ahead: the materials can still come in time.
    dialog.day.set_day(date(2026, 7, 1))
    assert warning.isHidden()
    dialog.day.set_day(date(2026, 5, 20))
    assert not warning.isHidden()


def test_no_deadline_no_warning(qtbot: QtBot, database: Database) -> None:
    world = make_world(database)  # seed 000's profile sets no materials deadline
    dialog = MeetingDialog(
        database, ME, council_id=world.council_id, day=date(2026, 4, 2), today=TODAY
    )
    qtbot.addWidget(dialog)
    assert dialog.deadline_warning.isHidden()
    assert (
        planning_deadline(
            database, world.council_id, MeetingKind.REGULAR, date(2026, 4, 2), today=TODAY
        ).due
        is None
    )
