"""Undoing and redoing a step of the agenda editor; every refusal leaves the database as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.domain.errors import DomainError
from app.domain.meeting import MeetingState
from app.models.database import Database
from app.services.agenda.add_item import add_item
from app.services.agenda.add_speaker import SpeakerData, add_speaker
from app.services.agenda.attach_material import attach_material
from app.services.agenda.common import ItemData
from app.services.agenda.move_item import move_item
from app.services.agenda.remove_item import remove_item
from app.services.agenda.undo_step import apply_undo_step
from app.services.agenda.undo_steps import (
    ItemContent,
    PlaceItem,
    RestoreItem,
    RestoreTexts,
    WithdrawItem,
    item_content,
    item_data,
    stamp_of,
)
from app.services.meeting_detail import meeting_detail
from app.services.meetings.approve_agenda import approve_agenda
from tests.services.meeting_helpers import (
    AT,
    ME,
    counts,
    drive_to,
    item,
    make_world,
    material_file,
    plan,
)


@pytest.fixture
def meeting_id(database: Database) -> int:
    meeting = plan(database, make_world(database))
    item(database, meeting, "Бірінші")
    item(database, meeting, "Екінші")
    return meeting


def titles(database: Database, meeting_id: int) -> list[str]:
    return [i.title("kk") for i in meeting_detail(database, meeting_id).agenda]


def test_an_added_item_is_withdrawn_and_put_back(database: Database, meeting_id: int) -> None:
    change = add_item(database, ME, meeting_id, ItemData(title_kk="Үшінші", note="Ескерту"))
    assert change.item_id is not None
    undone = apply_undo_step(database, ME, WithdrawItem(change.item_id), stamp_of(change))
    assert titles(database, meeting_id) == ["Бірінші", "Екінші"]
    added = next(i for i in change.agenda if i.id == change.item_id)
    apply_undo_step(
        database, ME, RestoreItem(meeting_id, 2, ItemContent(item_data(added))), stamp_of(undone)
    )
    assert titles(database, meeting_id) == ["Бірінші", "Екінші", "Үшінші"]
    assert meeting_detail(database, meeting_id).agenda[2].note == "Ескерту"


def test_a_removed_item_comes_back_with_speakers_and_material_bytes(
    database: Database, meeting_id: int, tmp_path: Path
) -> None:
    first = meeting_detail(database, meeting_id).agenda[0]
    add_speaker(database, ME, first.id, SpeakerData(name="Келлер Анна", position_en="Expert"))
    attach_material(database, ME, first.id, material_file(tmp_path, content=b"%PDF-1.4 only"))
    before = meeting_detail(database, meeting_id).agenda[0]
    content = item_content(database, before)
    removed = remove_item(database, ME, before.id)
    back = apply_undo_step(database, ME, RestoreItem(meeting_id, 0, content), stamp_of(removed))
    restored = back.agenda[0]
    assert restored.title("kk") == "Бірінші"
    assert [s.name for s in restored.speakers] == ["Келлер Анна"]
    assert restored.speakers[0].position("en") == "Expert"
    assert [(m.file_name, m.sha256) for m in restored.materials] == [
        (m.file_name, m.sha256) for m in before.materials
    ]


def test_a_move_and_an_edit_are_reverted(database: Database, meeting_id: int) -> None:
    agenda = meeting_detail(database, meeting_id).agenda
    moved = move_item(database, ME, agenda[0].id, 1)
    back = apply_undo_step(database, ME, PlaceItem(agenda[0].id, 0), stamp_of(moved))
    assert titles(database, meeting_id) == ["Бірінші", "Екінші"]
    texts = apply_undo_step(
        database, ME, RestoreTexts(agenda[1].id, ItemData(title_kk="Түзетілген")), stamp_of(back)
    )
    assert titles(database, meeting_id) == ["Бірінші", "Түзетілген"]
    assert texts.changed


def test_undo_after_approval_is_refused_and_changes_nothing(
    database: Database, meeting_id: int
) -> None:
    agenda = meeting_detail(database, meeting_id).agenda
    moved = move_item(database, ME, agenda[0].id, 1)
    approve_agenda(database, ME, meeting_id, at=AT)
    before = counts(database)
    with pytest.raises(DomainError, match="approved the agenda since"):
        apply_undo_step(database, ME, PlaceItem(agenda[0].id, 0), stamp_of(moved))
    assert counts(database) == before
    assert meeting_detail(database, meeting_id).meeting.state is MeetingState.AGENDA_APPROVED
    assert titles(database, meeting_id) == ["Екінші", "Бірінші"]


def test_undo_after_another_change_is_refused(database: Database, meeting_id: int) -> None:
    agenda = meeting_detail(database, meeting_id).agenda
    moved = move_item(database, ME, agenda[0].id, 1)
    item(database, meeting_id, "Басқа")
    before = counts(database)
    with pytest.raises(DomainError, match="changed since this step"):
        apply_undo_step(database, ME, PlaceItem(agenda[0].id, 0), stamp_of(moved))
    assert counts(database) == before


def test_undo_of_a_held_meeting_is_refused(database: Database, meeting_id: int) -> None:
    agenda = meeting_detail(database, meeting_id).agenda
    moved = move_item(database, ME, agenda[0].id, 1)
    drive_to(database, meeting_id, MeetingState.HELD)
    before = counts(database)
    with pytest.raises(DomainError):
        apply_undo_step(database, ME, PlaceItem(agenda[0].id, 0), stamp_of(moved))
    assert counts(database) == before


def test_data_of_the_wrong_shape_is_refused(database: Database, meeting_id: int) -> None:
    agenda = meeting_detail(database, meeting_id).agenda
    moved = move_item(database, ME, agenda[0].id, 1)
    before = counts(database)
    with pytest.raises(DomainError):
        apply_undo_step(database, ME, "withdraw", stamp_of(moved))  # type: ignore[arg-type]
    with pytest.raises(DomainError):
        apply_undo_step(database, ME, PlaceItem(agenda[0].id, 0), "stamp")  # type: ignore[arg-type]
    assert counts(database) == before
