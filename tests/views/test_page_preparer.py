"""The pages' modules are imported in idle time, one slice per module, off the GUI thread.

Given the database, the preparer then reads what a page reads when first built, on the
worker too: the engine's statement cache is filled, no page is built, nothing is written.
"""

from __future__ import annotations

import gc
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app import settings
from app.models.database import Database
from app.views.page_preparer import PAGE_MODULES, PagePreparer

STAND_INS = ("kenes_page_a", "kenes_page_b", "kenes_page_c")


@pytest.fixture(autouse=True)
def unfrozen() -> Iterator[None]:
    """The preparer freezes what exists out of the collector's passes: undone for the suite."""
    yield
    gc.unfreeze()


@pytest.fixture
def unloaded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, ...]]:
    """Modules that stand for the pages' modules; each notes the thread that imported it."""
    for name in STAND_INS:
        (tmp_path / f"{name}.py").write_text(
            "import threading\nTHREAD = threading.current_thread().name\nREAD = []\n"
            "def prepare_reads(db):\n"
            "    READ.append((db, threading.current_thread().name))\n"
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


def test_given_the_database_the_reads_follow_the_imports_on_the_worker(
    qtbot: QtBot, unloaded: tuple[str, ...], database: Database
) -> None:
    preparer = PagePreparer(unloaded, database=database, reads=unloaded[:1])
    with qtbot.waitSignal(preparer.finished, timeout=10_000):
        preparer.start()
    names = [name for name, _seconds in preparer.slices]
    assert names == [*unloaded, f"{unloaded[0]}.prepare_reads"]
    read = sys.modules[unloaded[0]].READ
    assert [db for db, _thread in read] == [database]
    assert read[0][1] != threading.main_thread().name
    assert sys.modules[unloaded[1]].READ == []  # only the pages asked for


def test_without_the_database_nothing_is_read(qtbot: QtBot, unloaded: tuple[str, ...]) -> None:
    preparer = PagePreparer(unloaded, reads=unloaded)
    with qtbot.waitSignal(preparer.finished, timeout=10_000):
        preparer.start()
    assert [name for name, _seconds in preparer.slices] == list(unloaded)
    assert all(sys.modules[name].READ == [] for name in unloaded)


def test_reads_that_fail_do_not_stop_the_others(
    qtbot: QtBot, unloaded: tuple[str, ...], database: Database
) -> None:
    reads = ("app.views.no_such_page", unloaded[0])
    preparer = PagePreparer((), database=database, reads=reads)
    with qtbot.waitSignal(preparer.finished, timeout=10_000):
        preparer.start()
    assert [name for name, _seconds in preparer.slices] == [f"{unloaded[0]}.prepare_reads"]
    assert preparer.done


def test_the_meetings_reads_fill_the_statement_cache_build_nothing_write_nothing(
    qtbot: QtBot, database: Database, db_path: Path
) -> None:
    from PySide6.QtWidgets import QApplication

    from app.views.meetings_page import MeetingsPage
    from tests.services.meeting_helpers import DAY, ME, item, make_world, plan

    world = make_world(database)
    for week in range(3):
        meeting = plan(database, world, day=DAY.replace(day=1 + 7 * week), number=1 + week)
        item(database, meeting)
    cache = database.engine._compiled_cache
    assert cache is not None
    cache.clear()
    before = db_path.read_bytes()
    preparer = PagePreparer((), database=database, reads=("app.views.meetings_page",))
    with qtbot.waitSignal(preparer.finished, timeout=20_000):
        preparer.start()
    assert [name for name, _seconds in preparer.slices] == ["app.views.meetings_page.prepare_reads"]
    assert db_path.read_bytes() == before
    assert not any(isinstance(w, MeetingsPage) for w in QApplication.allWidgets())
    warmed = set(cache.keys())
    assert warmed
    # The page's first build compiles nothing more: its statements are in the cache.
    page = MeetingsPage(database, ME, clock=lambda: DAY)
    qtbot.addWidget(page)
    assert page.model.rowCount() == 3
    assert set(cache.keys()) == warmed


@pytest.mark.parametrize("module", ["app.views.protocols_page", "app.views.instructions_page"])
def test_the_protocols_and_instructions_reads_cover_their_first_build(
    qtbot: QtBot, database: Database, db_path: Path, module: str
) -> None:
    import importlib

    from tests.services.conduct_helpers import ME
    from tests.services.protocol_helpers import held_meeting

    held_meeting(database)  # a held meeting, its decision and an open instruction
    cache = database.engine._compiled_cache
    assert cache is not None
    cache.clear()
    before = db_path.read_bytes()
    preparer = PagePreparer((), database=database, reads=(module,))
    with qtbot.waitSignal(preparer.finished, timeout=20_000):
        preparer.start()
    assert [name for name, _seconds in preparer.slices] == [f"{module}.prepare_reads"]
    assert db_path.read_bytes() == before
    warmed = set(cache.keys())
    assert warmed
    page_class = {
        "app.views.protocols_page": "ProtocolsPage",
        "app.views.instructions_page": "InstructionsPage",
    }[module]
    page = getattr(importlib.import_module(module), page_class)(database, ME)
    qtbot.addWidget(page)
    assert page.model.rowCount() == 1
    assert set(cache.keys()) == warmed


def test_what_the_start_made_leaves_the_collectors_full_passes(
    qtbot: QtBot, unloaded: tuple[str, ...]
) -> None:
    gc.unfreeze()
    made_at_start = type("MadeAtStart", (), {})()
    preparer = PagePreparer(unloaded)
    with qtbot.waitSignal(preparer.finished, timeout=10_000):
        preparer.start()
    assert gc.get_freeze_count() > 0
    assert not any(obj is made_at_start for obj in gc.get_objects())  # frozen: not scanned
    assert preparer.span is not None and preparer.span[0] <= preparer.span[1]
