"""The review in a meeting's history, shown from the Meetings page and the review window."""

from __future__ import annotations

from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from app.domain.meeting import MeetingState
from app.i18n import set_interface_language
from app.models.database import Database
from app.services.base import Actor
from app.services.protocols.actions import Signing, create_protocol, record_agreement, sign_protocol
from app.services.review.answer_remark import answer_remark
from app.services.review.return_with_remarks import return_with_remarks
from app.views.meeting_history import MeetingHistoryDialog
from app.views.meetings_page import MeetingsPage
from app.views.review_window import ReviewWindow
from tests.services.meeting_helpers import ME, make_world, meeting_in_state
from tests.services.protocol_helpers import held_meeting


@pytest.fixture(autouse=True)
def english() -> object:
    set_interface_language("en")
    yield None
    set_interface_language("en")


def cells(dialog: MeetingHistoryDialog) -> list[list[str]]:
    table = dialog.table
    return [
        [table.item(row, column).text() for column in range(table.columnCount())]
        for row in range(table.rowCount())
    ]


def test_the_meetings_page_shows_the_protocols_review_in_legal_dates(
    qtbot: QtBot, database: Database
) -> None:
    held = held_meeting(database)
    meeting = held.board.meeting_id
    protocol = create_protocol(database, ME, meeting).id
    return_with_remarks(database, Actor("chair"), meeting, "protocol", "2-тармақ?")
    record_agreement(database, ME, protocol, "Қаржы министрлігі", date(2024, 3, 18))
    sign_protocol(
        database, ME, protocol, Signing(date(2024, 3, 20), languages=("kk",), accept_gaps=True)
    )
    page = MeetingsPage(database, ME, clock=lambda: date(2024, 3, 20))
    qtbot.addWidget(page)
    assert page.select_meeting(meeting)
    assert page.toolbar.history_action.isEnabled()
    dialog = page.show_history()
    assert isinstance(dialog, MeetingHistoryDialog)
    qtbot.addWidget(dialog)
    steps = [row[1] for row in cells(dialog)]
    assert steps == [
        "The chair approved the agenda",
        "The protocol draft was returned with remarks",
        "Agreed with Қаржы министрлігі on 18\u00a0March\u00a02024",
        "The protocol was signed on 20\u00a0March\u00a02024",
    ]
    assert cells(dialog)[1][2:] == ["chair", "2-тармақ?"]
    set_interface_language("kk")
    dialog.retranslate_ui()
    kk = [row[1] for row in cells(dialog)]
    assert "2024 жылғы 20 наурызда" in kk[3].replace("\u00a0", " ")
    assert "signed" not in " ".join(kk) and "draft" not in " ".join(kk)


def test_the_review_window_opens_the_history_of_the_chosen_meeting(
    qtbot: QtBot, database: Database
) -> None:
    world = make_world(database)
    meeting = meeting_in_state(database, world, MeetingState.PLANNED)
    remark = return_with_remarks(database, Actor("chair"), meeting, "agenda", "Баяндамашы?")
    answer_remark(database, ME, remark.id, "Қосылды.")
    window = ReviewWindow(database, ME)
    qtbot.addWidget(window)
    assert not window.history_button.isEnabled()
    window.task_table.selectRow(0)
    assert window.history_button.isEnabled()
    dialog = window.show_history()
    assert isinstance(dialog, MeetingHistoryDialog)
    qtbot.addWidget(dialog)
    assert [row[1:] for row in cells(dialog)] == [
        ["The agenda was returned with remarks", "chair", "Баяндамашы?"],
        ["The secretary answered the remarks", ME.name, "Қосылды."],
    ]
    assert not dialog.empty.isVisible()
