"""The review window: the chair approves or returns an agenda; the secretary answers."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from app.domain.errors import KenesError
from app.domain.meeting import MeetingState
from app.models.database import Database
from app.services.base import Actor
from app.services.review.list_remarks import remarks_of
from app.views import review_window
from app.views.review_window import ReviewWindow
from tests.services.meeting_helpers import make_world, meeting_in_state


def answer_with(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr(
        review_window.QInputDialog, "getMultiLineText", lambda *_args, **_kw: (text, True)
    )


def test_return_answer_and_approve(
    qtbot: QtBot,
    database: Database,
    refusals: list[KenesError],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path,  # type: ignore[no-untyped-def]
) -> None:
    world = make_world(database)
    meeting = meeting_in_state(database, world, MeetingState.PLANNED)
    window = ReviewWindow(database, Actor("secretary"))
    qtbot.addWidget(window)
    window.show()
    assert window.task_table.rowCount() == 1
    assert window.task_table.item(0, 2).text() == "Approve the agenda"
    assert not window.return_button.isEnabled()
    window.task_table.selectRow(0)
    assert window.return_button.isEnabled() and window.approve_button.isEnabled()

    answer_with(monkeypatch, "Баяндамашыны көрсетіңіз.")
    window.return_with_remarks()
    assert window.remark_table.rowCount() == 1
    assert window.task_table.item(0, 4).text() == "1"
    window.grab().save(str(tmp_path / "review.png"))

    window.remark_table.selectRow(0)
    answer_with(monkeypatch, "Қосылды.")
    window.answer()
    assert window.remark_table.rowCount() == 0
    assert [r.answer for r in remarks_of(database, meeting)] == ["Қосылды."]

    window.task_table.selectRow(0)
    window.approve()
    assert window.task_table.rowCount() == 0 and refusals == []


def test_an_empty_remark_is_refused(
    qtbot: QtBot, database: Database, refusals: list[KenesError], monkeypatch: pytest.MonkeyPatch
) -> None:
    world = make_world(database)
    meeting = meeting_in_state(database, world, MeetingState.PLANNED)
    window = ReviewWindow(database, Actor("secretary"))
    qtbot.addWidget(window)
    window.task_table.selectRow(0)
    answer_with(monkeypatch, "   ")
    window.return_with_remarks()
    assert len(refusals) == 1 and "Write the remarks" in refusals[0].message()
    assert remarks_of(database, meeting) == []


def test_the_agenda_packet_is_saved_where_asked(
    qtbot: QtBot,
    database: Database,
    refusals: list[KenesError],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path,  # type: ignore[no-untyped-def]
) -> None:
    world = make_world(database)
    meeting_in_state(database, world, MeetingState.PLANNED)
    window = ReviewWindow(database, Actor("secretary"))
    qtbot.addWidget(window)
    window.task_table.selectRow(0)
    target = tmp_path / "packet.pdf"
    monkeypatch.setattr(review_window, "save_file", lambda *_args: target)
    window.save_packet()
    qtbot.waitUntil(target.exists, timeout=20_000)
    assert target.read_bytes().startswith(b"%PDF") and refusals == []


def test_the_buttons_follow_the_account_s_roles(qtbot: QtBot, database: Database) -> None:
    from app.services.accounts.add_account import add_account

    world = make_world(database)
    meeting_in_state(database, world, MeetingState.PLANNED)
    password = "correct horse battery"
    add_account(database, Actor("os"), "admin", password, role="administrator")
    for login, role in (("abenov", "chair"), ("omarova", "member")):
        add_account(
            database, Actor("admin"), login, password, role=role, council_id=world.council_id
        )
    chair = ReviewWindow(database, Actor("abenov"))
    qtbot.addWidget(chair)
    chair.task_table.selectRow(0)
    assert chair.approve_button.isEnabled() and chair.return_button.isEnabled()
    # A member sees nothing awaiting them; the secretary's answer is not the chair's.
    member = ReviewWindow(database, Actor("omarova"))
    qtbot.addWidget(member)
    assert member.task_table.rowCount() == 0
    assert "only the secretary may" in chair.abilities.refusal("review.answer", None).message()
