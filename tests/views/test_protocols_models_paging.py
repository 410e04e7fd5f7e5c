"""The Protocols page of a long archive: held meetings known by id, lines built a page at a time.

The page size is made small here (3) so nine held meetings make three pages.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from app.domain.errors import KenesError
from app.models.database import Database
from app.models.meeting import Meeting
from app.services.protocols.actions import create_protocol
from app.views import operations
from app.views.protocols_models import ProtocolsModel
from app.views.protocols_page import ProtocolsPage
from tests.services.meeting_helpers import ME, make_world, plan

PAGE = 3
FIRST = date(2025, 1, 8)
TODAY = date(2025, 6, 1)


@pytest.fixture(autouse=True)
def small_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ProtocolsModel, "page_size", PAGE)


@pytest.fixture(autouse=True)
def refusals(monkeypatch: pytest.MonkeyPatch) -> list[KenesError]:
    """Refusals the page would show (none is expected): a modal box would block."""
    seen: list[KenesError] = []
    monkeypatch.setattr(operations, "show_refusal", lambda _p, e: seen.append(e))
    return seen


@pytest.fixture
def held(database: Database) -> list[int]:
    """Nine held meetings a week apart, oldest first (and a planned one, not listed)."""
    world = make_world(database)
    ids = [
        plan(database, world, day=FIRST + timedelta(weeks=week), number=week + 1)
        for week in range(10)
    ]
    with database.transaction() as session:
        session.execute(update(Meeting).where(Meeting.id.in_(ids[:9])).values(state="held"))
    return ids[:9]


def built(page: ProtocolsPage) -> list[int]:
    return [row for row in range(page.model.rowCount()) if page.model.is_built(row)]


def test_only_the_first_page_is_built_and_a_meeting_far_down_is_found(
    qtbot: QtBot, database: Database, held: list[int], refusals: list[KenesError]
) -> None:
    create_protocol(database, ME, held[0])
    page = ProtocolsPage(database, ME, today=TODAY)
    qtbot.addWidget(page)
    model = page.model
    assert model.rowCount() == 9
    assert built(page) == [0, 1, 2]
    selected = page.selected()
    assert selected is not None and selected.due.meeting_id == held[-1]  # the newest
    # The oldest meeting, with its draft protocol, on the last page.
    assert page.select_meeting(held[0])
    selected = page.selected()
    assert selected is not None and selected.protocol is not None
    assert page.create_action.isEnabled() is False and page.edit_action.isEnabled()
    assert built(page) == [0, 1, 2, 6, 7, 8]
    row = page.row_of(held[4])
    assert row is not None and row.due.meeting_id == held[4]
    assert not page.select_meeting(10_000)
    # A reload keeps the selection and builds only its page.
    page.refresh()
    selected = page.selected()
    assert selected is not None and selected.due.meeting_id == held[0]
    assert built(page) == [6, 7, 8]
    assert [r.due.meeting_id for r in page.rows()] == list(reversed(held))
    assert refusals == []


def test_scrolling_builds_the_lines_shown(
    qtbot: QtBot, database: Database, held: list[int]
) -> None:
    page = ProtocolsPage(database, ME, today=TODAY)
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    qtbot.waitExposed(page)
    page.table.scrollToBottom()
    qtbot.wait(10)
    assert 8 in built(page)


def test_the_paged_model_passes_the_model_tester(
    qtbot: QtBot, qtmodeltester: ModelTester, database: Database, held: list[int]
) -> None:
    page = ProtocolsPage(database, ME, today=TODAY)
    qtbot.addWidget(page)
    qtmodeltester.check(page.model)  # type: ignore[no-untyped-call]
