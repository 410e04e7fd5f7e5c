"""material_files: a material's stored bytes checked, and a copy written for the viewer."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from sqlalchemy import update

from app.domain.errors import DomainError, EnvironmentProblem, NotFoundError
from app.domain.meeting import MeetingState
from app.models.database import Database
from app.models.meeting import MaterialBlob
from app.services.agenda.attach_material import attach_material
from app.services.material_files import material_content, save_material_copy
from tests.services.meeting_helpers import (
    ME,
    counts,
    first_item,
    item,
    make_world,
    material_file,
    meeting_in_state,
)

REFERENCE = b"%PDF-1.4 reference"


@pytest.fixture
def meeting_id(database: Database) -> int:
    return meeting_in_state(database, make_world(database), MeetingState.PLANNED)


def attach(db: Database, item_id: int, path: Path) -> int:
    created = attach_material(db, ME, item_id, path).created_id
    assert created is not None
    return created


def test_the_content_is_the_stored_bytes_with_name_and_type(
    database: Database, meeting_id: int, tmp_path: Path
) -> None:
    material = attach(database, first_item(database, meeting_id), material_file(tmp_path))
    content = material_content(database, material)
    assert (content.file_name, content.media_type) == ("анықтама.pdf", "application/pdf")
    assert content.data == b"%PDF-1.4 x"
    with pytest.raises(NotFoundError, match="does not exist"):
        material_content(database, material + 1)


def test_a_damaged_copy_is_refused_and_not_written(
    database: Database, meeting_id: int, tmp_path: Path
) -> None:
    material = attach(database, first_item(database, meeting_id), material_file(tmp_path))
    with database.transaction() as session:
        session.execute(update(MaterialBlob).values(data=b"%PDF-1.4 tampered"))
    folder = tmp_path / "open"
    with pytest.raises(EnvironmentProblem, match="damaged"):
        save_material_copy(database, material, folder)
    assert not folder.exists()


def test_two_different_files_of_one_name_get_two_copies(
    database: Database, meeting_id: int, tmp_path: Path
) -> None:
    first_folder, second_folder = tmp_path / "one", tmp_path / "two"
    first_folder.mkdir()
    second_folder.mkdir()
    one = attach(
        database,
        first_item(database, meeting_id),
        material_file(first_folder, "анықтама.pdf", REFERENCE),
    )
    other = item(database, meeting_id, "Екінші")
    two = attach(database, other, material_file(second_folder, "анықтама.pdf", b"%PDF-1.4 new"))
    folder = tmp_path / "open"
    before = counts(database)
    first_copy = save_material_copy(database, one, folder)
    second_copy = save_material_copy(database, two, folder)
    assert first_copy.name == "анықтама.pdf" and second_copy.name == "анықтама (2).pdf"
    assert first_copy.read_bytes() == REFERENCE
    assert second_copy.read_bytes() == b"%PDF-1.4 new"
    assert save_material_copy(database, two, folder) == second_copy  # found again, reused
    assert counts(database) == before  # opening a copy records nothing


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges on Windows")
def test_a_link_planted_under_the_name_is_never_written_through(
    database: Database, meeting_id: int, tmp_path: Path
) -> None:
    material = attach(database, first_item(database, meeting_id), material_file(tmp_path))
    folder, victim = tmp_path / "open", tmp_path / "victim.txt"
    folder.mkdir()
    victim.write_text("keep me")
    (folder / "анықтама.pdf").symlink_to(victim)
    copy = save_material_copy(database, material, folder)
    assert copy.name == "анықтама (2).pdf" and copy.read_bytes() == b"%PDF-1.4 x"
    assert victim.read_text() == "keep me"


def test_a_folder_that_cannot_be_made_is_told(
    database: Database, meeting_id: int, tmp_path: Path
) -> None:
    material = attach(database, first_item(database, meeting_id), material_file(tmp_path))
    in_the_way = tmp_path / "open"
    in_the_way.write_bytes(b"a file where the folder should be")
    with pytest.raises(EnvironmentProblem, match="cannot be written to") as caught:
        save_material_copy(database, material, in_the_way)
    assert caught.value.params["folder"] == str(in_the_way)
    assert in_the_way.read_bytes() == b"a file where the folder should be"


def test_a_malformed_id_is_refused(database: Database) -> None:
    with pytest.raises(DomainError, match="existing record"):
        material_content(database, "1")  # type: ignore[arg-type]
