"""Run every benchmark and write docs/performance.md.

    .venv/bin/python bench/run_all.py [--quick] [--only 1,3] [--out docs/performance.md]

1. makes (or reuses) the large archive under ``bench/out/`` (``bench/archive.py``);
2. installs LibreOffice when it is missing and this runs as root (``apt-get install -y
   libreoffice-writer-nogui``: the protocol export's baseline);
3. runs each benchmark in its own process (``bench/bench_*.py``), each printing its figures
   with the baseline measured in the same run and the ratio;
4. writes ``docs/performance.md``: the machine, the date, every figure with its goal, and
   what was done to meet the goals and where they cannot be met.

The benchmarks are not tests: they are not part of the test command and time nothing in
CI.  ``--quick`` runs fewer rounds (about twenty minutes on two cores).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, Figure, fmt, machine

BENCHES = (
    ("1", "bench_startup.py", "1. Start-up and 6. resident memory"),
    ("2", "bench_live.py", "2. Live voting"),
    ("3", "bench_export.py", "3. Protocol export and 4. scaling"),
    ("5", "bench_search.py", "5. Archive search"),
    ("6", "bench_lists.py", "6. Lists"),
    ("7", "bench_cli.py", "7. Start-up work and the command line"),
    ("8", "bench_first_click.py", "8. First click"),
    ("9", "bench_installed.py", "9. Installed"),
    ("10", "bench_esign.py", "10. Electronic signatures"),
    ("11", "bench_workstations.py", "11. Workstations"),
    ("12", "bench_search_postgres.py", "12. Search on PostgreSQL"),
    ("13", "bench_exchange.py", "13. Exchange: export and import of the whole archive"),
)
# Benchmarks that make their own data instead of reading the archive.
WITHOUT_ARCHIVE = {
    "bench_export.py",
    "bench_installed.py",
    "bench_esign.py",
    "bench_workstations.py",
}
ORDER = (
    "1. Start-up",
    "2. Live voting",
    "3. Protocol export",
    "4. Scaling",
    "5. Archive search",
    "6. Lists and memory",
    "7. Start-up work and CLI",
    "8. First click",
)

# What was done and where the goals are not met: prose kept beside the benchmarks, written
# into the report after the figures (edit ``bench/findings.md``, not the report).
FINDINGS_FILE = ROOT / "bench" / "findings.md"


def ensure_libreoffice() -> str:
    if shutil.which("soffice") or shutil.which("libreoffice"):
        return "installed"
    if os.geteuid() != 0:
        return "missing (run as root to install libreoffice-writer-nogui)"
    for command in (
        ["apt-get", "update"],
        ["apt-get", "install", "-y", "libreoffice-writer-nogui"],
    ):
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        )
        if done.returncode != 0:
            return f"could not be installed: {done.stderr.strip()[-200:]}"
    return "installed now"


def run_bench(script: str, archive: Path, quick: bool) -> tuple[list[Figure], str]:
    with tempfile.TemporaryDirectory(prefix="kenes-bench-") as folder:
        out = Path(folder) / "figures.json"
        command = [sys.executable, str(ROOT / "bench" / script), "--json", str(out)]
        if script not in WITHOUT_ARCHIVE:
            command += ["--archive", str(archive)]
        if quick:
            command.append("--quick")
        started = time.perf_counter()
        done = subprocess.run(
            command,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )
        took = time.perf_counter() - started
        print(done.stdout, end="")
        if done.returncode != 0 or not out.exists():
            print(done.stderr, file=sys.stderr)
            return [], f"{script} failed (exit {done.returncode}): {done.stderr.strip()[-500:]}"
        fields = {f for f in Figure.__dataclass_fields__}
        figures = [
            Figure(**{k: v for k, v in item.items() if k in fields})
            for item in json.loads(out.read_text())
        ]
        return figures, f"{script}: {took:.0f} s"


def _value(figure: Figure) -> str:
    return fmt(figure.value, figure.unit)


def render(
    figures: list[Figure],
    info: dict[str, str],
    archive: dict[str, object],
    log: list[str],
    quick: bool,
    started: datetime,
    load_after: str,
    alongside: dict[tuple[str, str], Figure] | None = None,
    alongside_title: str = "",
) -> str:
    lines = [
        "# Performance",
        "",
        "Measured by `bench/run_all.py`" + (" --quick" if quick else "") + " on "
        f"{started:%Y-%m-%d %H:%M} UTC; regenerate with "
        "`.venv/bin/python bench/run_all.py` (`--quick`: about twenty minutes on two cores, "
        "four more when the archive is made first).  Each benchmark measures its baseline in "
        "the same run, so the ratios hold "
        "on other machines better than the absolute figures do.",
        "",
        "## Machine",
        "",
    ]
    lines += [f"- {key}: {value}" for key, value in info.items()]
    lines += [
        f"- load average at the end: {load_after}",
        "",
        "Single figures move with the load of this shared two-core machine from run to "
        "run (the bare window itself takes 0.12–0.2 s); the ratios, measured against a "
        "baseline of the same run, and the medians are steadier.",
        "",
        "## The large archive",
        "",
    ]
    lines += [f"- {key}: {value}" for key, value in archive.items()]
    lines += [
        "",
        "## Figures",
        "",
        "| benchmark | figure | measured | baseline | ratio | goal | result |"
        + (f" {alongside_title} |" if alongside else ""),
        "| --- | --- | --- | --- | --- | --- | --- |" + (" --- |" if alongside else ""),
    ]
    ordered = sorted(figures, key=lambda f: ORDER.index(f.bench) if f.bench in ORDER else 99)
    verdicts = {True: "**pass**", False: "**FAIL**", None: "–"}
    for f in ordered:
        baseline = f"{fmt(f.baseline, f.unit)} ({f.baseline_name})" if f.baseline else "–"
        row = (
            f"| {f.bench} | {f.name} | {_value(f)} | {baseline} | "
            f"{f.ratio_text() or '–'} | {f.goal or '–'} | {verdicts[f.passed]} |"
        )
        if alongside is not None:
            other = alongside.get((f.bench, f.name))
            if other is None:
                row += " – |"
            else:
                ratio = f", {other.ratio_text()}" if other.ratio else ""
                row += f" {_value(other)}{ratio}, {verdicts[other.passed]} |"
        lines.append(row)
    notes = [f for f in ordered if f.note]
    if notes:
        lines += ["", "## Notes on the figures", ""]
        lines += [f"- **{f.bench}, {f.name}**: {f.note}" for f in notes]
    lines += ["", FINDINGS_FILE.read_text(encoding="utf-8").rstrip(), "", "## Run log", ""]
    lines += [f"- {entry}" for entry in log]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="run every benchmark, write the report")
    parser.add_argument("--quick", action="store_true", help="fewer rounds")
    parser.add_argument("--only", default="", help="benchmarks to run, e.g. 1,3 (default all)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "performance.md")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument(
        "--alongside", type=Path, help="figures of another run (its --json): an extra column"
    )
    parser.add_argument("--alongside-title", default="another run", help="that column's title")
    args = parser.parse_args(argv)
    started = datetime.now(UTC)
    info = machine()
    log = [f"LibreOffice: {ensure_libreoffice()}"]
    # Measure Kenes as installed: byte-compiled (``tasks.py`` does this at every set-up;
    # where PYTHONDONTWRITEBYTECODE is set, Python would compile every module at start).
    subprocess.run([sys.executable, "-m", "compileall", "-q", "app"], check=True, cwd=ROOT)

    from bench.archive import FULL, archive_path, counts_of, ensure_archive, is_ready

    fresh = not is_ready(archive_path(FULL), FULL)
    made = time.perf_counter()
    archive = ensure_archive(FULL)
    counts = counts_of(archive)
    facts: dict[str, object] = {
        "file": f"{archive.relative_to(ROOT)} ({archive.stat().st_size / 2**20:.0f} MB)",
        "made": f"in this run, {time.perf_counter() - made:.0f} s" if fresh else "cached",
        "contents": ", ".join(
            f"{n:,} {t.replace('_', ' ')}"
            for t, n in counts.items()
            if t
            in (
                "councils",
                "meetings",
                "agenda_items",
                "decision_points",
                "ballots",
                "dissenting_opinions",
                "protocol_instructions",
                "protocol_narratives",
                "attendance",
                "audit_events",
                "people",
            )
        ),
    }
    wanted = {x.strip() for x in args.only.split(",") if x.strip()}
    figures: list[Figure] = []
    for key, script, title in BENCHES:
        if wanted and key not in wanted:
            continue
        print(f"== {title}", flush=True)
        found, entry = run_bench(script, archive, args.quick)
        figures += found
        log.append(entry)
    try:
        load_after = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        load_after = "?"
    args.out.parent.mkdir(parents=True, exist_ok=True)
    alongside = None
    if args.alongside:
        fields = set(Figure.__dataclass_fields__)
        others = [
            Figure(**{k: v for k, v in item.items() if k in fields})
            for item in json.loads(args.alongside.read_text())
        ]
        alongside = {(f.bench, f.name): f for f in others}
    if args.json:
        args.json.write_text(json.dumps([f.to_json() for f in figures], ensure_ascii=False))
    args.out.write_text(
        render(
            figures,
            info,
            facts,
            log,
            args.quick,
            started,
            load_after,
            alongside,
            args.alongside_title,
        )
    )
    print(f"wrote {args.out}")
    failed = [f for f in figures if f.passed is False]
    print(f"{len(figures)} figures, {len(failed)} goals not met")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
