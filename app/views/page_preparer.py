"""The pages nobody has opened yet, prepared while the user looks at the first one.

The first click on a page in a fresh application imported the page's module and all it
uses before building it: Meetings took 444 ms, most of it imports.  Once the window is
filled, :class:`PagePreparer` imports those modules on a worker thread, one module per
slice: the GUI thread never waits for a slice (Python hands the interpreter back to it
every few milliseconds, ``sys.getswitchinterval()``), and between slices the worker is idle.
The pages themselves are still built when first shown: building reads their records, and
work on widgets belongs to the GUI thread.
"""

from __future__ import annotations

import importlib
import logging
import sys
import time
from collections.abc import Sequence

from PySide6.QtCore import QObject, Signal

from app.views.background import BackgroundTask

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
SWITCH_INTERVAL = 0.001


class PagePreparer(QObject):
    """Imports ``modules`` one per background slice; ``finished`` when all are loaded."""

    finished = Signal()

    def __init__(self, modules: Sequence[str] = PAGE_MODULES, parent: QObject | None = None):
        super().__init__(parent)
        self.remaining = [name for name in modules if name not in sys.modules]
        self.slices: list[tuple[str, float]] = []  # module, seconds on the worker
        self._task: BackgroundTask | None = None
        self._interval: float | None = None
        self.done = False

    def start(self) -> None:
        # The worker hands the interpreter back to the GUI thread every millisecond instead
        # of every five while it imports (put back when it is done).
        self._interval = sys.getswitchinterval()
        sys.setswitchinterval(min(self._interval, SWITCH_INTERVAL))
        self._next()

    def _next(self) -> None:
        if not self.remaining:
            if self._interval is not None:
                sys.setswitchinterval(self._interval)
                self._interval = None
            self.done = True
            self._task = None
            self.finished.emit()
            return
        name = self.remaining.pop(0)

        def work() -> tuple[str, float]:
            started = time.perf_counter()
            importlib.import_module(name)
            return name, time.perf_counter() - started

        self._task = BackgroundTask(work, self._sliced, self._failed)
        self._task.start()

    def _sliced(self, result: tuple[str, float]) -> None:
        self.slices.append(result)
        self._next()

    def _failed(self, exc: BaseException) -> None:
        # Not fatal: the page imports it again when opened, and says what is wrong then.
        log.warning("preparing a page failed: %s", exc)
        self._next()
