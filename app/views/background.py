"""Long work off the GUI thread, with a progress dialog; results come back on the GUI thread.

As in Picard's ``util/thread.py``: the worker never touches a widget; it emits
a signal that Qt delivers to the GUI thread, where the caller's callbacks run.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, func: Callable[[], Any], signals: _Signals) -> None:
        super().__init__()
        self.func = func
        self.signals = signals

    @Slot()
    def run(self) -> None:
        try:
            result = self.func()
        except BaseException as exc:
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


class BackgroundTask(QObject):
    """One piece of background work; keep a reference until it finishes."""

    finished = Signal()

    def __init__(
        self,
        func: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
        *,
        parent: QWidget | None = None,
        label: str = "",
    ) -> None:
        super().__init__(parent)
        self._signals = _Signals()
        # Emitted on a worker thread, received by this object on the GUI thread: Qt
        # queues the call (an automatic connection; naming the type would load PySide's
        # ``Qt`` namespace, about 20 ms, before the main window is shown).
        self._signals.done.connect(self._done)
        self._signals.failed.connect(self._failed)
        self._on_done = on_done
        self._on_error = on_error
        self.progress: QProgressDialog | None = None
        if label:
            from PySide6.QtCore import Qt

            self.progress = QProgressDialog(label, "", 0, 0, parent)
            self.progress.setCancelButton(None)
            self.progress.setWindowModality(Qt.WindowModality.WindowModal)
            self.progress.setMinimumDuration(300)
        self._job = _Job(func, self._signals)
        self._job.setAutoDelete(False)
        self.running = False

    def start(self) -> None:
        self.running = True
        QThreadPool.globalInstance().start(self._job)

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.reset()
            self.progress.deleteLater()
            self.progress = None

    @Slot(object)
    def _done(self, result: object) -> None:
        self.running = False
        self._close_progress()
        self._on_done(result)
        self.finished.emit()

    @Slot(object)
    def _failed(self, exc: object) -> None:
        self.running = False
        self._close_progress()
        assert isinstance(exc, BaseException)
        self._on_error(exc)
        self.finished.emit()
