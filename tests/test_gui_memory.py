"""app/gui.py: what a fresh start holds in memory once the first page is filled (issue 20).

A mechanism test, not a timed one: a new process starts Kenes as ``kenes`` does (``app.gui``
first, then ``Startup``) on a real database holding the demo council, waits until the
Councils page is filled, and lists the heavy libraries and the modules that page does not
need.  They are imported when their action is first used (the PDF preview and printing,
ReportLab, the spreadsheet and DOCX writers, the review window, the page's dialogs).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from app import desktop

HEAVY = ("reportlab", "pikepdf", "pypdfium2", "PIL", "openpyxl", "docx", "icalendar")
"""Libraries that neither the first page nor the other pages need until an action."""

DEFERRED = (
    "PySide6.QtPrintSupport",
    "app.views.review_window",
    "app.views.pdf_preview",
    "app.views.printing",
    "app.views.council_dialog",
    "app.views.people_dialogs",
    "app.views.add_member_dialog",
    "app.views.seat_dialog",
    "app.views.appoint_dialog",
    "app.views.composition_io_dialogs",
    "app.services.compositions.export_composition_pdf",
    "app.services.compositions.export_composition_xlsx",
)
"""Kenes modules the Councils page offers through an action but does not need to show."""

CHILD = """
import json, linecache, sys
from pathlib import Path
from app.gui import Startup, ensure_application
from app import settings
from app.views.shell import COUNCILS, slot

HEAVY, DEFERRED = json.loads(sys.argv[3])
app = ensure_application()
store = settings.Settings(Path(sys.argv[2]))
startup = Startup(store, sys.argv[1], demo=False)
window = startup.start()
startup.ready.connect(app.quit)
app.exec()
app.processEvents()

def loaded(names):
    return sorted(n for n in names if n in sys.modules)

def heavy():
    return sorted({n.split(".")[0] for n in sys.modules} & set(HEAVY))

report = {
    "built": slot(window, COUNCILS).built,
    "first_heavy": heavy(),
    "first_deferred": loaded(DEFERRED),
    "sources_read": sorted(f for f in linecache.cache if "/app/" in f.replace("\\\\", "/")),
}
for index in range(window.stack.count()):
    window.navigation.setCurrentRow(index)
    slot(window, index).page()  # built when shown; here at once, whatever the timing
    app.processEvents()
report["every_page_built"] = all(slot(window, i).built for i in range(window.stack.count()))
report["every_heavy"] = heavy()
print(json.dumps(report), flush=True)
window.close()
startup.close()
"""


def _start(tmp_path: Path) -> dict[str, object]:
    db_path = tmp_path / "kenes.sqlite3"
    desktop.open_store(db_path, None, demo=True).close()  # the demo council, made here
    home = tmp_path / "home"
    env = {k: v for k, v in os.environ.items() if not k.startswith("KENES_")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[var] = str(home / var.lower())  # the start's backup goes there, not to the user's
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            CHILD,
            str(db_path),
            str(tmp_path / "config"),
            json.dumps([HEAVY, DEFERRED]),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return report


def test_the_first_page_loads_neither_heavy_libraries_nor_its_dialogs(tmp_path: Path) -> None:
    report = _start(tmp_path)
    assert report["built"] is True  # the Councils page was filled from the database
    assert report["first_heavy"] == []
    assert report["first_deferred"] == []
    # PySide's import hook read no Kenes source (app/views/pyside_imports.py, imported first).
    assert report["sources_read"] == []
    # Opening every page still loads no PDF, spreadsheet or DOCX library: only their actions do.
    assert report["every_page_built"] is True
    assert report["every_heavy"] == []
