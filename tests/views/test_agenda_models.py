"""The agenda's table models: items moved by drag and drop, speakers, materials."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, Qt
from pytestqt.modeltest import ModelTester

from app.models.database import Database
from app.services.agenda.add_speaker import SpeakerData, add_speaker
from app.services.agenda.attach_material import attach_material
from app.services.agenda.move_item import move_item
from app.services.meeting_detail import meeting_detail
from app.views.agenda_models import AGENDA_MIME, AgendaModel, MaterialModel, SpeakerModel, file_type
from tests.services.helpers import counts
from tests.services.meeting_helpers import ME, World, item, material_file, plan

TITLES = ("Бірінші", "Екінші", "Үшінші")


@pytest.fixture
def meeting_id(database: Database, world: World) -> int:
    meeting = plan(database, world)
    for title in TITLES:
        item(database, meeting, title)
    return meeting


def agenda(database: Database, meeting_id: int, editable: bool = True) -> AgendaModel:
    model = AgendaModel()

    def mover(item_id: int, index: int) -> bool:
        move_item(database, ME, item_id, index)
        model.set_agenda(meeting_id, meeting_detail(database, meeting_id).agenda, editable)
        return True

    model.set_agenda(meeting_id, meeting_detail(database, meeting_id).agenda, editable)
    model.set_mover(mover)
    return model


def order(database: Database, meeting_id: int) -> list[str]:
    return [i.title("kk") for i in meeting_detail(database, meeting_id).agenda]


def test_a_dragged_item_dropped_before_another_moves_there(
    database: Database, meeting_id: int
) -> None:
    model = agenda(database, meeting_id)
    data = model.mimeData([model.index(2, 1)])

    assert model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())

    assert order(database, meeting_id) == ["Үшінші", "Бірінші", "Екінші"]
    assert [model.data(model.index(r, 0)) for r in range(3)] == ["1", "2", "3"]
    assert model.data(model.index(0, 1)) == "AI strategy"  # English title in English


def test_moving_down_takes_qt_s_before_row_convention(database: Database, meeting_id: int) -> None:
    model = agenda(database, meeting_id)

    assert model.moveRows(QModelIndex(), 0, 1, QModelIndex(), 3)  # after the last

    assert order(database, meeting_id) == ["Екінші", "Үшінші", "Бірінші"]
    assert not model.moveRows(QModelIndex(), 0, 1, QModelIndex(), 1)  # its own place


def test_a_drag_from_another_agenda_or_onto_a_locked_one_is_refused(
    database: Database, world: World, meeting_id: int
) -> None:
    other = plan(database, world, number=2)
    other_item = item(database, other, "Басқа")
    model = agenda(database, meeting_id)
    foreign = QMimeData()
    foreign.setData(AGENDA_MIME, QByteArray(f"{other}:{other_item}".encode("ascii")))
    garbage = QMimeData()
    garbage.setData(AGENDA_MIME, QByteArray(b"not:numbers"))
    before = counts(database)

    assert not model.dropMimeData(foreign, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert model.dragged_item(garbage) is None

    locked = agenda(database, meeting_id, editable=False)
    own = locked.mimeData([locked.index(2, 0)])
    assert not locked.canDropMimeData(own, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert not locked.flags(locked.index(0, 0)) & Qt.ItemFlag.ItemIsDragEnabled
    assert not locked.moveRows(QModelIndex(), 2, 1, QModelIndex(), 0)
    assert counts(database) == before
    assert order(database, meeting_id) == list(TITLES)


def test_speakers_say_whether_they_are_members(
    database: Database, world: World, meeting_id: int
) -> None:
    first = meeting_detail(database, meeting_id).agenda[0].id
    add_speaker(database, ME, first, SpeakerData(person_id=world.members[0]))
    add_speaker(database, ME, first, SpeakerData(name="Келлер Анна", position_en="Expert"))
    detail = meeting_detail(database, meeting_id)
    model = SpeakerModel()

    model.set_speakers(detail.agenda[0].speakers, detail.member_ids)

    assert [model.data(model.index(r, 1)) for r in range(2)] == ["Council member", "Invited person"]
    assert model.data(model.index(0, 0)) == "Gulnar Omarova"
    assert model.data(model.index(1, 2)) == "Expert"
    assert model.data(model.index(1, 0), Qt.ItemDataRole.UserRole) == model.speaker(1).id
    responsible = agenda(database, meeting_id).index(0, AgendaModel.RESPONSIBLE)
    tooltip = str(responsible.data(Qt.ItemDataRole.ToolTipRole))
    assert tooltip.splitlines()[-2:] == ["Gulnar Omarova", "Келлер Анна"]


def test_materials_show_their_type_and_a_short_hash(
    database: Database, meeting_id: int, tmp_path: Path
) -> None:
    first = meeting_detail(database, meeting_id).agenda[0].id
    attach_material(
        database, ME, first, material_file(tmp_path, "анықтама.pdf", b"%PDF-1.4\n%%EOF\n")
    )
    model = MaterialModel()
    model.set_rows(meeting_detail(database, meeting_id).agenda[0].materials)
    material = model.material(0)

    assert model.data(model.index(0, 0)) == "анықтама.pdf"
    assert model.data(model.index(0, 2)) == "PDF" == file_type(material)
    assert model.data(model.index(0, 2), Qt.ItemDataRole.ToolTipRole) == material.media_type
    assert model.data(model.index(0, 3)) == material.sha256[:12]
    assert model.data(model.index(0, 3), Qt.ItemDataRole.ToolTipRole) == material.sha256
    assert len(material.sha256) == 64


def test_the_agenda_model_passes_the_model_tester(
    qtmodeltester: ModelTester, database: Database, meeting_id: int
) -> None:
    qtmodeltester.check(agenda(database, meeting_id, editable=False), force_py=True)
