"""Kenes's folders and files are for the user alone (0700 folders, 0600 files).

The real command runs in a subprocess started with the common umask 022, with its
user folders (XDG) inside the test's folder, so the modes are what a user would get.
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def kenes(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "QT_QPA_PLATFORM", "WAYLAND_DISPLAY", "KENES_DB")
    }
    env["HOME"] = str(home)
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[var] = str(home / var.lower())
    done = subprocess.run(
        [sys.executable, "-m", "app", "--lang", "en", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
        preexec_fn=lambda: os.umask(0o022),  # what most desktops give a program
    )
    assert done.returncode == 0, done.stderr
    return done


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_data_backups_log_and_exports_are_for_the_user_alone(
    tmp_path: Path, umask_022: None
) -> None:
    home = tmp_path / "home"
    data = home / "xdg_data_home" / "Kenes"
    data.mkdir(parents=True, mode=0o755)  # a folder an older Kenes left open to all
    data.chmod(0o755)
    kenes(home, "demo")
    kenes(home, "backup")
    meetings = json.loads(kenes(home, "meetings", "--json").stdout)
    exports = tmp_path / "exports"
    exports.mkdir()
    pdf = exports / "protocol.pdf"
    kenes(home, "protocol", "export", "--meeting", str(meetings[0]["id"]), "--output", str(pdf))

    database = data / "kenes.sqlite3"
    backups = [p for p in (data / "backups").rglob("*.sqlite3")]
    log = home / "xdg_state_home" / "Kenes" / "log" / "kenes.log"
    assert backups and log.is_file() and pdf.is_file()
    for folder in (data, data / "backups", backups[0].parent, log.parent):
        assert mode(folder) == 0o700, folder
    for file in (database, backups[0], log, pdf):
        assert mode(file) == 0o600, file
    # SQLite gives the -wal and -shm of a database the database file's own mode.
    con = sqlite3.connect(database)
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("INSERT INTO kenes_meta (key, value) VALUES ('test', 'x')")
    con.commit()
    for suffix in ("-wal", "-shm"):
        assert mode(Path(f"{database}{suffix}")) == 0o600, suffix
    con.close()


def test_a_folder_the_user_chose_keeps_its_permissions(tmp_path: Path, umask_022: None) -> None:
    chosen = tmp_path / "shared"
    chosen.mkdir(mode=0o755)
    chosen.chmod(0o755)
    kenes(tmp_path / "home", "--db", str(chosen / "council.sqlite3"), "migrate")
    assert mode(chosen) == 0o755
    assert mode(chosen / "council.sqlite3") == 0o600
