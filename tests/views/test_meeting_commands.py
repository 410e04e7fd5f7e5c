"""The Meetings page's commands on the selected meeting: a question, the service, the page told."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.domain.errors import KenesError
from app.domain.meeting import MeetingState
from app.models.database import Database
from app.services.meeting_detail import meeting_detail
from app.services.meetings.common import MeetingInfo
from app.views import meeting_commands
from app.views.meeting_commands import MeetingCommands
from app.views.meeting_dialog import MeetingDialog, ReasonDialog
from app.views.pdf_preview import PdfPreviewDialog
from tests.services.meeting_helpers import (
    AFTER,
    ME,
    World,
    counts,
    meeting_in_state,
)


class Page:
    """The page's side of the commands: the meeting selected, and what it was told."""

    def __init__(self, database: Database, meeting_id: int | None) -> None:
        self.database = database
        self.meeting_id = meeting_id
        self.changed: list[object] = []

    def selected_meeting(self) -> MeetingInfo | None:
        if self.meeting_id is None:
            return None
        return meeting_detail(self.database, self.meeting_id).meeting

    def chosen_council(self) -> int | None:
        return None

    def show_changed(self, result: object = None) -> None:
        self.changed.append(result)


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    questions: list[str] = []
    monkeypatch.setattr(meeting_commands, "ask", lambda _p, q: questions.append(q) or True)
    return questions


NOW = datetime(2026, 4, 20, 6, tzinfo=UTC)


@pytest.fixture
def made() -> list[MeetingCommands]:
    """The commands of each test, alive until it ends as the page keeps its own (a dialog
    left to close later calls back into them)."""
    return []


def commands(
    qtbot: QtBot, made: list[MeetingCommands], page: Page, now: datetime = NOW
) -> MeetingCommands:
    widget = QWidget()
    qtbot.addWidget(widget)
    made.append(MeetingCommands(widget, page, page.database, ME, lambda: AFTER, lambda: now))
    return made[-1]


def state(database: Database, meeting_id: int) -> MeetingState:
    return meeting_detail(database, meeting_id).meeting.state


def test_approving_asks_then_records_and_tells_the_page(
    qtbot: QtBot, made: list[MeetingCommands], database: Database, world: World, asked: list[str]
) -> None:
    meeting = meeting_in_state(database, world, MeetingState.PLANNED)
    page = Page(database, meeting)

    assert commands(qtbot, made, page).approve_agenda()

    assert asked == ["Record that the chair has approved the agenda of Regular meeting No. 1?"]
    assert state(database, meeting) is MeetingState.AGENDA_APPROVED
    assert len(page.changed) == 1


def test_no_to_the_question_changes_nothing(
    qtbot: QtBot,
    made: list[MeetingCommands],
    database: Database,
    world: World,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    meeting = meeting_in_state(database, world, MeetingState.HELD)
    monkeypatch.setattr(meeting_commands, "ask", lambda _p, _q: False)
    page = Page(database, meeting)
    before = counts(database)

    assert not commands(qtbot, made, page).close_meeting()

    assert counts(database) == before and page.changed == []


def test_a_refused_step_is_shown_and_changes_nothing(
    qtbot: QtBot,
    made: list[MeetingCommands],
    database: Database,
    world: World,
    asked: list[str],
    refusals: list[KenesError],
) -> None:
    meeting = meeting_in_state(database, world, MeetingState.PLANNED)
    page = Page(database, meeting)
    before = counts(database)

    assert not commands(qtbot, made, page).close_meeting()  # a planned meeting cannot be closed

    assert len(refusals) == 1
    assert counts(database) == before and page.changed == []
    assert state(database, meeting) is MeetingState.PLANNED


def test_marking_held_before_the_start_names_the_start(
    qtbot: QtBot, made: list[MeetingCommands], database: Database, world: World, asked: list[str]
) -> None:
    meeting = meeting_in_state(database, world, MeetingState.NOTIFIED)
    early = datetime(2026, 4, 15, 3, 0, tzinfo=UTC)  # 08:00 in Astana, the meeting is at 10:00

    assert commands(qtbot, made, Page(database, meeting), now=early).mark_held()

    assert asked == [
        "Regular meeting No. 1 is planned to start on 15/04/2026 at 10:00, which has not come "
        "yet. Record it as held all the same?"
    ]
    assert state(database, meeting) is MeetingState.HELD


def test_postponing_asks_why_only_when_the_meeting_may_be_postponed(
    qtbot: QtBot, made: list[MeetingCommands], database: Database, world: World
) -> None:
    meeting = meeting_in_state(database, world, MeetingState.AGENDA_APPROVED)
    page = Page(database, meeting)
    orders = commands(qtbot, made, page)

    dialog = orders.postpone_meeting()
    assert isinstance(dialog, ReasonDialog)
    assert dialog.windowTitle() == "Postpone the meeting"
    assert dialog.prompt.text().startswith("Why is Regular meeting No. 1 postponed?")
    dialog.reason.setPlainText("The chair is abroad.")
    dialog.accept()

    assert state(database, meeting) is MeetingState.POSTPONED and len(page.changed) == 1
    assert orders.postpone_meeting() is None  # postponed already
    edit = orders.edit_meeting()
    assert isinstance(edit, MeetingDialog) and edit.mode == MeetingDialog.REPLAN
    edit.reject()


def test_without_a_meeting_nothing_is_done(
    qtbot: QtBot, made: list[MeetingCommands], database: Database, asked: list[str]
) -> None:
    orders = commands(qtbot, made, Page(database, None))

    assert not orders.approve_agenda() and not orders.mark_held()
    assert orders.edit_meeting() is None and orders.cancel_meeting() is None
    assert orders.notify_members() is None and orders.preview_notice() is None
    assert asked == []


def test_the_notice_preview_shows_the_notice_s_pages(
    qtbot: QtBot, made: list[MeetingCommands], database: Database, world: World
) -> None:
    meeting = meeting_in_state(database, world, MeetingState.PLANNED)
    orders = commands(qtbot, made, Page(database, meeting))

    dialog = orders.preview_notice()

    assert isinstance(dialog, PdfPreviewDialog) and orders.preview_dialog is dialog
    assert dialog.windowTitle() == "Notice of Regular meeting No. 1"
    qtbot.waitUntil(lambda: dialog.preview.page_count() > 0, timeout=20_000)
    assert dialog.preview.pdf_bytes().startswith(b"%PDF")
    dialog.reject()
