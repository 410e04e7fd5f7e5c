#!/usr/bin/env python3
"""Bring the catalogs up to date while several people add messages at once.

    .venv/bin/python tools/catalogs_sync.py

Extracts every marked message into the kk/ru/en catalogs (as ``tasks.py
catalogs`` does), fills the translations kept in ``translations/pending/*.json``
(the format of ``tools/po_fill.py``), and compiles the catalogs.  A lock file
serialises concurrent runs, and each run rebuilds the catalogs from the sources
and every pending file, so no run loses another's translations.  Prints the
messages still untranslated; exits 0 all the same.
"""

from __future__ import annotations

import fcntl
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import tasks  # noqa: E402
from tools import po_fill  # noqa: E402

PENDING = ROOT / "translations" / "pending"


def merged_pending() -> dict[str, dict[str, object]]:
    data: dict[str, dict[str, object]] = {}
    for path in sorted(PENDING.glob("*.json")):
        for key, value in json.loads(path.read_text(encoding="utf-8")).items():
            data.setdefault(key, {}).update(value)
    return data


def main() -> int:
    PENDING.mkdir(exist_ok=True)
    with (ROOT / "translations" / ".sync.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        tasks.update_catalogs()
        with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8") as fh:
            json.dump(merged_pending(), fh, ensure_ascii=False)
            fh.flush()
            po_fill.main(fh.name)
        tasks.compile_catalogs()
    return 0


if __name__ == "__main__":
    sys.exit(main())
