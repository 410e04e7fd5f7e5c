"""Fixtures shared by the exchange tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.models.database import open_database
from app.services.base import SYSTEM
from app.services.exchange.export_archive import export_archive


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The demo database (a meeting with a signed protocol, a decision adopted 11-3) and its
    exported ZIP."""
    from app.services.demo import create_demo
    from app.services.demo_meeting import create_demo_meeting

    folder = tmp_path_factory.mktemp("demo")
    db = open_database(folder / "demo.sqlite3")
    create_demo(db, SYSTEM)
    create_demo_meeting(db, SYSTEM)
    export_archive(db, folder / "demo.kenes.zip")
    db.close()
    return folder / "demo.sqlite3", folder / "demo.kenes.zip"
