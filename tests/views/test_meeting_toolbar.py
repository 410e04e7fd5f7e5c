"""The Meetings tool bar: an action enabled when the meeting allows it, else the reason."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app import i18n
from app.domain.meeting import MeetingAction, MeetingState, refusal
from app.models.database import Database
from app.services.meeting_detail import meeting_detail
from app.services.meetings.common import MeetingInfo
from app.views.meeting_toolbar import MeetingToolbar
from tests.services.meeting_helpers import World, meeting_in_state


@pytest.fixture
def toolbar(qtbot: QtBot) -> MeetingToolbar:
    page = QWidget()
    qtbot.addWidget(page)
    bar = MeetingToolbar(page)
    bar.retranslate_ui()
    return bar


def meeting(database: Database, world: World, state: MeetingState) -> MeetingInfo:
    return meeting_detail(database, meeting_in_state(database, world, state)).meeting


def test_a_planned_meeting_allows_approval_and_explains_the_rest(
    toolbar: MeetingToolbar, database: Database, world: World
) -> None:
    planned = meeting(database, world, MeetingState.PLANNED)

    toolbar.show_possible(planned)

    assert toolbar.approve_action.isEnabled() and toolbar.postpone_action.isEnabled()
    assert toolbar.approve_action.toolTip() == "Record that the chair approved the agenda"
    assert not toolbar.close_action.isEnabled()
    expected = refusal(MeetingAction.CLOSE, MeetingState.PLANNED, number=1)
    assert expected is not None
    assert (
        toolbar.close_action.toolTip() == expected.message() == toolbar.reason(toolbar.close_action)
    )
    assert toolbar.close_action.statusTip() == expected.message()
    assert toolbar.more_button.isEnabled()


def test_the_status_text_explains_the_next_step(
    toolbar: MeetingToolbar, database: Database, world: World
) -> None:
    approved = meeting(database, world, MeetingState.AGENDA_APPROVED)

    status = toolbar.show_possible(approved)

    held = refusal(MeetingAction.MARK_HELD, MeetingState.AGENDA_APPROVED, number=1)
    assert held is not None and status == held.message()  # notify is possible, then held is not
    assert toolbar.notify_action.isEnabled()


def test_a_closed_meeting_offers_only_what_reads_it(
    toolbar: MeetingToolbar, database: Database, world: World
) -> None:
    closed = meeting(database, world, MeetingState.CLOSED)

    toolbar.show_possible(closed)

    enabled = {
        action
        for action in (
            toolbar.edit_action,
            toolbar.approve_action,
            toolbar.notify_action,
            toolbar.held_action,
            toolbar.close_action,
            toolbar.postpone_action,
            toolbar.replan_action,
            toolbar.cancel_action,
            toolbar.preview_action,
            toolbar.history_action,
        )
        if action.isEnabled()
    }
    assert enabled == {toolbar.preview_action, toolbar.history_action}
    assert toolbar.plan_action.isEnabled()  # planning needs no meeting
    assert toolbar.more_button.isEnabled()


def test_without_a_meeting_every_action_on_one_asks_to_choose_one(toolbar: MeetingToolbar) -> None:
    status = toolbar.show_possible(None)

    assert status == "Choose a meeting in the list first."
    assert toolbar.plan_action.isEnabled()
    assert not toolbar.edit_action.isEnabled() and not toolbar.live_action.isEnabled()
    assert toolbar.live_action.toolTip() == "Choose a meeting in the list first."
    assert not toolbar.more_button.isEnabled()


def test_a_triggered_action_runs_its_slot(toolbar: MeetingToolbar) -> None:
    ran: list[str] = []
    toolbar.run_on(toolbar.plan_action, lambda: ran.append("plan"))

    toolbar.plan_action.trigger()

    assert ran == ["plan"]
    assert toolbar.plan_action.shortcut().toString() == "Ctrl+N"


def test_texts_and_reasons_follow_the_language(
    toolbar: MeetingToolbar, database: Database, world: World
) -> None:
    planned = meeting(database, world, MeetingState.PLANNED)
    i18n.set_interface_language("kk")
    try:
        toolbar.retranslate_ui()
        toolbar.show_possible(planned)
        assert toolbar.plan_action.text() not in ("", "Plan meeting…")
        expected = refusal(MeetingAction.CLOSE, MeetingState.PLANNED, number=1)
        assert expected is not None and toolbar.close_action.toolTip() == expected.message()
        assert expected.message() != expected.message(i18n.translations("en"))
    finally:
        i18n.set_interface_language("en")
