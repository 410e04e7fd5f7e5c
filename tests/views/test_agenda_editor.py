"""The agenda editor: items through its dialogs, moves by keyboard and by drop, approval, speakers
and materials.

The council is seed 000's (tests.services.meeting_helpers): its sessions do
not open with the instructions report, so a new meeting's agenda is empty.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app import i18n, settings
from app.domain.errors import KenesError
from app.domain.meeting import MeetingState
from app.models.database import Database
from app.services.agenda.add_speaker import SpeakerData, add_speaker
from app.services.agenda.attach_material import attach_material
from app.services.meeting_queries import list_meetings, meeting_detail
from app.services.meetings.approve_agenda import approve_agenda
from app.views import agenda_editor, agenda_item_side, agenda_widgets
from app.views.agenda_editor import AgendaEditor, ItemDialog, SpeakerDialog
from app.views.meetings_models import (
    AGENDA_MIME,
    AgendaModel,
    InvitationModel,
    MaterialModel,
    MeetingListModel,
    SpeakerModel,
)
from app.views.qt_i18n import apply_language
from tests.services.meeting_helpers import (
    AT,
    ME,
    World,
    counts,
    drive_to,
    item,
    material_file,
    plan,
)
from tests.views.view_helpers import answering

TODAY = date(2026, 4, 1)
TITLES = (
    ("Бюджет туралы", "О бюджете", "On the budget"),
    ("Жасанды интеллект стратегиясы туралы", "О стратегии ИИ", "On the AI strategy"),
    ("Әртүрлі мәселелер", "Разное", "Any other business"),
)


@pytest.fixture
def meeting_id(database: Database, world: World) -> int:
    return plan(database, world)


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    return answering(monkeypatch, True, agenda_editor, agenda_item_side)


@pytest.fixture
def editor(qtbot: QtBot, database: Database, meeting_id: int) -> Iterator[AgendaEditor]:
    widget = AgendaEditor(database, ME, clock=lambda: TODAY)
    qtbot.addWidget(widget)
    widget.set_meeting(meeting_id)
    yield widget
    apply_language("en")


def fill_item(dialog: ItemDialog, kk: str, ru: str, en: str, body: str = "") -> None:
    # Kazakh text is set directly: keyClicks aborts on letters such as "Ә".
    dialog.titles.edits["kk"].setText(kk)
    dialog.titles.edits["ru"].setText(ru)
    dialog.titles.edits["en"].setText(en)
    dialog.responsible.edits["en"].setText(body)


def build_three(editor: AgendaEditor) -> None:
    for kk, ru, en in TITLES:
        dialog = editor.add_item()
        assert dialog is not None
        fill_item(dialog, kk, ru, en, "Ministry of Finance")
        dialog.accept()


def service_titles(database: Database, meeting_id: int, lang: str = "en") -> list[str]:
    return [i.title(lang) for i in meeting_detail(database, meeting_id).agenda]


def state_of(database: Database, meeting_id: int) -> MeetingState:
    return meeting_detail(database, meeting_id).meeting.state


# -- models ---------------------------------------------------------------------------------------


def test_models_pass_the_model_tester(
    qtmodeltester: ModelTester, database: Database, world: World, meeting_id: int, tmp_path: Path
) -> None:
    first = item(database, meeting_id)
    item(database, meeting_id, "Екінші мәселе")
    add_speaker(database, ME, first, SpeakerData(person_id=world.members[0]))
    add_speaker(database, ME, first, SpeakerData(name="Келлер Анна", position_en="Expert"))
    attach_material(database, ME, first, material_file(tmp_path))
    detail = meeting_detail(database, meeting_id)

    agenda = AgendaModel()
    agenda.set_agenda(meeting_id, detail.agenda, editable=True)
    qtmodeltester.check(agenda)  # type: ignore[no-untyped-call]
    speakers = SpeakerModel()
    speakers.set_speakers(detail.agenda[0].speakers, detail.member_ids)
    qtmodeltester.check(speakers)  # type: ignore[no-untyped-call]
    materials = MaterialModel()
    materials.set_rows(detail.agenda[0].materials)
    qtmodeltester.check(materials)  # type: ignore[no-untyped-call]
    meetings = MeetingListModel()
    meetings.set_rows(list_meetings(database, today=TODAY))
    qtmodeltester.check(meetings)  # type: ignore[no-untyped-call]
    drive_to(database, meeting_id, MeetingState.AGENDA_APPROVED)
    from app.services.notice import invitations

    notified = InvitationModel()
    notified.set_rows(invitations(database, meeting_id, "kk"))
    qtmodeltester.check(notified)  # type: ignore[no-untyped-call]

    assert [speakers.data(speakers.index(r, 1)) for r in range(2)] == [
        "Council member",
        "Invited person",
    ]
    assert materials.data(materials.index(0, 0)) == "анықтама.pdf"
    assert materials.data(materials.index(0, 3)) == detail.agenda[0].materials[0].sha256[:12]
    assert materials.data(materials.index(0, 3), Qt.ItemDataRole.ToolTipRole) == (
        detail.agenda[0].materials[0].sha256
    )


def test_a_read_only_agenda_neither_drags_nor_drops(database: Database, meeting_id: int) -> None:
    item(database, meeting_id)
    model = AgendaModel()
    model.set_agenda(meeting_id, meeting_detail(database, meeting_id).agenda, editable=False)
    assert not model.flags(model.index(0, 1)) & Qt.ItemFlag.ItemIsDragEnabled
    assert not model.flags(QModelIndex()) & Qt.ItemFlag.ItemIsDropEnabled
    data = model.mimeData([model.index(0, 1)])
    assert not model.dropMimeData(data, Qt.DropAction.MoveAction, 1, 0, QModelIndex())


# -- building and reordering ----------------------------------------------------------------------


def test_an_agenda_of_three_items_is_built_through_the_editor(
    editor: AgendaEditor, database: Database, meeting_id: int, refusals: list[KenesError]
) -> None:
    assert editor.item_titles() == []
    assert editor.status_text() == "The agenda is not approved yet."
    build_three(editor)
    assert refusals == []
    assert editor.item_titles() == [en for _kk, _ru, en in TITLES]
    assert service_titles(database, meeting_id, "kk") == [kk for kk, _ru, _en in TITLES]
    assert service_titles(database, meeting_id, "ru") == [ru for _kk, ru, _en in TITLES]
    detail = meeting_detail(database, meeting_id)
    assert detail.agenda[0].responsible_body("en") == "Ministry of Finance"
    # The item added last is selected, its speakers and materials are shown beside the list.
    selected = editor.selected_item()
    assert selected is not None and selected.title("en") == TITLES[2][2]
    assert editor.item_label.text() == f"Item 3: {TITLES[2][2]}"


def test_an_item_without_any_title_is_refused_and_nothing_is_saved(
    editor: AgendaEditor, database: Database, refusals: list[KenesError]
) -> None:
    before = counts(database)
    dialog = editor.add_item()
    assert dialog is not None
    dialog.responsible.edits["kk"].setText("Қаржы министрлігі")
    dialog.accept()
    assert len(refusals) == 1
    assert "needs a title" in refusals[0].message()
    assert dialog.isVisible()  # the input is kept for correction
    assert counts(database) == before
    dialog.reject()


def test_editing_an_item_changes_its_titles(
    editor: AgendaEditor, database: Database, meeting_id: int
) -> None:
    build_three(editor)
    editor.select_row(0)
    dialog = editor.edit_item()
    assert dialog is not None
    assert dialog.titles.edits["kk"].text() == TITLES[0][0]
    dialog.titles.edits["en"].setText("On the budget for 2027")
    dialog.accept()
    assert service_titles(database, meeting_id)[0] == "On the budget for 2027"
    assert editor.item_titles()[0] == "On the budget for 2027"


def ctrl(qtbot: QtBot, editor: AgendaEditor, key: Qt.Key) -> None:
    qtbot.keyClick(editor.table, key, Qt.KeyboardModifier.ControlModifier)  # type: ignore[no-untyped-call]


def test_ctrl_down_and_ctrl_up_move_the_selected_item(
    editor: AgendaEditor,
    qtbot: QtBot,
    database: Database,
    meeting_id: int,
    refusals: list[KenesError],
) -> None:
    build_three(editor)
    first, second, third = (en for _kk, _ru, en in TITLES)
    editor.select_row(0)
    editor.table.setFocus()
    ctrl(qtbot, editor, Qt.Key.Key_Down)
    assert service_titles(database, meeting_id) == [second, first, third]
    assert editor.item_titles() == [second, first, third]
    moved = editor.selected_item()
    assert moved is not None and moved.number == 2 and moved.title("en") == first
    ctrl(qtbot, editor, Qt.Key.Key_Down)
    assert service_titles(database, meeting_id) == [second, third, first]
    # At the end of the agenda Ctrl+Down does nothing.
    ctrl(qtbot, editor, Qt.Key.Key_Down)
    assert service_titles(database, meeting_id) == [second, third, first]
    ctrl(qtbot, editor, Qt.Key.Key_Up)
    assert service_titles(database, meeting_id) == [second, first, third]
    assert refusals == []
    assert editor.down_action.shortcut().toString() == "Ctrl+Down"
    assert editor.up_action.shortcut().toString() == "Ctrl+Up"


def test_a_drop_moves_the_item_as_a_drag_would(
    editor: AgendaEditor, database: Database, meeting_id: int
) -> None:
    build_three(editor)
    first, second, third = (en for _kk, _ru, en in TITLES)
    model = editor.model
    # Drag the third item and drop it before the first row.
    data = model.mimeData([model.index(2, AgendaModel.TITLE)])
    assert data.hasFormat(AGENDA_MIME)
    assert model.canDropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert service_titles(database, meeting_id) == [third, first, second]
    # Drop the (new) first item below the last row: it goes to the end.
    data = model.mimeData([model.index(0, AgendaModel.TITLE)])
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, QModelIndex())
    assert service_titles(database, meeting_id) == [first, second, third]
    # moveRows, Qt's other way of moving a row: the second goes before the first.
    assert model.moveRows(QModelIndex(), 1, 1, QModelIndex(), 0)
    assert service_titles(database, meeting_id) == [second, first, third]
    # Dropping an item where it already is changes nothing.
    data = model.mimeData([model.index(1, AgendaModel.TITLE)])
    assert not model.dropMimeData(data, Qt.DropAction.MoveAction, 2, 0, QModelIndex())
    assert service_titles(database, meeting_id) == [second, first, third]


def test_a_drag_from_another_meeting_is_not_accepted(
    editor: AgendaEditor, database: Database, world: World, meeting_id: int
) -> None:
    build_three(editor)
    other = plan(database, world, number=7)
    item(database, other)
    other_model = AgendaModel()
    other_model.set_agenda(other, meeting_detail(database, other).agenda, editable=True)
    data = other_model.mimeData([other_model.index(0, 1)])
    assert not editor.model.canDropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert not editor.model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())


# -- approval -------------------------------------------------------------------------------------


def test_a_change_after_approval_asks_for_approval_again(
    editor: AgendaEditor, database: Database, meeting_id: int
) -> None:
    build_three(editor)
    changes: list[None] = []
    editor.changed.connect(lambda: changes.append(None))
    approve_agenda(database, ME, meeting_id, at=AT)
    editor.refresh()
    assert editor.status_text().startswith("Agenda approved by Nurlan Abenov on ")
    assert state_of(database, meeting_id) is MeetingState.AGENDA_APPROVED

    editor.select_row(1)
    dialog = editor.edit_item()
    assert dialog is not None
    dialog.titles.edits["en"].setText("On the national AI strategy")
    dialog.accept()
    assert state_of(database, meeting_id) is MeetingState.PLANNED
    assert editor.status_text() == (
        "Changed after approval (1 change): the agenda needs approval again."
    )
    assert changes  # the page reloads its list on this signal

    editor.select_row(2)
    editor.move_selected(-1)
    assert editor.status_text() == (
        "Changed after approval (2 changes): the agenda needs approval again."
    )
    approve_agenda(database, ME, meeting_id, at=AT)
    editor.refresh()
    assert editor.status_text().startswith("Agenda approved by ")


def test_a_held_meeting_has_a_read_only_agenda(
    editor: AgendaEditor, database: Database, meeting_id: int
) -> None:
    build_three(editor)
    drive_to(database, meeting_id, MeetingState.HELD)
    editor.refresh()
    assert editor.status_text() == "The agenda can no longer be changed."
    for action in (
        editor.add_action,
        editor.edit_action,
        editor.remove_action,
        editor.up_action,
        editor.down_action,
        editor.add_speaker_action,
        editor.attach_action,
    ):
        assert not action.isEnabled()
    assert editor.add_item() is None
    assert not editor.move_selected(1)
    assert not editor.model.flags(editor.model.index(0, 1)) & Qt.ItemFlag.ItemIsDragEnabled


def test_removing_an_item_asks_first(
    editor: AgendaEditor, database: Database, meeting_id: int, answers: list[str]
) -> None:
    build_three(editor)
    editor.select_row(0)
    assert editor.remove_item()
    assert answers == [f"Remove item 1 “{TITLES[0][2]}” from the agenda?"]
    assert service_titles(database, meeting_id) == [TITLES[1][2], TITLES[2][2]]


# -- speakers and materials -----------------------------------------------------------------------


def test_speakers_are_members_or_invited_persons(
    editor: AgendaEditor,
    database: Database,
    world: World,
    meeting_id: int,
    refusals: list[KenesError],
    answers: list[str],
) -> None:
    build_three(editor)
    editor.select_row(0)
    dialog = editor.add_speaker()
    assert isinstance(dialog, SpeakerDialog)
    # Members of the council come first in the list of people.
    assert dialog.person.itemText(1).endswith("(council member)")
    dialog.person.set_value(world.members[0])
    dialog.accept()
    dialog = editor.add_speaker()
    assert dialog is not None
    dialog.invited.setChecked(True)
    dialog.name.setText("Келлер Анна")
    dialog.positions.edits["en"].setText("Senior researcher")
    dialog.organisations.edits["en"].setText("Fraunhofer Institute")
    dialog.accept()
    assert refusals == []
    model = editor.speaker_model
    rows = [[model.data(model.index(r, c)) for c in range(4)] for r in range(model.rowCount())]
    assert rows == [
        ["Gulnar Omarova", "Council member", "", ""],
        ["Келлер Анна", "Invited person", "Senior researcher", "Fraunhofer Institute"],
    ]
    first = meeting_detail(database, meeting_id).agenda[0]
    assert [s.display_name("en") for s in first.speakers] == ["Gulnar Omarova", "Келлер Анна"]

    # A speaker needs a person or a name: refused, nothing added.
    dialog = editor.add_speaker()
    assert dialog is not None
    dialog.accept()
    assert len(refusals) == 1
    dialog.reject()

    editor.speaker_table.selectRow(1)
    assert editor.remove_speaker()
    assert answers == ["Remove Келлер Анна from the speakers?"]
    assert editor.speaker_model.rowCount() == 1


def test_materials_are_attached_listed_opened_and_removed(
    editor: AgendaEditor,
    qtbot: QtBot,
    database: Database,
    meeting_id: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    refusals: list[KenesError],
    answers: list[str],
) -> None:
    build_three(editor)
    editor.select_row(1)
    content = b"%PDF-1.4 the strategy" * 100
    path = material_file(tmp_path, "стратегия.pdf", content)
    task = editor.attach_files([path])
    assert task is not None
    qtbot.waitUntil(lambda: not editor.tasks, timeout=10_000)
    assert refusals == []
    model = editor.material_model
    assert model.rowCount() == 1
    material = model.material(0)
    assert [model.data(model.index(0, c)) for c in range(4)] == [
        "стратегия.pdf",
        "2 KB",
        "PDF",
        material.sha256[:12],
    ]
    type_index = model.index(0, 2)
    assert model.data(type_index, Qt.ItemDataRole.ToolTipRole) == "application/pdf"
    assert editor.model.data(editor.model.index(1, AgendaModel.MATERIALS)) == "1"

    opened: list[Path] = []

    def open_file(path: Path) -> bool:
        opened.append(path)
        return True

    monkeypatch.setattr(agenda_widgets, "open_file", open_file)
    monkeypatch.setattr(agenda_widgets, "materials_folder", lambda: tmp_path / "open")
    editor.material_table.selectRow(0)
    copy = editor.open_material()
    assert copy is not None and opened == [copy]
    assert copy.read_bytes() == content and copy.parent == tmp_path / "open"

    assert editor.remove_material()
    assert answers == ["Remove the material стратегия.pdf from the item?"]
    assert model.rowCount() == 0
    assert meeting_detail(database, meeting_id).agenda[1].materials == ()


def test_a_material_above_the_size_limit_of_the_settings_is_refused(
    qtbot: QtBot,
    database: Database,
    meeting_id: int,
    tmp_path: Path,
    refusals: list[KenesError],
) -> None:
    store = settings.Settings(tmp_path / "config")
    store.user.set(settings.MAX_MATERIAL_MB, 1)
    widget = AgendaEditor(database, ME, store, clock=lambda: TODAY)
    qtbot.addWidget(widget)
    item(database, meeting_id)
    widget.set_meeting(meeting_id)
    assert widget.max_bytes() == 1024 * 1024
    big = material_file(tmp_path, "big.pdf", b"x" * (1024 * 1024 + 1))
    before = counts(database)
    assert widget.attach_files([big]) is not None
    qtbot.waitUntil(lambda: not widget.tasks, timeout=10_000)
    assert len(refusals) == 1
    assert "too large" in refusals[0].message()
    assert counts(database) == before
    assert widget.material_model.rowCount() == 0


# -- languages ------------------------------------------------------------------------------------


HEADERS = ("No.", "Agenda item", "Responsible body", "Materials")


@pytest.mark.parametrize(("code", "column"), [("kk", 0), ("ru", 1), ("en", 2)])
def test_titles_and_headers_follow_the_interface_language(
    editor: AgendaEditor, code: str, column: int
) -> None:
    build_three(editor)
    apply_language("ru" if code != "ru" else "kk")
    apply_language(code)
    catalog = i18n.translations(code)
    assert editor.item_titles() == [titles[column] for titles in TITLES]
    model = editor.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == [catalog.gettext(h) for h in HEADERS]
    assert editor.tabs.tabText(1) == catalog.gettext("Materials")
