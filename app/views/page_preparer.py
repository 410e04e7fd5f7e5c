"""The pages nobody has opened yet, prepared while the user looks at the first one.

The first click on a page in a fresh application imported the page's module and all it
uses before building it: Meetings took 444 ms, most of it imports.  Once the window is
filled, :class:`PagePreparer` imports those modules on a worker thread, one module per
slice: the GUI thread never waits for a slice (Python hands the interpreter back to it
every millisecond while the preparer runs, ``sys.setswitchinterval``), and between slices
the worker is idle.

Given the open database, it then reads once, on the worker and in a read-only session of
its own, what a page reads when first built (``prepare_reads`` of the modules in
:data:`PAGE_READS`): SQLAlchemy compiles each statement the first time it runs on an
engine and keeps it in the engine's cache (thread-safe, shared by every session), and the
ORM builds its loading plans once; the Meetings page spent about 50 ms of its first click
on that.  Nothing is kept but those caches, and nothing is written.

When it starts, the objects the start made (modules, classes, the first page) are
frozen out of the garbage collector's full passes (``gc.freeze``): a full pass over them
took 40-130 ms with the interpreter held, and the preparation's imports and reads (or the
first click) set one off on their own, a pause of the GUI thread that long.  They live as
long as the application anyway; the few cycles already garbage then are not reclaimed.

The pages themselves are still built when first shown: building reads their records, and
work on widgets belongs to the GUI thread.
"""

from __future__ import annotations

import gc
import importlib
import logging
import sys
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from app.views.background import BackgroundTask

if TYPE_CHECKING:
    from app.services.handles import Database

log = logging.getLogger(__name__)

PAGE_MODULES = (
    "app.views.meetings_page",
    "app.views.protocols_page",
    "app.views.search_panel",
    "app.views.instructions_page",
    "app.views.live_meeting",
    "app.views.exchange_dialogs",
)
"""What the pages after the first need, in the order a user most often opens them.

The work calendar needs nothing more: ``app/calendar_kz.py`` reads the years its table
holds from a JSON file and imports the ``holidays`` library (300 modules; importing it on
the worker held the GUI thread for 80-500 ms in one piece) only for a year outside it.
"""
PAGE_READS = ("app.views.meetings_page", "app.views.protocols_page", "app.views.instructions_page")
"""Modules whose ``prepare_reads(db)`` reads what their page reads when first built."""
READS_FUNCTION = "prepare_reads"
SWITCH_INTERVAL = 0.001
FREEZE_STARTUP_OBJECTS = True
"""Freeze what the start made out of the collector's full passes when the preparer starts."""


class PagePreparer(QObject):
    """Imports ``modules`` one per background slice, then reads what ``reads`` need.

    ``finished`` when all are done.  Without a database only the imports are done.
    """

    finished = Signal()

    def __init__(
        self,
        modules: Sequence[str] = PAGE_MODULES,
        parent: QObject | None = None,
        *,
        database: Database | None = None,
        reads: Sequence[str] = PAGE_READS,
    ):
        super().__init__(parent)
        self.remaining = [name for name in modules if name not in sys.modules]
        self._reads = list(reads) if database is not None else []
        self._database = database
        self.slices: list[tuple[str, float]] = []  # slice, seconds on the worker
        self._task: BackgroundTask | None = None
        self._interval: float | None = None
        self.done = False
        self.span: tuple[float, float] | None = None  # perf_counter at start and at the end
        self._started = 0.0

    def start(self) -> None:
        # The worker hands the interpreter back to the GUI thread every millisecond instead
        # of every five while it works (put back when it is done).
        self._started = time.perf_counter()
        if FREEZE_STARTUP_OBJECTS:
            gc.freeze()
        self._interval = sys.getswitchinterval()
        sys.setswitchinterval(min(self._interval, SWITCH_INTERVAL))
        self._next()

    def _next(self) -> None:
        work = self._next_work()
        if work is None:
            self._finish()
            return
        self._task = BackgroundTask(work, self._sliced, self._failed)
        self._task.start()

    def _next_work(self) -> Callable[[], tuple[str, float]] | None:
        """The next slice: a module to import, else a page's first reads; None: all done."""
        if self.remaining:
            name = self.remaining.pop(0)
            return _timed(name, lambda: importlib.import_module(name))
        if self._reads and self._database is not None:
            module, database = self._reads.pop(0), self._database
            return _timed(f"{module}.{READS_FUNCTION}", lambda: _read(module, database))
        return None

    def _finish(self) -> None:
        if self._interval is not None:
            sys.setswitchinterval(self._interval)
            self._interval = None
        self.done = True
        self.span = (self._started, time.perf_counter())
        self._task = None
        self._database = None  # the preparer holds no database once done
        self.finished.emit()

    def _sliced(self, result: tuple[str, float]) -> None:
        self.slices.append(result)
        self._next()

    def _failed(self, exc: BaseException) -> None:
        # Not fatal: the page imports and reads again when opened, and says what is wrong then.
        log.warning("preparing a page failed: %s", exc)
        self._next()


def _timed(name: str, work: Callable[[], Any]) -> Callable[[], tuple[str, float]]:
    """``work`` timed: the slice's name and its seconds on the worker."""

    def timed() -> tuple[str, float]:
        started = time.perf_counter()
        work()
        return name, time.perf_counter() - started

    return timed


def _read(module: str, database: Database) -> None:
    """The page's first reads (a module without ``prepare_reads`` has none)."""
    reads = getattr(importlib.import_module(module), READS_FUNCTION, None)
    if reads is not None:
        reads(database)
