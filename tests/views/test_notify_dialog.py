"""Notifying the members: the folder checked before anything is recorded, the files written whole,
the people notified listed."""

from __future__ import annotations

import os
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from pytestqt.qtbot import QtBot

from app.domain.errors import KenesError
from app.domain.meeting import MeetingState
from app.models.database import Database
from app.services.meeting_detail import meeting_detail
from app.views.notify_dialog import NoticeSaved, NotifiedDialog, NotifyDialog, check_folder
from tests.services.meeting_helpers import ME, World, counts, make_world, meeting_in_state


@pytest.fixture
def meeting_id(database: Database) -> int:
    world: World = make_world(database)
    return meeting_in_state(database, world, MeetingState.AGENDA_APPROVED)


def dialog_for(
    qtbot: QtBot, database: Database, meeting_id: int, folder: Path | None
) -> NotifyDialog:
    meeting = meeting_detail(database, meeting_id).meeting
    dialog = NotifyDialog(database, ME, meeting, folder)
    qtbot.addWidget(dialog)
    return dialog


def test_notifying_writes_the_notice_and_an_invitation_per_person(
    qtbot: QtBot, database: Database, meeting_id: int, tmp_path: Path, refusals: list[KenesError]
) -> None:
    dialog = dialog_for(qtbot, database, meeting_id, tmp_path)
    dialog.language.setCurrentIndex(dialog.language.findData("kk"))
    assert "Regular meeting No. 1" in dialog.intro.text()

    with qtbot.waitSignal(dialog.saved, timeout=20_000) as saved:
        dialog.accept()

    result = saved.args[0]
    assert isinstance(result, NoticeSaved) and refusals == []
    assert meeting_detail(database, meeting_id).meeting.state is MeetingState.NOTIFIED
    assert result.notice.parent == tmp_path and result.notice.name.endswith("-kk.pdf")
    document = pdfium.PdfDocument(result.notice.read_bytes())
    try:
        assert len(document) >= 1
    finally:
        document.close()
    assert len(result.invitations) == len(result.result.invitations) >= 5
    assert all(
        p.read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR") for p in result.invitations
    )


@pytest.mark.parametrize("folder", ["", "missing"])
def test_a_missing_folder_is_refused_before_anything_is_recorded(
    qtbot: QtBot,
    database: Database,
    meeting_id: int,
    tmp_path: Path,
    refusals: list[KenesError],
    folder: str,
) -> None:
    dialog = dialog_for(qtbot, database, meeting_id, None)
    dialog.folder.setText(str(tmp_path / folder) if folder else "")
    before = counts(database)

    dialog.accept()

    assert [e.message() for e in refusals] == [
        "Choose an existing folder for the notice and the invitations."
    ]
    assert counts(database) == before
    assert meeting_detail(database, meeting_id).meeting.state is MeetingState.AGENDA_APPROVED


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() == 0, reason="root writes anywhere")
def test_a_folder_that_cannot_be_written_is_named(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(KenesError) as refused:
            check_folder(locked)
    finally:
        locked.chmod(0o700)
    assert str(locked) in refused.value.message()
    check_folder(tmp_path)  # a writable folder passes


def test_the_notified_dialog_lists_who_was_notified(
    qtbot: QtBot, database: Database, meeting_id: int, tmp_path: Path
) -> None:
    dialog = dialog_for(qtbot, database, meeting_id, tmp_path)
    with qtbot.waitSignal(dialog.saved, timeout=20_000) as saved:
        dialog.accept()
    result = saved.args[0]

    shown = NotifiedDialog(result)
    qtbot.addWidget(shown)

    count = len(result.result.invitations)
    assert shown.summary.text() == (
        f"Round 1: {count} people notified. The notice {result.notice.name} and the "
        f"invitations were saved to {tmp_path}."
    )
    assert shown.model.rowCount() == count
    assert "Nurlan Abenov" in shown.names() or "Әбенов Нұрлан" in shown.names()
