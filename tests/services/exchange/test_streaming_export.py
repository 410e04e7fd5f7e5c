"""The archive export streams: the same bytes as writing the whole document, memory flat in size.

Two archives made by the benchmarks' generator, the second twice the first (meetings,
items, decision points, ballots, instructions), are exported; what the export holds at
once (rows counted, and Python's allocations traced) must not grow with the archive.
"""

from __future__ import annotations

import dataclasses
import io
import json
import tracemalloc
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.formats.exchange_schema import DOCUMENT_ENTRY, KIND_ARCHIVE
from app.formats.exchange_writer import document_bytes, stream_document, write_file, write_streamed
from app.models.composition import Council
from app.models.database import Database, open_database
from app.services.exchange.export_archive import export_archive
from app.services.exchange.scope import archive_scope, build_tables, header
from app.services.exchange.table_stream import TableStream
from bench.archive import Scale, generate

SMALL = Scale(
    councils=2,
    years=2,
    meetings=20,
    items=200,
    points=600,
    ballots=7_200,
    dissents=5,
    instructions=60,
    large_council=20,
)
DOUBLE = dataclasses.replace(
    SMALL, meetings=40, items=400, points=1_200, ballots=14_400, dissents=10, instructions=120
)


@pytest.fixture(scope="module")
def archives(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("streaming")
    small, double = folder / "small.sqlite3", folder / "double.sqlite3"
    generate(small, SMALL)
    generate(double, DOUBLE)
    return small, double


@pytest.fixture
def opened(archives: tuple[Path, Path]) -> Iterator[tuple[Database, Database]]:
    small, double = open_database(archives[0]), open_database(archives[1])
    yield small, double
    small.close()
    double.close()


def old_document(db: Database, councils: set[int] | None) -> tuple[dict[str, object], bytes]:
    """The header, and the document as the export wrote it before it streamed."""
    with db.reading() as session:
        tables, _blobs = build_tables(session, archive_scope(session, councils))
    head = header(KIND_ARCHIVE, {"councils": "all"})
    return head, document_bytes({**head, "tables": tables})


def test_streamed_document_is_the_document_written_whole(
    opened: tuple[Database, Database],
) -> None:
    db = opened[0]
    head, expected = old_document(db, None)
    with db.reading() as session:
        out = io.BytesIO()
        stream_document(head, TableStream(session, None, batch=37).tables(), out)
    assert out.getvalue() == expected
    with db.reading() as session:
        council = min(c.id for c in session.query(Council))
    head, expected = old_document(db, {council})
    with db.reading() as session:
        scope = archive_scope(session, {council})
        out = io.BytesIO()
        stream_document(head, TableStream(session, scope, batch=37).tables(), out)
    assert out.getvalue() == expected


def test_streamed_zip_has_the_bytes_of_the_zip_written_whole(tmp_path: Path) -> None:
    document = {
        "format": "kenes-exchange",
        "scope": {"councils": ["a" * 32], "n": [1, 2.5, None, True, {}], "e": []},
        "tables": {
            "councils": [{"uid": "ü" * 3, "x": [{"y": "«z»\n"}], "z": {"1": [], "k": False}}],
            "acts": [],
        },
    }
    blobs = [("b" * 64, lambda: b"one"), ("a" * 64, lambda: b"two"), ("b" * 64, lambda: b"one")]
    whole, streamed = tmp_path / "whole.zip", tmp_path / "streamed.zip"
    write_file(whole, document, blobs, zipped=True)
    head = {k: v for k, v in document.items() if k != "tables"}
    tables = document["tables"]
    assert isinstance(tables, dict)
    write_streamed(streamed, head, iter(tables.items()), iter(blobs), zipped=True)
    assert streamed.read_bytes() == whole.read_bytes()
    write_file(whole, document, zipped=False)
    write_streamed(streamed, head, iter(tables.items()), zipped=False)
    assert streamed.read_bytes() == whole.read_bytes()
    write_streamed(streamed, head, iter(()), zipped=False)
    assert json.loads(streamed.read_bytes()) == {**head, "tables": {}}


def test_rows_held_do_not_grow_with_the_archive(
    opened: tuple[Database, Database], tmp_path: Path
) -> None:
    held, ballots = [], []
    for index, db in enumerate(opened):
        with db.reading() as session:
            stream = TableStream(session, None, batch=10)
            head = header(KIND_ARCHIVE, {"councils": "all"})
            target = tmp_path / f"{index}.kenes.zip"
            write_streamed(target, head, stream.tables(), stream.blob_items(), zipped=True)
        held.append(stream.most_held)
        with zipfile.ZipFile(target) as archive:
            document = json.loads(archive.read(DOCUMENT_ENTRY))
        points = document["tables"]["decision_points"]
        ballots.append(sum(len(p["ballots"]) for p in points))
        assert stream.counts["decision_points"] == len(points)
    assert ballots[1] == 2 * ballots[0] == 2 * SMALL.ballots
    # 10 records with their nested records at most, whatever the size of the archive.
    assert held[1] <= held[0] * 1.3, held
    assert held[0] < SMALL.ballots / 3, held


def _peak(db: Database, target: Path) -> int:
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        export_archive(db, target)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_export_memory_is_flat_when_the_archive_doubles(
    opened: tuple[Database, Database], tmp_path: Path
) -> None:
    small, double = opened
    export_archive(small, tmp_path / "warm.kenes.zip")  # imports and caches before measuring
    peaks = [_peak(small, tmp_path / "1.kenes.zip"), _peak(double, tmp_path / "2.kenes.zip")]
    sizes = [(tmp_path / f"{n}.kenes.zip").stat().st_size for n in (1, 2)]
    assert sizes[1] > 1.8 * sizes[0]
    assert peaks[1] < 1.3 * peaks[0], peaks
