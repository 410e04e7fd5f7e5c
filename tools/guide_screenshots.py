#!/usr/bin/env python3
"""Take the user guide's screenshots from the real application, offscreen, at 1366×768.

    .venv/bin/python tools/guide_screenshots.py [kk ru en]

Builds a throwaway database with the demo council (``app/services/demo.py``), its
signed demo meeting and a meeting in progress (as ``tools/screenshots.py`` does),
opens the main window, its pages and the main dialogs in each language and saves
PNG files to ``docs/guide/images/<lang>/``; the names are the ones the chapters of
``docs/guide/<lang>/`` show (``tests/test_guide.py`` checks that each exists).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "guide" / "images"
sys.path.insert(0, str(ROOT))

SIZE = (1366, 768)  # the common office laptop
TODAY = date(2026, 11, 20)  # the day of the meeting in progress


def settle(seconds: float = 0.6) -> None:
    """Let background reads finish and their results reach the widgets."""
    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QApplication

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QThreadPool.globalInstance().waitForDone(50)
        QApplication.processEvents()


def inner(slot, kind):  # type: ignore[no-untyped-def]
    """The page of class ``kind`` in ``slot`` (it may sit in a scroll area or a splitter)."""
    page = slot.page()
    return page if isinstance(page, kind) else page.findChild(kind)


def shoot(widget, lang: str, name: str) -> None:  # type: ignore[no-untyped-def]
    widget.show()
    settle()
    path = OUT / lang / f"{name}.png"
    widget.grab().save(str(path))
    print(path.relative_to(ROOT))


def language_shots(database, store, meeting: int, lang: str) -> None:  # type: ignore[no-untyped-def]
    """Every picture of the guide in ``lang``."""
    from app import desktop
    from app.services.base import SYSTEM
    from app.views.councils_page import CouncilsPage
    from app.views.live_meeting import LiveMeetingWindow
    from app.views.meeting_dialog import MeetingDialog
    from app.views.meetings_page import MeetingsPage
    from app.views.protocols_page import ProtocolsPage
    from app.views.qt_i18n import apply_language
    from app.views.shell import COUNCILS, MEETINGS, PROTOCOLS, slot

    apply_language(lang)
    (OUT / lang).mkdir(parents=True, exist_ok=True)
    window = desktop.build_main_window(store, database)
    window.set_database_name("kenes.sqlite3")  # not the throwaway folder's path
    window.resize(*SIZE)
    window.navigation.setCurrentRow(COUNCILS)
    window.show()
    settle()
    councils = inner(slot(window, COUNCILS), CouncilsPage)
    councils.composition.set_date(date(2026, 1, 1))  # type: ignore[attr-defined]
    shoot(window, lang, "councils")

    window.navigation.setCurrentRow(MEETINGS)
    settle()
    meetings = inner(slot(window, MEETINGS), MeetingsPage)
    meetings.select_meeting(meeting)  # type: ignore[attr-defined]
    shoot(window, lang, "meetings")

    dialog = MeetingDialog(database, SYSTEM, council_id=1, day=TODAY, parent=window)
    shoot(dialog, lang, "meeting-dialog")
    dialog.reject()

    window.navigation.setCurrentRow(PROTOCOLS)
    settle()
    protocols = inner(slot(window, PROTOCOLS), ProtocolsPage)
    rows = protocols.rows()  # type: ignore[attr-defined]
    if rows:
        protocols.select_meeting(rows[0].due.meeting_id)  # type: ignore[attr-defined]
    shoot(window, lang, "protocols")

    live = LiveMeetingWindow(database, SYSTEM, meeting)
    live.resize(*SIZE)
    shoot(live, lang, "live-meeting")
    live.close()
    window.close()


def main(argv: list[str]) -> int:
    home = Path(tempfile.mkdtemp(prefix="kenes-guide-shots-"))
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        os.environ[var] = str(home / var.lower())
    from app import gui, settings
    from app.models.database import open_database
    from app.services.base import SYSTEM
    from app.services.demo import create_demo
    from app.services.demo_meeting import create_demo_meeting
    from app.views.qt_i18n import apply_language
    from tools.screenshots import meeting_in_progress

    gui.ensure_application()
    database = open_database(home / "kenes.sqlite3")
    create_demo(database, SYSTEM)
    create_demo_meeting(database, SYSTEM)
    meeting = meeting_in_progress(database, SYSTEM)
    store = settings.Settings(home / "config")
    for lang in argv or ["kk", "ru", "en"]:
        language_shots(database, store, meeting, lang)
    apply_language("en")
    database.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
