"""A meeting corrected meanwhile on another workstation: both versions shown, a choice."""

from __future__ import annotations

from dataclasses import replace
from datetime import time

import pytest
from pytestqt.qtbot import QtBot

from app.domain.errors import KenesError
from app.domain.meeting import MeetingState
from app.models.database import Database
from app.services.meeting_detail import meeting_detail
from app.services.meetings.update_meeting import update_meeting
from app.views import conflict_dialog
from app.views.conflict_dialog import Choice
from app.views.meeting_dialog import MeetingDialog
from tests.services.meeting_helpers import ME, make_world, meeting_data, meeting_in_state

Rows = list[tuple[str, str, str]]


@pytest.mark.parametrize("choice", [Choice.KEEP_THEIRS, Choice.SAVE_MINE])
def test_the_user_chooses_between_the_two_meetings(
    qtbot: QtBot,
    database: Database,
    refusals: list[KenesError],
    monkeypatch: pytest.MonkeyPatch,
    choice: Choice,
) -> None:
    world = make_world(database)
    meeting = meeting_in_state(database, world, MeetingState.PLANNED)
    info = meeting_detail(database, meeting).meeting
    dialog = MeetingDialog(database, ME, meeting=info)
    qtbot.addWidget(dialog)
    # Another workstation moves the meeting to the afternoon meanwhile.
    update_meeting(database, ME, meeting, meeting_data(starts_at=time(15, 0), ends_at=None))
    dialog.note.setPlainText("Залға проектор қажет")
    shown: list[Rows] = []
    monkeypatch.setattr(
        conflict_dialog, "ask_conflict", lambda _parent, rows: shown.append(rows) or choice
    )
    dialog.accept()
    assert refusals == []
    rows = {field: (theirs, mine) for field, theirs, mine in shown[0]}
    assert rows["Time"] == ("15:00", "10:00–12:00")
    assert rows["Note"] == ("", "Залға проектор қажет")
    assert rows["Place (in English)"][0] == rows["Place (in English)"][1]
    assert rows["Presiding"][0] and rows["Presiding"][0] == rows["Presiding"][1]
    saved = meeting_detail(database, meeting).meeting
    if choice is Choice.KEEP_THEIRS:
        assert dialog.note.toPlainText() == "" and dialog.ends.value() is None
        assert (saved.starts_at, saved.note) == (time(15, 0), "")
    else:
        assert (saved.starts_at, saved.ends_at) == (time(10, 0), time(12, 0))
        assert saved.note == "Залға проектор қажет"


def test_planning_a_new_meeting_never_asks(
    qtbot: QtBot, database: Database, refusals: list[KenesError], monkeypatch: pytest.MonkeyPatch
) -> None:
    world = make_world(database)
    asked: list[Rows] = []
    monkeypatch.setattr(conflict_dialog, "ask_conflict", lambda _p, rows: asked.append(rows))
    dialog = MeetingDialog(database, ME, council_id=world.council_id)
    qtbot.addWidget(dialog)
    dialog.day.set_day(replace(meeting_data()).day)
    dialog.accept()
    assert asked == [] and refusals == []
