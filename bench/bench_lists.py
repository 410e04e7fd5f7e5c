"""6. Lists: first paint of the meetings list, a 2,000-meeting range, protocols, instructions.

The Meetings page (``MeetingsPage``) is built on the large archive, then:

* "meetings list": the page is shown again (as when the user comes back to it from the
  navigation; the page reloads its list when shown after being hidden) until the table
  has painted;
* "one council's year": the filters set to one council and one year (about 7 meetings);
* "2,000-meeting year range": the filters set to all councils over every year of the
  archive (2011–2025, all 2,000 meetings), until the table has painted.

And, for context, "first open": a new page built and shown until painted, as the main
window does the first time the user opens it (imports already done; the page loads its
list once, not again when first shown).

The Instructions page is built and shown with its usual filter (open instructions of every
council) until painted ("instructions list"), and its filter set to "all", for context.

The Protocols page (``ProtocolsPage``, every held meeting with its protocol and deadlines)
is built and shown, as when the user first opens it, until the table has painted ("protocols
list"); and reloaded (F5, or after an action) for context.

The list reads every matching meeting's id and date and builds the lines a page at a time
(``MeetingListModel.page_size``); "lines built" in the notes says how many it built.

Each is the median of 5 (3 in quick mode).  ``--growth SMALL LARGE`` compares the
Instructions page on the 1× and 2× archives (:func:`growth`).  The baseline is a bare
``QTableView`` over a ``QStandardItemModel`` of the same rows and columns of plain text,
shown and painted, what Qt itself costs.  Goal: first paint ≤ 100 ms.  (Resident memory
is measured by the start-up benchmark, in the same child processes.)
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.common import Figure, bench_main, median, timed

BENCH = "6. Lists and memory"
GOAL_MS = 100.0
TODAY = date(2025, 12, 15)  # the archive's last year is the current one


def bare_table_ms(rows: int, columns: int, runs: int) -> float:
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QApplication, QTableView

    app = QApplication.instance() or QApplication(sys.argv[:1])
    times = []
    for _ in range(runs):
        view = QTableView()
        view.resize(1100, 500)

        def show(v: QTableView = view) -> None:
            model = QStandardItemModel(rows, columns, v)
            for r in range(rows):
                for c in range(columns):
                    model.setItem(r, c, QStandardItem(f"{r}:{c}"))
            v.setModel(model)
            v.show()
            app.processEvents()

        times.append(timed(show) * 1000)
        view.close()
        view.deleteLater()
        app.processEvents()
    return median(times)


def run(archive: Path, *, quick: bool = False) -> list[Figure]:
    from PySide6.QtWidgets import QApplication

    from app.models.database import open_database
    from app.services.base import Actor
    from app.views.meetings_page import MeetingsPage

    runs = 3 if quick else 5
    app = QApplication.instance() or QApplication(sys.argv[:1])
    db = open_database(archive)
    try:
        opened = []
        for _ in range(runs + 1):  # the first also imports what the page needs

            def build_and_show() -> MeetingsPage:
                built = MeetingsPage(db, Actor("bench"), clock=lambda: TODAY)
                built.resize(1200, 800)
                built.show()
                app.processEvents()
                return built

            started = time.perf_counter()
            fresh = build_and_show()
            opened.append((time.perf_counter() - started) * 1000)
            fresh.close()
            fresh.deleteLater()
            app.processEvents()
        opened = opened[1:]
        page = MeetingsPage(db, Actor("bench"), clock=lambda: TODAY)
        page.resize(1200, 800)
        columns = page.model.columnCount()
        page.show()  # on screen once: every show below is the user coming back to it
        app.processEvents()
        first = []
        for _ in range(runs):
            page.hide()
            app.processEvents()

            def show() -> None:
                page.show()
                app.processEvents()

            first.append(timed(show) * 1000)
        default_rows = page.model.rowCount()
        default_built = page.model.loaded_rows()

        def year_of_one() -> None:
            page.set_filters(council_id=1, year=TODAY.year)
            app.processEvents()

        def every_year() -> None:
            page.set_filters(council_id=None, year=None)
            app.processEvents()

        one, everything = [], []
        for _ in range(runs):
            one.append(timed(year_of_one) * 1000)
            one_rows = page.model.rowCount()
            everything.append(timed(every_year) * 1000)
            all_rows = page.model.rowCount()
            all_built = page.model.loaded_rows()
        page.close()
        page.deleteLater()
        app.processEvents()
        protocols_opened, protocols_reloaded, protocol_rows, protocols_built = protocols(
            app, db, runs
        )
        instructions_opened, instructions_all, instruction_rows, instructions_built = instructions(
            app, db, runs
        )
    finally:
        db.close()
    shown, one_ms, all_ms, open_ms = median(first), median(one), median(everything), median(opened)
    bare_default = bare_table_ms(default_rows, columns, runs)
    bare_one = bare_table_ms(one_rows, columns, runs)
    bare_all = bare_table_ms(all_rows, columns, runs)
    return [
        Figure(
            BENCH,
            f"meetings list, first paint when opened ({default_rows} meetings)",
            shown,
            "ms",
            bare_default,
            "bare table of the same size",
            f"≤ {GOAL_MS:.0f} ms",
            shown <= GOAL_MS,
            note=f"lines built: {default_built}",
        ),
        Figure(
            BENCH,
            f"meetings list, one council's year ({one_rows} meetings)",
            one_ms,
            "ms",
            bare_one,
            "bare table of the same size",
            f"≤ {GOAL_MS:.0f} ms",
            one_ms <= GOAL_MS,
        ),
        Figure(
            BENCH,
            f"meetings list, 2011–2025 year range ({all_rows} meetings)",
            all_ms,
            "ms",
            bare_all,
            "bare table of the same size",
            f"≤ {GOAL_MS:.0f} ms",
            all_ms <= GOAL_MS,
            note=f"lines built: {all_built}",
        ),
        Figure(
            BENCH,
            f"meetings page, first open: built and shown ({default_rows} meetings)",
            open_ms,
            "ms",
            bare_default,
            "bare table of the same size",
            note="context: the page is built once, when the user first opens it",
        ),
        Figure(
            BENCH,
            f"protocols list, first paint when opened ({protocol_rows} held meetings)",
            protocols_opened,
            "ms",
            bare_table_ms(protocol_rows, 6, runs),
            "bare table of the same size",
            f"≤ {GOAL_MS:.0f} ms",
            protocols_opened <= GOAL_MS,
            note=f"lines built: {protocols_built}",
        ),
        Figure(
            BENCH,
            f"protocols list, reload ({protocol_rows} held meetings)",
            protocols_reloaded,
            "ms",
            note="context: F5, or after an action on a protocol",
        ),
        Figure(
            BENCH,
            f"instructions list, first paint when opened ({instruction_rows} open instructions)",
            instructions_opened,
            "ms",
            bare_table_ms(instruction_rows, 8, runs),
            "bare table of the same size",
            f"≤ {GOAL_MS:.0f} ms",
            instructions_opened <= GOAL_MS,
            note=f"lines built: {instructions_built}",
        ),
        Figure(
            BENCH,
            "instructions list, filter set to all",
            instructions_all,
            "ms",
            note="context: every instruction of the archive, their ids read in SQL order",
        ),
    ]


def first_paint(
    app: Any, make: Callable[[], Any], then: Callable[[Any], None], runs: int
) -> tuple[float, float, int, int]:
    """A new page built and shown until painted, and ``then`` on it until painted again.

    Medians (ms) of both, the page's rows and the lines it built; the first round also
    imports what the page needs and is not counted.
    """
    opened, after = [], []
    rows = built = 0
    for run in range(runs + 1):
        started = time.perf_counter()
        page = make()
        page.resize(1200, 800)
        page.show()
        app.processEvents()
        if run:
            opened.append((time.perf_counter() - started) * 1000)
            rows, built = page.model.rowCount(), page.model.loaded_rows()

            def action(shown: Any = page) -> None:
                then(shown)
                app.processEvents()

            after.append(timed(action) * 1000)
        page.close()
        page.deleteLater()
        app.processEvents()
    return median(opened), median(after), rows, built


def protocols(app: Any, db: Any, runs: int) -> tuple[float, float, int, int]:
    """First paint of a new Protocols page, and of a reload."""
    from app.services.base import Actor
    from app.views.protocols_page import ProtocolsPage

    return first_paint(
        app,
        lambda: ProtocolsPage(db, Actor("bench"), today=TODAY),
        lambda page: page.refresh(),
        runs,
    )


def instructions(app: Any, db: Any, runs: int) -> tuple[float, float, int, int]:
    """First paint of a new Instructions page (open ones), and of the filter "all"."""
    from app.services.base import Actor
    from app.views.instructions_page import InstructionsPage, Show

    return first_paint(
        app,
        lambda: InstructionsPage(db, Actor("bench"), today=TODAY),
        lambda page: page.set_filter(Show.ALL),
        runs,
    )


def growth(small: Path, large: Path, runs: int = 15) -> dict[str, Any]:
    """The Instructions page built and painted on two archives (1× and 2×), taking turns
    in one process, and the SQLite steps its queries take: ``--growth SMALL LARGE``.

    On a shared machine the times of two separate runs differ more than the archives do;
    turns in one process, their minimum and median, and the steps of SQLite's virtual
    machine (the same on every machine) show the growth.
    """
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import event

    from app.models.database import open_database
    from app.services.base import Actor
    from app.views.instructions_page import InstructionsPage

    app = QApplication.instance() or QApplication(sys.argv[:1])
    dbs = [open_database(small), open_database(large)]
    steps = [0]

    def tick() -> int:
        steps[0] += 1
        return 0

    def hook(conn: Any, *_rest: Any) -> None:
        conn.connection.driver_connection.set_progress_handler(tick, 100)

    def shown(db: Any) -> tuple[float, int, int]:
        steps[0] = 0
        started = time.perf_counter()
        page = InstructionsPage(db, Actor("bench"), today=TODAY)
        page.resize(1200, 800)
        page.show()
        app.processEvents()
        elapsed = (time.perf_counter() - started) * 1000
        rows = page.model.rowCount()
        page.close()
        page.deleteLater()
        app.processEvents()
        return elapsed, steps[0] * 100, rows

    found: dict[str, Any] = {}
    try:
        for db in dbs:
            event.listen(db.engine, "before_cursor_execute", hook)
            shown(db)  # imports, and SQLite's first reads of the file
        times: list[list[float]] = [[], []]
        for _ in range(runs):
            for which, db in enumerate(dbs):
                elapsed, vm_steps, rows = shown(db)
                times[which].append(elapsed)
                found[f"rows {which + 1}x"] = rows
                found[f"SQLite steps {which + 1}x"] = vm_steps
        for which in (0, 1):
            found[f"min ms {which + 1}x"] = round(min(times[which]), 1)
            found[f"median ms {which + 1}x"] = round(median(times[which]), 1)
        found["growth of the median"] = round(median(times[1]) / median(times[0]), 2)
        found["growth of the minimum"] = round(min(times[1]) / min(times[0]), 2)
        found["growth of the steps"] = round(found["SQLite steps 2x"] / found["SQLite steps 1x"], 2)
    finally:
        for db in dbs:
            db.close()
    return found


def main() -> int:
    if len(sys.argv) == 4 and sys.argv[1] == "--growth":
        print(growth(Path(sys.argv[2]), Path(sys.argv[3])))
        return 0
    return bench_main("meetings lists", run)


if __name__ == "__main__":
    raise SystemExit(main())
