"""The headless command line: works without a display."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from app.cli import main
from app.models.database import head_revision


def run_kenes(
    *args: str, env_extra: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "QT_QPA_PLATFORM", "WAYLAND_DISPLAY")
    }
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def test_help_works_without_a_display() -> None:
    result = run_kenes("--help")
    assert result.returncode == 0, result.stderr
    for command in ("gui", "info", "migrate"):
        assert command in result.stdout
    assert "--db" in result.stdout


def test_migrate_and_info_on_a_named_database(tmp_path: Path) -> None:
    path = tmp_path / "council.sqlite3"
    result = run_kenes("--db", str(path), "migrate")
    assert result.returncode == 0, result.stderr
    assert path.is_file()
    info = run_kenes("--db", str(path), "info")
    assert head_revision() in info.stdout


def test_database_from_the_environment(tmp_path: Path) -> None:
    path = tmp_path / "from-env.sqlite3"
    result = run_kenes("migrate", env_extra={"KENES_DB": str(path)})
    assert result.returncode == 0, result.stderr
    assert path.is_file()


def test_a_newer_database_is_refused_in_the_chosen_language(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "new.sqlite3"
    assert main(["--db", str(path), "migrate"]) == 0
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = 'zzzz'")
    con.commit()
    con.close()
    assert main(["--db", str(path), "--lang", "ru", "info"]) == 2
    assert "более новой версией Kenes" in capsys.readouterr().err


def test_demo_creates_the_council_once(tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite3"
    first = run_kenes("--db", str(path), "demo")
    assert first.returncode == 0, first.stderr
    assert "created" in first.stdout
    con = sqlite3.connect(path)
    counted = [con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
               for t in ("councils", "seats", "people", "positions", "audit_events")]
    con.close()
    again = run_kenes("--db", str(path), "demo")
    assert "already present" in again.stdout
    con = sqlite3.connect(path)
    assert [con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("councils", "seats", "people", "positions", "audit_events")] == counted
    con.close()
    assert counted[:2] == [1, 15]
