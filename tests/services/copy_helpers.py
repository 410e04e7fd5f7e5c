"""An archive to copy (the demo council with its signed meeting) and its export to compare."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

from app.models.database import Database
from app.services.base import Actor
from app.services.demo import create_demo
from app.services.demo_meeting import create_demo_meeting
from app.services.exchange.export_archive import export_archive

ME = Actor("secretary")
STAMPS = ("exported_at",)
# The moment the document was written: the document's own, not a record's.
DOCUMENT_STAMPS = ("created_at",)


def fill(database: Database) -> None:
    create_demo(database, ME)
    create_demo_meeting(database, ME)


def exported(database: Database, path: Path) -> dict[str, Any]:
    """The exchange document of the whole archive, without the moment of the export."""
    export_archive(database, path, embed_materials=False)
    text = path.read_text(encoding="utf-8") if not zipfile.is_zipfile(path) else ""
    document = json.loads(text)
    for key in DOCUMENT_STAMPS:
        document.pop(key, None)
    _drop(document)
    return document


def _drop(value: Any) -> None:
    if isinstance(value, dict):
        for key in STAMPS:
            value.pop(key, None)
        for inner in value.values():
            _drop(inner)
    elif isinstance(value, list):
        for inner in value:
            _drop(inner)
