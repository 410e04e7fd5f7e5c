"""An archive handed to an import is checked again, as if read from disk; a return is sent on."""

from __future__ import annotations

import copy
import dataclasses
from pathlib import Path

import pytest

from app.domain.errors import DomainError
from app.formats.exchange_archive import ArchiveFile, ImportRefused
from app.formats.exchange_schema import KIND_ARCHIVE, KIND_RETURN
from app.models.database import open_database
from app.services.base import SYSTEM
from app.services.exchange.apply_import import apply_import
from app.services.exchange.export_archive import export_archive
from app.services.exchange.import_common import checked_archive, refuse_return
from app.services.exchange.plan_import import plan_import
from app.services.exchange.read_archive import read_archive
from tests.services.exchange.trip_helpers import bring_back, files, send
from tests.services.protocol_helpers import held_meeting


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> ArchiveFile:
    """The held meeting of the demo board, exported as a ZIP archive and read back."""
    folder = tmp_path_factory.mktemp("common")
    db = open_database(folder / "source.sqlite3")
    held_meeting(db)
    export_archive(db, folder / "held.kenes.zip")
    db.close()
    return read_archive(folder / "held.kenes.zip")


def tampered(archive: ArchiveFile) -> ArchiveFile:
    """The archive with a ballot's choice changed after it was read and checked."""
    tables = copy.deepcopy(archive.tables)
    tables["decision_points"][0]["ballots"][0]["choice"] = "maybe"
    return dataclasses.replace(archive, tables=tables)


def test_a_read_archive_passes_the_check_unchanged(archive: ArchiveFile) -> None:
    again = checked_archive(archive)
    assert again.kind == KIND_ARCHIVE
    assert again.tables == archive.tables
    assert again.blob_entries == archive.blob_entries and again.zipped


def test_a_record_changed_after_reading_is_refused(archive: ArchiveFile) -> None:
    with pytest.raises(ImportRefused) as caught:
        checked_archive(tampered(archive))
    [problem] = caught.value.problems
    assert problem.pointer == "/tables/decision_points/0/ballots/0/choice"
    assert "“maybe” is not one of the allowed values" in problem.message()


def test_an_archive_of_the_wrong_shape_is_not_valid(archive: ArchiveFile) -> None:
    with pytest.raises(DomainError, match="is not valid"):
        checked_archive(dataclasses.replace(archive, tables=[]))  # type: ignore[arg-type]
    with pytest.raises(DomainError):
        checked_archive({"kind": KIND_ARCHIVE})


def test_plan_and_import_check_the_archive_again(archive: ArchiveFile, tmp_path: Path) -> None:
    path = tmp_path / "target.sqlite3"
    db = open_database(path)
    before = files(path)
    with pytest.raises(ImportRefused):
        plan_import(db, tampered(archive))
    plan = plan_import(db, archive)
    assert plan.ok
    forged = dataclasses.replace(plan, archive=tampered(archive))
    with pytest.raises(ImportRefused):
        apply_import(db, SYSTEM, forged)
    assert files(path) == before


def test_a_return_is_sent_to_bring_back(archive: ArchiveFile, tmp_path: Path) -> None:
    refuse_return(archive)  # an archive is imported here
    trip = send(tmp_path)
    back = read_archive(bring_back(trip))
    assert back.kind == KIND_RETURN
    with pytest.raises(DomainError, match="Bring back from laptop"):
        refuse_return(back)
