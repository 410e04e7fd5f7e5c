"""``kenes backup`` of a PostgreSQL database: pg_dump's file, or the archive without it."""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.cli import main
from app.models.database import open_database
from tests.postgres import POSTGRES, cluster, find_bin
from tests.services.copy_helpers import fill

pytestmark = POSTGRES


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    with cluster() as url:
        database = open_database(url)
        fill(database)
        database.close()
        yield url


def test_with_pg_dump_on_the_path_it_makes_a_dump(
    pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    bindir = find_bin()
    assert bindir is not None
    monkeypatch.setenv("PATH", f"{bindir}{os.pathsep}{os.environ['PATH']}")
    assert main(["--lang", "en", "--db", pg_url, "backup", "--to", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "pg_dump" in out
    (dump,) = tmp_path.glob("*.dump")
    assert dump.read_bytes().startswith(b"PGDMP")


def test_without_pg_dump_it_writes_the_archive(
    pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "nothing-here"))
    assert main(["--lang", "en", "--db", pg_url, "backup", "--to", str(tmp_path)]) == 0
    assert "exchange file" in capsys.readouterr().out
    (archive,) = tmp_path.glob("*.kenes.zip")
    assert zipfile.is_zipfile(archive)
    # It restores into an empty database.
    empty = tmp_path / "restored.sqlite"
    assert main(["--lang", "en", "--db", str(empty), "import", str(archive), "--yes"]) == 0
