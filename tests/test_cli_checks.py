"""Headless commands check the whole file only when it changed; `kenes check` always does."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from app import paths
from app.cli import main
from app.models.changes import CHECKS_FILE, stamp_of

THREE_DAYS_AGO = (datetime.now() - timedelta(days=3)).isoformat(timespec="seconds")


def memory_file() -> Path:
    return paths.config_dir() / CHECKS_FILE


def backdate_the_check() -> None:
    """Make the remembered check three days old: a new check would note today instead."""
    data = json.loads(memory_file().read_text())
    for entry in data.values():
        entry["checked"] = THREE_DAYS_AGO
    memory_file().write_text(json.dumps(data))


def checked_at() -> list[str]:
    return [str(e["checked"]) for e in json.loads(memory_file().read_text()).values()]


def test_a_second_command_on_an_unchanged_file_does_not_check_it(tmp_path: Path) -> None:
    db = tmp_path / "kenes.sqlite3"
    assert main(["--db", str(db), "demo"]) == 0
    assert main(["--db", str(db), "meetings"]) == 0  # changed by the demo: checked
    assert len(checked_at()) == 1
    backdate_the_check()
    assert main(["--db", str(db), "meetings", "--json"]) == 0
    assert checked_at() == [THREE_DAYS_AGO]  # not checked again
    assert main(["--db", str(db), "check"]) == 0  # `kenes check` reads the file all the same


def test_a_damaged_file_is_found_even_with_its_times_put_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "kenes.sqlite3"
    assert main(["--db", str(db), "demo"]) == 0
    assert main(["--db", str(db), "meetings"]) == 0
    before = stamp_of(db)
    assert before is not None
    con = sqlite3.connect(db)
    con.execute("PRAGMA journal_mode = DELETE")
    con.close()
    data = bytearray(db.read_bytes())
    data[4096 * 2 : 4096 * 4] = b"\xa5" * 8192
    db.write_bytes(bytes(data))
    os.utime(db, ns=(before.modified_ns, before.modified_ns))
    capsys.readouterr()
    assert main(["--db", str(db), "meetings"]) == 2
    assert "damaged" in capsys.readouterr().err


def test_a_pdf_export_loads_neither_qt_nor_the_spreadsheet_and_docx_libraries(
    tmp_path: Path,
) -> None:
    db = tmp_path / "kenes.sqlite3"
    assert main(["--db", str(db), "demo"]) == 0
    code = (
        "import sys\n"
        "from app.cli import main\n"
        f"main(['--db', {str(db)!r}, 'meetings', '--json'])\n"
        "first = set(sys.modules)\n"
        f"main(['--db', {str(db)!r}, 'protocol', 'export', '--meeting', '1', "
        f"'--output', {str(tmp_path / 'p.pdf')!r}])\n"
        "tops = lambda names: sorted({n.split('.')[0] for n in names})\n"
        "print(tops(first), tops(sys.modules))\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    listing, exporting = (line for line in done.stdout.splitlines() if line.startswith("["))
    for unwanted in ("PySide6", "openpyxl", "docx", "alembic", "reportlab"):
        assert f"'{unwanted}'" not in listing, unwanted
    for unwanted in ("PySide6", "openpyxl", "docx", "alembic"):
        assert f"'{unwanted}'" not in exporting, unwanted
    assert "'reportlab'" in exporting
