"""One exception hook: log every unexpected error and show it, and keep running.

Qt swallows exceptions raised in slots after calling ``sys.excepthook``; this
hook makes them visible (an error dialog with copyable details) and written
to the log file, instead of a silent exit.  Errors from worker threads are
handed to the GUI thread through a signal (queued across threads); the dialog
itself waits for the event loop, so it never runs inside the failing call.
"""

from __future__ import annotations

import logging
import sys
import threading
from types import TracebackType

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication

from app.domain.errors import KenesError

log = logging.getLogger("kenes.crash")


class ExceptionHook(QObject):
    """Installed as ``sys.excepthook`` and ``threading.excepthook``."""

    raised = Signal(str, str, object)  # summary, details, KenesError or None

    def __init__(self, *, show_dialogs: bool = True) -> None:
        super().__init__()
        self.show_dialogs = show_dialogs
        self._showing = False
        self.last: tuple[str, str] | None = None
        self.raised.connect(self._defer)

    def install(self) -> None:
        self._previous = (sys.excepthook, threading.excepthook)
        sys.excepthook = self.handle
        threading.excepthook = self._handle_thread

    def uninstall(self) -> None:
        previous = getattr(self, "_previous", None)
        if previous is not None:
            sys.excepthook, threading.excepthook = previous

    def handle(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            QApplication.quit()
            return
        from app.views.messages import format_exception

        summary, details = format_exception(exc_type, exc, tb)
        known = exc if isinstance(exc, KenesError) else None
        if known is None:
            log.error("unexpected error: %s\n%s", summary, details)
        else:
            log.warning("refused: %s", known.message())
        self.last = (summary, details)
        self.raised.emit(summary, details, known)

    def _handle_thread(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            self.handle(args.exc_type, args.exc_value, args.exc_traceback)

    @Slot(str, str, object)
    def _defer(self, summary: str, details: str, known: object) -> None:
        # On the GUI thread now; show the dialog from the event loop (as a queued
        # connection would, without loading PySide's ``Qt`` namespace at start).
        QTimer.singleShot(0, lambda: self._show(summary, details, known))

    def _show(self, summary: str, details: str, known: object) -> None:
        if not self.show_dialogs or self._showing:
            return
        self._showing = True
        try:
            parent = QApplication.activeWindow()
            if isinstance(known, KenesError):
                from app.views.messages import show_refusal

                show_refusal(parent, known)
            else:
                from app.views.messages import ErrorDialog

                ErrorDialog(summary, details, parent).exec()
        finally:
            self._showing = False
