"""1. Start-up, and resident memory (6): Kenes with the large archive vs a bare PySide6 window.

Each run is a new ``python -c`` process (5 runs each, interleaved, median).  The bare
window: QApplication + QMainWindow shown, events processed.  Kenes: the ``app.gui`` path
without the first-start demo: settings, the interface language, ``KenesApp.open()`` (which
opens the archive with ``open_database``: checks, migrations), ``KenesApp.show()``
(``build_main_window``, the backup actions), events processed.  The time is from spawning
the process to the line the child prints once its window is shown; the memory is the
child's VmRSS read from /proc at that moment.  The child also reports when each phase
ended, to show where the time goes.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, ChildRun, Figure, bench_main, median, offscreen_env, run_child

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
from app import settings
from app.gui import KenesApp, ensure_application, initial_language
from app.views.qt_i18n import apply_language
app = ensure_application()
marks["imported"] = time.time() - t0
store = settings.Settings()
apply_language(initial_language(store, "kk"))
kenes = KenesApp(store, sys.argv[2])
assert kenes.open(), "the archive did not open"
marks["opened"] = time.time() - t0
window = kenes.show()
marks["built"] = time.time() - t0
app.processEvents()
marks["shown"] = time.time() - t0
marks["modules"] = len(sys.modules)
print(json.dumps(marks), flush=True)
sys.stdin.readline()
kenes.close()
"""


def _child(code: str, *args: str, cwd: Path) -> ChildRun:
    # The child's time marks count from the moment of spawning (argv[1]).
    script = "import sys; sys.argv[1:] = " + json.dumps([str(time.time()), *args]) + "\n" + code
    return run_child(script, cwd=cwd, env=offscreen_env())


def measure(
    archive: Path, runs: int = 5, cwd: Path = ROOT
) -> tuple[list[ChildRun], list[ChildRun]]:
    bare: list[ChildRun] = []
    kenes: list[ChildRun] = []
    _child(BARE, cwd=cwd)  # the first start of all warms the disk cache for both
    _child(KENES, str(archive), cwd=cwd)
    for _ in range(runs):
        bare.append(_child(BARE, cwd=cwd))
        kenes.append(_child(KENES, str(archive), cwd=cwd))
    return bare, kenes


def figures(bare: list[ChildRun], kenes: list[ChildRun]) -> list[Figure]:
    bare_s = median([r.seconds for r in bare])
    kenes_s = median([r.seconds for r in kenes])
    phases = {
        key: median([float(r.report[key]) for r in kenes])
        for key in ("imported", "opened", "built", "shown")
    }
    note = (
        f"Kenes phases (median, from spawn): imports and QApplication {phases['imported']:.2f} s, "
        f"database open {phases['opened'] - phases['imported']:.2f} s, main window built "
        f"{phases['built'] - phases['opened']:.2f} s, first paint "
        f"{phases['shown'] - phases['built']:.2f} s; {int(kenes[0].report['modules'])} modules "
        f"loaded. Runs: bare {', '.join(f'{r.seconds:.2f}' for r in bare)}; Kenes "
        f"{', '.join(f'{r.seconds:.2f}' for r in kenes)}."
    )
    ratio = kenes_s / bare_s
    bare_mb = median([r.rss_mb for r in bare])
    kenes_mb = median([r.rss_mb for r in kenes])
    return [
        Figure(
            BENCH,
            "cold start to the main window shown, large archive open",
            kenes_s,
            "s",
            bare_s,
            "bare PySide6 window",
            "≤ 1.5× the bare window",
            ratio <= 1.5,
            note,
        ),
        Figure(
            MEMORY,
            "resident memory at start, large archive open",
            kenes_mb,
            "MB",
            bare_mb,
            "bare PySide6 window",
            "≤ 1.5× the bare window",
            kenes_mb / bare_mb <= 1.5,
        ),
    ]


def run(archive: Path, *, quick: bool = False, cwd: Path = ROOT) -> list[Figure]:
    bare, kenes = measure(archive, 3 if quick else 5, cwd)
    return figures(bare, kenes)


def main() -> int:
    return bench_main("start-up and memory", run)


if __name__ == "__main__":
    raise SystemExit(main())
