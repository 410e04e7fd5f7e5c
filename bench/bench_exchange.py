"""13. The exchange file of the whole archive: ``kenes export`` and ``kenes import --yes``.

13a. ``kenes export FILE.kenes.zip`` of the whole archive in a fresh process: time and peak
    resident memory (``ru_maxrss`` of the child).  Baseline, in the same run: ``sqlite3
    .dump`` of the same file piped to gzip.  Goal: ≤ 1.5× the baseline, peak ≤ 300 MB.
13b. ``kenes import --yes`` of that file into an empty database, in a fresh process.
    Baseline: ``sqlite3`` restoring the dump into an empty file.  Goal: ≤ 3× the baseline,
    peak ≤ 400 MB.

``--scale N`` measures the archive ``bench/archive.py`` makes at N times the full scale
(N times the years, meetings, items, points, ballots, opinions and instructions; made once
and kept under ``bench/out/``); the figures name the scale.  ``--no-import`` measures the
export only.  Every process runs in a temporary home removed at the end.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, Figure, print_figures

BENCH = "13. Exchange"
EXPORT_GOAL, EXPORT_PEAK = 1.5, 300.0
IMPORT_GOAL, IMPORT_PEAK = 3.0, 400.0

# Runs a command and prints its wall time, the processor time and the peak resident memory of
# what it started (the processor time tells more than the wall time on a loaded machine).
_MEASURE = """
import json, resource, subprocess, sys, time
started = time.perf_counter()
done = subprocess.run(sys.argv[2:], shell=sys.argv[1] == "shell", capture_output=True)
seconds = time.perf_counter() - started
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
peak = usage.ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak, "code": done.returncode,
                  "cpu": usage.ru_utime + usage.ru_stime,
                  "err": done.stderr.decode("utf-8", "replace")[-2000:]}))
"""


@dataclasses.dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float
    cpu: float = 0.0  # processor seconds, user and system


def measure(command: list[str], env: dict[str, str], *, shell: bool = False) -> Run:
    """Wall time and peak memory of ``command`` in a child of its own (its children counted)."""
    argv = [sys.executable, "-c", _MEASURE, "shell" if shell else "exec", *command]
    done = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    report = json.loads(done.stdout.strip().splitlines()[-1])
    if report["code"] != 0:
        raise RuntimeError(f"{command[:6]} failed: {report['err']}")
    return Run(report["seconds"], report["peak_mb"], report["cpu"])


def child_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KENES_")}
    env.pop("PYTHONPATH", None)
    env.pop("DISPLAY", None)
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[var] = str(home / var.lower())
    return env


def kenes(*args: str) -> list[str]:
    return [sys.executable, "-m", "app", "--lang", "en", *args]


def scaled_archive(scale: float) -> Path:
    from bench.archive import FULL, ensure_archive

    if scale == 1:
        return ensure_archive(FULL)
    grown = dataclasses.replace(
        FULL,
        years=round(FULL.years * scale),
        meetings=round(FULL.meetings * scale),
        items=round(FULL.items * scale),
        points=round(FULL.points * scale),
        ballots=round(FULL.ballots * scale),
        dissents=round(FULL.dissents * scale),
        instructions=round(FULL.instructions * scale),
    )
    return ensure_archive(grown)


def _sqlite3() -> str:
    found = shutil.which("sqlite3")
    if found is None:
        raise RuntimeError("the baseline needs the sqlite3 command (apt-get install sqlite3)")
    return found


def export_figures(archive: Path, folder: Path, env: dict[str, str], label: str) -> Figure:
    """9a: the export of the whole archive, against ``sqlite3 .dump | gzip``."""
    exported = folder / "archive.kenes.zip"
    dump = folder / "dump.sql.gz"
    measure(kenes("--db", str(archive), "info"), env)  # opens (and migrates) once: not counted
    baseline = measure([f"{_sqlite3()} '{archive}' .dump | gzip > '{dump}'"], env, shell=True)
    ours = measure(kenes("--db", str(archive), "export", str(exported)), env)
    size = exported.stat().st_size / 2**20
    ratio = ours.seconds / baseline.seconds
    return Figure(
        BENCH,
        f"export of the whole archive ({label})",
        ours.seconds,
        "s",
        baseline.seconds,
        "sqlite3 .dump piped to gzip",
        f"≤ {EXPORT_GOAL}× the baseline, peak ≤ {EXPORT_PEAK:.0f} MB",
        ratio <= EXPORT_GOAL and ours.peak_mb <= EXPORT_PEAK,
        f"peak {ours.peak_mb:.0f} MB (baseline {baseline.peak_mb:.0f} MB); file "
        f"{size:.0f} MB; dump {dump.stat().st_size / 2**20:.0f} MB; archive "
        f"{archive.stat().st_size / 2**20:.0f} MB",
    )


def import_figure(folder: Path, env: dict[str, str], label: str) -> Figure:
    """9b: the import of the exported file into an empty database, against a restore."""
    exported = folder / "archive.kenes.zip"
    dump = folder / "dump.sql.gz"
    restored = folder / "restored.sqlite3"
    baseline = measure([f"gunzip -c '{dump}' | {_sqlite3()} '{restored}'"], env, shell=True)
    restored.unlink()
    empty = folder / "empty.sqlite3"
    measure(kenes("--db", str(empty), "info"), env)  # an empty, migrated database
    ours = measure(kenes("--db", str(empty), "import", "--yes", str(exported)), env)
    ratio = ours.seconds / baseline.seconds
    return Figure(
        BENCH,
        f"import --yes of that file into an empty database ({label})",
        ours.seconds,
        "s",
        baseline.seconds,
        "sqlite3 restoring the dump",
        f"≤ {IMPORT_GOAL:.0f}× the baseline, peak ≤ {IMPORT_PEAK:.0f} MB",
        ratio <= IMPORT_GOAL and ours.peak_mb <= IMPORT_PEAK,
        f"peak {ours.peak_mb:.0f} MB (baseline {baseline.peak_mb:.0f} MB); processor time "
        f"{ours.cpu:.0f} s (baseline {baseline.cpu:.0f} s)",
    )


def run(archive: Path, label: str, *, with_import: bool) -> list[Figure]:
    with tempfile.TemporaryDirectory(prefix="kenes-bench-exchange-") as name:
        folder = Path(name)
        env = child_env(folder / "home")
        copy = folder / "archive.sqlite3"
        shutil.copyfile(archive, copy)  # opening migrates: the cached archive stays as made
        figures = [export_figures(copy, folder, env, label)]
        if with_import:
            figures.append(import_figure(folder, env, label))
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--archive", type=Path, help="the archive (default: made at --scale)")
    parser.add_argument("--scale", type=float, default=1.0, help="times the full archive")
    parser.add_argument("--no-import", action="store_true", help="measure the export only")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--quick", action="store_true", help="accepted; it always runs once")
    args = parser.parse_args()
    archive = args.archive or scaled_archive(args.scale)
    size = archive.stat().st_size / 2**20
    label = f"{args.scale:g}×, {size:,.0f} MB"
    figures = run(archive, label, with_import=not args.no_import)
    print_figures(figures)
    if args.json:
        args.json.write_text(json.dumps([f.to_json() for f in figures], ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
