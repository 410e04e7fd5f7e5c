"""The agenda editor's parts: the approval line in each state, Ctrl+Up/Down, the material limit."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app import settings
from app.domain.meeting import MeetingState
from app.models.database import Database
from app.services.agenda.common import ItemData
from app.services.agenda.update_item import update_item
from app.services.meeting_detail import meeting_detail
from app.services.meetings.approve_agenda import approve_agenda
from app.views.agenda_widgets import (
    APPROVED_STYLE,
    MAX_COLUMN_WIDTH,
    AgendaTable,
    approval_status,
    changes_since_approval,
    fit_columns,
    materials_folder,
    max_material_bytes,
)
from app.views.meetings_models import AgendaModel
from tests.services.meeting_helpers import (
    AT,
    ME,
    World,
    drive_to,
    first_item,
    meeting_in_state,
)

MB = 1024 * 1024


def status(database: Database, meeting_id: int) -> str:
    return approval_status(meeting_detail(database, meeting_id))[0]


def test_a_new_agenda_is_not_approved_yet(database: Database, world: World) -> None:
    meeting = meeting_in_state(database, world, MeetingState.PLANNED)

    text, style = approval_status(meeting_detail(database, meeting))

    assert text == "The agenda is not approved yet." and style == ""


def test_an_approved_agenda_names_who_approved_it_and_when(
    database: Database, world: World
) -> None:
    meeting = meeting_in_state(database, world, MeetingState.AGENDA_APPROVED)

    text, style = approval_status(meeting_detail(database, meeting))

    assert text == "Agenda approved by Nurlan Abenov on 01/04/2026 10:30."  # 05:30 UTC in Astana
    assert style == APPROVED_STYLE


def test_changes_after_approval_are_counted_until_approved_again(
    database: Database, world: World
) -> None:
    meeting = meeting_in_state(database, world, MeetingState.AGENDA_APPROVED)
    item_id = first_item(database, meeting)
    for title in ("Өзгертілген", "Тағы өзгертілген"):
        update_item(database, ME, item_id, ItemData(title_kk=title, title_en="Changed"))

    detail = meeting_detail(database, meeting)
    assert changes_since_approval(detail) == 2
    text, style = approval_status(detail)
    assert text == "Changed after approval (2 changes): the agenda needs approval again."
    assert "#fff3cd" in style

    approve_agenda(database, ME, meeting, at=AT)
    assert changes_since_approval(meeting_detail(database, meeting)) == 0


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        (
            MeetingState.POSTPONED,
            "The meeting is postponed; its agenda is approved again once it is re-planned.",
        ),
        (MeetingState.HELD, "The agenda can no longer be changed."),
        (MeetingState.CANCELLED, "The agenda can no longer be changed."),
    ],
)
def test_a_meeting_past_planning_says_so(
    database: Database, world: World, state: MeetingState, expected: str
) -> None:
    meeting = meeting_in_state(database, world, MeetingState.PLANNED)
    drive_to(database, meeting, state)

    assert status(database, meeting) == expected


def test_ctrl_up_and_down_ask_to_move_the_item(qtbot: QtBot) -> None:
    table = AgendaTable(AgendaModel())
    qtbot.addWidget(table)
    asked: list[int] = []
    table.move_requested.connect(asked.append)

    qtbot.keyClick(table, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)  # type: ignore[no-untyped-call]
    qtbot.keyClick(table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)  # type: ignore[no-untyped-call]
    qtbot.keyClick(table, Qt.Key.Key_Down)  # type: ignore[no-untyped-call]

    assert asked == [-1, 1]


def test_columns_are_fitted_no_wider_than_the_limit(
    qtbot: QtBot, database: Database, world: World
) -> None:
    meeting = meeting_in_state(database, world, MeetingState.PLANNED)
    item_id = first_item(database, meeting)
    update_item(database, ME, item_id, ItemData(title_kk="Ұзақ " * 40, responsible_en="A" * 200))
    model = AgendaModel()
    model.set_agenda(meeting, meeting_detail(database, meeting).agenda, True)
    table = AgendaTable(model)
    qtbot.addWidget(table)

    fit_columns(table, [AgendaModel.RESPONSIBLE, AgendaModel.NUMBER])

    assert table.columnWidth(AgendaModel.RESPONSIBLE) == MAX_COLUMN_WIDTH
    assert table.columnWidth(AgendaModel.NUMBER) < MAX_COLUMN_WIDTH


def test_the_material_limit_comes_from_the_settings(tmp_path: Path) -> None:
    store = settings.Settings(tmp_path / "config")
    assert max_material_bytes(None) == 50 * MB
    assert max_material_bytes(store) == 50 * MB

    store.user.set(settings.MAX_MATERIAL_MB, 3)
    assert max_material_bytes(store) == 3 * MB
    assert max_material_bytes(store.user) == 3 * MB
    store.user.set(settings.MAX_MATERIAL_MB, 0)
    assert max_material_bytes(store) == MB  # never less than one megabyte


def test_materials_are_opened_from_a_folder_of_the_user_s_own() -> None:
    folder = materials_folder()

    assert folder.name.startswith("kenes-materials")
    if hasattr(os, "getuid"):  # not on Windows, whose temporary folder is the user's own
        assert folder.name == f"kenes-materials-{os.getuid()}"
