"""Background work: the function runs on a worker thread, its result or error comes back on the
GUI thread, and the progress dialog goes away either way."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.views.background import BackgroundTask


def test_the_result_comes_back_on_the_gui_thread(qtbot: QtBot) -> None:
    worker: list[threading.Thread] = []
    received: list[tuple[object, threading.Thread]] = []

    def work() -> int:
        worker.append(threading.current_thread())
        return 42

    task = BackgroundTask(
        work,
        lambda result: received.append((result, threading.current_thread())),
        lambda exc: received.append((exc, threading.current_thread())),
    )
    with qtbot.waitSignal(task.finished, timeout=5000):
        task.start()
        assert task.running

    assert received == [(42, threading.main_thread())]
    assert worker and worker[0] is not threading.main_thread()
    assert not task.running


def test_an_error_is_handed_to_on_error_not_on_done(qtbot: QtBot) -> None:
    done: list[object] = []
    errors: list[BaseException] = []

    def work() -> None:
        raise OSError("The disk is full.")

    task = BackgroundTask(work, done.append, errors.append)
    with qtbot.waitSignal(task.finished, timeout=5000):
        task.start()

    assert done == []
    assert len(errors) == 1 and isinstance(errors[0], OSError)
    assert str(errors[0]) == "The disk is full."
    assert not task.running


def test_a_label_shows_a_progress_dialog_that_closes_when_done(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    gate = threading.Event()
    task = BackgroundTask(
        gate.wait, lambda _r: None, lambda _e: None, parent=parent, label="Copying…"
    )
    progress = task.progress
    assert progress is not None
    assert progress.labelText() == "Copying…"
    assert (progress.minimum(), progress.maximum()) == (0, 0)  # a busy indicator

    with qtbot.waitSignal(task.finished, timeout=5000):
        task.start()
        gate.set()

    assert task.progress is None


def test_without_a_label_there_is_no_progress_dialog(qtbot: QtBot) -> None:
    results: list[object] = []
    task = BackgroundTask(lambda: "ok", results.append, lambda _e: None)
    assert task.progress is None

    with qtbot.waitSignal(task.finished, timeout=5000):
        task.start()

    assert results == ["ok"]
