"""9. The installed Kenes: the bundle's size, and its start-up against the checkout's.

    .venv/bin/python bench/bench_installed.py [--quick] [--bundle dist/bundle/kenes]

The bundle is ``python3 tasks.py installer``'s (built first when missing).  Each start
is a new process that opens the desktop application on the same database (a copy of
one made with the demo), waits for the first page to be filled and closes
(``KENES_CLOSE_AFTER_START``): the installed ``kenes`` against ``python -m app`` from
the checkout, interleaved, median of the runs, wall time from spawn to exit.  Goals (issue
16): installed size ≤ 250 MB, start-up ≤ 1.2× the checkout's.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, Figure, median, offscreen_env, print_figures

BENCH = "9. Installed"
SIZE_GOAL_MB = 250
START_GOAL = 1.2


def folder_mb(folder: Path) -> float:
    total = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file() and not f.is_symlink())
    return total / 2**20


def timed_start(command: list[str], env: dict[str, str], cwd: Path) -> float:
    started = time.perf_counter()
    done = subprocess.run(
        command, env=env, cwd=cwd, capture_output=True, text=True, timeout=300, check=False
    )
    elapsed = time.perf_counter() - started
    if done.returncode != 0 or "mainWindow" not in done.stdout:
        raise RuntimeError(f"{command[0]} did not start: {done.stdout}{done.stderr}")
    return elapsed


def run(bundle: Path, *, quick: bool = False) -> list[Figure]:
    program = bundle / ("kenes.exe" if os.name == "nt" else "kenes")
    with tempfile.TemporaryDirectory(prefix="kenes-installed-") as folder:
        work = Path(folder)
        env = offscreen_env()
        for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
            env[var] = str(work / var.lower())
        env["KENES_CLOSE_AFTER_START"] = "1"
        database = work / "kenes.sqlite3"
        subprocess.run(
            [str(program), "--db", str(database), "--lang", "en", "demo"],
            env=env,
            check=True,
            capture_output=True,
        )
        installed_cmd = [str(program), "--db", str(database), "--lang", "kk"]
        checkout_cmd = [sys.executable, "-m", "app", "--db", str(database), "--lang", "kk"]
        timed_start(installed_cmd, env, work)  # warm the disk cache and remember the version
        timed_start(checkout_cmd, env, ROOT)
        installed: list[float] = []
        checkout: list[float] = []
        for _ in range(3 if quick else 9):
            installed.append(timed_start(installed_cmd, env, work))
            checkout.append(timed_start(checkout_cmd, env, ROOT))
    size = folder_mb(bundle)
    start, baseline = median(installed), median(checkout)
    runs = (
        f"Runs (s): installed {', '.join(f'{t:.2f}' for t in installed)}; "
        f"checkout {', '.join(f'{t:.2f}' for t in checkout)}."
    )
    return [
        Figure(
            BENCH,
            "installed size of the bundle",
            size,
            "MB",
            goal=f"≤ {SIZE_GOAL_MB} MB",
            passed=size <= SIZE_GOAL_MB,
        ),
        Figure(
            BENCH,
            "start to the first page filled, then closed (demo database)",
            start,
            "s",
            baseline,
            "the checkout (python -m app)",
            f"≤ {START_GOAL}× the checkout",
            start / baseline <= START_GOAL,
            runs,
        ),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description="the installed Kenes: size and start-up")
    parser.add_argument("--quick", action="store_true", help="fewer runs")
    parser.add_argument("--bundle", type=Path, help="the bundle (default: dist/bundle/kenes)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    bundle = args.bundle or ROOT / "dist" / "bundle" / "kenes"
    if not bundle.is_dir():
        from installer.build import build_bundle

        bundle = build_bundle(ROOT / "dist")
    figures = run(bundle, quick=args.quick)
    print_figures(figures)
    if args.json:
        args.json.write_text(json.dumps([f.to_json() for f in figures], ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
