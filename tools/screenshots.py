#!/usr/bin/env python3
"""Take the documentation's screenshots from the real application, offscreen.

    .venv/bin/python tools/screenshots.py [--protocols]

Writes PNG files to docs/images/ from a throwaway database with the demo
council, its signed demo meeting, and a meeting in progress: the windows, and
the demo protocol's first page and first annex page in kk, ru and en
(``--protocols``: only those).
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import UTC, date, datetime, time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "images"
sys.path.insert(0, str(ROOT))


def meeting_in_progress(db, actor) -> int:  # type: ignore[no-untyped-def]
    """A session of the demo council with attendance and some votes recorded."""
    from app.domain.meeting import MeetingKind
    from app.domain.voting import Choice
    from app.services.agenda.add_item import add_item
    from app.services.agenda.common import ItemData
    from app.services.conduct.attendance import record_attendance
    from app.services.conduct.decisions import add_decision_point
    from app.services.conduct.voting import cast_ballot
    from app.services.meetings.approve_agenda import approve_agenda
    from app.services.meetings.common import MeetingData
    from app.services.meetings.notify_members import notify_members
    from app.services.meetings.plan_meeting import plan_meeting
    from app.services.seats import composition

    day = date(2026, 11, 20)
    planned = plan_meeting(db, actor, 1, MeetingData(
        kind=MeetingKind.REGULAR, day=day, starts_at=time(10, 0), ends_at=time(12, 0),
        place_kk="Астана қ., Үкімет үйі", place_ru="г. Астана, Дом Правительства",
        place_en="Astana, Government House"))
    meeting = planned.meeting.id
    titles = [("Инновациялық кластердің 2026 жылғы есебі туралы",
               "Об отчёте инновационного кластера за 2026 год",
               "On the report of the innovation cluster for 2026"),
              ("Венчурлық қорды құру туралы", "О создании венчурного фонда",
               "On establishing a venture fund")]
    items = [add_item(db, actor, meeting, ItemData(title_kk=kk, title_ru=ru, title_en=en)).item_id
             for kk, ru, en in titles]
    approve_agenda(db, actor, meeting, at=datetime(2026, 11, 10, 6, tzinfo=UTC))
    notify_members(db, actor, meeting, "kk", at=datetime(2026, 11, 11, 6, tzinfo=UTC))
    people = [line.person.id for line in composition(db, 1, day) if line.person]
    for person in people:
        record_attendance(db, actor, meeting, person, person != people[-1],
                          "" if person != people[-1] else "іссапар")
    point = add_decision_point(db, actor, items[0], {
        "kk": "Есеп назарға алынсын.", "ru": "Принять отчёт к сведению.",
        "en": "Take note of the report."})
    for person in people[:9]:
        cast_ballot(db, actor, point.id, person, Choice.FOR)
    cast_ballot(db, actor, point.id, people[9], Choice.AGAINST)
    return meeting


def protocol_pages(database) -> None:  # type: ignore[no-untyped-def]
    """The demo protocol as issued, page 1 and the first annex page, in kk, ru and en.

    Rendered from the issued PDF with PDFium (as the in-app preview renders it), at
    70 dpi: docs/images/protocol-{lang}-page1.png and protocol-{lang}-annex.png.
    """
    from app.services.protocols.documents import protocol_pdf, protocol_snapshot
    from app.views.pdf_preview import PDFIUM_LOCK, close_pdf, open_pdf, render_page

    for lang in ("kk", "ru", "en"):
        labels = protocol_snapshot(database, 1, lang).labels
        annex_title = labels.get("roll_call_title") or labels.get("annex_roll_call", "")
        opened = open_pdf(protocol_pdf(database, 1, lang))
        document = opened.document
        annex = 0
        with PDFIUM_LOCK:
            for index in range(len(document)):
                page = document[index]
                text = page.get_textpage().get_text_range()
                page.close()
                if annex_title and " ".join(annex_title.split()) in " ".join(text.split()):
                    annex = index
                    break
        for name, index in (("page1", 0), ("annex", annex)):
            path = OUT / f"protocol-{lang}-{name}.png"
            render_page(document, index, 70 / 72).save(str(path))
            print(path.relative_to(ROOT))
        close_pdf(document)


def main() -> int:
    home = Path(tempfile.mkdtemp(prefix="kenes-shots-"))
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        os.environ[var] = str(home / var.lower())
    from app import desktop, gui, settings
    from app.models.database import open_database
    from app.services.base import SYSTEM
    from app.services.demo import create_demo
    from app.services.demo_meeting import create_demo_meeting
    from app.views.live_meeting import LiveMeetingWindow
    from app.views.qt_i18n import apply_language
    from app.views.shell import COUNCILS, slot

    app = gui.ensure_application()
    OUT.mkdir(parents=True, exist_ok=True)
    database = open_database(home / "kenes.sqlite3")
    create_demo(database, SYSTEM)
    create_demo_meeting(database, SYSTEM)
    meeting = meeting_in_progress(database, SYSTEM)
    store = settings.Settings(home / "config")
    protocol_pages(database)
    if "--protocols" in sys.argv[1:]:  # only the protocol pages
        database.close()
        return 0

    def shoot(widget, name: str) -> None:  # type: ignore[no-untyped-def]
        widget.show()
        for _ in range(5):
            app.processEvents()
        path = OUT / f"{name}.png"
        widget.grab().save(str(path))
        print(path.relative_to(ROOT))

    for lang in ("kk", "ru", "en"):
        apply_language(lang)
        window = desktop.build_main_window(store, database)
        window.resize(1280, 760)
        window.navigation.setCurrentRow(0)
        councils = slot(window, COUNCILS).page()
        councils.composition.set_date(date(2024, 1, 1))  # type: ignore[attr-defined]
        shoot(window, f"main-window-{lang}")
        if lang == "kk":
            shoot(councils.composition, "composition-kk")  # type: ignore[attr-defined]
            window.navigation.setCurrentRow(1)
            shoot(window, "meetings-kk")
            window.navigation.setCurrentRow(2)
            shoot(window, "protocols-kk")
            live = LiveMeetingWindow(database, SYSTEM, meeting)
            live.resize(1400, 850)
            shoot(live, "live-meeting-kk")
            live.close()
        window.close()
    apply_language("en")
    database.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
