"""The headless command line: works without a display."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

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
    counted = [
        con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("councils", "seats", "people", "positions", "audit_events")
    ]
    con.close()
    again = run_kenes("--db", str(path), "demo")
    assert "already present" in again.stdout
    con = sqlite3.connect(path)
    assert [
        con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("councils", "seats", "people", "positions", "audit_events")
    ] == counted
    con.close()
    assert counted[:2] == [1, 15]


# -- issue 14: a refused exchange file names every problem; exports are whole or absent --


def demo_export(tmp_path: Path) -> tuple[Path, dict]:  # type: ignore[type-arg]
    """A database with the demo council's signed meeting, and its JSON export."""
    path = tmp_path / "archive.sqlite3"
    assert run_kenes("--db", str(path), "demo").returncode == 0
    exported = tmp_path / "archive.json"
    result = run_kenes("--db", str(path), "export", "--no-materials", str(exported))
    assert result.returncode == 0, result.stderr
    return path, json.loads(exported.read_text("utf-8"))


def database_bytes(path: Path) -> bytes:
    """The database as it lies on disk, with its WAL if one is left."""
    wal = path.with_name(path.name + "-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def test_import_lists_every_problem_of_the_read_check_with_its_pointer(tmp_path: Path) -> None:
    path, document = demo_export(tmp_path)
    document["tables"]["councils"][0]["name_kk"] = None
    document["tables"]["people"][2]["gender"] = None
    document["tables"]["seats"][3]["colour"] = "red"
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(document), "utf-8")
    before = database_bytes(path)

    result = run_kenes("--db", str(path), "--lang", "en", "import", "--yes", str(broken))

    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert "Problems found: 3." in lines[0]
    assert (
        "  /tables/councils/0/name_kk: The field “name_kk” is null (it has no value), "
        "but a value is required." in lines
    )
    assert (
        "  /tables/people/2/gender: The field “gender” is null (it has no value), "
        "but a value is required." in lines
    )
    assert "  /tables/seats/3/colour: Unknown field “colour”." in lines
    assert "must not be empty" not in result.stderr
    assert database_bytes(path) == before


def test_the_read_check_speaks_the_chosen_language(tmp_path: Path) -> None:
    path, document = demo_export(tmp_path)
    document["tables"]["people"][2]["gender"] = None
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(document), "utf-8")
    result = run_kenes("--db", str(path), "--lang", "ru", "import", str(broken))
    assert result.returncode == 2
    assert "  /tables/people/2/gender: Поле «gender» имеет значение null" in result.stderr
    kk = run_kenes("--db", str(path), "--lang", "kk", "import", str(broken))
    assert "  /tables/people/2/gender: «gender» өрісінің мәні null" in kk.stderr


def test_import_lists_every_problem_of_the_plan_check(tmp_path: Path) -> None:
    path, document = demo_export(tmp_path)
    document["tables"]["people"][0]["email"] = "nobody"
    document["tables"]["people"][1]["email"] = "nobody at all"
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(document), "utf-8")
    before = database_bytes(path)

    result = run_kenes("--db", str(path), "--lang", "en", "import", "--yes", str(broken))

    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert "Problems found: 2." in lines[0]
    assert "  /tables/people/0: “nobody” is not an e-mail address." in lines
    assert "  /tables/people/1: “nobody at all” is not an e-mail address." in lines
    assert database_bytes(path) == before


def _limit_file_size() -> None:  # pragma: no cover - runs in the child before exec
    import resource
    import signal

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
    resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))


@pytest.mark.skipif(os.name != "posix", reason="a file size limit needs POSIX rlimits")
def test_a_protocol_export_onto_a_full_disk_keeps_the_previous_file(tmp_path: Path) -> None:
    """The disk "fills" at 64 KB (a real limit of the process, RLIMIT_FSIZE): the export
    fails with a clear message, the previous PDF is intact and no partial file is left."""
    path = tmp_path / "archive.sqlite3"
    assert run_kenes("--db", str(path), "demo").returncode == 0
    pdf = tmp_path / "out" / "protocol.pdf"
    pdf.parent.mkdir()
    pdf.write_bytes(b"%PDF-1.7 the protocol exported yesterday")
    before = database_bytes(path)
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}

    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "app",
            "--db",
            str(path),
            "--lang",
            "en",
            "protocol",
            "export",
            "--meeting",
            "1",
            "--output",
            str(pdf),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
        preexec_fn=_limit_file_size,
    )

    assert result.returncode == 2
    assert f"The file {pdf} cannot be written: File too large" in result.stderr
    assert pdf.read_bytes() == b"%PDF-1.7 the protocol exported yesterday"
    assert sorted(p.name for p in pdf.parent.iterdir()) == ["protocol.pdf"]
    assert database_bytes(path) == before
    # Without the limit the same export writes the whole protocol over the old one.
    again = run_kenes(
        "--db", str(path), "protocol", "export", "--meeting", "1", "--output", str(pdf)
    )
    assert again.returncode == 0, again.stderr
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 64 * 1024
