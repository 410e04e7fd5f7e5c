"""Attaching material files: stored once by SHA-256, with size and type; bad files refused."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from app.domain.errors import DomainError
from app.domain.meeting import MeetingState
from app.models.database import Database
from app.services.agenda.attach_material import DEFAULT_MAX_BYTES, attach_material
from app.services.material_files import material_content, save_material_copy
from app.services.meeting_detail import meeting_detail
from tests.services.meeting_helpers import (
    ME,
    audit_actions,
    counts,
    first_item,
    item,
    make_world,
    material_file,
    meeting_in_state,
)

FROZEN = (MeetingState.HELD, MeetingState.CLOSED, MeetingState.CANCELLED)
CONTENT = b"%PDF-1.4 the reference on the AI strategy"


def test_a_file_is_attached_with_its_hash_size_and_type(database: Database, tmp_path: Path) -> None:
    world = make_world(database)
    meeting_id = meeting_in_state(database, world, MeetingState.PLANNED)
    item_id = first_item(database, meeting_id)
    change = attach_material(database, ME, item_id, material_file(tmp_path, content=CONTENT))
    material = change.agenda[0].materials[0]
    assert change.created_id == material.id
    assert material.file_name == "анықтама.pdf"
    assert material.media_type == "application/pdf"
    assert material.size == len(CONTENT)
    assert material.sha256 == hashlib.sha256(CONTENT).hexdigest()
    assert material.attached_by == "secretary" and material.attached_at is not None
    assert audit_actions(database)[-1] == "material.attach"
    content = material_content(database, material.id)
    assert content.data == CONTENT
    # The system viewer opens a copy; an identical copy already there is reused.
    copy = save_material_copy(database, material.id, tmp_path / "open")
    assert copy.read_bytes() == CONTENT and copy.name == "анықтама.pdf"
    assert save_material_copy(database, material.id, tmp_path / "open") == copy


def test_the_same_file_on_two_items_is_stored_once(database: Database, tmp_path: Path) -> None:
    world = make_world(database)
    meeting_id = meeting_in_state(database, world, MeetingState.PLANNED)
    second = item(database, meeting_id, "Екінші")
    path = material_file(tmp_path, content=CONTENT)
    attach_material(database, ME, first_item(database, meeting_id), path)
    before = counts(database)
    attach_material(database, ME, second, material_file(tmp_path, "copy.pdf", CONTENT))
    after = counts(database)
    assert after["materials"] == before["materials"] + 1
    assert after["material_blobs"] == before["material_blobs"]


def test_the_same_file_twice_on_one_item_is_refused(database: Database, tmp_path: Path) -> None:
    world = make_world(database)
    meeting_id = meeting_in_state(database, world, MeetingState.PLANNED)
    item_id = first_item(database, meeting_id)
    attach_material(database, ME, item_id, material_file(tmp_path, content=CONTENT))
    before = counts(database)
    with pytest.raises(DomainError, match="already attached to this item"):
        attach_material(database, ME, item_id, material_file(tmp_path, "again.pdf", CONTENT))
    assert counts(database) == before


def test_files_above_the_limit_are_refused(database: Database, tmp_path: Path) -> None:
    world = make_world(database)
    meeting_id = meeting_in_state(database, world, MeetingState.PLANNED)
    item_id = first_item(database, meeting_id)
    big = material_file(tmp_path, "presentation.pptx", b"x" * 2_000_000)
    before = counts(database)
    with pytest.raises(
        DomainError, match=r"too large \(1\.9 MB\); a material may be at most 1\.0 MB"
    ):
        attach_material(database, ME, item_id, big, max_bytes=1024 * 1024)
    assert counts(database) == before
    assert DEFAULT_MAX_BYTES == 50 * 1024 * 1024
    exact = attach_material(database, ME, item_id, big, max_bytes=2_000_000)
    assert exact.agenda[0].materials[0].size == 2_000_000
    with pytest.raises(DomainError, match="positive number of bytes"):
        attach_material(database, ME, item_id, big, max_bytes=0)


def test_files_that_cannot_be_read_are_refused(database: Database, tmp_path: Path) -> None:
    world = make_world(database)
    meeting_id = meeting_in_state(database, world, MeetingState.PLANNED)
    item_id = first_item(database, meeting_id)
    before = counts(database)
    with pytest.raises(DomainError, match="not a file that can be attached"):
        attach_material(database, ME, item_id, tmp_path / "missing.pdf")
    with pytest.raises(DomainError, match="not a file that can be attached"):
        attach_material(database, ME, item_id, tmp_path)
    with pytest.raises(DomainError, match="is empty"):
        attach_material(database, ME, item_id, material_file(tmp_path, "empty.pdf", b""))
    assert counts(database) == before


def test_a_file_the_system_refuses_to_read_is_refused(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = make_world(database)
    meeting_id = meeting_in_state(database, world, MeetingState.PLANNED)
    locked = material_file(tmp_path, "locked.pdf", CONTENT)

    def refuse(self: Path, *args: object, **kwargs: object) -> object:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", refuse)
    before = counts(database)
    with pytest.raises(DomainError, match=r"locked\.pdf cannot be read: Permission denied"):
        attach_material(database, ME, first_item(database, meeting_id), locked)
    assert counts(database) == before


def test_after_approval_a_new_material_is_recorded(database: Database, tmp_path: Path) -> None:
    world = make_world(database)
    meeting_id = meeting_in_state(database, world, MeetingState.AGENDA_APPROVED)
    change = attach_material(
        database, ME, first_item(database, meeting_id), material_file(tmp_path, content=CONTENT)
    )
    assert change.approval_revoked and change.meeting.state is MeetingState.PLANNED
    revision = meeting_detail(database, meeting_id).revisions[-1]
    assert revision.details["file"] == "анықтама.pdf"
    assert revision.details["sha256"] == hashlib.sha256(CONTENT).hexdigest()


@pytest.mark.parametrize("state", FROZEN)
def test_refused_once_held_closed_or_cancelled(
    database: Database, tmp_path: Path, state: MeetingState
) -> None:
    world = make_world(database)
    meeting_id = meeting_in_state(database, world, state)
    before = counts(database)
    with pytest.raises(DomainError, match="can no longer be changed"):
        attach_material(
            database, ME, first_item(database, meeting_id), material_file(tmp_path, content=CONTENT)
        )
    assert counts(database) == before
