"""The Meetings page explains itself: why an action is disabled, the regulation banner kept
up to date, a confirmation before a meeting is recorded as held early, the notice preview."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from app.domain.errors import KenesError
from app.domain.meeting import MeetingState
from app.formatting import DEFAULT_TIMEZONE
from app.models.database import Database
from app.services.meetings.mark_held import mark_held
from app.views import meeting_commands
from app.views.meetings_page import MeetingsPage
from app.views.operations import CONDUCT, MEETINGS, announce
from app.views.pdf_preview import PdfPreviewDialog
from app.views.qt_i18n import apply_language
from tests.services.meeting_helpers import DAY, ME, World, counts, make_world, meeting_in_state
from tests.views.test_meetings_page import AI, Clock, PageMaker, state_of
from tests.views.view_helpers import answering


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    return answering(monkeypatch, True, meeting_commands)


@pytest.fixture
def clock() -> Clock:
    return Clock(date(2026, 4, 1))


@pytest.fixture
def make_page(qtbot: QtBot, database: Database, clock: Clock) -> Iterator[PageMaker]:
    def build() -> MeetingsPage:
        widget = MeetingsPage(database, ME, clock=clock)
        qtbot.addWidget(widget)
        return widget

    yield build
    apply_language("en")


NOT_NOTIFIED = "cannot be marked as held yet: the members have not been notified of it"


# -- why an action is disabled -------------------------------------------------------------------


def test_a_disabled_action_says_why_in_its_tool_tip_and_the_status_bar(
    qtbot: QtBot, database: Database, world: World, clock: Clock
) -> None:
    meeting_in_state(database, world, MeetingState.AGENDA_APPROVED)
    window = QMainWindow()
    qtbot.addWidget(window)
    page = MeetingsPage(database, ME, clock=clock)
    window.setCentralWidget(page)
    window.show()
    page.refresh()
    bar = page.toolbar
    assert bar.notify_action.isEnabled()
    assert not bar.held_action.isEnabled()
    assert NOT_NOTIFIED in bar.held_action.toolTip()
    assert NOT_NOTIFIED in bar.held_action.statusTip()
    # The next step of the meeting's life after "notify" is "mark held": the status bar says
    # why it cannot be done yet, in the words the service would refuse with.
    assert NOT_NOTIFIED in page.status_text
    assert window.statusBar().currentMessage() == page.status_text
    assert "already approved" in bar.approve_action.toolTip()
    assert "only a held meeting is closed" in bar.close_action.toolTip()
    # An enabled action's tool tip says what it does.
    assert bar.notify_action.toolTip().startswith("Issue the notice (PDF)")


def test_without_a_meeting_every_action_asks_to_choose_one(
    database: Database, world: World, make_page: PageMaker
) -> None:
    page = make_page()
    assert page.selected_meeting() is None
    for action in (page.toolbar.held_action, page.toolbar.live_action, page.toolbar.edit_action):
        assert not action.isEnabled()
        assert action.toolTip() == "Choose a meeting in the list first."
    assert page.status_text == "Choose a meeting in the list first."
    assert page.toolbar.plan_action.isEnabled()


def test_the_live_meeting_says_why_it_cannot_open_yet(
    database: Database, world: World, make_page: PageMaker
) -> None:
    meeting_in_state(database, world, MeetingState.PLANNED)
    page = make_page()
    assert not page.toolbar.live_action.isEnabled()
    assert "Planned" in page.toolbar.live_action.toolTip()
    # A planned meeting's next step is the notice, which waits for the chair's approval.
    assert "the chair has not approved its agenda" in page.status_text


# -- the regulation banner -----------------------------------------------------------------------


def test_the_banner_follows_meetings_planned_held_and_closed(
    database: Database, make_page: PageMaker, answers: list[str], refusals: list[KenesError]
) -> None:
    world = make_world(database, AI.with_changes(min_meetings_per_year=2))
    page = make_page()
    page.show()
    assert "in 2026 held: 0, planned: 0" in page.banner_text()
    # Planned elsewhere (another view announces it): the banner counts it.
    meeting_id = meeting_in_state(database, world, MeetingState.NOTIFIED)
    announce(MEETINGS)
    assert "in 2026 held: 0, planned: 1" in page.banner_text()
    # Held from the live meeting, which announces conduct changes only.
    mark_held(database, ME, meeting_id, today=DAY)
    announce(CONDUCT)
    assert "in 2026 held: 1, planned: 0" in page.banner_text()
    # Closed on the page itself.
    assert page.select_meeting(meeting_id)
    assert page.commands.close_meeting()
    assert state_of(database, meeting_id) is MeetingState.CLOSED
    assert "in 2026 held: 1, planned: 0" in page.banner_text()
    assert refusals == []


def test_no_warning_for_a_council_entered_today(
    database: Database, make_page: PageMaker, clock: Clock
) -> None:
    make_world(database, AI)
    clock.day = datetime.now(ZoneInfo(DEFAULT_TIMEZONE)).date()
    page = make_page()
    assert page.banner_text() == ""
    # The next day the council is behind its yearly minimum, and the banner says so.
    clock.day = date.fromordinal(clock.day.toordinal() + 1)
    page.refresh()
    assert "The council is behind its regulation" in page.banner_text()


# -- recording a meeting held before its start ----------------------------------------------------


@pytest.mark.parametrize("confirmed", [False, True])
def test_marking_held_before_the_planned_start_asks_first(
    qtbot: QtBot,
    database: Database,
    world: World,
    monkeypatch: pytest.MonkeyPatch,
    refusals: list[KenesError],
    confirmed: bool,
) -> None:
    meeting_id = meeting_in_state(database, world, MeetingState.NOTIFIED)
    asked: list[str] = []

    def answer(_parent: object, question: str) -> bool:
        asked.append(question)
        return confirmed

    monkeypatch.setattr(meeting_commands, "ask", answer)
    page = MeetingsPage(
        database, ME, clock=lambda: DAY, now=lambda: datetime.combine(DAY, time(9, 15))
    )
    qtbot.addWidget(page)
    assert page.select_meeting(meeting_id)
    before = counts(database)
    assert page.commands.mark_held() is confirmed
    assert asked == [
        "Regular meeting No. 1 is planned to start on 15/04/2026 at 10:00, which has not "
        "come yet. Record it as held all the same?"
    ]
    if confirmed:
        assert state_of(database, meeting_id) is MeetingState.HELD
    else:
        assert state_of(database, meeting_id) is MeetingState.NOTIFIED
        assert counts(database) == before
    assert refusals == []


def test_marking_held_after_the_start_asks_the_usual_question(
    qtbot: QtBot, database: Database, world: World, answers: list[str]
) -> None:
    meeting_id = meeting_in_state(database, world, MeetingState.NOTIFIED)
    page = MeetingsPage(
        database, ME, clock=lambda: DAY, now=lambda: datetime.combine(DAY, time(10, 30))
    )
    qtbot.addWidget(page)
    assert page.select_meeting(meeting_id)
    assert page.commands.mark_held()
    assert answers == ["Mark Regular meeting No. 1 as held?"]


# -- the notice preview ---------------------------------------------------------------------------


def test_the_notice_and_agenda_preview_opens_with_its_pages(
    qtbot: QtBot, database: Database, world: World, make_page: PageMaker
) -> None:
    meeting_in_state(database, world, MeetingState.AGENDA_APPROVED)
    page = make_page()
    assert page.toolbar.preview_action.isEnabled()
    page.toolbar.preview_action.trigger()
    dialog = page.commands.preview_dialog
    assert isinstance(dialog, PdfPreviewDialog)
    qtbot.waitUntil(lambda: dialog.preview.page_count() > 0, timeout=30_000)
    assert dialog.preview.pdf_bytes().startswith(b"%PDF")
    assert dialog.windowTitle() == "Notice of Regular meeting No. 1"
    dialog.reject()


def test_the_reasons_follow_the_interface_language(
    qtbot: QtBot, database: Database, world: World, clock: Clock
) -> None:
    meeting_in_state(database, world, MeetingState.AGENDA_APPROVED)
    window = QMainWindow()
    qtbot.addWidget(window)
    page = MeetingsPage(database, ME, clock=clock)
    window.setCentralWidget(page)
    window.show()
    try:
        apply_language("kk")
        expected = (
            "№ 1 отырысты әлі өтті деп белгілеуге болмайды: мүшелерге ол туралы хабарланбаған."
        )
        assert page.status_text == expected
        assert page.toolbar.held_action.toolTip() == expected
        assert window.statusBar().currentMessage() == expected
    finally:
        apply_language("en")
    assert NOT_NOTIFIED in window.statusBar().currentMessage()
    # Another page shown in its place: the message about this page's meeting goes.
    page.hide()
    assert window.statusBar().currentMessage() == ""
