"""The protocol's path on the Protocols page: each step enabled when the domain allows it,
the reason of a refused step as its tool tip and in the status bar."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from app.domain.errors import KenesError
from app.domain.protocol_states import ProtocolAction, ProtocolState, refusal
from app.models.database import Database
from app.services.protocols.actions import create_protocol
from app.services.protocols.read_protocol import read_protocol
from app.views import operations, protocol_editor
from app.views.protocol_editor import ProtocolEditor
from app.views.protocols_page import ProtocolsPage
from app.views.qt_i18n import apply_language
from tests.services.conduct_helpers import ME
from tests.services.meeting_helpers import counts
from tests.services.protocol_helpers import HeldMeeting

TODAY = date(2024, 3, 25)


@pytest.fixture
def refusals(monkeypatch: pytest.MonkeyPatch) -> list[KenesError]:
    seen: list[KenesError] = []
    monkeypatch.setattr(operations, "show_refusal", lambda _p, error: seen.append(error))
    monkeypatch.setattr(protocol_editor, "ask", lambda _p, _q: True)
    return seen


@pytest.fixture
def page(qtbot: QtBot, database: Database, held: HeldMeeting) -> Iterator[ProtocolsPage]:
    widget = ProtocolsPage(database, ME, today=TODAY)
    qtbot.addWidget(widget)
    assert widget.select_meeting(held.board.meeting_id)
    yield widget
    apply_language("en")


def why(action: ProtocolAction, state: ProtocolState) -> str:
    refused = refusal(action, state, number="1")
    assert refused is not None
    return refused.message()


def test_a_meeting_without_a_protocol_offers_to_create_one(page: ProtocolsPage) -> None:
    assert page.create_action.isEnabled()
    assert not page.edit_action.isEnabled() and not page.sign_action.isEnabled()
    assert page.reason_text(page.selected()) == (
        "Meeting No. 1 has no protocol yet: “Create protocol” starts its draft."
    )
    assert page.reason_text(None) == ""


def test_creating_starts_the_draft_and_opens_it(
    qtbot: QtBot,
    page: ProtocolsPage,
    database: Database,
    held: HeldMeeting,
    refusals: list[KenesError],
) -> None:
    editor = page.create_protocol()

    assert isinstance(editor, ProtocolEditor)
    editor.reject()
    row = page.selected()
    assert row is not None and row.protocol is not None
    assert read_protocol(database, row.protocol.id).state is ProtocolState.DRAFT
    assert page.create_protocol() is None  # it has one now
    assert refusals == []


def test_a_draft_s_steps_and_the_reasons_of_the_others(
    page: ProtocolsPage, database: Database, held: HeldMeeting
) -> None:
    create_protocol(database, ME, held.board.meeting_id)
    page.refresh()
    assert page.select_meeting(held.board.meeting_id)

    for action in (page.edit_action, page.agreement_action, page.agreed_action, page.sign_action):
        assert action.isEnabled()
    assert not page.copy_action.isEnabled()
    assert page.copy_action.toolTip() == why(ProtocolAction.RECORD_COPY, ProtocolState.DRAFT)
    assert page.revise_action.toolTip() == why(ProtocolAction.REVISE, ProtocolState.DRAFT)
    assert page.reason_text(page.selected()) == why(ProtocolAction.RECORD_COPY, ProtocolState.DRAFT)


def test_marking_agreed_moves_the_draft_on_and_a_refused_step_changes_nothing(
    page: ProtocolsPage, database: Database, held: HeldMeeting, refusals: list[KenesError]
) -> None:
    info = create_protocol(database, ME, held.board.meeting_id)
    page.refresh()
    assert page.select_meeting(held.board.meeting_id)

    assert page.mark_agreed()
    assert read_protocol(database, info.id).state is ProtocolState.AGREED
    assert not page.agreed_action.isEnabled() and page.sign_action.isEnabled()

    before = counts(database)
    assert not page.mark_copies_sent()  # not signed: the service refuses
    assert [e.message() for e in refusals] == [
        why(ProtocolAction.MARK_COPIES_SENT, ProtocolState.AGREED)
    ]
    assert counts(database) == before


def test_the_reasons_follow_the_language(
    page: ProtocolsPage, database: Database, held: HeldMeeting
) -> None:
    create_protocol(database, ME, held.board.meeting_id)
    page.refresh()
    assert page.select_meeting(held.board.meeting_id)

    apply_language("ru")

    assert page.copy_action.toolTip() == why(ProtocolAction.RECORD_COPY, ProtocolState.DRAFT)
    assert page.copy_action.toolTip() != "Copies are sent once the protocol is signed."
