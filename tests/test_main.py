"""app/__main__.py: ``python -m app`` runs the command line and exits with its status."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from app import __version__


def python_m_app(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def test_the_version_is_printed_and_the_status_is_zero() -> None:
    done = python_m_app("--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"Kenes {__version__}"


def test_a_command_runs_on_the_named_database(tmp_path: Path) -> None:
    db = tmp_path / "council.sqlite3"

    done = python_m_app("--db", str(db), "migrate")

    assert done.returncode == 0, done.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM alembic_version").fetchone() == (1,)


def test_a_wrong_command_line_exits_with_a_failure_status(tmp_path: Path) -> None:
    done = python_m_app("--db", str(tmp_path / "x.sqlite3"), "no-such-command")
    assert done.returncode == 2
    assert "no-such-command" in done.stderr
    assert not (tmp_path / "x.sqlite3").exists()
