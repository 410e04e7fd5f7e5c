#!/usr/bin/env python3
"""Take the documentation's screenshots from the real application, offscreen.

    .venv/bin/python tools/screenshots.py

Writes PNG files to docs/images/ (a throwaway database and settings are used).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "images"


def main() -> int:
    home = Path(tempfile.mkdtemp(prefix="kenes-shots-"))
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        os.environ[var] = str(home / var.lower())
    from app import gui, settings
    from app.models.database import open_database
    from app.views.qt_i18n import apply_language

    app = gui.ensure_application()
    OUT.mkdir(parents=True, exist_ok=True)
    database = open_database(home / "kenes.sqlite3")
    store = settings.Settings(home / "config")
    for lang in ("kk", "ru", "en"):
        apply_language(lang)
        window = gui.build_main_window(store, database)
        window.resize(1100, 680)
        window.show()
        app.processEvents()
        path = OUT / f"main-window-{lang}.png"
        window.grab().save(str(path))
        print(path.relative_to(ROOT))
        window.close()
    database.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
