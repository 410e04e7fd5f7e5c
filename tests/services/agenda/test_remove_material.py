"""Removing a material; its stored file goes when no other item uses it."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.domain.errors import DomainError, NotFoundError
from app.domain.meeting import MeetingState
from app.models.database import Database
from app.services.agenda.attach_material import attach_material
from app.services.agenda.remove_material import remove_material
from app.services.meeting_detail import meeting_detail
from app.services.meetings.approve_agenda import approve_agenda
from tests.services.meeting_helpers import (
    ME,
    audit_actions,
    counts,
    drive_to,
    first_item,
    item,
    make_world,
    material_file,
    meeting_in_state,
    plan,
)

FROZEN = (MeetingState.HELD, MeetingState.CLOSED, MeetingState.CANCELLED)


def test_the_stored_file_goes_with_its_last_material(database: Database, tmp_path: Path) -> None:
    world = make_world(database)
    meeting_id = plan(database, world)
    first, second = item(database, meeting_id, "Бірінші"), item(database, meeting_id, "Екінші")
    path = material_file(tmp_path)
    a = attach_material(database, ME, first, path).created_id
    b = attach_material(database, ME, second, path).created_id
    other_file = material_file(tmp_path, "b.pdf", b"%PDF-1.4 B")
    other = attach_material(database, ME, first, other_file).created_id
    assert a is not None and b is not None and other is not None
    before = counts(database)
    change = remove_material(database, ME, a)
    assert [m.file_name for m in change.agenda[0].materials] == ["b.pdf"]
    assert counts(database)["material_blobs"] == before["material_blobs"]  # still used by b
    remove_material(database, ME, b)
    assert counts(database)["material_blobs"] == before["material_blobs"] - 1
    assert audit_actions(database)[-1] == "material.delete"
    with pytest.raises(NotFoundError, match="Material #"):
        remove_material(database, ME, a)


def test_after_approval_the_removal_is_recorded(database: Database, tmp_path: Path) -> None:
    world = make_world(database)
    meeting_id = meeting_in_state(database, world, MeetingState.PLANNED)
    material = attach_material(
        database, ME, first_item(database, meeting_id), material_file(tmp_path)
    ).created_id
    assert material is not None
    approve_agenda(database, ME, meeting_id)
    change = remove_material(database, ME, material)
    assert change.approval_revoked and change.meeting.state is MeetingState.PLANNED
    assert meeting_detail(database, meeting_id).revisions[-1].action == "material.delete"


@pytest.mark.parametrize("state", FROZEN)
def test_refused_once_held_closed_or_cancelled(
    database: Database, tmp_path: Path, state: MeetingState
) -> None:
    world = make_world(database)
    meeting_id = meeting_in_state(database, world, MeetingState.PLANNED)
    material = attach_material(
        database, ME, first_item(database, meeting_id), material_file(tmp_path)
    ).created_id
    assert material is not None
    drive_to(database, meeting_id, state)
    before = counts(database)
    with pytest.raises(DomainError, match="can no longer be changed"):
        remove_material(database, ME, material)
    assert counts(database) == before
