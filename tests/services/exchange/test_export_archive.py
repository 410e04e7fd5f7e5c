"""The whole archive, or chosen councils with their history, written to an exchange file."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.domain.errors import DomainError, NotFoundError
from app.formats.exchange_schema import KIND_ARCHIVE, TABLES
from app.models.composition import Council
from app.models.meeting import Meeting
from app.services.councils import CouncilData, create_council
from app.services.exchange.export_archive import export_archive
from app.services.exchange.read_archive import read_archive
from tests.services.conduct_helpers import ME
from tests.services.exchange.trip_helpers import (
    MATERIAL,
    document_of,
    files,
    office_with_material,
    sha256,
)


def test_the_whole_archive_is_written_and_read_back(tmp_path: Path) -> None:
    office, _path, _meeting, _items, _members = office_with_material(tmp_path)
    target = tmp_path / "all.kenes.zip"
    summary = export_archive(office, target)
    assert summary.kind == KIND_ARCHIVE and summary.embedded and summary.blobs == 1
    # An optional table (the chair's remarks) is written only when it has records.
    assert list(summary.counts) == [t.name for t in TABLES if not t.optional]
    with office.reading() as session:
        meetings = session.scalar(select(func.count()).select_from(Meeting))
        councils = session.scalar(select(func.count()).select_from(Council))
    assert summary.counts["meetings"] == meetings and summary.counts["councils"] == councils
    document, entries = document_of(target)
    assert document["scope"]["councils"] == "all"
    assert entries == {f"blobs/{sha256(MATERIAL)}"}
    read = read_archive(target)
    assert read.kind == KIND_ARCHIVE
    assert {name: len(read.records(name)) for name in summary.counts} == summary.counts


def test_chosen_councils_leave_the_others_out(tmp_path: Path) -> None:
    office, _path, _meeting, _items, _members = office_with_material(tmp_path)
    other = create_council(office, ME, CouncilData(name_kk="Басқа кеңес", name_ru="Другой совет"))
    with office.reading() as session:
        other_uid = session.scalar(select(Council.uid).where(Council.id == other.id))
        first_uid = session.scalar(select(Council.uid).where(Council.id == 1))
    target = tmp_path / "other.kenes.json"
    summary = export_archive(office, target, council_ids=[other.id], embed_materials=False)
    assert summary.blobs == 0 and not summary.embedded
    document, entries = document_of(target)
    assert entries == set()
    assert document["scope"]["councils"] == [other_uid]
    assert [c["uid"] for c in document["tables"]["councils"]] == [other_uid]
    assert document["tables"]["meetings"] == [] and summary.counts["meetings"] == 0
    both = export_archive(office, tmp_path / "both.kenes.zip", council_ids=(1, other.id))
    document, _ = document_of(tmp_path / "both.kenes.zip")
    assert first_uid is not None and other_uid is not None
    assert document["scope"]["councils"] == sorted([first_uid, other_uid])
    assert both.counts["meetings"] == 1


@pytest.mark.parametrize(
    ("councils", "error", "match"),
    [
        ([], DomainError, "at least one council"),
        ([999], NotFoundError, "999"),
        ("1", DomainError, "not valid"),
        ([0], DomainError, None),
    ],
)
def test_bad_councils_write_nothing(
    tmp_path: Path, councils: object, error: type[Exception], match: str | None
) -> None:
    office, path, _meeting, _items, _members = office_with_material(tmp_path)
    target = tmp_path / "refused.kenes.zip"
    before = files(path)
    with pytest.raises(error) as caught:
        export_archive(office, target, council_ids=councils)  # type: ignore[arg-type]
    if match is not None:
        assert match in caught.value.message()  # type: ignore[attr-defined]
    assert not target.exists() and files(path) == before


def test_progress_is_reported_and_stopping_it_leaves_no_file(tmp_path: Path) -> None:
    office, _path, _meeting, _items, _members = office_with_material(tmp_path)
    seen: list[tuple[int, int]] = []
    export_archive(office, tmp_path / "a.kenes.zip", progress=lambda d, t: seen.append((d, t)))
    total = len(TABLES)
    assert seen[0] == (0, total) and seen[-1] == (total, total)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)

    def stop(done: int, total: int) -> None:
        if done == 3:
            raise KeyboardInterrupt

    target = tmp_path / "stopped.kenes.zip"
    with pytest.raises(KeyboardInterrupt):
        export_archive(office, target, progress=stop)
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir() if "stopped" in p.name] == []
