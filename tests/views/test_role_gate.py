"""The views disable what the signed-in account may not do, with the service's reason.

Real widgets offscreen on a real SQLite file: the meetings tool bar, the protocols page,
the exchange and backup entries of the File menu and the councils page, as a reader, a
member, a chair and a secretary; and without accounts nothing changes.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from app.models.database import Database
from app.services.accounts.add_account import add_account
from app.services.base import Actor, work_as
from app.services.protocols.actions import create_protocol
from app.views.councils_page import CouncilsPage
from app.views.exchange_menu import ExchangeMenu
from app.views.meetings_page import MeetingsPage
from app.views.protocols_page import ProtocolsPage
from app.views.role_gate import gate, restrict, role_reason
from tests.services.conduct_helpers import ME
from tests.services.protocol_helpers import held_meeting

PASSWORD = "correct horse battery"


@pytest.fixture
def office(database: Database) -> Iterator[tuple[Database, int]]:
    """The held meeting of council 1 with a protocol draft, then the accounts."""
    held = held_meeting(database)
    create_protocol(database, ME, held.board.meeting_id)
    add_account(database, ME, "admin", PASSWORD, role="administrator")
    for login, role in (
        ("seitov", "secretary"),
        ("abenov", "chair"),
        ("omarova", "member"),
        ("reader", "reader"),
    ):
        add_account(database, Actor("admin"), login, PASSWORD, role=role, council_id=1)
    yield database, held.board.meeting_id
    gate().sign_in(database, None)
    work_as(None)


def signed_in(database: Database, login: str) -> None:
    work_as(Actor(login))
    gate().sign_in(database, Actor(login))


def test_without_accounts_nothing_is_refused(qtbot: QtBot, database: Database) -> None:
    gate().sign_in(database, None)
    menu = QMenu()
    entries = ExchangeMenu(menu, lambda: None)  # type: ignore[arg-type, return-value]
    assert all(a.isEnabled() for a in (entries.import_file, entries.export_archive))
    assert role_reason("protocol.sign", 1) == "" and role_reason("account.create") == ""


def test_the_meetings_toolbar_says_the_roles_reason(
    qtbot: QtBot, office: tuple[Database, int]
) -> None:
    database, meeting = office
    signed_in(database, "omarova")
    page = MeetingsPage(database, Actor("omarova"), clock=lambda: date(2024, 3, 20))
    qtbot.addWidget(page)
    assert page.select_meeting(meeting)
    bar = page.toolbar
    assert not bar.plan_action.isEnabled()
    assert "only the secretary may" in bar.plan_action.toolTip()
    assert not bar.close_action.isEnabled()  # the meeting allows closing, the member may not
    assert "“omarova” may not do this here" in bar.close_action.toolTip()
    assert bar.history_action.isEnabled()  # reading the review is not refused
    signed_in(database, "seitov")  # a sign-in: the page works out its reasons again
    assert bar.close_action.isEnabled() and bar.plan_action.isEnabled()


def test_the_protocols_page_lets_the_chair_sign_and_not_the_member(
    qtbot: QtBot, office: tuple[Database, int]
) -> None:
    database, meeting = office
    signed_in(database, "abenov")
    page = ProtocolsPage(database, Actor("abenov"), today=date(2024, 3, 20))
    qtbot.addWidget(page)
    assert page.select_meeting(meeting)
    assert page.sign_action.isEnabled()
    assert not page.edit_action.isEnabled()  # editing the draft is the secretary's
    assert "only the secretary may" in page.edit_action.toolTip()
    signed_in(database, "omarova")  # a member does not even see the draft's line
    assert not page.select_meeting(meeting)


def test_exchange_and_backups_wait_for_the_right_role(
    qtbot: QtBot, office: tuple[Database, int]
) -> None:
    database, _meeting = office
    signed_in(database, "reader")
    menu = QMenu()
    entries = ExchangeMenu(menu, lambda: None)  # type: ignore[arg-type, return-value]
    for action in (entries.import_file, entries.export_archive, entries.bring_back):
        assert not action.isEnabled()
        assert "only the administrator or the secretary may" in action.statusTip()
    signed_in(database, "seitov")
    assert entries.import_file.isEnabled() and entries.import_file.statusTip() == ""


def test_the_councils_page_and_restrict_keep_the_views_own_state(
    qtbot: QtBot, office: tuple[Database, int]
) -> None:
    database, _meeting = office
    signed_in(database, "abenov")
    page = CouncilsPage(database, Actor("abenov"))
    qtbot.addWidget(page)
    assert not page.new_action.isEnabled() and not page.edit_action.isEnabled()
    assert "only the secretary may" in page.edit_action.toolTip()
    # restrict never enables what the view disabled, and gives the view's tip back.
    page.edit_action.setEnabled(False)
    signed_in(database, "seitov")
    assert restrict(page.edit_action, "council.update", 1)
    assert not page.edit_action.isEnabled()
    assert "only the secretary may" not in page.edit_action.toolTip()


def test_a_double_click_edits_only_where_the_tool_bar_would(
    qtbot: QtBot, database: Database
) -> None:
    """A member's double click opens no editor (the service would refuse its save) and the
    status bar says why; the secretary's opens it, as Edit… does."""
    from PySide6.QtWidgets import QMainWindow

    from app.views.meeting_dialog import MeetingDialog
    from tests.services.conduct_helpers import DAY, board_meeting

    board = board_meeting(database)
    add_account(database, ME, "admin", PASSWORD, role="administrator")
    for login, role in (("seitov", "secretary"), ("omarova", "member")):
        add_account(database, Actor("admin"), login, PASSWORD, role=role, council_id=1)
    try:
        for login, opens in (("omarova", False), ("seitov", True)):
            signed_in(database, login)
            window = QMainWindow()
            qtbot.addWidget(window)
            page = MeetingsPage(database, Actor(login), clock=lambda: DAY)
            window.setCentralWidget(page)
            assert page.select_meeting(board.meeting_id)
            assert page.toolbar.edit_action.isEnabled() is opens
            page.table.doubleClicked.emit(page.table.currentIndex())
            assert bool(page.findChildren(MeetingDialog)) is opens
            if not opens:
                assert "“omarova” may not do this here" in window.statusBar().currentMessage()
    finally:
        gate().sign_in(database, None)
        work_as(None)
