"""1. Start-up, and resident memory (6): Kenes with the large archive vs a bare PySide6 window.

Each run is a new ``python -c`` process (9 runs each, interleaved, median: the bare
window's own time is bimodal on this machine, 0.12 or 0.19 s).  The bare
window: QApplication + QMainWindow shown, events processed.  Kenes: the ``app.gui``
path of ``kenes`` itself: settings, the interface language, ``Startup.start()`` (the main
window shown, the archive opened off the GUI thread with ``open_database``: checks,
migrations), until ``Startup.ready`` (the first page built from the archive and painted).
Both children report, counted from spawning the process, when their window was shown;
Kenes also when its first page was filled, and the longest pause of its GUI thread in
between (a 10 ms timer).  The memory is each child's VmRSS read from /proc: the bare
window's once it is shown; Kenes's when its first page (Councils) is filled, and again
after every page was opened (built and painted), as the issue measures it (goals ≤ 1.7×
and ≤ 2.0× the bare window).  The Kenes child imports ``app.gui`` first, as ``kenes``
does (``app.cli`` imports it before the settings).

``--before PATH``: a third series, taking turns with the other two, runs the Kenes child
on the tree at PATH (the code before a change; its modules compiled once into a cache of
the bench's, not at every start), so old and new are measured in the same run.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (
    ROOT,
    ChildRun,
    Figure,
    bench_main,
    median,
    offscreen_env,
    remove_home,
    run_child,
)

BENCH = "1. Start-up"
MEMORY = "6. Lists and memory"

BARE = """
import json, sys, time
t0 = float(sys.argv[1])
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
imported = time.time() - t0
window = QMainWindow()
window.resize(1100, 720)
window.show()
app.processEvents()
print(json.dumps({"imported": imported, "shown": time.time() - t0}), flush=True)
sys.stdin.readline()
"""

KENES = """
import json, sys, time
t0 = float(sys.argv[1])
marks = {}
from app.gui import Startup, ensure_application, initial_language
from app import settings
from app.views.qt_i18n import apply_language
app = ensure_application()
marks["imported"] = time.time() - t0
store = settings.Settings()
apply_language(initial_language(store, "kk"))
startup = Startup(store, sys.argv[2])
window = startup.start()
app.processEvents()
marks["shown"] = time.time() - t0
marks["modules_shown"] = len(sys.modules)
from PySide6.QtCore import QTimer
beats = [time.perf_counter()]
pauses = []
def beat():
    now = time.perf_counter()
    pauses.append(now - beats[-1])
    beats.append(now)
heart = QTimer()
heart.setInterval(10)
heart.timeout.connect(beat)
heart.start()
def rss():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
def ready():
    app.processEvents()  # the first page painted
    marks["ready"] = time.time() - t0
    marks["modules"] = len(sys.modules)
    marks["longest_pause"] = max(pauses, default=0.0)
    marks["rss_first"] = rss()
    heart.stop()
    app.quit()
startup.ready.connect(ready)
app.exec()
from app.views.shell import slot
for index in range(window.stack.count()):  # every page opened: built, shown and painted
    window.navigation.setCurrentRow(index)
    slot(window, index).page()
    app.processEvents()
