"""The meeting package written at the office, and the meeting written back on the laptop."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from app.domain.errors import DomainError, NotFoundError
from app.formats.exchange_schema import KIND_PACKAGE, KIND_RETURN, UID_PATTERN
from app.models.audit import AuditEvent
from app.services.exchange.export_package import export_meeting_package
from app.services.exchange.read_archive import read_archive
from tests.services.conduct_helpers import ME
from tests.services.exchange.trip_helpers import (
    MATERIAL,
    bring_back,
    document_of,
    files,
    office_with_material,
    send,
    sha256,
)


def test_a_package_carries_the_meeting_its_materials_and_its_base(tmp_path: Path) -> None:
    office, _path, meeting, _items, members = office_with_material(tmp_path)
    target = tmp_path / "package.kenes.zip"
    summary = export_meeting_package(office, meeting, target, actor=ME)
    assert summary.kind == KIND_PACKAGE and summary.embedded and summary.blobs == 1
    assert UID_PATTERN.match(summary.package_id)
    assert summary.counts["meetings"] == 1 and summary.counts["seats"] == len(members)
    assert summary.size == target.stat().st_size
    document, entries = document_of(target)
    assert document["kind"] == KIND_PACKAGE
    package = document["package"]
    assert package["id"] == summary.package_id
    assert package["meeting"] == document["tables"]["meetings"][0]["uid"]
    assert entries == {f"blobs/{sha256(MATERIAL)}"}
    # Every record written has its hash in the base, and nothing else does.
    keyed = {
        f"{table}/{record['uid']}"
        for table, records in document["tables"].items()
        for record in records
        if "uid" in record
    }
    assert set(package["base"]) == keyed
    # The office remembers the base in its audit trail, by the actor who exported.
    with office.reading() as session:
        event = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "exchange.package_export")
        ).one()
        assert event.actor == ME.name and event.entity_id == meeting
        after = event.after or {}
        assert after["package"] == summary.package_id and after["base"] == package["base"]
    read = read_archive(target)
    assert read.kind == KIND_PACKAGE and read.has_blob(sha256(MATERIAL))


def test_without_materials_the_package_is_plain_json(tmp_path: Path) -> None:
    office, _path, meeting, _items, _members = office_with_material(tmp_path)
    target = tmp_path / "package.kenes.json"
    summary = export_meeting_package(office, meeting, target, embed_materials=False)
    assert not summary.embedded and summary.blobs == 0
    document, entries = document_of(target)
    assert entries == set() and document["tables"]["materials"][0]["sha256"] == sha256(MATERIAL)
    assert read_archive(target).zipped is False


def test_each_package_has_its_own_id(tmp_path: Path) -> None:
    office, _path, meeting, _items, _members = office_with_material(tmp_path)
    first = export_meeting_package(office, meeting, tmp_path / "1.kenes.zip")
    second = export_meeting_package(office, meeting, tmp_path / "2.kenes.zip")
    assert first.package_id != second.package_id
    with office.reading() as session:
        assert (
            len(
                session.scalars(
                    select(AuditEvent.id).where(AuditEvent.action == "exchange.package_export")
                ).all()
            )
            == 2
        )


def test_the_laptop_writes_the_meeting_back_with_the_package_id_and_base(tmp_path: Path) -> None:
    trip = send(tmp_path)
    sent, _ = document_of(trip.package)
    path = bring_back(trip)
    back, _ = document_of(path)
    assert back["kind"] == KIND_RETURN
    assert back["package"]["id"] == trip.package_id == sent["package"]["id"]
    assert back["package"]["base"] == sent["package"]["base"]
    assert back["package"]["made_at"] == sent["package"]["made_at"]
    # Writing the meeting back is not a new package: the laptop records no export.
    with trip.laptop.reading() as session:
        assert (
            session.scalar(
                select(AuditEvent.id).where(AuditEvent.action == "exchange.package_export")
            )
            is None
        )


@pytest.mark.parametrize(
    ("meeting", "embed", "error"),
    [(999, True, NotFoundError), ("1", True, DomainError), (1, "yes", DomainError)],
)
def test_bad_input_writes_no_file_and_changes_nothing(
    tmp_path: Path, meeting: object, embed: object, error: type[Exception]
) -> None:
    office, path, _meeting, _items, _members = office_with_material(tmp_path)
    target = tmp_path / "refused.kenes.zip"
    before = files(path)
    with pytest.raises(error):
        export_meeting_package(office, meeting, target, embed_materials=embed)  # type: ignore[arg-type]
    assert not target.exists()
    assert files(path) == before
