"""app/__main__.py: ``python -m app`` runs the command line and exits with its status."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from app import __version__
from tests.test_cli import run_kenes


def test_the_version_is_printed_and_the_status_is_zero() -> None:
    done = run_kenes("--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"Kenes {__version__}"


def test_a_command_runs_on_the_named_database(tmp_path: Path) -> None:
    db = tmp_path / "council.sqlite3"

    done = run_kenes("--db", str(db), "migrate")

    assert done.returncode == 0, done.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM alembic_version").fetchone() == (1,)


def test_a_wrong_command_line_exits_with_a_failure_status(tmp_path: Path) -> None:
    done = run_kenes("--db", str(tmp_path / "x.sqlite3"), "no-such-command")
    assert done.returncode == 2
    assert "no-such-command" in done.stderr
    assert not (tmp_path / "x.sqlite3").exists()
