"""8. First click on a page in a fresh application, counted honestly (no round discarded).

Each run is a new ``python -c`` process: Kenes starts as ``kenes`` does (``app.gui``'s
``Startup``) on the archive, in a home where it has started before (its check remembered,
its backup made: the usual start).  Once the first page is filled, the child waits 1.5 s,
what a user takes to look at the window and reach for the navigation, then clicks
Meetings, Instructions and Protocols in turn; each click is timed from the click to the
page built and painted (``repaint``), imports included.

Baseline, in the same run and taking turns: the same with the idle-time preparation
switched off (``PagePreparer.start`` does nothing), as every first click was before.
During the wait the GUI thread's longest pause is measured by a 5 ms timer: the
preparation must never hold input for more than 16 ms.  Goal: each first click ≤ 150 ms.
The wait's longest pause includes the first page's own last paint after ``ready`` (with
or without the preparation); a second figure takes only the pauses that overlap the
preparer's slices (``PagePreparer.span``), against the same stretch of the run without it.

A third series, taking turns with the other two, reads the work calendar from the
``holidays`` library instead of its shipped table (``app/calendar_kz.py``), as every first
deadline did before the table: the first click on Meetings and the resident memory after
the three clicks, with the table and without.
"""

from __future__ import annotations

import json
import subprocess
import sys
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

BENCH = "8. First click"
PAGES = (("Meetings", 1), ("Instructions", 3), ("Protocols", 2))
IDLE_MS = 1500

CHILD = """
import json, sys, time
from app import settings
from app.gui import Startup, ensure_application, initial_language
from app.views.qt_i18n import apply_language
from PySide6.QtCore import QTimer
app = ensure_application()
store = settings.Settings()
store.state.set(settings.CURRENT_PAGE, 0)  # Councils first: no page clicked is on screen yet
apply_language(initial_language(store, "kk"))
if sys.argv[3] == "0":
    from app.views import page_preparer
    page_preparer.PagePreparer.start = lambda self: None
if sys.argv[4] == "0":  # the calendar as before its table: from the holidays library
    from app import calendar_kz
    calendar_kz._table = lambda: {}
startup = Startup(store, sys.argv[2])
window = startup.start()
marks = {}
beats = [time.perf_counter()]
pauses = []
def beat():
    now = time.perf_counter()
    pauses.append(now - beats[-1])
    beats.append(now)
heart = QTimer()
heart.setInterval(5)
heart.timeout.connect(beat)
def clicks():
    heart.stop()
    marks["longest_pause_ms"] = max(pauses, default=0.0) * 1000
    # Each pause as (its end, its length) in ms from the first beat; the preparation's span.
    marks["pauses"] = [
        [(end - beats[0]) * 1000, (end - start) * 1000] for start, end in zip(beats, beats[1:])
    ]
    preparer = startup.kenes.preparer if startup.kenes else None
    marks["prepared"] = bool(preparer and preparer.done)
    marks["slices"] = len(preparer.slices) if preparer else 0
    span = preparer.span if preparer else None
    marks["span"] = [(t - beats[0]) * 1000 for t in span] if span else None
    from app.views.shell import slot
    for name, index in PAGES:
        marks[name + " built before"] = slot(window, index).built
        before = set(sys.modules)
        started = time.perf_counter()
        window.navigation.setCurrentRow(index)
        app.processEvents()
        window.repaint()
        marks[name] = (time.perf_counter() - started) * 1000
        marks[name + " imports"] = len(set(sys.modules) - before)
        marks[name + " built"] = slot(window, index).built
    app.quit()
def ready():
    app.processEvents()
    beats[:] = [time.perf_counter()]
    heart.start()
    QTimer.singleShot(IDLE_MS, clicks)
startup.ready.connect(ready)
app.exec()
print(json.dumps(marks), flush=True)
sys.stdin.readline()
window.close()
startup.close()
"""


def _child(archive: Path, prepare: bool, env: dict[str, str], table: bool = True) -> ChildRun:
    argv = ["0", str(archive), "1" if prepare else "0", "1" if table else "0"]
    head = f"import sys; sys.argv[1:] = {json.dumps(argv)}\n"
    head += f"PAGES = {PAGES!r}\nIDLE_MS = {IDLE_MS}\n"
    return run_child(head + CHILD, cwd=ROOT, env=env)


def measure(archive: Path, runs: int) -> tuple[list[ChildRun], list[ChildRun], list[ChildRun]]:
    """Runs with the preparation, without it, and with it but the calendar from the library."""
    env = offscreen_env()
    try:
        _child(archive, True, env)  # the first start in this home: checks and backs up
        _child(archive, False, env)
        new: list[ChildRun] = []
        old: list[ChildRun] = []
        library: list[ChildRun] = []
        for _ in range(runs):
            new.append(_child(archive, True, env))
            old.append(_child(archive, False, env))
            library.append(_child(archive, True, env, table=False))
    finally:
        remove_home(env)
    return new, old, library