window.navigation.setCurrentRow(0)
app.processEvents()
marks["rss_all"] = rss()
marks["modules_all"] = len(sys.modules)
print(json.dumps(marks), flush=True)
sys.stdin.readline()
window.close()
startup.close()
"""


def _child(code: str, *args: str, cwd: Path, before: bool = False) -> ChildRun:
    # The child's time marks count from the moment of spawning (argv[1]).
    script = "import sys; sys.argv[1:] = " + json.dumps([str(time.time()), *args]) + "\n" + code
    if not before:
        return run_child(script, cwd=cwd)  # a new home each time, removed after
    # The old tree has no byte-code of its own (and is not written to): its modules are
    # compiled once into the bench's cache, as the new tree's were by its set-up.
    cache = Path(tempfile.gettempdir()) / "kenes-bench-pycache-before"
    env = offscreen_env({"PYTHONPYCACHEPREFIX": str(cache)})
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    try:
        return run_child(script, cwd=cwd, env=env)
    finally:
        remove_home(env)


def measure(
    archive: Path, runs: int = 9, cwd: Path = ROOT, before: Path | None = None
) -> tuple[list[ChildRun], list[ChildRun], list[ChildRun]]:
    bare: list[ChildRun] = []
    kenes: list[ChildRun] = []
    old: list[ChildRun] = []
    _child(BARE, cwd=cwd)  # the first start of all warms the disk cache for both
    _child(KENES, str(archive), cwd=cwd)
    if before is not None:
        _child(KENES, str(archive), cwd=before, before=True)  # and compiles the old tree
    for _ in range(runs):
        bare.append(_child(BARE, cwd=cwd))
        kenes.append(_child(KENES, str(archive), cwd=cwd))
        if before is not None:
            old.append(_child(KENES, str(archive), cwd=before, before=True))
    return bare, kenes, old


def _shown_list(runs: list[ChildRun]) -> str:
    return ", ".join(f"{float(str(r.report['shown'])):.2f}" for r in runs)


def memory_figures(
    bare: list[ChildRun], kenes: list[ChildRun], old: list[ChildRun]
) -> list[Figure]:
    """Resident memory, first page filled and every page opened, against the bare window."""
    bare_mb = median([r.rss_mb for r in bare])
    found = []
    for key, what, goal in (
        ("rss_first", "first page filled", 1.7),
        ("rss_all", "every page opened", 2.0),
    ):
        mb = median([float(str(r.report[key])) for r in kenes])
        note = ""
        if old:
            old_mb = median([float(str(r.report[key])) for r in old])
            note = (
                f"The code before the change, in the same run: {old_mb:.1f} MB "
                f"({old_mb / bare_mb:.2f}×)."
            )
        found.append(
            Figure(
                MEMORY,
                f"resident memory with the large archive open, {what}",
                mb,
                "MB",
                bare_mb,
                "bare PySide6 window",
                f"≤ {goal}× the bare window",
                mb / bare_mb <= goal,
                note,
            )
        )
    return found


def figures(
    bare: list[ChildRun], kenes: list[ChildRun], old: list[ChildRun] | None = None
) -> list[Figure]:
    def shown(runs: list[ChildRun]) -> float:
        return median([float(r.report["shown"]) for r in runs])

    bare_s = shown(bare)
    kenes_s = shown(kenes)
    phases = {
        key: median([float(r.report[key]) for r in kenes])
        for key in ("imported", "shown", "ready", "longest_pause")
    }
    note = (
        f"Kenes phases (median, from spawn): imports and QApplication {phases['imported']:.2f} s, "
        f"main window shown at {phases['shown']:.2f} s "
        f"({int(kenes[0].report['modules_shown'])} modules), the archive opened off the GUI "
        f"thread and the first page filled at {phases['ready']:.2f} s "
        f"({int(kenes[0].report['modules'])} modules); the longest pause of the GUI thread "
        f"meanwhile {phases['longest_pause'] * 1000:.0f} ms. Runs (window shown): bare "
        f"{_shown_list(bare)}; Kenes {_shown_list(kenes)}."
    )
    ratio = kenes_s / bare_s
    ready_s = phases["ready"]
    return [
        Figure(
            BENCH,
            "cold start to the main window shown, large archive opening",
            kenes_s,
            "s",
            bare_s,
            "bare PySide6 window",
            "≤ 1.5× the bare window",
            ratio <= 1.5,
            note,
        ),
        Figure(
            BENCH,
            "cold start to the first page filled from the large archive",
            ready_s,
            "s",
            bare_s,
            "bare PySide6 window",
        ),
        *memory_figures(bare, kenes, old or []),
    ]


def run(
    archive: Path, *, quick: bool = False, cwd: Path = ROOT, before: Path | None = None
) -> list[Figure]:
    bare, kenes, old = measure(archive, 3 if quick else 9, cwd, before)
    return figures(bare, kenes, old)


def main() -> int:
    import argparse

    # --before is this bench's own; the common options are read by bench_main.
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--before", type=Path, help="the tree of the code before a change")
    known, rest = parser.parse_known_args()
    sys.argv[1:] = rest
    before = known.before.resolve() if known.before else None
    return bench_main(
        "start-up and memory", lambda archive, quick: run(archive, quick=quick, before=before)
    )


if __name__ == "__main__":
    raise SystemExit(main())
