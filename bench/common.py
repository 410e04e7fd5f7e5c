"""What the benchmarks share: figures with their goals, percentiles, child processes."""

from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@dataclass(frozen=True)
class Figure:
    """One measured figure, its baseline from the same run, and its goal."""

    bench: str  # e.g. "1. Start-up"
    name: str
    value: float
    unit: str  # "s", "ms", "MB", "x"
    baseline: float | None = None  # same unit as value
    baseline_name: str = ""
    goal: str = ""  # e.g. "≤ 1.5× the bare window"
    passed: bool | None = None  # None: no goal (context only)
    note: str = ""
    faster: bool = False  # the ratio is baseline / value ("× faster") instead of value / baseline

    @property
    def ratio(self) -> float | None:
        if self.baseline is None or self.baseline == 0 or self.value == 0:
            return None
        return self.baseline / self.value if self.faster else self.value / self.baseline

    def ratio_text(self) -> str:
        ratio = self.ratio
        if ratio is None:
            return ""
        return f"{ratio:.1f}× faster" if self.faster else f"{ratio:.2f}×"

    def line(self) -> str:
        text = f"{self.name}: {fmt(self.value, self.unit)}"
        if self.baseline is not None:
            text += f" (baseline {self.baseline_name}: {fmt(self.baseline, self.unit)}"
            if self.ratio is not None:
                text += f", ratio {self.ratio_text()}"
            text += ")"
        if self.goal:
            verdict = {True: "PASS", False: "FAIL", None: ""}[self.passed]
            text += f"  goal {self.goal} {verdict}".rstrip()
        return text

    def to_json(self) -> dict[str, object]:
        data = asdict(self)
        data["ratio"] = self.ratio
        return data


def fmt(value: float, unit: str) -> str:
    if unit == "s":
        return f"{value:.3f} s"
    if unit == "ms":
        return f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"
    if unit == "MB":
        return f"{value:.0f} MB"
    if unit == "x":
        return f"{value:.2f}×"
    return f"{value:g} {unit}"


def percentile(values: Sequence[float], p: float) -> float:
    """The ``p``-th percentile (0-100), linear between the closest ranks."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("no values")
    rank = (len(ordered) - 1) * p / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def timed(func: Callable[[], object]) -> float:
    """Seconds ``func`` takes."""
    started = time.perf_counter()
    func()
    return time.perf_counter() - started


HOME_PREFIX = "kenes-bench-home-"


def remove_home(env: dict[str, str]) -> None:
    """Remove the temporary home :func:`offscreen_env` made (a start backs the archive up there)."""
    home = Path(env.get("XDG_DATA_HOME", "")).parent
    if home.name.startswith(HOME_PREFIX) and home.parent == Path(tempfile.gettempdir()):
        shutil.rmtree(home, ignore_errors=True)


def offscreen_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a child: offscreen Qt, private user folders, no KENES_* overrides."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KENES_")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    home = Path(tempfile.mkdtemp(prefix=HOME_PREFIX))
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[var] = str(home / var.lower())
    env.pop("PYTHONPATH", None)
    if extra:
        env.update(extra)
    return env


@dataclass(frozen=True)
class ChildRun:
    seconds: float  # from spawning the process to the line it printed when ready
    rss_mb: float  # VmRSS of the child at that moment
    report: dict[str, object]  # what the child printed as JSON


def vm_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def run_child(
    code: str, *, cwd: Path = ROOT, env: dict[str, str] | None = None, timeout: float = 120
) -> ChildRun:
    """Start ``python -c code`` and time it until it prints its JSON line; it then waits.

    The child prints one JSON line when its window is shown and then blocks on stdin, so
    its resident memory is read from /proc at that moment; closing stdin lets it exit.
    """
    started = time.perf_counter()
    own_home = env is None  # made here: removed here
    env = env or offscreen_env()
    child = subprocess.Popen(
        [sys.executable, "-c", code],
        cwd=cwd,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None and child.stdin is not None
        line = child.stdout.readline()
        seconds = time.perf_counter() - started
        if not line:
            raise RuntimeError(f"the child failed:\n{child.communicate(timeout=timeout)[1]}")
        rss = vm_rss_mb(child.pid)
        child.stdin.close()
        child.wait(timeout=timeout)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        if own_home:
            remove_home(env)
    return ChildRun(seconds, rss, json.loads(line))


def machine() -> dict[str, str]:
    """What the figures were measured on."""
    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 2**20:.1f} GB"
    except OSError:
        pass
    import sqlite3

    import PySide6
    import reportlab
    import sqlalchemy

    try:
        load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        load = "?"
    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "memory": memory,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "pyside6": PySide6.__version__,
        "sqlalchemy": sqlalchemy.__version__,
        "reportlab": reportlab.Version,
        "sqlite": sqlite3.sqlite_version,
        "load average at start": load,
    }


def print_figures(figures: Sequence[Figure]) -> None:
    for figure in figures:
        print(f"[{figure.bench}] {figure.line()}")
        if figure.note:
            print(f"    {figure.note}")


def bench_main(
    description: str, run: Callable[..., Sequence[Figure]], *, needs_archive: bool = True
) -> int:
    """The command line of one benchmark: ``--quick``, ``--archive PATH``, ``--json PATH``."""
    import argparse

    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--quick", action="store_true", help="fewer runs")
    parser.add_argument("--archive", type=Path, help="the archive (default: the cached one)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    if needs_archive:
        from bench.archive import ensure_archive

        figures = run(args.archive or ensure_archive(), quick=args.quick)
    else:
        figures = run(quick=args.quick)
    print_figures(figures)
    if args.json:
        args.json.write_text(json.dumps([f.to_json() for f in figures], ensure_ascii=False))
    return 0
