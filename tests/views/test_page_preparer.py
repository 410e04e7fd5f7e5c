"""The pages' modules are imported in idle time, one slice per module, off the GUI thread."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app import settings
from app.views.page_preparer import PAGE_MODULES, PagePreparer

STAND_INS = ("kenes_page_a", "kenes_page_b", "kenes_page_c")


@pytest.fixture
def unloaded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, ...]]:
    """Modules that stand for the pages' modules; each notes the thread that imported it."""
    for name in STAND_INS:
        (tmp_path / f"{name}.py").write_text(
            "import threading\nTHREAD = threading.current_thread().name\n"
        )
        sys.modules.pop(name, None)
    monkeypatch.syspath_prepend(str(tmp_path))
    yield STAND_INS
    for name in STAND_INS:
        sys.modules.pop(name, None)


def test_each_module_is_one_slice_on_a_worker_thread(
    qtbot: QtBot, unloaded: tuple[str, ...]
) -> None:
    preparer = PagePreparer(unloaded)
    assert preparer.remaining == list(unloaded)
    with qtbot.waitSignal(preparer.finished, timeout=10_000):
        preparer.start()
    assert [name for name, _seconds in preparer.slices] == list(unloaded)
    assert preparer.done
    main = threading.main_thread().name
    assert all(main != sys.modules[name].THREAD for name in unloaded)


def test_what_is_loaded_already_is_not_a_slice(qtbot: QtBot) -> None:
    preparer = PagePreparer(("json", "pathlib"))
    assert preparer.remaining == []
    with qtbot.waitSignal(preparer.finished, timeout=1_000):
        preparer.start()
    assert preparer.slices == []


def test_a_module_that_fails_does_not_stop_the_others(
    qtbot: QtBot, unloaded: tuple[str, ...]
) -> None:
    preparer = PagePreparer(("app.views.no_such_page", *unloaded))
    with qtbot.waitSignal(preparer.finished, timeout=10_000):
        preparer.start()
    assert [name for name, _seconds in preparer.slices] == list(unloaded)


def test_the_desktop_prepares_the_pages_without_building_them(tmp_path: Path, qtbot: QtBot) -> None:
    from app.desktop import KenesApp
    from app.views.shell import INSTRUCTIONS, MEETINGS, PROTOCOLS, shell_window, slot

    store = settings.Settings(tmp_path / "config")
    store.user.set(settings.BACKUP_DIR, str(tmp_path / "backups"))
    kenes = KenesApp(store, tmp_path / "kenes.sqlite3")
    assert kenes.open()
    window = shell_window(store, "kenes")
    qtbot.addWidget(window)
    kenes.attach(window)
    assert kenes.preparer is not None
    qtbot.waitUntil(lambda: kenes.preparer is not None and kenes.preparer.done, timeout=20_000)
    assert all(name in sys.modules for name in PAGE_MODULES)
    assert not any(slot(window, index).built for index in (MEETINGS, PROTOCOLS, INSTRUCTIONS))
    kenes.close()
