"""The exchange dialogs: the import summary, the refusal report, the side-by-side conflicts."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.models.conduct import Attendance
from app.models.database import Database, open_database
from app.models.meeting import Meeting
from app.services.base import SYSTEM
from app.services.conduct.attendance import record_attendance
from app.services.demo import create_demo
from app.services.exchange.apply_import import apply_import
from app.services.exchange.export_archive import export_archive
from app.services.exchange.export_package import export_meeting_package
from app.services.exchange.plan_import import plan_import
from app.services.exchange.plan_return import plan_return
from app.services.exchange.read_archive import read_archive
from app.services.meetings.notify_members import notify_members
from app.views.exchange_dialogs import (
    ExchangeActions,
    ExportDialog,
    ImportDialog,
    RefusalDialog,
    ReturnDialog,
)
from tests.services.conduct_helpers import ME, board_meeting


@pytest.fixture
def demo(tmp_path: Path) -> Database:
    db = open_database(tmp_path / "demo.sqlite3")
    create_demo(db, SYSTEM)
    return db


def test_import_dialog_shows_the_summary_then_imports(
    qtbot: QtBot, demo: Database, tmp_path: Path
) -> None:
    export_archive(demo, tmp_path / "a.json", embed_materials=False)
    target = open_database(tmp_path / "t.sqlite3")
    plan = plan_import(target, read_archive(tmp_path / "a.json"))
    dialog = ImportDialog(target, SYSTEM, plan)
    qtbot.addWidget(dialog)
    assert dialog.counts.model().rowCount() > 3
    assert not dialog.report.isVisibleTo(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.isEnabled()
    with qtbot.waitSignal(dialog.imported):
        ok.click()
    assert dialog.outcome is not None and dialog.outcome.changed == plan.new


def test_import_dialog_shows_every_problem(qtbot: QtBot, demo: Database, tmp_path: Path) -> None:
    export_archive(demo, tmp_path / "a.json", embed_materials=False)
    data = json.loads((tmp_path / "a.json").read_text("utf-8"))
    chair = next(s for s in data["tables"]["seats"] if s["role"] == "member")
    chair["role"] = "chair"
    data["tables"]["people"][0]["email"] = "nowhere"
    (tmp_path / "b.json").write_text(json.dumps(data), "utf-8")
    target = open_database(tmp_path / "t.sqlite3")
    plan = plan_import(target, read_archive(tmp_path / "b.json"))
    dialog = ImportDialog(target, SYSTEM, plan)
    qtbot.addWidget(dialog)
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    assert dialog.report.isVisibleTo(dialog)
    model = dialog.report.model()
    assert model.rowCount() == 2
    rows = {model.index(r, 0).data(): model.index(r, 1).data() for r in range(2)}
    assert any("two chairs" in text for text in rows.values())
    assert "/tables/people/0" in rows
    refusal = RefusalDialog(plan.problems)
    qtbot.addWidget(refusal)
    assert refusal.model.rowCount() == 2


def test_export_dialog_chooses_councils(qtbot: QtBot, demo: Database) -> None:
    dialog = ExportDialog(demo)
    qtbot.addWidget(dialog)
    assert dialog.council_ids() is None
    dialog.everything.setChecked(False)
    assert dialog.councils.isEnabled()
    dialog.councils.item(0).setCheckState(Qt.CheckState.Checked)
    assert dialog.council_ids() == [1]


def test_export_runs_in_the_background(
    qtbot: QtBot, demo: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    actions = ExchangeActions(window, demo, SYSTEM)
    shown: list[str] = []
    monkeypatch.setattr(
        "app.views.exchange_dialogs.QMessageBox.information",
        lambda _parent, _title, text: shown.append(text),
    )
    task = actions.export_archive(tmp_path / "bg.kenes.zip", ask=False)
    assert task is not None
    qtbot.waitUntil(lambda: not task.running and bool(shown), timeout=10_000)
    assert (tmp_path / "bg.kenes.zip").is_file()


def test_return_dialog_shows_conflicts_side_by_side(qtbot: QtBot, tmp_path: Path) -> None:
    office = open_database(tmp_path / "office.sqlite3")
    board = board_meeting(office)
    notify_members(office, ME, board.meeting_id, "kk", at=datetime(2024, 3, 1, 9, tzinfo=UTC))
    export_meeting_package(office, board.meeting_id, tmp_path / "p.kenes.zip", actor=ME)
    laptop = open_database(tmp_path / "laptop.sqlite3")
    apply_import(laptop, ME, plan_import(laptop, read_archive(tmp_path / "p.kenes.zip")))
    with laptop.reading() as session:
        meeting_id = session.scalars(select(Meeting.id)).one()
        from app.models.composition import Person

        uid_of = {p.id: p.uid for p in session.scalars(select(Person))}
    with office.reading() as session:
        office_ids = {p.uid: p.id for p in session.scalars(select(Person))}
    laptop_member = next(pid for pid, uid in uid_of.items() if office_ids[uid] == board.members[-1])
    record_attendance(laptop, ME, meeting_id, laptop_member, False, "ill")
    export_meeting_package(laptop, meeting_id, tmp_path / "back.kenes.zip")
    record_attendance(office, ME, board.meeting_id, board.members[-1], True)
    plan = plan_return(office, read_archive(tmp_path / "back.kenes.zip"))
    dialog = ReturnDialog(office, ME, plan)
    qtbot.addWidget(dialog)
    (conflict,) = plan.conflicts
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()  # a conflict without a choice
    texts = [dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())]
    assert "present" in texts
    row = texts.index("present")
    assert (dialog.table.item(row, 2).text(), dialog.table.item(row, 3).text()) == ("✓", "✗")
    dialog.choose(conflict.id, "theirs")
    assert ok.isEnabled()
    with qtbot.waitSignal(dialog.returned):
        ok.click()
    with office.reading() as session:
        present = session.scalar(
            select(Attendance.present).where(Attendance.person_id == board.members[-1])
        )
    assert present is False
