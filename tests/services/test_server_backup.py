"""back_up_server: pg_dump's copy when it works, the exchange archive otherwise, refusals.

``pg_dump`` is stood in for by small scripts on the PATH, so every branch runs without a
server; ``test_server_backup_postgres.py`` makes real dumps of a real cluster.
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import pytest

from app.domain.errors import EnvironmentProblem
from app.domain.permissions import PermissionRefused
from app.models.database import Database
from app.services.accounts.add_account import add_account
from app.services.base import Actor
from app.services.exchange.read_archive import read_archive
from app.services.server_backup import back_up_server
from tests.services.copy_helpers import fill

ME = Actor("secretary")
AT = datetime(2026, 4, 15, 9, 30, 5)

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="stand-in pg_dump is a script")


def fake_pg_dump(bindir: Path, script: str, monkeypatch: pytest.MonkeyPatch) -> None:
    bindir.mkdir()
    tool = bindir / "pg_dump"
    tool.write_text("#!/bin/sh\n" + script)
    tool.chmod(0o755)
    monkeypatch.setenv("PATH", str(bindir))


def test_without_pg_dump_the_archive_is_written(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(database)
    monkeypatch.setenv("PATH", str(tmp_path / "nothing here"))
    made = back_up_server(database, tmp_path / "backups" / "server", ME, now=AT)
    assert made.kind == "exchange" and made.path.parent == tmp_path / "backups" / "server"
    assert made.path.name.startswith("kenes-") and made.path.name.endswith(
        "-20260415-093005.kenes.zip"
    )
    assert "/" not in made.path.name
    archive = read_archive(made.path)
    assert archive.tables["councils"]


def test_pg_dumps_file_is_the_backup_when_it_succeeds(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_pg_dump(
        tmp_path / "bin",
        'while [ "$1" != --file ]; do shift; done\necho dump > "$2"\n',
        monkeypatch,
    )
    made = back_up_server(database, tmp_path / "backups", ME, now=AT)
    assert made.kind == "pg_dump" and made.path.suffix == ".dump"
    assert made.path.read_text() == "dump\n"


def test_a_failing_pg_dump_is_told_and_leaves_nothing(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = 'while [ "$1" != --file ]; do shift; done\necho half > "$2"\n'
    script += 'echo "pg_dump: error: permission denied for table people" >&2\nexit 1\n'
    fake_pg_dump(tmp_path / "bin", script, monkeypatch)
    folder = tmp_path / "backups"
    with pytest.raises(EnvironmentProblem, match="permission denied for table people"):
        back_up_server(database, folder, ME, now=AT)
    assert list(folder.iterdir()) == []


def test_an_older_pg_dump_falls_back_to_the_archive(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = 'echo "pg_dump: error: aborting because of server version mismatch" >&2\nexit 1\n'
    fake_pg_dump(tmp_path / "bin", script, monkeypatch)
    made = back_up_server(database, tmp_path / "backups", ME, now=AT)
    assert made.kind == "exchange"
    assert [p.name for p in (tmp_path / "backups").iterdir()] == [made.path.name]


def test_a_folder_that_cannot_be_made_is_told(database: Database, tmp_path: Path) -> None:
    blocker = tmp_path / "backups"
    blocker.write_text("a file, not a folder")
    with pytest.raises(EnvironmentProblem, match="cannot be created"):
        back_up_server(database, blocker / "server", ME, now=AT)


def test_with_accounts_only_an_administrator_backs_up(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "nothing here"))
    add_account(database, ME, "admin", "correct horse battery", role="administrator")
    add_account(database, Actor("admin"), "hatshy", "correct horse battery", role="secretary")
    with pytest.raises(PermissionRefused):
        back_up_server(database, tmp_path / "refused", Actor("hatshy"), now=AT)
    assert not (tmp_path / "refused").exists()
    assert back_up_server(database, tmp_path / "done", Actor("admin"), now=AT).kind == "exchange"