def calendar_figures(new: list[ChildRun], library: list[ChildRun]) -> list[Figure]:
    """The first click on Meetings and the memory, the calendar from its table or the library."""

    def ms(runs: list[ChildRun], key: str) -> list[float]:
        return [float(str(r.report[key])) for r in runs]

    def mb(runs: list[ChildRun]) -> list[float]:
        return [r.rss_mb for r in runs]

    click, memory = median(ms(new, "Meetings")), median(mb(new))
    return [
        Figure(
            BENCH,
            "first click on Meetings, the work calendar read from its table",
            click,
            "ms",
            median(ms(library, "Meetings")),
            "the same click, the calendar from the holidays library",
            "≤ 150 ms",
            click <= 150,
            "runs: "
            + ", ".join(f"{x:.0f}" for x in ms(new, "Meetings"))
            + " ms against "
            + ", ".join(f"{x:.0f}" for x in ms(library, "Meetings"))
            + f" ms; modules imported by the click: {median(ms(new, 'Meetings imports')):.0f}"
            f" against {median(ms(library, 'Meetings imports')):.0f}.",
        ),
        Figure(
            BENCH,
            "resident memory after the three first clicks, the calendar from its table",
            memory,
            "MB",
            median(mb(library)),
            "the same, the calendar from the holidays library",
            "less than the baseline",
            memory < median(mb(library)),
            "VmRSS per run: "
            + ", ".join(f"{x:.0f}" for x in mb(new))
            + " MB against "
            + ", ".join(f"{x:.0f}" for x in mb(library))
            + " MB.",
        ),
    ]


def pause_within(run: ChildRun, span: object) -> float:
    """The longest pause of ``run`` that overlaps ``span`` (ms from the first beat); 0: none."""
    if not isinstance(span, list):
        return 0.0
    first, last = float(span[0]), float(span[1])
    found = [0.0]
    pauses = run.report["pauses"]
    assert isinstance(pauses, list)
    for end, length in pauses:
        if float(end) >= first and float(end) - float(length) <= last:
            found.append(float(length))
    return max(found)


def slices_figure(new: list[ChildRun], old: list[ChildRun]) -> Figure:
    """The longest pause while the preparer's slices run, against the same stretch without it."""
    spans = [r.report["span"] for r in new]
    during = [pause_within(r, span) for r, span in zip(new, spans, strict=True)]
    same = [pause_within(r, span) for r, span in zip(old, spans, strict=True)]
    lengths = [float(s[1]) - float(s[0]) for s in spans if isinstance(s, list)]
    value = median(during)
    return Figure(
        BENCH,
        "longest pause of the GUI thread while the preparer's slices run",
        value,
        "ms",
        median(same),
        "the same stretch of the wait, in the run without the preparation that followed",
        "≤ 16 ms",
        value <= 16,
        "per run: "
        + ", ".join(f"{x:.0f}" for x in during)
        + " ms against "
        + ", ".join(f"{x:.0f}" for x in same)
        + f" ms; the slices ran {median(lengths) if lengths else 0:.0f} ms (median), from "
        "the preparer's start to its last slice.",
    )


def built_by_click(run: ChildRun, name: str) -> bool:
    return bool(run.report[name + " built"]) and not run.report[name + " built before"]


def figures(new: list[ChildRun], old: list[ChildRun]) -> list[Figure]:
    def ms(runs: list[ChildRun], key: str) -> float:
        return median([float(str(r.report[key])) for r in runs])

    def pauses(runs: list[ChildRun]) -> list[float]:
        return [float(str(r.report["longest_pause_ms"])) for r in runs]

    pause = median(pauses(new))
    prepared = sum(bool(r.report["prepared"]) for r in new)
    found = []
    for name, _index in PAGES:
        value, baseline = ms(new, name), ms(old, name)
        runs_text = ", ".join(f"{float(str(r.report[name])):.0f}" for r in new)
        found.append(
            Figure(
                BENCH,
                f"first click on {name} in a fresh application, imports included",
                value,
                "ms",
                baseline,
                "the same click without the idle-time preparation",
                "≤ 150 ms",
                value <= 150,
                f"runs: {runs_text} ms; modules imported by the click: "
                f"{ms(new, name + ' imports'):.0f} (without the preparation "
                f"{ms(old, name + ' imports'):.0f}); the page built by the click in "
                f"{sum(built_by_click(r, name) for r in new)}"
                f" of {len(new)} runs; the preparation had finished before the click in "
                f"{prepared} of {len(new)} runs ({int(str(new[0].report['slices']))} slices).",
            )
        )
    found.append(
        Figure(
            BENCH,
            "longest pause of the GUI thread while the pages are prepared",
            pause,
            "ms",
            median(pauses(old)),
            "the same wait without the preparation",
            "≤ 16 ms",
            pause <= 16,
            "median over the runs of each run's longest pause; per run, with the "
            "preparation: "
            + ", ".join(f"{x:.0f}" for x in pauses(new))
            + " ms; without: "
            + ", ".join(f"{x:.0f}" for x in pauses(old))
            + " ms.",
        )
    )
    return found


def run(archive: Path, *, quick: bool = False) -> list[Figure]:
    # Kenes as installed: byte-compiled, as ``bench/run_all.py`` does.  Where
    # PYTHONDONTWRITEBYTECODE is set, every child would otherwise compile every module it
    # imports, and a module compiled on the preparer's thread holds the GUI thread for
    # the whole compile (one C call): a longest pause of 30-40 ms that is no user's.
    subprocess.run([sys.executable, "-m", "compileall", "-q", "app"], check=True, cwd=ROOT)
    new, old, library = measure(archive, 3 if quick else 5)
    return [*figures(new, old), slices_figure(new, old), *calendar_figures(new, library)]


def main() -> int:
    return bench_main("first click on a page", run)


if __name__ == "__main__":
    raise SystemExit(main())
