"""7. Start-up work and the command line: what each start and each ``kenes`` command reads.

7a. A typical protocol (about 10 items and 15 members present, a held meeting's draft)
    exported to PDF by ``kenes protocol export`` in a fresh process, from the archive, the
    file unchanged since its last clean check (the usual case: SQLite's quick check is not
    repeated).  Also: the first command after the file changed (the memory of the check
    removed before each run: the quick check runs, as it ran before every command before).
    Baseline: the same protocol as DOCX from a fresh ``kenes`` process, converted to PDF by
    LibreOffice headless in a fresh process.  Goal: ≥ 10× faster.
7b. The work of a desktop start after the window is shown (``start_work``), the database
    unchanged since its newest backup: the markers of the database and of the backup are
    compared, nothing is read whole and nothing is written.  Baseline, in the same run: what
    every start did before, SQLite's quick check and a full copy of the file.

Everything runs in temporary homes and folders that are removed at the end (the backups of
7b included).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, Figure, bench_main, median, timed

BENCH = "7. Start-up work and CLI"


def typical_meeting(archive: Path) -> tuple[int, int, int]:
    """The held meeting with a draft protocol closest to 10 items and 15 present."""
    con = sqlite3.connect(f"{archive.resolve().as_uri()}?mode=ro", uri=True)
    try:
        row = con.execute(
            """
            SELECT m.id, items, present FROM meetings m
            JOIN protocols p ON p.meeting_id = m.id AND p.state = 'draft'
            JOIN (SELECT meeting_id, count(*) AS items FROM agenda_items GROUP BY meeting_id) a
              ON a.meeting_id = m.id
            JOIN (SELECT meeting_id, count(*) AS present FROM attendance GROUP BY meeting_id) t
              ON t.meeting_id = m.id
            ORDER BY abs(items - 10) * 2 + abs(present - 15), m.id LIMIT 1
            """
        ).fetchone()
    finally:
        con.close()
    if row is None:
        raise RuntimeError("the archive has no held meeting with a draft protocol")
    return int(row[0]), int(row[1]), int(row[2])


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KENES_")}
    env.pop("DISPLAY", None)
    env.pop("PYTHONPATH", None)
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[var] = str(home / var.lower())
    return env


def _kenes(env: dict[str, str], *args: str) -> Callable[[], float]:
    command = [sys.executable, "-m", "app", *args]

    def run() -> float:
        return timed(
            lambda: subprocess.run(
                command, cwd=ROOT, env=env, check=True, capture_output=True, timeout=300
            )
        )

    return run


def cli_figures(archive: Path, runs: int, folder: Path) -> list[Figure]:
    meeting, items, present = typical_meeting(archive)
    env = _env(folder / "home")
    memory = Path(env["XDG_CONFIG_HOME"]) / "Kenes" / "database-checks.json"
    base = ["--db", str(archive), "protocol", "export", "--meeting", str(meeting)]
    pdf = _kenes(env, *base, "--output", str(folder / "protocol.pdf"))
    docx = _kenes(env, *base, "--output", str(folder / "protocol.docx"))
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    profile = (folder / "lo-profile").as_uri()

    def convert() -> float:
        assert soffice is not None
        command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to"]
        command += ["pdf", "--outdir", str(folder / "lo"), str(folder / "protocol.docx")]
        return timed(lambda: subprocess.run(command, check=True, capture_output=True, timeout=600))

    def after_a_change() -> float:
        memory.unlink(missing_ok=True)
        return pdf()

    pdf()  # warms the disk cache and notes the clean check
    docx()
    if soffice:
        convert()  # makes LibreOffice's profile: not counted
    unchanged, changed, baseline = [], [], []
    for _ in range(runs):  # in turn, so a change of load weighs on all alike
        unchanged.append(pdf())
        changed.append(after_a_change())
        pdf()  # the check of after_a_change noted again
        if soffice:
            baseline.append(docx() + convert())
    value, first = median(unchanged), median(changed)
    size = archive.stat().st_size / 2**20
    note = (
        f"meeting {meeting}: {items} items, {present} present; archive {size:.0f} MB. The "
        f"first command after the file changed (SQLite's quick check of the whole file, as "
        f"before every command until now): {first:.3f} s; the check alone "
        f"{first - value:.3f} s."
    )
    if not baseline:
        return [
            Figure(BENCH, "typical protocol from the CLI, fresh process", value, "s", note=note)
        ]
    lo = median(baseline)
    return [
        Figure(
            BENCH,
            "typical protocol from the CLI, fresh process, file unchanged",
            value,
            "s",
            lo,
            "DOCX from the CLI + LibreOffice headless to PDF",
            "≥ 10× faster",
            lo / value >= 10,
            note,
            faster=True,
        ),
        Figure(
            BENCH,
            "typical protocol from the CLI, fresh process, first command after a change",
            first,
            "s",
            lo,
            "DOCX from the CLI + LibreOffice headless to PDF",
            faster=True,
        ),
    ]


def start_figure(archive: Path, runs: int, folder: Path) -> Figure:
    from app.models.changes import CheckMemory
    from app.models.database import open_database
    from app.services.backups import BackupPolicy, back_up_now
    from app.services.start_backup import start_work

    policy = BackupPolicy(folder / "backups", daily=1, weekly=0)  # one copy on the disk
    memory = CheckMemory(folder / "checks.json")
    database = open_database(archive, check_memory=memory)  # open, as at a desktop start
    try:

        def before() -> object:  # what every start did until now
            from app.models.backup import integrity_check

            integrity_check(archive)
            return back_up_now(archive, policy, "start")

        before()  # the newest backup now holds the database
        old = [timed(before) for _ in range(runs)]
        new = []
        for _ in range(runs):
            new.append(timed(lambda: start_work(archive, policy, memory, check=False)))
        skipped = start_work(archive, policy, memory, check=False).unchanged_since is not None
    finally:
        database.close()
    value, baseline = median(new), median(old)
    size = archive.stat().st_size
    return Figure(
        BENCH,
        "desktop start, work after the window is shown, database unchanged",
        value * 1000,
        "ms",
        baseline * 1000,
        "quick check + full copy at every start, as before",
        "proportional to what changed (no whole-file read or copy when nothing changed)",
        skipped,
        f"archive {size / 2**20:.0f} MB; the copy no longer made at an unchanged start is "
        f"{size / 2**20:.0f} MB on the disk (7 daily + 8 weekly copies kept at most: "
        f"{15 * size / 2**30:.1f} GB when every start copied).",
        faster=True,
    )


def run(archive: Path, *, quick: bool = False) -> list[Figure]:
    runs = 3 if quick else 5
    with tempfile.TemporaryDirectory(prefix="kenes-bench-cli-") as folder:
        figures = cli_figures(archive, runs, Path(folder))
    with tempfile.TemporaryDirectory(prefix="kenes-bench-start-") as folder:
        figures.append(start_figure(archive, runs, Path(folder)))
    return figures


def main() -> int:
    return bench_main("start-up work and the command line", run)


if __name__ == "__main__":
    raise SystemExit(main())
