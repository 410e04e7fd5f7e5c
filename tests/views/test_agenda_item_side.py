"""The agenda editor's item side: speakers and materials of the selected item.

The side is a part of :class:`AgendaEditor`, so it is tested in one.  The main
paths (add, attach, open, remove) are in ``test_agenda_editor.py``; here are
its refusals and edges: a locked agenda, a "no" to a removal, a batch of files
of which one is refused, the limit named in the tool tip.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app import settings
from app.domain.errors import KenesError
from app.domain.meeting import MeetingState
from app.models.database import Database
from app.services.agenda.add_speaker import SpeakerData, add_speaker
from app.services.agenda.attach_material import attach_material
from app.services.meeting_detail import meeting_detail
from app.views import agenda_item_side
from app.views.agenda_editor import AgendaEditor
from app.views.qt_i18n import apply_language
from tests.services.meeting_helpers import (
    ME,
    World,
    counts,
    drive_to,
    first_item,
    material_file,
    meeting_in_state,
)


@pytest.fixture
def meeting_id(database: Database, world: World, tmp_path: Path) -> int:
    """A planned meeting whose one item has a speaker and a material."""
    meeting = meeting_in_state(database, world, MeetingState.PLANNED)
    item_id = first_item(database, meeting)
    add_speaker(database, ME, item_id, SpeakerData(person_id=world.members[0]))
    attach_material(database, ME, item_id, material_file(tmp_path, "анықтама.pdf", b"%PDF-1.4 a"))
    return meeting


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Questions asked; every one answered "no"."""
    asked: list[str] = []
    monkeypatch.setattr(agenda_item_side, "ask", lambda _p, q: asked.append(q) and False)
    return asked


def open_editor(
    qtbot: QtBot, database: Database, meeting_id: int, store: object = None
) -> AgendaEditor:
    editor = AgendaEditor(database, ME, store)  # type: ignore[arg-type]
    qtbot.addWidget(editor)
    editor.set_meeting(meeting_id)
    editor.select_row(0)
    editor.speaker_table.selectRow(0)
    editor.material_table.selectRow(0)
    return editor


@pytest.fixture
def english() -> Iterator[None]:
    yield
    apply_language("en")


def test_the_selected_item_s_speakers_and_materials_are_listed(
    qtbot: QtBot, database: Database, meeting_id: int
) -> None:
    editor = open_editor(qtbot, database, meeting_id)

    speaker = editor.selected_speaker()
    material = editor.selected_material()
    assert speaker is not None and speaker.display_name("en") == "Gulnar Omarova"
    assert material is not None and material.file_name == "анықтама.pdf"


def test_no_to_a_removal_changes_nothing(
    qtbot: QtBot, database: Database, meeting_id: int, answers: list[str]
) -> None:
    editor = open_editor(qtbot, database, meeting_id)
    before = counts(database)

    assert not editor.remove_speaker()
    assert not editor.remove_material()

    assert answers == [
        "Remove Gulnar Omarova from the speakers?",
        "Remove the material анықтама.pdf from the item?",
    ]
    assert counts(database) == before


def test_a_locked_agenda_offers_no_change(
    qtbot: QtBot, database: Database, meeting_id: int, answers: list[str], tmp_path: Path
) -> None:
    drive_to(database, meeting_id, MeetingState.HELD)
    editor = open_editor(qtbot, database, meeting_id)
    before = counts(database)

    assert editor.add_speaker() is None
    assert not editor.remove_speaker()
    assert editor.attach_files([material_file(tmp_path, "жаңа.pdf")]) is None
    assert not editor.remove_material()

    assert answers == [] and counts(database) == before
    assert editor.selected_material() is not None  # still listed, to be opened


def test_a_batch_attaches_the_good_files_and_refuses_the_others(
    qtbot: QtBot, database: Database, meeting_id: int, refusals: list[KenesError], tmp_path: Path
) -> None:
    editor = open_editor(qtbot, database, meeting_id)
    good = material_file(tmp_path, "шешім.txt", "Шешімнің жобасы.\n".encode())
    missing = tmp_path / "жоқ.pdf"

    task = editor.attach_files([good, missing])
    assert task is not None
    qtbot.waitUntil(lambda: not editor.tasks, timeout=10_000)

    names = [m.file_name for m in meeting_detail(database, meeting_id).agenda[0].materials]
    assert names == ["анықтама.pdf", "шешім.txt"]
    assert len(refusals) == 1 and "жоқ.pdf" in refusals[0].message()
    assert editor.tabs.currentIndex() == 1  # the materials tab, where the new file is


def test_the_attach_tool_tip_names_the_limit_of_the_settings(
    qtbot: QtBot, database: Database, meeting_id: int, tmp_path: Path, english: None
) -> None:
    store = settings.Settings(tmp_path / "config")
    store.user.set(settings.MAX_MATERIAL_MB, 7)
    editor = open_editor(qtbot, database, meeting_id, store)

    assert editor.attach_action.toolTip() == (
        "Attach files to the selected item; at most 7 MB each (see the settings)"
    )
    apply_language("ru")
    assert editor.tabs.tabText(0) != "Speakers"
    assert "7" in editor.attach_action.toolTip()
